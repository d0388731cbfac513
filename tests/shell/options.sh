# 2.14 set: -e and its exceptions, -u, -x with PS4, -f, -C, -a, -n, -v,
# -o pipefail, set -o/+o, $-.
(set -e; false; echo "not reached") ; echo "e-subshell=$?"
(set -e; false || true; echo "or-left ok")
(set -e; false && true; echo "and-left ok")
(set -e; ! true; echo "bang ok")
(set -e; if false; then :; fi; echo "if-cond ok")
(set -e; while false; do :; done; echo "while-cond ok")
(set -e; f() { false; echo "in f after false"; }; f || echo "f failed"; echo "f-tested ok")
(set -e; { false; echo no; }; echo no) ; echo "e-group=$?"
(set -e; x=$(false); echo "assign-subst=$?") ; echo "e-assign=$?"
(set -e; true && false; echo no) ; echo "e-and-right=$?"
(set -e; false | true; echo "pipe-last ok")
(set -e; (false); echo no); echo "e-sub-fail=$?"
(set -u; echo "${unset_u-default}"; echo "${unset_u:+alt}x")
(set -u; echo "$unset_u") 2>/dev/null; echo "u-status=$?"
(set -u; set -- a; echo "$1 $#"; echo "$@")
(set -x; echo traced) 2>trace.txt; cat trace.txt
(PS4='>> '; set -x; a=1 b="x y"; echo "$a" "$b" 'q' ) 2>trace2.txt; cat trace2.txt
touch g1 g2; (set -f; echo g*); echo g*
(set -C; echo new > g1) 2>/dev/null; echo "C-status=$?"; echo over >| g1; cat g1
(set -C; echo new > /dev/null; echo "devnull ok")
(set -a; av=exported; sh -c 'echo "child sees $av"')
(false | true; echo "no-pipefail=$?")
(set -e; set +e; false; echo "plus-e ok")
(set -o errexit; case $- in *e*) echo "dash-e in \$-";; esac)
(set -f; set -u; case $- in *f*u*|*u*f*) echo "f and u in \$-";; esac)
(set -o noglob; set +o | grep -q 'set -o noglob' && echo "+o lists noglob")
(set -o | grep -q '^noglob' && echo "-o lists noglob")
(set +o | sh -c 'while read s o n; do case $o$n in -onoglob|+onoglob) echo "$s $o $n";; esac; done')
set -- a b c; set -e; set +e; echo "params kept: $*"
set -- ; echo "cleared: $#"
set -- -x y; echo "dash-dash: $1 $2"
set - z; echo "single-dash: $1"
sh -n -c 'echo not run'; echo "n-status=$?"
sh -n -c 'if true; then' 2>/dev/null; echo "n-syntax=$?"
sh -v -c 'echo verbose' 2>/dev/null
sh -e -c 'false; echo no'; echo "sh-e=$?"
sh -c 'set -e; if false; then :; else echo else-ok; fi'

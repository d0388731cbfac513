# Odds and ends across the standard: traps with signals, $-, alias,
# subshell exits, special parameters in functions, eval and quoting.
trap 'echo "caught TERM"' TERM; kill -TERM $$; echo "after TERM"
trap 'echo "in loop trap"; stop=1' USR2
stop=0; i=0; while [ $stop = 0 ]; do i=$((i + 1)); [ $i = 3 ] && kill -USR2 $$; done; echo "stopped at $i"
trap - TERM USR2
(trap 'echo sub-exit $?' EXIT; exit 3); echo "sub=$?"
(exit 4) || echo "or after exit 4"
f() { echo "in f: \$#=$# \$*=$*"; shift; echo "shifted: $*"; }; f a b c
f() { echo "count ${#}"; }; f "" ""
g() { echo "$@"; }; set -- x "y z"; g "$@"; g "$*"
h() { echo "h0=${0##*/}"; }; h
alias say='echo said'
say hello
alias q=quiet_cmd_unused; unalias q; alias q 2>/dev/null || echo "unaliased"
alias hi='echo hi;'
hi echo again
s='a b'; eval "echo \"$s\""; eval 'echo "$s"'
eval "v1=1 v2=2"; echo "$v1$v2"
x='$HOME'; eval "y=$x"; [ "$y" = "$HOME" ] && echo "eval expanded"
set -- 1 2 3 4 5 6 7 8 9 10 11; echo "${10} ${11} $#"
echo "$((1+1))$((2*3))"
unset v; echo "${v:-d1} ${v-d2} ${v:=d3} $v"
echo "${#HOME}" > /dev/null && echo "length ok"
a=hello.tar.gz; echo "${a%.*} ${a%%.*} ${a#*.} ${a##*.}"
p='*'; echo "${a#$p}" "${a#"$p"}"
echo $(echo one; echo two) "$(echo one; echo two)"
IFS=:; set -- $(echo a:b:c); echo "$# $2"; IFS=' 	
'
readonly FIXED=1; export FIXED; sh -c 'echo "child FIXED=$FIXED"'
command -v if
type : | sed 's/ special//'
echo "end"
umask u=rwx,g=rx,o=; umask
umask 022; umask g+w,o-r; umask
umask 077; umask a+r; umask; umask -S
(trap "echo sub-exit" EXIT; /bin/true); (trap "echo in-pipe" EXIT; true) | cat
# A signal ignored when a non-interactive shell starts stays ignored:
# trap neither catches nor resets it, and lists nothing for it.
(trap '' USR1; sh -c 'trap "echo caught" USR1; kill -s USR1 $$
	trap - USR1; kill -s USR1 $$; trap; echo "USR1 still ignored"')
# exit without a number in a trap's action exits with $? as it was before
# the action (the last command's before it), not the action's own.
sh -c 'trap "(exit 1); exit" EXIT; (exit 2); exit'; echo "bare exit in EXIT trap: $?"
sh -c 'trap "(exit 1); exit" USR1; (exit 3); kill -s USR1 $$'; echo "in USR1 trap: $?"

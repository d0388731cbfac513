# 2.14 special builtins and the regular ones the shell runs itself:
# eval, readonly, trap, read, printf, echo, test, getopts, command, type,
# wait, kill, true, false.
eval 'echo eval1'
eval echo '"a  b"'
cmd='x=5; echo "x=$x"'; eval "$cmd"
eval; echo "eval-empty=$?"
false; eval 'echo "eval sees $?"'
eval 'false'; echo "eval-status=$?"
eval 'for i in 1 2; do echo "eval-loop $i"; done'
readonly ro=1; echo "ro=$ro"
(ro=2) 2>/dev/null; echo "ro-assign=$?"
readonly -p | grep -q "readonly ro='1'" && echo "readonly -p lists"
readonly rq; (rq=later) 2>/dev/null || echo "rq blocked"
trap 'echo trapped-exit' EXIT
trap 'echo got-usr1' USR1; kill -USR1 $$; echo after-kill
trap - USR1
trap | grep -c EXIT
trap '' HUP; trap | grep HUP
(trap 'echo sub-exit' EXIT; echo in-sub)
trap 'echo int' INT; trap - INT; trap | grep -c INT
echo "a b c" | { read x y; echo "x=$x y=$y"; }
echo "a b c" | { read x; echo "x=$x"; }
echo "a" | { read x y; echo "x=$x y=[$y]"; }
echo '  lead  trail  ' | { read x; echo "[$x]"; }
echo 'a\b c\
d' | { read x y; echo "x=$x y=$y"; }
echo 'a\b' | { read -r x; echo "raw=$x"; }
echo "1:2:3" | { IFS=: read a b c; echo "$a-$b-$c"; }
echo "1::3" | { IFS=: read a b c; echo "$a-[$b]-$c"; }
printf 'no-newline' | { read x; echo "st=$? x=$x"; }
{ read first; read second; } <<EOF2
line1
line2
EOF2
echo "$first / $second"
printf '%s\n' one two three | while read l; do echo "l=$l"; done
printf '%s-%s\n' a b c
printf '%d %i %o %x %X %u\n' 42 -7 8 255 255 3
printf '%5s|%-5s|%.2s\n' ab ab abcdef
printf '%05d|%+d|% d|%-4d|\n' 42 5 5 7
printf '%c%c\n' hello world
printf '%b\n' 'a\tb' 'c\\d' 'e\0101'
printf 'esc: \101\t\\ \n'
printf '%%\n'
printf '%d\n' "'A"
printf '%s\n'
printf '%*d|%-*d|\n' 4 1 3 2
printf '%.3f %e %g\n' 3.14159 1000 0.5
printf 'x\cy\n'; echo
echo plain words
echo -n no-newline; echo
echo 'tab\there'
echo 'stop\cnot'
echo -e x
echo '\0101'
test 1 -eq 1 && echo eq
test a = b || echo ne
[ -n "x" ] && echo n
[ -z "" ] && echo z
[ ! -e nonexistent ] && echo not-exists
touch file1; [ -d . ] && [ -f file1 ] && echo d-f
[ 2 -gt 1 -a 3 -lt 4 ] && echo and
[ 1 -gt 2 -o 3 -lt 4 ] && echo or
[ \( 1 = 1 \) ] && echo paren
[ "" ] || echo empty-false
[ x ] && echo one-arg
[ ! ] && echo bang-alone
[ -5 -lt 3 ] && echo negative
[ abc \< abd ] && echo lt
[ = ] && echo eq-alone
[ 010 -eq 10 ] && echo decimal
test; echo "test-none=$?"
touch -d '2020-01-01' old; touch new; [ new -nt old ] && [ old -ot new ] && echo nt-ot
[ old -ef old ] && echo ef
set -- -a -b arg -c val rest
while getopts abc: opt; do echo "opt=$opt OPTARG=${OPTARG-}"; done; echo "OPTIND=$OPTIND"
OPTIND=1; while getopts :x opt -y; do echo "quiet=$opt arg=$OPTARG"; done
OPTIND=1; while getopts ab opt -ab -- -a; do echo "group=$opt"; done; echo "end=$OPTIND"
OPTIND=1; getopts :c: opt -c; echo "missing=$opt arg=$OPTARG"
command -v echo; command -v cd; command -v sh >/dev/null && echo sh-found
f() { :; }; command -v f
command -v nosuch || echo "v-missing=$?"
command echo via-command
echo() { printf 'func\n'; }; command echo bypass; unset -f echo
type type | sed 's/ special//'
type f | head -n 1
type if
command -V cd
sleep 0.1 & wait $!; echo "wait=$?"
(exit 3) & wait $!; echo "wait-status=$?"
sh -c 'exit 4' & p=$!; wait $p; echo "wait-pid=$?"
true & true & wait; echo "wait-all=$?"
sleep 10 & kill $!; wait $! 2>/dev/null; echo "killed=$?"
kill -l 15; kill -l 137
true; echo "true=$?"; false; echo "false=$?"
# The last name of read takes the rest of the line; a delimiter that is
# not white space ends it only when the rest is one field.
printf '%s\n' 'a-b-c - ' 'a-b-c-d-' 'a b -' | while IFS=' -' read x y z; do
	echo "[$x] [$y] [$z]"
done
# OPTIND starts at 1, whatever the environment says.
OPTIND=7 sh -c 'echo "OPTIND at start: $OPTIND"'
# command makes a special builtin regular: its errors do not end the
# shell, but exec keeps its redirections. command -v writes an alias as
# the command that defines it.
(command . ./no-such-file 2>/dev/null; echo "after command .: $?")
command exec 4<<END
kept by command exec
END
cat <&4; exec 4<&-
alias greet='echo hello'
command -v greet
unalias greet

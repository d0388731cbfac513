# 2.9.5 Function Definition Command; return, local, positional parameters.
f() { echo "f args: $# [$1] [$2]"; }
f a "b c"
f; echo "status=$?"
g() {
	echo "g sees $1"
	return 3
	echo never
}
g x; echo "g=$?"
h() { false; }; h; echo "h=$?"
set -- outer1 outer2
k() { set -- inner; echo "k: $*"; }
k; echo "after k: $*"
count() { echo $#; }; count "$@"; count "$*"; count
rec() { if [ "$1" -gt 0 ]; then echo "rec $1"; rec $(($1 - 1)); fi; }
rec 3
fact() { if [ $1 -le 1 ]; then echo 1; else echo $(($1 * $(fact $(($1 - 1))))); fi; }
fact 6
v=global
setv() { v=changed; }; setv; echo "v=$v"
lv() { local v=local; echo "in lv: $v"; }; lv; echo "after lv: $v"
lv2() { local v; v=inner; echo "lv2: $v"; }; lv2; echo "after lv2: $v"
nested() { local v=n1; inner() { echo "inner sees $v"; }; inner; }; nested; echo "after nested: $v"
redef() { echo one; }; redef; redef() { echo two; }; redef
unset -f redef; command -v redef >/dev/null || echo "redef gone"
fr() { echo "to stderr" >&2; } 2>/dev/null; fr
fo() { echo "in fo"; } > fo.txt; fo; cat fo.txt
fsub() ( cd /; echo "subshell body $(pwd)" ); fsub
echo=shadow; echo() { printf 'my echo: %s\n' "$*"; }; echo hi; unset -f echo; echo plain
tmpvar() { echo "T=$T"; }; T=temp tmpvar; echo "T after=${T-unset}"
ret() { return $1; }; ret 0 && echo r0; ret 1 || echo r1; ret 255; echo "r255=$?"
loopret() { for i in 1 2 3; do if [ $i = 2 ]; then return $i; fi; done; }; loopret; echo "loopret=$?"
brk() { while true; do break; done; echo "after break"; }; brk
f0() { echo "\$0 is ${0##*/}"; }; f0
retlast() { (exit 5); return; }; retlast; echo "retlast=$?"
# return leaves a . script, at its top or from inside a loop, not the shell.
printf 'echo in-dot\nreturn 4\necho not-here\n' > dot_ret.sh
. ./dot_ret.sh; echo "after dot=$?"
for f in ./dot_ret.sh; do . "$f"; done; echo "after loop dot=$?"
indot() { . ./dot_ret.sh; echo "in function after dot=$?"; return 6; }; indot; echo "indot=$?"
rm dot_ret.sh

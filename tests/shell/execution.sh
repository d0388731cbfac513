# 2.9.1 Command Search and Execution, 2.12 Shell Execution Environment,
# and the sh utility's invocation.
printf 'echo "no shebang: $0 $1"\n' > script; chmod +x script
./script arg | sed 's|\./||'
printf 'exit 7\n' > ex7; chmod +x ex7; ./ex7; echo "enoexec-status=$?"
nosuch_command 2>/dev/null; echo "not-found=$?"
touch noexec; ./noexec 2>/dev/null; echo "not-executable=$?"
{ sh -c 'kill -9 $$'; } 2>/dev/null; echo "signal=$?"
x=1; (x=2; echo "sub x=$x"); echo "main x=$x"
(cd /; echo "sub in /"); [ "$(pwd)" != / ] && echo "cwd kept"
f() { :; }; (unset -f f); command -v f >/dev/null && echo "func kept"
y=1 : ; echo "special keeps y=$y"
z=1 true; echo "regular drops z=${z-unset}"
w=1 export w2=2; echo "w=$w w2=$w2"
sh -c 'echo "c: $0 $1 $2"' name a b
sh -c 'echo "c no name: $#"'
echo 'echo "s: $1 $2"' | sh -s p q
echo 'echo from stdin' | sh
[ "$PPID" = "$(sh -c 'echo $PPID')" ] || echo "PPID differs in child as expected"
sh -c '[ "$PPID" -gt 0 ] && echo "PPID set"'
echo "\$\$ same in subshell: $( [ "$(echo $$)" = "$$" ] && echo yes)"
echo 'if true; then echo in-file; fi' > f.sh; sh f.sh
sh -c 'exit 3'; echo "sh-c-exit=$?"
printf 'echo a\nexit 4\necho b\n' | sh; echo "stdin-exit=$?"
cat <<EOF2 | while read l; do echo "hd:$l"; done
$(echo one)
two
EOF2
if true; then
	cat <<-EOF3
	indented
		tab-stripped
	EOF3
fi
f2() {
	cat <<EOF4
in function $1
EOF4
}
f2 arg
echo "$(cat <<EOF5
inside subst
EOF5
)"
a=$(echo a; echo b); echo "$a"
echo "nested $(echo "$(echo deep)")"
echo `echo back \`echo tick\``
PATH=/nonexistent:$PATH; hash -r; echo "hash cleared"; command -v sh >/dev/null && echo "still found"
exec 3>fd3.txt; echo to-fd3 >&3; exec 3>&-; cat fd3.txt
exec < /dev/null; read x || echo "exec redirected stdin"

# break and continue (2.14), with counts, in nested loops and through eval.
for i in 1 2 3; do for j in a b c; do [ $j = b ] && break; echo "$i$j"; done; done
for i in 1 2 3; do for j in a b c; do [ $j = b ] && break 2; echo "$i$j"; done; done; echo "after break 2"
for i in 1 2 3; do for j in a b c; do [ $j = b ] && continue 2; echo "$i$j"; done; echo never; done
for i in 1 2; do for j in 1 2; do for k in 1 2; do [ $k = 2 ] && continue 3; echo "$i$j$k"; done; done; done
for i in 1 2; do break 5; done; echo "break-too-many i=$i"
i=0; while :; do i=$((i + 1)); [ $i -gt 3 ] && break; [ $i = 2 ] && continue; echo "w$i"; done
i=0; until [ $i -ge 3 ]; do i=$((i + 1)); eval 'if [ $i = 2 ]; then continue; fi'; echo "u$i"; done
for i in 1 2 3; do eval "break"; echo never; done; echo "eval-break i=$i"
for i in 1 2 3; do (break); echo "sub-break $i"; done 2>/dev/null
for i in a b; do case $i in a) continue;; esac; echo "case-continue $i"; done
f() { for i in 1 2 3; do [ $i = 2 ] && return 9; done; }; f; echo "return-in-loop=$?"
for i in 1 2; do g() { echo "def in loop $i"; }; g; done
i=0; while [ $i -lt 3 ]; do i=$((i + 1)); done > /dev/null; echo "i=$i"
n=0; while read -r a; do n=$((n + a)); done <<EOF2
1
2
3
EOF2
echo "sum=$n"
for i in 1 2; do cat <<EOF3
heredoc $i
EOF3
done
for x in a b; do for y in 1 2; do printf '%s%s ' $x $y; done; done; echo
i=5; while [ $i -gt 0 ]; do i=$((i - 2)); done; echo "ended i=$i"
while false; do :; done; echo "status=$?"
for i in 1; do false; done; echo "for-status=$?"
for i in 1 2; do [ $i = 2 ] && break; false; done; echo "break-status=$?"
x=0; while [ $x -lt 2 ]; do x=$((x + 1)); continue; done; echo "continue-status=$? x=$x"
loop() { while :; do break; done; echo "loop in func"; }; for i in 1; do loop; done

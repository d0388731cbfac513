# Lists (POSIX 2.9.3): ; && || & and newlines.
echo a; echo b
true && echo and-ran
false && echo not-printed
false || echo or-ran
true || echo not-printed
# && and || have equal precedence and group from the left.
false && echo x || echo y
true || echo x && echo z
false || false || echo third
true && true && echo all
# The status of a list is that of its last command run.
false; echo $?
true && false
echo $?
false || true
echo $?
# Newlines may follow && and ||.
true &&
echo after-and
false ||
echo after-or
# & runs in the background without waiting.
(sleep 1; echo late > late.txt) &
echo not waiting
test -f late.txt || echo not there yet
sleep 2
cat late.txt
# A background command reads /dev/null, not the shell's input.
echo data | { cat & sleep 1; }
echo done

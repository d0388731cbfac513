# Variable assignments (POSIX 2.9.1).
a=1
b=$a c="two words"
echo $a $b "$c"
# No field splitting and no pathname expansion in assignments.
touch star1 star2
d=$c e=*
echo "$d" "$e"
# Before a command, assignments go to its environment only.
f=outer
f=inner sh -c 'echo $f'
echo $f
g=temp sh -c 'echo "[$g]"'
echo "[$g]"
# ... exported even if the variable itself is not.
h=shell
h=env sh -c 'echo $h'
sh -c 'echo "[$h]"'
# Assignments happen left to right.
i=1 j=$i
echo $j
# A word is an assignment only before the command name.
echo k=1
echo "[$k]"
# Quoted or invalid names are not assignments.
'l'=1 2>/dev/null || echo not an assignment
1m=2 2>/dev/null || echo not a name
# Values may hold = and be empty.
n=a=b o=
echo "$n" "[$o]"
# Command substitution in an assignment sets $?.
p=$(false)
echo $?
q=$(true)
echo $?

# Field splitting (POSIX 2.6.5) and "$@" / "$*" (2.5.2).
x='  a  b   c  '
printf '<%s>' $x; echo
printf '<%s>' "$x"; echo
# Only the results of expansions are split, never literal text.
IFS=:
printf '<%s>' a:b $x; echo
y='a:b::c:'
printf '<%s>' $y; echo
# White space in IFS is special: runs of it are one separator.
IFS=' :'
z=' a : b  ::c '
printf '<%s>' $z; echo
# An empty IFS splits nothing.
IFS=
printf '<%s>' $z; echo
unset IFS
printf '<%s>' $z; echo
# Expansions that come out empty vanish, unless quoted.
empty=
printf '<%s>' $empty "$empty" $empty$empty x; echo
# "$@" keeps each parameter a field; "$*" joins them with IFS's first.
set -- 'a b' '' c
printf '<%s>' "$@"; echo
printf '<%s>' $@; echo
printf '<%s>' "$*"; echo
IFS=-
printf '<%s>' "$*"; echo
unset IFS
printf '<%s>' pre"$@"post; echo
# "$@" with no parameters is no field at all.
set --
printf '<%s>' "$@" end; echo
printf '<%s>' "" "$@"; echo
# The word of ${x-word} is part of the result, so it is split as well.
x=1
printf '<%s>' ${x:+a  b} "${x:+a  b}" ${unset_y:-c  d} ${unset_y:-c\ d}; echo
# Command substitution results are split too.
printf '<%s>' $(echo ' one  two '); echo
# Assignments are not split.
set -- 'p q' r
v=$*
printf '<%s>' "$v"; echo
w="$@"
printf '<%s>' "$w"; echo

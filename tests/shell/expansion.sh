# Parameter expansion (POSIX 2.6.2) and tilde expansion (2.6.1).
x=value
echo $x ${x} "$x" "${x}s" $x.s
# Unset and empty: - and = and ? and +, without and with the colon.
unset u
e=
echo "${u-default}" "${e-default}" "${u:-default}" "${e:-default}"
echo "${u+alt}" "${e+alt}" "${x+alt}" "${e:+alt}" "${x:+alt}"
echo "${u=assigned}" "$u"
echo "${e:=filled}" "$e"
(echo ${nothing?not set}) 2>/dev/null || echo error status $?
echo "${x?}" "${x:?}"
# The word of ${x-word} is expanded itself.
HOME=/home/user
echo ${u2-$x} "${u2-"quoted word"}" ${u2:-'single'} ${u2-~/dir}
# Length.
long=abcdef
empty=
echo ${#long} ${#empty} ${#nothing}
# Removing a prefix or a suffix by pattern, shortest and longest.
path=/usr/lib/file.tar.gz
echo ${path#*/} ${path##*/} ${path%.*} ${path%%.*}
echo ${path#nomatch} ${path%"*"} "${path%.t*}"
# Quoted pattern characters are literal.
star='a*b*c'
echo "${star#*\*}" "${star%'*'*}"
# Tilde: HOME at the start of a word, not when quoted or inside a word.
echo ~ ~/bin "~" \~ a~ "~/x"
# In an assignment a tilde may also follow a colon.
p=~/a:~/b
echo $p
# Command substitution: both forms, nested, trailing newlines removed.
echo $(echo hello) `echo world`
echo "$(echo "$(echo nested)")"
echo `echo \`echo old nested\``
out=$(printf 'a\n\n\n')
echo "[$out]"
echo "[$(printf '\n\nb\n')]"
# $( ) runs in a subshell: its variables do not come back.
v=outer
echo $(v=inner; echo $v) $v
# A lone $ is itself.
echo $ "a$" "$"
# The value is taken before the pattern is expanded: it may assign it.
x=abc; echo "${x#$((x=1))}|$x"
x=a1; echo "${x%$((x=1))}|$x"
# The ')' that ends $(...) is found by parsing the commands in it (2.6.3):
# not the ')' of a case pattern, in a comment or in a here-document.
echo "[$(case a in a) echo pattern;; esac)]"
echo "[$(
	echo comment # (not a) parenthesis)
)]"
echo "[$(cat <<'END'
here )
END
)]"
x=${unset:-$(case b in (b) echo nested;; esac)}; echo "[$x]"
echo "[$(echo "$(case c in c) echo inner;; esac)")]"

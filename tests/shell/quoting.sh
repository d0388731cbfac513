# Quoting (POSIX 2.2): backslash, single quotes, double quotes.
printf '<%s>\n' a\ b 'c  d' "e  f"
# In single quotes everything is literal, backslash included.
printf '<%s>\n' 'a\b $HOME `x` "q"'
# In double quotes a backslash quotes only $ ` " \ and newline.
printf '<%s>\n' "\$ \` \" \\ \a \n"
# Unquoted, a backslash quotes any character.
printf '<%s>\n' \a\b\$\"\'\\
# Quotes join the parts of one word.
printf '<%s>\n' "a"'b'c\ d"" ''e
# Empty quotes make an empty argument; nothing at all makes none.
printf '<%s>' '' "" x; printf '\n'
# Special characters lose their meaning inside quotes.
printf '<%s>\n' "a|b;c&d" 'e>f<g' "(h)" '#i' "{j}"
# A # starts a comment only at the start of a word.
printf '<%s>\n' a#b # a comment
# A single quote inside double quotes, and the other way round.
printf '<%s>\n' "it's" 'say "hi"'
# Backslash-newline joins lines, outside quotes and in double quotes,
printf '<%s>\n' ab\
cd "ef\
gh"
# but stays in single quotes.
printf '<%s>\n' 'ij\
kl'
# Quotes can span lines.
printf '<%s>\n' "one
two"
# Operators need no spaces around them.
printf 'a\n'&&printf 'b\n';printf 'c\n'
# A backslash-newline goes before tokens are formed, so it may split an
# operator: these are && and ||, >> and >&, <> and <&, >|, ;; and <<-.
true &\
& printf 'and\n' |\
| printf 'not run\n'
printf 'first\n' >\
> out; printf 'second\n' >\
>out 2>\
&1; cat out
exec 3<\
>out; cat <\
&3; exec 3<&-
set -C; printf 'clobbered\n' >\
|out; set +C; cat out
case x in x) printf 'case\n' ;\
; esac
cat <\
<\
-\
EOF
	here
	EOF

# Pathname expansion (POSIX 2.6.6).
mkdir dir
touch b.txt a.txt c.log .hidden dir/inner 'sp ace'
echo *
echo *.txt ?.log
echo [ab].txt [!a].txt
echo dir/*
# A leading dot must be matched explicitly.
echo .h*
# No match leaves the pattern as it was.
echo *.none "q?z"
# Quoted pattern characters are literal.
echo "*" '*.txt' \*.txt
# Results of unquoted expansions are patterns too; quoted ones are not.
pattern='*.log'
echo $pattern "$pattern"
# A file name with a space stays one field.
printf '<%s>' sp*; echo
# Quoted characters inside brackets are ordinary there too: a quoted ']'
# does not close, a quoted '-' is no range, a quoted '!' does not negate.
touch -- ']x' '-y' '!z' m
echo ["]"]* [a"-"c]* ["!"]* [\]]x
echo [a\-c] [\!a]z
case ']' in ["]"]) echo quoted-bracket;; esac
case '-' in [a"-"z]) echo quoted-dash;; esac
case m in [a"-"z]) echo wrong-range;; *) echo no-range;; esac
v=']-'; echo "${v#["]"]}" "${v%[\-]}"
# Whole paths are sorted: a-b/x before a/x, as strcmp has them.
mkdir a a-b && touch a/x a-b/x
echo */x
# A pattern ending in '/' matches directories only.
echo *b/
# A bracket class; an unclosed '[' is an ordinary character.
echo [[:upper:][:punct:]]* [x

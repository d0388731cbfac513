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

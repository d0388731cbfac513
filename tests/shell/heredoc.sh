# Here-documents (POSIX 2.7.4).
name=world
cat <<END
hello $name
$(echo substituted) `echo old`
\$name is quoted, \\ is one backslash, \" stays
'single' "double"
END
# A quoted delimiter takes the body literally.
cat <<'END'
hello $name \$name `echo no`
END
cat <<"END"
also $name
END
cat <<\END
and $name
END
# <<- removes leading tabs, from the body and the delimiter line.
cat <<-END
	tabbed $name
		twice
	END
# Two here-documents on one line are read in order.
cat <<ONE; cat <<TWO
first
ONE
second
TWO
# A here-document can feed a pipeline and a builtin's input.
cat <<END | tr a-z A-Z
shout
END
# An empty body.
cat <<END
END
echo after
# Backslash-newline in an unquoted body joins lines.
cat <<END
joined \
line
END
# In backquotes in a here-document, \" is a quote as in double quotes.
cat <<END
`printf '%s\n' \"backquoted\"`
END

# Commands that continue on the next line (POSIX 2.3, 2.10).
echo one |
	tr a-z A-Z
true &&
	echo and
false ||

	echo or after a blank line
echo "a
multi-line
string"
echo 'single
quoted'
echo back\
slash
long\
command=joined
echo $longcommand
(
	echo in
	echo parens
)
{ echo in; echo braces
}
# Several commands on one line, and a comment after them.
echo x; echo y & sleep 1; echo z # the end

# dash differs: dash 0.5.12 has no set -o pipefail (POSIX.1-2024) and leaves $LINENO empty (POSIX.1-2017 2.5.3 sets it)
#
# set -o pipefail: a pipeline fails with the last command that failed.
(set -o pipefail; false | true; echo "pipefail=$?")
(set -o pipefail; true | (exit 3) | true; echo "pipefail-last-failure=$?")
(set -o pipefail; true | true; echo "pipefail-ok=$?")
(false | true; echo "default=$?")
(set -o pipefail; set -o | grep pipefail)
# $LINENO: the line of the command being run.
echo "line $LINENO"
f() {
	echo "in function: line $LINENO"
}
f
for i in 1; do
	echo "in loop: line $LINENO"
done
# return with a status over 255 keeps its low 8 bits, as exit does (dash
# returns the whole number in $?).
r() { return 256; }; r; echo "return 256: $?"

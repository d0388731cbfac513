# Pipelines (POSIX 2.9.2).
echo abc | tr a-c x-z
# Any length; the data flows through every stage.
echo hello | cat | cat | tr h j | cat | sed 's/$/!/'
# The status is the last command's.
false | true
echo $?
true | false
echo $?
# ! negates it.
! false | false
echo $?
! true
echo $?
# Every command runs in a subshell: assignments do not come back.
v=before
v=inside | cat
echo $v
# Builtins and groups work as stages.
echo piped | { read_line=$(cat); echo "got $read_line"; }
(echo sub1; echo sub2) | sort -r
# exit in a stage ends only that stage.
exit 3 | cat
echo still running $?
# A stage that exits early does not hang the pipeline.
yes | head -n 2
# Stderr is not piped unless asked.
{ echo out; echo err >&2; } 2>/dev/null | cat
{ echo out2; echo err2 >&2; } 2>&1 | sort
# Newlines may follow |.
echo continued |
tr a-z A-Z

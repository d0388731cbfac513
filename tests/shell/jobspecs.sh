# Job specs (%1, %%, %name) in kill, wait and jobs in a shell without job
# control (POSIX XCU 3.204 Job Control Job ID, kill, wait, jobs).
# dash differs: its kill %N signals the process group -N, which only exists with job control
sleep 5 &
kill %1
wait %1
echo "kill %1: $?"
sleep 5 &
kill -s KILL %sleep
wait %%
echo "kill -s KILL %sleep: $?"

# jobs lists them; a finished one once, then it is forgotten.
sleep 5 &
(exit 4) &
sleep 0.2
jobs
jobs
kill %sleep
wait
jobs %nosuch 2>/dev/null
echo "no such job: $?"

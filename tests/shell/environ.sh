# The environment programs get: built once, rebuilt whenever an
# exported variable changes (vars.c keeps it between programs).
show() { sh -c 'echo "$1=${'"$1"'-unset}"' sh "$1"; }
X=1; export X; show X
X=2; show X
X=22; /bin/sh -c 'echo "X=$X"'
unset X; show X
Y=3 show Y
Y=3 sh -c 'echo "Y=$Y"'
show Y
export Z; show Z
Z=; show Z
f() { local W; W=5; export W; show W; }
W=4; export W; f; show W
g() { Q=7 sh -c 'echo "Q=$Q"'; }; g; show Q
set -a; A=9; show A; set +a; A=10; show A
B=1 true; show B
export C=1; C=2 sh -c 'echo "C=$C"'; show C
readonly R=1; export R; show R
for i in 1 2 3; do export L$i=$i; done; show L1; show L3
unset L2; L1=one; show L1; show L2
D=1; export D; unset D; D=2; show D

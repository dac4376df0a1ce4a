#!/usr/bin/env bats
# builtin-set.bats - differential cases (dash vs tine), see tests/helper.bash.
# set export readonly unset local shift

load helper

@test "builtin-set: set positional" {
	diff_sh <<'EOF_SH'
set -- a b c; echo "$# $2"
EOF_SH
}

@test "builtin-set: set dash resets with args starting dash" {
	diff_sh <<'EOF_SH'
set -- -x -y; echo "$1 $2"
EOF_SH
}

@test "builtin-set: set prints variables" {
	diff_sh <<'EOF_SH'
x='a b'; set | grep '^x='
EOF_SH
}

@test "builtin-set: export var visible to child" {
	diff_sh <<'EOF_SH'
export E=1; env | grep '^E='
EOF_SH
}

@test "builtin-set: export name=value" {
	diff_sh <<'EOF_SH'
export F=val; env | grep '^F='
EOF_SH
}

@test "builtin-set: export -p format" {
	diff_sh <<'EOF_SH'
export G=g; export -p | grep ' G='
EOF_SH
}

@test "builtin-set: unexport via unset" {
	diff_sh <<'EOF_SH'
export H=1; unset H; env | grep -c '^H='
EOF_SH
}

@test "builtin-set: prefix assignment to external not persistent" {
	diff_sh <<'EOF_SH'
K=tmp env | grep '^K='; echo "[${K-unset}]"
EOF_SH
}

@test "builtin-set: prefix assignment to special builtin persists" {
	diff_sh <<'EOF_SH'
L=kept :; echo "$L"
EOF_SH
}

@test "builtin-set: prefix assignment to function" {
	diff_sh <<'EOF_SH'
f() { echo "in:$M"; }; M=v f; echo "out:[${M-unset}]"
EOF_SH
}

@test "builtin-set: readonly" {
	diff_sh <<'EOF_SH'
readonly R=1; echo $R
EOF_SH
}

@test "builtin-set: readonly assignment error" {
	diff_sh --error-exit --stderr-nonempty <<'EOF_SH'
readonly R=1; R=2; echo notreached
EOF_SH
}

@test "builtin-set: readonly unset error" {
	diff_sh --error-exit --stderr-nonempty <<'EOF_SH'
readonly R=1; unset R; echo $?
EOF_SH
}

@test "builtin-set: readonly -p" {
	diff_sh <<'EOF_SH'
readonly RO=x; readonly -p | grep ' RO='
EOF_SH
}

@test "builtin-set: unset variable" {
	diff_sh <<'EOF_SH'
x=1; unset x; echo "[${x-unset}]"
EOF_SH
}

@test "builtin-set: unset -v" {
	diff_sh <<'EOF_SH'
x=1; unset -v x; echo "[${x-unset}]"
EOF_SH
}

@test "builtin-set: unset function" {
	diff_sh <<'EOF_SH'
f() { :; }; unset -f f; f 2>/dev/null; echo $?
EOF_SH
}

@test "builtin-set: unset nonexistent ok" {
	diff_sh <<'EOF_SH'
unset nosuch; echo $?
EOF_SH
}

@test "builtin-set: local in function" {
	diff_sh <<'EOF_SH'
x=global; f() { local x=local; echo $x; }; f; echo $x
EOF_SH
}

@test "builtin-set: local without value" {
	diff_sh <<'EOF_SH'
x=g; f() { local x; echo "[${x-unset}]"; x=set; }; f; echo $x
EOF_SH
}

@test "builtin-set: local nested dynamic scope" {
	diff_sh <<'EOF_SH'
x=g; f() { local x=f; g; }; g() { echo $x; }; f
EOF_SH
}

@test "builtin-set: shift" {
	diff_sh <<'EOF_SH'
set -- a b c; shift; echo "$@"
EOF_SH
}

@test "builtin-set: shift n" {
	diff_sh <<'EOF_SH'
set -- a b c d; shift 2; echo "$@"
EOF_SH
}

@test "builtin-set: shift too many" {
	diff_sh --stderr-nonempty <<'EOF_SH'
set -- a; shift 2; echo $?
EOF_SH
}

@test "builtin-set: shift zero" {
	diff_sh <<'EOF_SH'
set -- a b; shift 0; echo "$@"
EOF_SH
}

@test "builtin-set: set -o listing contains errexit" {
	diff_sh <<'EOF_SH'
set -o | grep -c errexit
EOF_SH
}

@test "builtin-set: set +o reinput" {
	diff_sh <<'EOF_SH'
set -e; set +o > opts; set +e; . ./opts; case $- in *e*) echo restored;; esac
EOF_SH
}

@test "builtin-set: allexport" {
	diff_sh <<'EOF_SH'
set -a; A1=1; env | grep '^A1='
EOF_SH
}

@test "builtin-set: export function is not posix so export var only" {
	diff_sh <<'EOF_SH'
export V1=1 V2=2; env | grep -c '^V[12]='
EOF_SH
}

@test "builtin-set: assignment with export then change" {
	diff_sh <<'EOF_SH'
export X=1; X=2; env | grep '^X='
EOF_SH
}

@test "builtin-set: set var with equals in value" {
	diff_sh <<'EOF_SH'
x=a=b; echo $x
EOF_SH
}

@test "builtin-set: variable names case sensitive" {
	diff_sh <<'EOF_SH'
a=1 A=2; echo $a $A
EOF_SH
}

@test "builtin-set: unset positional not allowed" {
	diff_sh --stderr-nonempty <<'EOF_SH'
unset 1; echo $?
EOF_SH
}

@test "builtin-set: export invalid name" {
	diff_sh --stderr-nonempty <<'EOF_SH'
export 1x=2; echo $?
EOF_SH
}

@test "builtin-set: a lone + is skipped, a lone - ends the options" {
	diff_sh <<'EOF_SH'
set -- a; set + -f; echo "$# $1"; case $- in *f*) echo f-on;; esac; set +f
set -- a b; set +; echo "$# $1"; set + + c; echo "$# $1"
set -- 1 2; set -; echo "$# $1"; set - x; echo "$# $1"
set -- 1; set + -- y z; echo "$# $1"
EOF_SH
}

# local with prefix assignments: the prefix scope is the command's own, so
# the variable still becomes local to the function.  (What happens to the
# prefix variable itself differs: dash keeps it, local being special
# there; bash and tine drop it.)
@test "builtin-set: VAR=x local v=y defines v in the function" {
	diff_sh <<'EOF_SH'
f() { T=1 local v=set; echo "v=$v"; }; f; echo "out v=${v-unset}"
g() { local a=1; T=2 local a=2 b=3; echo "$a $b"; }; g; echo "${a-u} ${b-u}"
h() { X=9 f; }; h; k() { T=1 local; echo "k $?"; }; k
EOF_SH
}

# POSIX.1-2024 XCU 2.9.1.1: export, readonly (and local) are declaration
# utilities: an operand written NAME=value expands like an assignment.
@test "builtin-set: export, readonly and local expand NAME=value like assignments" {
	diff_sh <<'EOF_SH'
v="a b"; HOME=/h; touch x1 x2
export e=$v; readonly r=$v; f() { local l=$v m=~ n=*; echo "[$l][$m][$n]"; }; f
echo "[$e][$r]"; export g=~/x h=$v"" k=x* p=x:~:~/y q=a~ s=~""; echo "[$g][$h][$k][$p][$q][$s]"
readonly t=~/x; echo "t=$t"; export "j=$v" 2>/dev/null; echo "[$j]"
EOF_SH
}

@test "builtin-set: declaration utilities found through command, quoting or expansion" {
	diff_sh <<'EOF_SH'
v="a b"; HOME=/h
x=export; $x e=$v; echo "[$e]"; command export f=$v; echo "[$f]"
\export i=$v; echo "[$i]"; command command export n=$v; echo "[$n]"
echo e=$v ~; for w in export a=$v; do echo "[$w]"; done
set -- o=$v; export "$@" 2>/dev/null; echo "[${o-unset}]"
EOF_SH
}

@test "builtin-set: a function's declarations expand the same on every call" {
	diff_sh <<'EOF_SH'
HOME=/h; f() { local p=~/a:~/b; echo "$p"; export q=x:~; echo "$q"; }; f; HOME=/g; f
EOF_SH
}

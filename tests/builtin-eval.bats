#!/usr/bin/env bats
# builtin-eval.bats - differential cases (dash vs tine), see tests/helper.bash.
# eval exec exit return break continue .

load helper

@test "builtin-eval: eval simple" {
	diff_sh <<'EOF_SH'
eval 'echo hi'
EOF_SH
}

@test "builtin-eval: eval joins args" {
	diff_sh <<'EOF_SH'
eval echo a 'b' "c"
EOF_SH
}

@test "builtin-eval: eval status" {
	diff_sh <<'EOF_SH'
eval false; echo $?; eval; echo $?
EOF_SH
}

@test "builtin-eval: eval defines var" {
	diff_sh <<'EOF_SH'
eval 'x=5'; echo $x
EOF_SH
}

@test "builtin-eval: eval double expansion" {
	diff_sh <<'EOF_SH'
y=Y; x='$y'; eval echo $x
EOF_SH
}

@test "builtin-eval: exit status" {
	diff_sh <<'EOF_SH'
(exit 42); echo $?
EOF_SH
}

@test "builtin-eval: exit no arg uses last status" {
	diff_sh <<'EOF_SH'
(false; exit); echo $?
EOF_SH
}

@test "builtin-eval: exit in function exits shell" {
	diff_sh <<'EOF_SH'
f() { exit 3; }; f; echo notreached
EOF_SH
}

@test "builtin-eval: exit in subshell" {
	diff_sh <<'EOF_SH'
(exit 5; echo no); echo $?
EOF_SH
}

@test "builtin-eval: exit out of range" {
	diff_sh <<'EOF_SH'
(exit 300); echo $?
EOF_SH
}

@test "builtin-eval: return from function" {
	diff_sh <<'EOF_SH'
f() { echo a; return; echo b; }; f; echo $?
EOF_SH
}

@test "builtin-eval: return value" {
	diff_sh <<'EOF_SH'
f() { return 7; }; f; echo $?
EOF_SH
}

@test "builtin-eval: return last status" {
	diff_sh <<'EOF_SH'
f() { false; return; }; f; echo $?
EOF_SH
}

@test "builtin-eval: return from dot script" {
	diff_sh <<'EOF_SH'
echo 'echo in; return 4; echo no' > s; . ./s; echo $?
EOF_SH
}

@test "builtin-eval: return at top level of script ends it" {
	diff_sh <<'EOF_SH'
echo before; (exit 3); return; echo after
EOF_SH
}

@test "builtin-eval: break out of loop" {
	diff_sh <<'EOF_SH'
for i in 1 2 3; do [ $i = 2 ] && break; echo $i; done
EOF_SH
}

@test "builtin-eval: break n" {
	diff_sh <<'EOF_SH'
for i in 1 2; do for j in a b; do echo $i$j; break 2; done; done; echo out
EOF_SH
}

@test "builtin-eval: continue" {
	diff_sh <<'EOF_SH'
for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done
EOF_SH
}

@test "builtin-eval: continue n" {
	diff_sh <<'EOF_SH'
for i in 1 2; do for j in a b; do continue 2; echo no; done; echo no2; done; echo out
EOF_SH
}

@test "builtin-eval: break in while" {
	diff_sh <<'EOF_SH'
i=0; while true; do i=$((i+1)); [ $i -gt 3 ] && break; done; echo $i
EOF_SH
}

@test "builtin-eval: break too large clamps" {
	diff_sh <<'EOF_SH'
for i in 1; do break 5; done; echo ok
EOF_SH
}

@test "builtin-eval: dot script" {
	diff_sh <<'EOF_SH'
echo 'x=dotted' > s; . ./s; echo $x
EOF_SH
}

@test "builtin-eval: dot with args positional" {
	diff_sh <<'EOF_SH'
echo 'echo "$# $1"' > s; set -- a b; . ./s
EOF_SH
}

@test "builtin-eval: dot missing file" {
	diff_sh --error-exit --stderr-nonempty <<'EOF_SH'
. ./missing; echo after
EOF_SH
}

@test "builtin-eval: dot search path" {
	diff_sh <<'EOF_SH'
mkdir p; echo 'echo found' > p/scr; PATH=$PWD/p:$PATH; . scr
EOF_SH
}

@test "builtin-eval: exec with command replaces shell" {
	diff_sh <<'EOF_SH'
exec echo replaced; echo not
EOF_SH
}

@test "builtin-eval: exec without command redirects" {
	diff_sh <<'EOF_SH'
exec 3> f; echo x >&3; cat f
EOF_SH
}

@test "builtin-eval: exec not found" {
	diff_sh --stderr-nonempty <<'EOF_SH'
exec /nonexistent/cmd; echo after
EOF_SH
}

@test "builtin-eval: colon builtin" {
	diff_sh <<'EOF_SH'
: ignored args; echo $?
EOF_SH
}

@test "builtin-eval: true false" {
	diff_sh <<'EOF_SH'
true; echo $?; false; echo $?
EOF_SH
}

@test "builtin-eval: eval syntax error status" {
	diff_sh --stderr-nonempty <<'EOF_SH'
eval 'fi'; echo $?
EOF_SH
}

@test "builtin-eval: nested eval" {
	diff_sh <<'EOF_SH'
eval "eval 'echo nested'"
EOF_SH
}

@test "builtin-eval: exit trap runs on exit" {
	diff_sh <<'EOF_SH'
trap 'echo bye' EXIT; exit 3
EOF_SH
}

@test "builtin-eval: break in function called from loop" {
	diff_sh <<'EOF_SH'
f() { break; }; for i in 1 2; do echo $i; f; done; echo end
EOF_SH
}

# --- nasty cases: here POSIX decides, dash is the reference ---

@test "builtin-eval: eval re-parses quotes in the value" {
	diff_sh <<'EOF_SH'
set -- 'a "b  c" d'; eval "printf '<%s>' $1"; echo
EOF_SH
}

@test "builtin-eval: eval with escaped dollar delays expansion" {
	diff_sh <<'EOF_SH'
v='x  y'; eval "w=\$v"; echo "[$w]"; eval "u='$v'"; echo "[$u]"
EOF_SH
}

@test "builtin-eval: eval defines a function with quoting" {
	diff_sh <<'EOF_SH'
eval "f() { printf '[%s]' \"\$@\"; echo; }"; f 'a b' c
EOF_SH
}

@test "builtin-eval: eval of multi-line string" {
	diff_sh <<'EOF_SH'
eval 'a=1
b=$((a+1))
echo "$a$b"'; eval 'for i in 1 2; do
echo "i$i"
done'
EOF_SH
}

@test "builtin-eval: eval quoting round trip of single quotes" {
	diff_sh <<'EOF_SH'
s="it's"; q=$(printf '%s' "$s" | sed "s/'/'\\\\''/g"); eval "t='$q'"; echo "[$t]"
EOF_SH
}

@test "builtin-eval: eval appends to positional parameters" {
	diff_sh <<'EOF_SH'
set -- 'a b' c; eval 'set -- "$@" "d  e"'; echo $#; printf '<%s>' "$@"; echo
EOF_SH
}

# break and continue in a sourced file reach the loops around the `.`
# (dash, bash), but not past a function call.
@test "builtin-eval: break and continue inside a dot script" {
	diff_sh <<'EOF_SH'
echo continue > ./cont.sh; echo break > ./brk.sh
for i in 1 2 3; do if [ $i = 2 ]; then . ./cont.sh; fi; echo $i; done
for i in 1 2 3; do . ./brk.sh; echo $i; done; echo end
printf 'echo in; break 2; echo no\n' > b2.sh
for i in a b; do for j in c d; do . ./b2.sh; echo "no $j"; done; echo "no $i"; done; echo "after $i$j"
printf 'break\n' > top.sh; . ./top.sh; echo "top ok"
f() { . ./brk.sh; echo "f-after"; }; for i in 1 2; do f; echo "loop $i"; done
printf 'for k in 1 2; do break 3; done; echo inner-after\n' > b3.sh
for i in 1 2; do . ./b3.sh; echo "o $i"; done; echo "done $i"
EOF_SH
}

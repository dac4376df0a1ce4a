#!/usr/bin/env bats
# Errors of special built-ins (XCU 2.8.1): a usage error ends a
# non-interactive shell with status 2, as in dash; run through `command`
# it is only a failing status.  Also the argument handling these builtins
# share.  Messages are bash's wording (dash: "Illegal number: oops"), so
# only their presence is compared.  `break -- 2` is left out: XCU 2.15
# does not ask break to take "--" (dash rejects it, tine and bash take it).

load helper

@test "builtin-special: break and continue with a bad count end the shell" {
	diff_sh --stderr-nonempty <<'EOF_SH'
for i in 1 2 3; do echo $i; break oops; done
echo after
EOF_SH
	diff_sh --stderr-nonempty <<'EOF_SH'
for i in 1 2 3; do echo $i; continue v; done
echo after
EOF_SH
	diff_sh --stderr-nonempty <<'EOF_SH'
while :; do break 0; done
echo after
EOF_SH
	diff_sh --stderr-nonempty <<'EOF_SH'
for i in 1; do continue -1; done
echo after
EOF_SH
}

@test "builtin-special: break and continue outside a loop, past the loops, or with extra operands" {
	diff_sh <<'EOF_SH'
break; continue; echo "outside $?"
for i in 1 2 3; do for j in a b; do break 2; done; echo no; done; echo "two $i$j"
for i in 1 2; do break 1 2; done; echo "extra $i"
for i in 1 2 3; do for j in a b; do continue 9; done; done; echo "big $i$j"
EOF_SH
}

@test "builtin-special: command break/continue with a bad count only fail" {
	diff_sh --no-stderr <<'EOF_SH'
for i in 1 2; do command break oops; echo "in $? $i"; done; echo after
for i in 1 2; do command continue x; echo "in $? $i"; done
EOF_SH
}

@test "builtin-special: trap with an unknown option ends the shell, - and -- do not" {
	diff_sh --stderr-nonempty <<'EOF_SH'
trap "echo bye" EXIT
trap -1 EXIT
echo rc=$?
EOF_SH
	diff_sh --stderr-nonempty <<'EOF_SH'
trap -x INT; echo after
EOF_SH
	diff_sh --no-stderr <<'EOF_SH'
trap -- 'echo hi' USR1; kill -s USR1 $$; trap - USR1; trap -- - EXIT
command trap -9 EXIT; echo "command $?"
trap 'echo x' NOSUCH; echo "bad signal $?"
EOF_SH
}

# break and continue inside a subshell of a loop end the subshell (dash,
# ksh, busybox; bash and mksh ignore them); the loop itself goes on.
@test "builtin-special: break and continue in a subshell end the subshell" {
	diff_sh <<'EOF_SH'
for v in a b; do (echo B; break; echo C); echo D:$v; done
for i in 1 2; do x=$(echo a; break; echo no); echo "[$x]"; done
for i in 1 2; do echo p | { read v; break; echo no; }; echo "pipe $i"; done
for i in 1 2; do (break; echo no) & wait; echo "bg $i"; done
for i in 1 2; do (continue; echo no); echo "c $i"; done
(break; echo top-sub); echo end
for i in 1; do (f() { break; echo fno; }; f; echo after-f); done
EOF_SH
}

# `break 2` in a subshell with one loop of its own leaves that loop only:
# the subshell cannot reach its parent's (smoosh semantics.subshell.break,
# bash; dash ends the whole subshell).
@test "builtin-special: break N in a subshell stops at the subshell's own loops" {
	run_tine_script <<'EOF_SH'
for x in a b; do ( for y in c d; do break 2; done; echo $x ); done
for i in 1 2; do (for j in a; do continue 3; done; echo "n $i"); done
EOF_SH
	check_status 0
	check_output "a
b
n 1
n 2"
}

#!/usr/bin/env bats
# trap.bats - differential cases (dash vs tine), see tests/helper.bash.
# traps: EXIT in subshells, signals, trap -p re-input.

load helper

@test "trap: exit trap" {
	diff_sh <<'EOF_SH'
trap 'echo exiting' EXIT; echo body
EOF_SH
}

@test "trap: exit trap status kept" {
	diff_sh <<'EOF_SH'
trap 'echo in trap' EXIT; (exit 3); exit 5
EOF_SH
}

@test "trap: exit trap sees status" {
	diff_sh <<'EOF_SH'
trap 'echo "st=$?"' EXIT; false
EOF_SH
}

@test "trap: trap 0 same as EXIT" {
	diff_sh <<'EOF_SH'
trap 'echo zero' 0; :
EOF_SH
}

@test "trap: exit trap in subshell not inherited" {
	diff_sh <<'EOF_SH'
trap 'echo parent' EXIT; (echo child); echo after
EOF_SH
}

@test "trap: subshell own exit trap" {
	diff_sh <<'EOF_SH'
(trap 'echo sub-exit' EXIT; echo in-sub); echo after
EOF_SH
}

@test "trap: exit trap in cmdsub" {
	diff_sh <<'EOF_SH'
x=$(trap 'echo trapped' EXIT; echo a); echo "[$x]"
EOF_SH
}

@test "trap: trap listing" {
	diff_sh <<'EOF_SH'
trap 'echo x' INT; trap
EOF_SH
}

@test "trap: trap -p" {
	diff_sh <<'EOF_SH'
trap 'echo y' TERM; trap -p 2>/dev/null || trap
EOF_SH
}

@test "trap: trap reinput" {
	diff_sh <<'EOF_SH'
trap 'echo "q'"'"'uoted"' USR1; trap > saved; trap - USR1; . ./saved; kill -USR1 $$
EOF_SH
}

@test "trap: trap reset" {
	diff_sh <<'EOF_SH'
trap 'echo x' INT; trap - INT; trap
EOF_SH
}

@test "trap: trap ignore" {
	diff_sh <<'EOF_SH'
trap '' INT; trap
EOF_SH
}

@test "trap: trap signal number" {
	diff_sh <<'EOF_SH'
trap 'echo got' 10; kill -USR1 $$; echo after
EOF_SH
}

@test "trap: trap USR1" {
	diff_sh <<'EOF_SH'
trap 'echo usr1' USR1; kill -USR1 $$; echo after
EOF_SH
}

@test "trap: trap TERM self" {
	diff_sh <<'EOF_SH'
trap 'echo term; exit 0' TERM; kill $$; echo notreached
EOF_SH
}

@test "trap: trap in subshell reset to default" {
	diff_sh <<'EOF_SH'
trap 'echo parent-int' INT; (trap) ; echo done
EOF_SH
}

@test "trap: ignored trap stays ignored in subshell" {
	diff_sh <<'EOF_SH'
trap '' USR1; (kill -USR1 $$ 2>/dev/null; trap); echo alive
EOF_SH
}

@test "trap: ignored signal inherited by child" {
	diff_sh <<'EOF_SH'
trap '' TERM; sh -c 'kill -TERM $$; echo child-alive' 2>/dev/null || true
EOF_SH
}

@test "trap: killed by signal status" {
	diff_sh <<'EOF_SH'
sh -c 'kill -9 $$'; echo $?
EOF_SH
}

@test "trap: killed by TERM status" {
	diff_sh <<'EOF_SH'
sh -c 'kill $$'; echo $?
EOF_SH
}

@test "trap: trap bad signal" {
	diff_sh --stderr-nonempty <<'EOF_SH'
trap 'echo x' NOSUCH; echo $?
EOF_SH
}

@test "trap: trap with SIG prefix" {
	diff_sh <<'EOF_SH'
trap 'echo sig' SIGUSR2 2>/dev/null && kill -USR2 $$; echo end
EOF_SH
}

@test "trap: trap runs after foreground command" {
	diff_sh <<'EOF_SH'
trap 'echo trap-ran' USR1; (sleep 0.2; kill -USR1 $$) & wait; echo end
EOF_SH
}

@test "trap: trap action with multiple commands" {
	diff_sh <<'EOF_SH'
trap 'echo a; echo b' EXIT
EOF_SH
}

@test "trap: exit inside exit trap" {
	diff_sh <<'EOF_SH'
trap 'echo t; exit 7' EXIT; exit 2
EOF_SH
}

@test "trap: trap changes within function" {
	diff_sh <<'EOF_SH'
f() { trap 'echo fexit' EXIT; }; f; echo body
EOF_SH
}

@test "trap: errexit in subshell with trap" {
	diff_sh <<'EOF_SH'
(set -e; trap 'echo subtrap' EXIT; false; echo no); echo $?
EOF_SH
}

@test "trap: trap EXIT in nested subshells" {
	diff_sh <<'EOF_SH'
( trap 'echo outer' EXIT; ( trap 'echo inner' EXIT; : ); echo mid )
EOF_SH
}

@test "trap: trap in cmdsub does not affect parent" {
	diff_sh <<'EOF_SH'
trap 'echo parent' EXIT; x=$(trap - EXIT; echo c); echo $x
EOF_SH
}

@test "trap: trap output with special chars" {
	diff_sh <<'EOF_SH'
trap 'echo "a b" $x' EXIT; trap
EOF_SH
}

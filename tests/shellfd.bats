#!/usr/bin/env bats
# shellfd.bats - the shell's own fds (the script being read, fds saved
# around a redirection, here-documents) never collide with fds a user
# names.  dash refuses fds above 9, so these are tine-only cases; bash
# gives the same output (it moves its own fds when a user names them).
# Also: an fd that cannot be saved fails the command (ulimit -n 10).

load helper

# 12 KB of comment lines: the shell's input buffer (8 KB) cannot hold the
# whole script, so commands after it are read from the script's fd after
# the commands before it ran.
_pad() {
	local i
	for ((i = 0; i < 200; i++)); do
		printf '# %060d\n' "$i"
	done
}

@test "shellfd: exec 10<file in a script goes on reading the script" {
	echo 'echo wrong file' >"$BATS_TEST_TMPDIR/other.sh"
	run_tine_script < <(
		echo "for n in 10 11 12 13 14 15; do eval \"exec \$n<'$BATS_TEST_TMPDIR/other.sh'\"; done"
		_pad
		echo 'echo a'
		echo 'read -r line <&13; echo "fd 13: $line"'
		_pad
		echo 'echo b')
	check_status 0
	check_output $'a\nfd 13: echo wrong file\nb'
	check_stderr_empty
}

@test "shellfd: exec N>/dev/null for every N from 10 to 40 keeps the script running" {
	run_tine_script < <(
		echo 'n=10; while [ $n -le 40 ]; do eval "exec $n>/dev/null"; n=$((n + 1)); done'
		_pad
		echo 'echo still here'
		echo 'exit 3')
	check_status 3
	check_output 'still here'
	check_stderr_empty
}

@test "shellfd: a group's saved stdout survives exec 10> 11> 12> inside it" {
	run_tine_script <<'EOF'
{ exec 10>/dev/null 11>/dev/null 12>/dev/null; echo inner; } >f
echo x
{ { exec 10>&- 11>&- ; echo deep; } 2>g; } >>f
echo y
cat f
EOF
	check_status 0
	check_output $'x\ny\ninner\ndeep'
	check_stderr_empty
}

@test "shellfd: a function's redirections onto 10-12 are undone" {
	run_tine_script < <(
		echo 'f() { echo "in f" >&11; }'
		echo 'f 10>/dev/null 11>&1 12>&1'
		echo 'f 11>&1 10>&-'
		_pad
		echo 'echo after')
	check_status 0
	check_output $'in f\nin f\nafter'
	check_stderr_empty
}

@test "shellfd: a here-document is not replaced by a redirection onto its fd" {
	run_tine_script <<'EOF'
n=10
while [ $n -le 14 ]; do
	eval "cat $n>x <<END
hd \$n
END"
	eval "read -r v $n>x <<END
rd \$n
END"
	echo "$v"
	n=$((n + 1))
done
EOF
	check_status 0
	check_output $'hd 10\nrd 10\nhd 11\nrd 11\nhd 12\nrd 12\nhd 13\nrd 13\nhd 14\nrd 14'
}

@test "shellfd: the shell's own fds are Bad file descriptor to a user" {
	# Whatever sits at 10-30 is the shell's (the script, at least) or
	# closed: copying it must fail, for a builtin and for a program.
	run_tine_script <<'EOF'
n=10; bad=0
while [ $n -le 30 ]; do
	eval "exec $n>&-"
	eval "echo x >&$n" 2>/dev/null || bad=$((bad + 1))
	eval "cat <&$n" 2>/dev/null || bad=$((bad + 1))
	n=$((n + 1))
done
echo "$bad"
echo x >&10
EOF
	check_status 1
	check_output 42
	check_stderr 'sh: line 9: 10: Bad file descriptor'
}

@test "shellfd: ulimit -n 10: the script's fd and here-documents sit below 10 and move for exec 3> .. 9>" {
	echo 'echo wrong file' >"$BATS_TEST_TMPDIR/other.sh"
	cat >"$BATS_TEST_TMPDIR/low.sh" <<EOF
for n in 3 4 5 6 7 8 9; do
	eval "exec \$n<$BATS_TEST_TMPDIR/other.sh"
	eval "cat \$n>x <<END
hd \$n
END"
	eval "exec \$n<&-"
done
$(_pad)
echo still here
EOF
	run_tine -c "ulimit -n 10; . '$BATS_TEST_TMPDIR/low.sh'; echo end"
	check_status 0
	check_output $'hd 3\nhd 4\nhd 5\nhd 6\nhd 7\nhd 8\nhd 9\nstill here\nend'
	check_stderr_empty
}

@test "shellfd: ulimit -n 10: a redirection that cannot be saved fails the command, nothing goes astray" {
	run_tine_script <<'EOF'
ulimit -n 10
echo a >x; echo b
exec 3>a 4>a 5>a 6>a 7>a 8>a 9>a
echo c >x
echo "status $?"
{ echo d; } >x
echo "status $?"
f() { echo e; }
f >x
echo "status $?"
exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-
echo "x: $(cat x)"
EOF
	check_output $'b\nstatus 1\nstatus 1\nstatus 1\nx: a'
	check_stderr $'sh: line 4: 1: cannot save fd: Too many open files\nsh: line 6: 1: cannot save fd: Too many open files\nsh: line 9: 1: cannot save fd: Too many open files'
}

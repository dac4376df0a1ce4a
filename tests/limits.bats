#!/usr/bin/env bats
# limits.bats - the suite's everyday constructs with a resource used up:
# `ulimit -n 10`, `ulimit -u` at the number of processes already running,
# a small `ulimit -v`, a full disk (/dev/full), stdin, stdout and stderr
# closed.  Under every strategy (the suite runs this file once per
# TINE_SPAWN) the rule is the same: never a crash, never a wrong fd (data
# never lands in a file or fd the script did not name), and a construct
# that cannot run says why and fails; what can still run, runs.

load helper

_asan_build() { ldd "$TINE" 2>/dev/null | grep -q libasan; }

# Each construct prints "NAME STATUS"; _each_failed NAME... checks that
# every one failed (status > 0) and that stderr says why, once each.
_each_failed() {
	local name line st
	for name in "$@"; do
		line=$(grep "^$name " <<<"$output") ||
			{ echo "== no line for $name" >&2; _fail_show; return 1; }
		st=${line#"$name "}
		if [[ $st -eq 0 ]]; then
			echo "== $name succeeded" >&2; _fail_show; return 1
		fi
	done
	local n
	n=$(grep -c . <<<"$raw_stderr")
	if [[ $n -lt $# ]]; then
		echo "== $# failures but $n messages" >&2; _fail_show; return 1
	fi
	if grep -q 'AddressSanitizer\|runtime error\|Segmentation\|core dumped' <<<"$raw_stderr"; then
		_fail_show; return 1
	fi
}

@test "limits: ulimit -n 10 with fds 3-9 taken: every construct fails with a message, no fd is touched" {
	# LeakSanitizer's exit check opens /proc files the limit refuses.
	if _asan_build; then
		local ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
	fi
	run_tine_script <<'EOF'
exec 3>o3 4>o4 5>o5 6>o6 7>o7 8>o8 9>o9
ulimit -n 10
echo a >x; echo "builtin-redir $?"
/bin/echo a >x; echo "program-redir $?"
f() { echo f; }; f >x; echo "function-redir $?"
{ echo g; } >x; echo "group-redir $?"
cat <<E
hd
E
echo "heredoc $?"
eval 'echo ev >x'; echo "eval-redir $?"
( echo sub ); echo "subshell $?"
x=$(echo a); echo "cmdsub $? [$x]"
echo notreached
EOF
	check_status 2
	_each_failed builtin-redir program-redir function-redir group-redir heredoc eval-redir
	[[ $output == *$'\nsub\nsubshell 0'* ]] || { _fail_show; return 1; }
	[[ $output != *notreached* && $output != *cmdsub* ]] || { _fail_show; return 1; }
	local f
	for f in o3 o4 o5 o6 o7 o8 o9; do
		[[ ! -s $T/w/$f ]] || { echo "== $f got: $(<"$T/w/$f")" >&2; return 1; }
	done
	[[ ! -s $T/w/x ]] || { echo "== x got: $(<"$T/w/x")" >&2; return 1; }
}

@test "limits: ulimit -n 10 with the low fds free: everything runs" {
	run_tine_script <<'EOF'
ulimit -n 10
echo a >x; cat x
f() { echo f; }; f >x; cat x
{ echo g; } >x; cat x
cat <<E
hd
E
echo a | cat | cat
( echo sub )
x=$(echo a); echo "cmdsub $x"
/bin/true & wait $!; echo "bg $?"
exec 3>y; echo three >&3; exec 3>&-; cat y
EOF
	check_status 0
	check_output $'a\nf\ng\nhd\na\nsub\ncmdsub a\nbg 0\nthree'
	check_stderr_empty
}

@test "limits: the script's fd is never 0, 1 or 2, even with them closed and ulimit -n 10" {
	printf 'read -r line; echo "read [$line] $?" >&9\necho next >&9\n' >"$BATS_TEST_TMPDIR/rd.sh"
	local out
	out=$(ulimit -n 10; "$TINE" "$BATS_TEST_TMPDIR/rd.sh" <&- 2>/dev/null 9>&1) || true
	[[ $out == $'read [] 1\nnext' ]] || { echo "got: $out" >&2; return 1; }
	printf 'echo out\necho after >&9\n' >"$BATS_TEST_TMPDIR/wr.sh"
	out=$(ulimit -n 10; "$TINE" "$BATS_TEST_TMPDIR/wr.sh" 9>&1 >&- 2>/dev/null) || true
	[[ $out == after ]] || { echo "got: $out" >&2; return 1; }
	# The script file was not written to.
	[[ $(<"$BATS_TEST_TMPDIR/wr.sh") == $'echo out\necho after >&9' ]]
}

@test "limits: stdin, stdout and stderr closed: a message (where one can go) and a failing status" {
	run_tine -c 'echo x >&-; echo "echo $?"; /bin/echo x >&-; echo "program $?"
printf "%s\n" x >&-; echo "printf $?"; read -r v <&-; echo "read $?"
{ echo a; } >&-; echo "group $?"'
	check_status 0
	check_output $'echo 1\nprogram 1\nprintf 1\nread 1\ngroup 1'
	check_stderr_match 'echo: I/O error'
	check_stderr_match 'read: Bad file descriptor'
	# No stderr at all: the statuses still say it.
	run_tine -c 'echo x >&- 2>&-; echo "echo $?"; (echo e >&2) 2>&-; echo "sub $?"'
	check_output $'echo 1\nsub 1'
}

@test "limits: a full disk: builtins and programs report it and fail" {
	run_tine -c 'echo x >/dev/full; echo "echo $?"; printf "%s\n" a >/dev/full; echo "printf $?"
{ echo a; echo b; } >/dev/full; echo "group $?"; f() { echo f; }; f >/dev/full; echo "function $?"
/bin/echo x >/dev/full; echo "program $?"; echo y | cat >/dev/full; echo "pipeline $?"'
	check_status 0
	check_output $'echo 1\nprintf 1\ngroup 1\nfunction 1\nprogram 1\npipeline 1'
	check_stderr_match 'echo: I/O error'
	check_stderr_match 'printf: I/O error'
}

@test "limits: ulimit -v small: out of memory is a message and a failing status, not a crash" {
	_asan_build && skip "ASan reserves terabytes of address space: no ulimit -v under it"
	run_tine_script <<'EOF'
ulimit -v 40000
x=y; i=0
while [ $i -lt 40 ]; do x=$x$x; i=$((i + 1)); done
echo notreached
EOF
	[[ $status -ne 0 && $status -lt 128 ]] || { _fail_show; return 1; }
	check_stderr_match 'out of memory'
	[[ $output != *notreached* ]]
	run_tine_script <<'EOF'
ulimit -v 40000
x=$(head -c 100000000 /dev/zero | tr '\0' a)
echo notreached
EOF
	[[ $status -ne 0 && $status -lt 128 ]] || { _fail_show; return 1; }
	check_stderr_match 'out of memory'
}

# The process limit binds only a user that is not root: as root the test
# runs tine under a user id no process has (65533, via setpriv), so the
# current count is 1, tine itself.
_nproc_tine() {
	local script=$1
	if [[ $(id -u) -eq 0 ]]; then
		command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
		local d asan_options=
		# LeakSanitizer stops the world with a thread at exit, which
		# the limit refuses ("LeakSanitizer has encountered a fatal
		# error"); ASan itself runs, so only leak checking is off.
		! _asan_build || asan_options="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
		d=$(mktemp -d /tmp/tine-nproc.XXXXXX)
		chmod 777 "$d"
		printf '%s\n' "$script" >"$d/t.sh"
		chmod 644 "$d/t.sh"
		status=0
		output=$(cd "$d" && setpriv --reuid 65533 --regid 65533 --clear-groups \
			env -i PATH=/usr/bin:/bin ${TINE_SPAWN:+TINE_SPAWN=$TINE_SPAWN} \
			${TINE_SUBSHELL:+TINE_SUBSHELL=$TINE_SUBSHELL} \
			${asan_options:+ASAN_OPTIONS=$asan_options} \
			timeout 20 "$TINE" "$d/t.sh" 2>"$d/err") || status=$?
		raw_stderr=$(<"$d/err")
		rm -rf "$d"
	else
		run_tine_script <<<"$script"
	fi
}

# ulimit -u 1 binds from the start: the user already has two processes
# (timeout and tine), so every fork, vfork, clone and posix_spawn fails
# with EAGAIN.  Each construct below must create a process whatever
# TINE_SUBSHELL says (a program, a pipeline, a background job, ( ) and
# $( ) with a program or a trap in them).  The limit is set by the script,
# after the shell (and ASan, in that build) has started.
@test "limits: ulimit -u binds: every construct that needs a process says why, fails, and the shell goes on" {
	local n=1
	[[ $(id -u) -eq 0 ]] || n=$(($(ps -u "$(id -u)" --no-headers | wc -l)))
	_nproc_tine "ulimit -u $n"'
/bin/true; echo "program $?"
/bin/true && echo "and-list 0" || echo "and-list 1"
if /bin/true; then echo "if 0"; else echo "if 1"; fi
echo a | cat; echo "pipeline $?"
echo a | { cat; }; echo "pipeline-group $?"
( /bin/true ); echo "subshell-program $?"
( trap - USR1; echo sub ); echo "subshell-trap $?"
x=$(/bin/echo a); echo "cmdsub-program $? [$x]"
x=$(/bin/echo a; /bin/echo b); echo "cmdsub-list $? [$x]"
x=$(trap - USR1; echo a); echo "cmdsub-trap $? [$x]"
f() { /bin/true; }; f; echo "function $?"
echo end'
	check_status 0
	[[ $output == *$'\nend' ]] || { _fail_show; return 1; }
	[[ $output != *sub$'\n'* && $output != *'[a'* ]] || { _fail_show; return 1; }
	_each_failed program and-list if pipeline pipeline-group \
		subshell-program subshell-trap cmdsub-program cmdsub-list \
		cmdsub-trap function
	[[ $output == *"program 126"* ]] || { _fail_show; return 1; }
	# Each message names the program or says it was the fork of the shell.
	local line
	while IFS= read -r line; do
		[[ $line == *": cannot start: Resource temporarily unavailable" ||
			$line == *": cannot fork: Resource temporarily unavailable" ]] ||
			{ echo "== unexpected: $line" >&2; _fail_show; return 1; }
	done <<<"$raw_stderr"
	[[ $raw_stderr == *"/bin/true: cannot start: Resource"* ]] || { _fail_show; return 1; }
}

@test "limits: ulimit -u binds: a background job that cannot start leaves \$! as it was" {
	local n=1
	[[ $(id -u) -eq 0 ]] || skip "needs root to run under a fresh user id"
	_nproc_tine '/bin/true & p=$!; wait
ulimit -u 1
/bin/true & [ "$!" = "$p" ] && echo "program-bg same"
{ /bin/true; } & [ "$!" = "$p" ] && echo "group-bg same"
echo a | { cat; } & [ "$!" = "$p" ] && echo "pipeline-bg same"
wait; echo "wait $?"
echo end'
	check_status 0
	check_output $'program-bg same\ngroup-bg same\npipeline-bg same\nwait 0\nend'
	[[ $raw_stderr == *"/bin/true: cannot start: Resource temporarily unavailable"* &&
		$raw_stderr == *": cannot fork: Resource temporarily unavailable"* ]] ||
		{ _fail_show; return 1; }
}

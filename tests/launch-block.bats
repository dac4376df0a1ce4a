#!/usr/bin/env bats
# tests/launch-block.bats - a launch whose open blocks never freezes the
# shell (issue 9 part 1), a failure found late is reported as one found
# early, and spawntrace says when a launch took a detour (launch.c).
#
# Every case runs under all four strategies, against dash where POSIX
# decides.  The FIFO patterns are the ones people write: producer and
# consumer in either order, in pipelines, in $( ), in background jobs with
# and without set -m.  Each needs its partner to be started by the shell
# after the launch that blocks: a shell that waits for that open hangs
# (the harness's timeout then fails the case; the shell needs none).

load helper

STRATEGIES=(fork vfork clone posix_spawn)

# all_like_dash [diff_sh options] <<'EOF' SCRIPT EOF: diff_sh once per
# strategy.
all_like_dash() {
	local script s
	script=$(cat)
	for s in "${STRATEGIES[@]}"; do
		TINE_SPAWN=$s diff_sh "$@" <<<"$script" ||
			{ echo "== under $s" >&2; return 1; }
	done
}

@test "fifo: cat f1 >f2 & cat f2 & echo foo >f1 (the issue's first snippet)" {
	all_like_dash <<'EOF'
mkfifo f1 f2
cat f1 >f2 & cat f2 & echo foo >f1; wait; echo reached
EOF
}

@test "fifo: a pipeline member before the last opens a FIFO its successor reads" {
	all_like_dash <<'EOF'
mkfifo p; /bin/echo bar >p | cat p
mkfifo q; cat q | /bin/echo ignored >q; echo "status $?"
EOF
}

@test "fifo: producer >fifo & then consumer <fifo, and the other way round" {
	all_like_dash <<'EOF'
mkfifo ff; cat <ff >/dev/null & echo reached; exec 9>ff; exec 9>&-; wait; echo done
mkfifo p1; /bin/echo one >p1 & cat <p1; wait
mkfifo p2; cat <p2 & /bin/echo two >p2; wait
mkfifo p3; cat <p3 >out3 & /bin/echo three >p3; wait; cat out3
EOF
}

@test "fifo: the same with set -m (each job in its own group)" {
	# without a terminal dash turns job control off and says so; tine
	# keeps it (each job in its own group), so stderr is not compared
	all_like_dash --no-stderr <<'EOF'
set -m
mkfifo f1 f2
cat f1 >f2 & cat f2 & echo foo >f1; wait; echo reached
mkfifo p1; /bin/echo one >p1 & cat <p1; wait
mkfifo p2; cat <p2 & /bin/echo two >p2; wait
mkfifo p; /bin/echo bar >p | cat p
EOF
}

@test "fifo: the program of a \$( ) opens a FIFO; producer and consumer in either order" {
	all_like_dash <<'EOF'
mkfifo p1; /bin/echo hi >p1 & x=$(cat <p1); wait; echo "got $x"
mkfifo p2; cat <p2 >out2 & x=$(/bin/echo there >p2); wait; echo "got '$x' $(cat out2)"
mkfifo p3; cat p3 & x=$(/bin/echo three >p3); wait; echo "status $?"
EOF
}

# A failure found after the shell went on (the job's open of a FIFO went
# through, then something failed) reads as one found at once: same
# message, same status, the script line of the launch.  dash's wording
# differs from tine's, so these are pinned: the messages are tine's
# usual ones.  exec 3<>p opens the FIFO without waiting, so the job's
# open of p goes through.
@test "fifo: a late failure of a redirection reads as an early one (message, status, line)" {
	local s
	for s in "${STRATEGIES[@]}"; do
		TINE_SPAWN=$s run_tine_script <<'EOF'
mkfifo p; exec 3<>p
cat <p >/nonexistent/dir/x & wait $!; echo "status $?"
/bin/echo a >p 2>/nonexistent/dir/y | cat; echo "status $?"
set -o pipefail; /bin/echo a >p 2>/nonexistent/dir/y | cat; echo "status $?"
x=$(cat <p 2>/nonexistent/dir/z); echo "status $? '$x'"
EOF
		check_status 0
		check_output $'status 1\nstatus 0\nstatus 1\nstatus 1 \'\''
		check_stderr "sh: line 2: /nonexistent/dir/x: cannot create: No such file or directory
sh: line 3: /nonexistent/dir/y: cannot create: No such file or directory
sh: line 4: /nonexistent/dir/y: cannot create: No such file or directory
sh: line 5: /nonexistent/dir/z: cannot create: No such file or directory"
	done
}

@test "fifo: a late failure of the exec reads as an early one; a script without #! still runs" {
	local s
	for s in "${STRATEGIES[@]}"; do
		TINE_SPAWN=$s run_tine -c 'mkfifo p; exec 3<>p
/nonexistent/prog <p & wait $!; echo "status $?"
: >noexec; chmod -x noexec; ./noexec <p & wait $!; echo "status $?"
printf "echo \"script ran with \$1\"\n" >s; chmod +x s
./s arg <p & wait $!; echo "status $?"
set -m; /nonexistent/prog <p & wait $!; echo "status $?"'
		check_status 0
		check_output $'status 127\nstatus 126\nscript ran with arg\nstatus 0\nstatus 127'
		check_stderr 'sh: /nonexistent/prog: not found
sh: ./noexec: Permission denied
sh: /nonexistent/prog: not found'
	done
}

@test "fifo: a failed late launch is reported once, when the job is reaped" {
	local s
	for s in "${STRATEGIES[@]}"; do
		TINE_SPAWN=$s run_tine -c 'mkfifo p; exec 3<>p; setopt spawntrace; cat <p >/nonexistent/d/x & unsetopt spawntrace; wait; echo end; wait; wait'
		check_status 0
		check_output 'end'
		# the launch went on without waiting for the exec ...
		[[ $raw_stderr == *"not waiting for the exec: open(p) may block)"* ]] ||
			{ echo "$s: $raw_stderr" >&2; false; }
		# ... and its failure is told once, after the trace line
		[[ $(grep -c 'cannot create' <<<"$raw_stderr") == 1 &&
		   $(tail -n 1 <<<"$raw_stderr") == 'tine: /nonexistent/d/x: cannot create: No such file or directory' ]] ||
			{ echo "$s: $raw_stderr" >&2; false; }
	done
}

@test "spawntrace: an asynchronous launch with an open that may block says what ran and why" {
	local s
	for s in "${STRATEGIES[@]}"; do
		TINE_SPAWN=$s run_tine -c 'mkfifo p; setopt spawntrace; cat <p >/dev/null & /bin/echo x >p; wait'
		check_status 0
		local -a lines
		mapfile -t lines <<<"$raw_stderr"
		local want_bg="(fork, not $s, not waiting for the exec: open(p) may block)"
		[[ $s == fork ]] && want_bg="(fork, not waiting for the exec: open(p) may block)"
		[[ ${lines[0]} =~ ^"+ $s /usr/bin/cat: ".*"open(p,O_RDONLY)=0 ".*" -> pid "[0-9]+" "(.*)$ ]] ||
			{ echo "$s: background line: ${lines[0]}" >&2; false; }
		[[ ${BASH_REMATCH[1]} == "$want_bg" ]] ||
			{ echo "$s: note '${BASH_REMATCH[1]}', wanted '$want_bg'" >&2; false; }
		# the foreground producer waits as usual; posix_spawn, whose
		# child cannot be interrupted in an open, runs it as vfork
		local want_fg=
		[[ $s == posix_spawn ]] && want_fg=" (vfork, not posix_spawn, interruptible in the open: open(p) may block)"
		[[ ${lines[1]} =~ ^"+ $s /bin/echo x: open(p,O_WRONLY|O_CREAT|O_TRUNC)=1 ".*" -> pid "[0-9]+"$want_fg"$ ]] ||
			{ echo "$s: foreground line: ${lines[1]}" >&2; false; }
	done
}

@test "spawntrace: regular files and /dev/null never take a detour" {
	local s
	for s in "${STRATEGIES[@]}"; do
		TINE_SPAWN=$s run_tine -c 'setopt spawntrace; /bin/true >f </dev/null 2>&1 & /bin/true <f | /bin/true >/dev/null; wait'
		check_status 0
		[[ $raw_stderr != *"may block"* ]] || { echo "$s: $raw_stderr" >&2; false; }
		[[ $(grep -c "^+ $s " <<<"$raw_stderr") == 3 ]] || { echo "$s: $raw_stderr" >&2; false; }
	done
}

@test "timing: a launch that took a detour says so at the end of its line" {
	local s
	for s in vfork posix_spawn; do
		TINE_SPAWN=$s run_tine -c 'mkfifo p; setopt timing; /bin/echo x >p | cat <p'
		check_status 0
		check_output x
		[[ $raw_stderr =~ "timing: fork "+"/bin/echo ".*"  (fork, not $s, not waiting for the exec: open(p) may block)"$'\n' ]] ||
			{ echo "$s: $raw_stderr" >&2; false; }
		if [[ $s == posix_spawn ]]; then
			[[ $raw_stderr =~ "timing: vfork "+"cat ".*"  (vfork, not posix_spawn, interruptible in the open: open(p) may block)" ]] ||
				{ echo "$s: $raw_stderr" >&2; false; }
		else
			[[ $raw_stderr =~ "timing: $s "+"cat ".*"rss"[^\(]*$ ]] ||
				{ echo "$s: $raw_stderr" >&2; false; }
		fi
	done
}

# The executor marks the launch asynchronous itself: the last member of a
# background pipeline under set -m looks like a foreground one by shape.
@test "fifo: the last member of a background pipeline under set -m opens a FIFO" {
	all_like_dash <<'EOF2'
mkfifo ff
set -m 2>/dev/null
: | cat <ff >/dev/null & echo reached
exec 9>ff
exec 9>&-
wait
echo done
EOF2
}

@test "fifo: wait %1 on a job stopped before its exec (blocked in an open) returns 147, no hang" {
	# The job's outcome is on a report pipe until it execs; a stop is not
	# an end, so wait must not read that report (it would wait forever).
	local s d
	for s in "${STRATEGIES[@]}"; do
		d=$BATS_TEST_TMPDIR/$s
		mkdir -p "$d"
		run env TINE_SPAWN=$s timeout 10 "$TINE" -c "cd '$d' && mkfifo f
set -m
cat <f & kill -STOP \$!
wait %1; echo \"st \$?\"
kill -KILL %1; wait; echo end"
		echo "$s: $output"
		[ "$status" -eq 0 ]
		[[ $output == *"wait: warning: job 1 is stopped"* ]]
		[[ $output == *"st 147"*end ]]
	done
}

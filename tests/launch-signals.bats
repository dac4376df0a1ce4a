#!/usr/bin/env bats
# tests/launch-signals.bats - the signal side of a launch, job-control
# signals included: a foreground
# child blocked in an open ends on ^C (130) and ^\ (131); a failed exec in
# place leaves the shell's mask and handlers as they were; a job under job
# control gets TSTP, TTIN and TTOU at default even when the shell started
# with them ignored (tmux does that); the child touches only the signals
# that need it (strace counts rt_sigaction).  Under all four strategies.

load helper
load interactive

setup() {
	interactive_setup
	: "${TINE_PROBE:=$(dirname "$TINE")/tests/probe}"
}

field() { sed -n "s/^$2: //p" "$T/w/$1"; }

@test "pty: ^C and ^\\ end a foreground cat blocked opening a FIFO (130, 131)" {
	local s
	for s in "${STRATEGIES[@]}"; do
		on_pty "$s" 'expect:[$#] $' 'send:setopt spawntrace\n' 'expect:[$#] $' \
			'send:cat <ff\n' 'expect:tcsetpgrp' 'fg:' 'send:\x03' \
			'expect:[$#] $' 'send:echo "int $?"\n' 'expect:int [0-9]+' \
			'send:cat <ff\n' 'expect:tcsetpgrp' 'fg:' 'send:\x1c' \
			'expect:[$#] $' 'send:echo "quit $?"\n' 'expect:quit [0-9]+' \
			'send:exit\n' -- "$TINE" -i
		[[ $output == *"int 130"* && $output == *"quit 131"* ]] ||
			{ echo "$s: status $status: $output" >&2; false; }
	done
}

@test "pty: tine -m -c: ^C ends a cat blocked in an open; the script goes on" {
	local s
	for s in "${STRATEGIES[@]}"; do
		on_pty "$s" 'expect:tcsetpgrp' 'fg:' 'send:\x03' 'expect:after' \
			-- "$TINE" -m -c 'setopt spawntrace; cat <ff; echo "after $?"'
		[[ $status -eq 0 && $output == *"after 130"* ]] ||
			{ echo "$s: status $status: $output" >&2; false; }
	done
}

@test "pty: a failed exec leaves an interactive shell whole: kill -INT \$\$ does not end it" {
	local s
	for s in "${STRATEGIES[@]}"; do
		on_pty "$s" 'expect:[$#] $' 'send:exec /nonexistent/prog\n' 'expect:[$#] $' \
			'send:exec /bin/true >/nonexistent/dir/x\n' 'expect:[$#] $' \
			'send:while read -r l; do case $l in SigBlk*) echo "$l";; esac; done </proc/self/status\n' \
			'expect:[$#] $' \
			'send:kill -INT $$; echo not-reached\n' 'expect:[$#] $' \
			'send:echo "alive $?"\n' 'expect:alive [0-9]+' \
			'send:exit\n' -- "$TINE" -i
		[[ $output == *"not found"* && $output == *"cannot create"* ]] ||
			{ echo "$s: messages: $output" >&2; false; }
		[[ $output =~ SigBlk:[[:space:]]+0+$'\n' ]] ||
			{ echo "$s: mask after the failed exec: $output" >&2; false; }
		# the ^C-like signal abandoned its line, as in bash and dash
		[[ $output == *"alive 130"* && $output != *$'\nnot-reached'* ]] ||
			{ echo "$s: $output" >&2; false; }
	done
}

@test "failed exec: the mask and the handlers are as before it; the EXIT trap runs" {
	local s c
	for s in "${STRATEGIES[@]}"; do
		for c in 'exec /nonexistent/prog' 'exec /bin/true >/nonexistent/dir/x' \
			 'exec ./noexec' 'SPAWN=fork exec /nonexistent/prog'; do
			# the shell reads its own /proc/self/status (read is a
			# builtin): a program reading /proc/$$/status could
			# catch the shell in the middle of a launch
			TINE_SPAWN=$s run_tine -c ': >noexec
sigs() { while IFS= read -r l; do case $l in Sig[BCI]*) printf "%s\n" "$l";; esac; done </proc/self/status; }
trap "echo usr1" USR1; trap "echo term" TERM
sigs >before
trap '\''sigs >after; cmp -s before after && echo same || cat before after; kill -USR1 $$'\'' EXIT
'"$c"
			[[ $output == $'same\nusr1' ]] ||
				{ echo "$s: $c: status $status, output: $output" >&2; false; }
			[[ $status -ne 0 ]] || { echo "$s: $c: status 0" >&2; false; }
		done
	done
}

@test "failed exec in -i -c: the shell goes on with its handlers" {
	local s
	for s in "${STRATEGIES[@]}"; do
		# the mask is empty and SIGINT (bit 2 of SigCgt) still has the
		# shell's handler, so kill -INT $$ ends the command line with
		# 130 (bash, dash), not the shell by the signal
		TINE_SPAWN=$s run_tine -i -c 'exec /nonexistent/prog; while read -r l; do case $l in SigBlk*|SigCgt*) echo "$l";; esac; done </proc/self/status; kill -INT $$; echo not-reached'
		[[ $output =~ ^"SigBlk:"[[:space:]]+0+$'\n'"SigCgt:"[[:space:]]+[0-9a-f]*[2367abef]$ ]] ||
			{ echo "$s: $output / $raw_stderr" >&2; false; }
		[[ $status -eq 130 ]] || { echo "$s: status $status" >&2; false; }
	done
}

@test "pty: started with TTIN and TTOU ignored (tmux), jobs get TSTP, TTIN, TTOU at default" {
	local s
	for s in "${STRATEGIES[@]}"; do
		on_pty "$s" 'expect:stat' -- env --ignore-signal=TTIN --ignore-signal=TTOU \
			"$TINE" -m -c 'probe >fg; probe >bg & wait; probe >p1 | probe >p2
(set +m; probe >nomon)
/bin/cat & for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	st=$(ps -o stat= -p $!); case $st in T*) break ;; esac; sleep 0.1
done; echo "stat $st"; kill -KILL $!'
		local f
		for f in fg bg p1 p2; do
			[[ $(field $f sig.ignored) == none ]] ||
				{ echo "$s: $f: sig.ignored $(field $f sig.ignored)" >&2; false; }
		done
		# without job control what was ignored at entry stays ignored
		[[ $(field nomon sig.ignored) == TTIN,TTOU ]] ||
			{ echo "$s: nomon: sig.ignored $(field nomon sig.ignored)" >&2; false; }
		# so a background cat that reads the terminal stops on SIGTTIN
		[[ $output == *"stat T"* ]] || { echo "$s: $output" >&2; false; }
	done
}

@test "pty: a trap '' TTOU still holds for the job" {
	local s
	for s in "${STRATEGIES[@]}"; do
		on_pty "$s" 'expect:end' -- env --ignore-signal=TTIN "$TINE" -m -c "trap '' TTOU; probe >fg; echo end"
		[[ $(field fg sig.ignored) == TTOU ]] ||
			{ echo "$s: fg: sig.ignored $(field fg sig.ignored)" >&2; false; }
	done
}

# rt_sigaction calls of `tine -c SCRIPT` (with -f: the children too)
count_sigaction() {
	local f=$1 s=$2 script=$3
	env -i PATH=/usr/bin:/bin TINE_SPAWN="$s" \
		${ASAN_OPTIONS:+"ASAN_OPTIONS=$ASAN_OPTIONS"} \
		timeout 20 strace $f -qq -c -e trace=rt_sigaction -o "$BATS_TEST_TMPDIR/c" \
		"$TINE" -c "$script" >/dev/null 2>&1
	awk '$NF == "rt_sigaction" { print $4 }' "$BATS_TEST_TMPDIR/c" | grep . || echo 0
}

@test "strace: a launch makes no rt_sigaction but for the signals that have handlers" {
	command -v strace >/dev/null || skip "strace not installed"
	strace -f -qq -o /dev/null /bin/true 2>/dev/null || skip "strace cannot trace here"
	local s f base two
	for s in "${STRATEGIES[@]}"; do
		# glibc's posix_spawn child asks about every signal itself:
		# count the shell's own calls there
		f=-f; [[ $s == posix_spawn ]] && f=
		base=$(count_sigaction "$f" "$s" ':')
		two=$(count_sigaction "$f" "$s" '/bin/true; /bin/true; :')
		[[ $two -eq $base ]] || { echo "$s: $base at start, $two with two launches" >&2; false; }
		# exec in place saves and restores nothing it does not change
		two=$(count_sigaction "$f" "$s" '/bin/true')
		[[ $two -eq $base ]] || { echo "$s: $base at start, $two with exec in place" >&2; false; }
		# two trapped signals: each child resets both, nothing else
		base=$(count_sigaction "$f" "$s" 'trap : USR1 USR2; :')
		two=$(count_sigaction "$f" "$s" 'trap : USR1 USR2; /bin/true; /bin/true; :')
		local want=$((base + 4))
		[[ $s == posix_spawn ]] && want=$base
		[[ $two -eq $want ]] || { echo "$s: traps: $base, then $two with two launches (want $want)" >&2; false; }
	done
}

@test "a start that fails for want of a process slot reads the same under every strategy" {
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is needed"
	# a uid of its own, with no other process, so that the shell is the
	# one process RLIMIT_NPROC allows (nobody's may be busy)
	local id=$((40000 + $$ % 20000))
	setpriv --reuid=$id --regid=$id --clear-groups "$TINE" -c : 2>/dev/null ||
		skip "cannot run tine as uid $id here"
	local s
	for s in "${STRATEGIES[@]}"; do
		run_tine -c "ulimit -u 1; exec setpriv --reuid=$id --regid=$id --clear-groups $TINE -o spawn=$s -c '/bin/true; echo \"status \$?\"'"
		[[ $output == 'status 126' ]] || { echo "$s: $output / $raw_stderr" >&2; false; }
		[[ $raw_stderr == 'tine: /bin/true: cannot start: Resource temporarily unavailable' ]] ||
			{ echo "$s: $raw_stderr" >&2; false; }
	done
}

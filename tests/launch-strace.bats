#!/usr/bin/env bats
# tests/launch-strace.bats - no needless fork: only an external program can
# be launched without a fork of the shell, and each one is.
#
# Under strace, a pipeline of external programs and `x=$(prog)` must create
# exactly one process per program, every one of them created by the shell
# itself, each child doing nothing but execve its program; with vfork, clone
# and posix_spawn no process-creating call copies the shell's memory (all
# share it: vfork, or clone/clone3 with CLONE_VM).  A pipeline member that
# is shell code must still fork: that case is counted too, so the counting
# is shown to see a fork when there is one.

load helper

STRATEGIES=(fork vfork clone posix_spawn)

setup() {
	command -v strace >/dev/null ||
		skip "strace not installed (Debian: apt-get install strace; build.sh --deps installs it)"
	strace -f -qq -o /dev/null /bin/true 2>/dev/null ||
		skip "strace cannot trace here (ptrace not permitted in this container)"
}

# trace_tine STRATEGY SCRIPT: runs tine -c SCRIPT under strace; leaves the
# raw log in $T/log, tine's stdout in $T/out, and in $T/sum one line per
# event, in order:
#	create BY MEM     a process-creating call: BY is "shell" when the shell
#	                  made it, else "child"; MEM is "shared" (vfork, or
#	                  CLONE_VM) or "copy" (a fork)
#	exec PATH         an execve made by a process other than the shell
trace_tine() {
	local s=$1 script=$2
	T=$(mktemp -d "${BATS_TEST_TMPDIR:-/tmp}/strace.XXXXXX")
	local st=0
	(
		cd "$T" || exit 99
		# The sanitizer settings pass through: LeakSanitizer cannot run
		# under ptrace, and the ASan build runs with it off.
		exec env -i PATH=/usr/bin:/bin LC_ALL=C \
			${ASAN_OPTIONS:+"ASAN_OPTIONS=$ASAN_OPTIONS"} \
			${UBSAN_OPTIONS:+"UBSAN_OPTIONS=$UBSAN_OPTIONS"} \
			timeout -k 2 20 \
			strace -f -qq -s 200 -e trace=fork,vfork,clone,clone3,execve \
			-o "$T/log" "$TINE" -o "spawn=$s" -c "$script" \
			</dev/null >"$T/out" 2>"$T/err"
	) || st=$?
	[[ $st -eq 0 ]] || { echo "tine under strace: status $st" >&2; cat "$T/err" >&2; return 1; }
	awk -v tine="$TINE" '
		# The shell is the process that execs tine (strace starts it).
		shell == "" && $2 ~ /^execve\(/ { shell = $1; next }
		$2 ~ /^(fork|vfork|clone|clone3)\(/ {
			by = ($1 == shell) ? "shell" : "child"
			mem = ($2 ~ /^vfork\(/ || $0 ~ /CLONE_VM/) ? "shared" : "copy"
			print "create", by, mem
			next
		}
		$1 != shell && $2 ~ /^execve\(/ {
			p = $2
			sub(/^execve\("/, "", p); sub(/".*/, "", p)
			print "exec", p
		}
	' "$T/log" >"$T/sum"
}

show_trace() {
	{
		echo "-- summary:"; sed 's/^/    /' "$T/sum"
		echo "-- strace log:"; sed 's/^/    | /' "$T/log"
	} >&2
}

# expect_sum STRATEGY 'EXPECTED SUMMARY' (one event a line, compared
# sorted: strace may print a child's execve before its parent's clone
# returns)
expect_sum() {
	local s=$1 want
	want=$(LC_ALL=C sort <<<"$2")
	if [[ $(LC_ALL=C sort "$T/sum") != "$want" ]]; then
		echo "== $s: summary differs (- expected, + actual)" >&2
		diff -u --label expected --label actual <(printf '%s\n' "$want") \
			<(LC_ALL=C sort "$T/sum") | sed 's/^/    /' >&2
		show_trace
		return 1
	fi
}

mem_for() { [[ $1 == fork ]] && echo copy || echo shared; }

@test "strace: /bin/echo a | /bin/cat | /bin/cat creates one process per program" {
	local s m
	for s in "${STRATEGIES[@]}"; do
		trace_tine "$s" '/bin/echo a | /bin/cat | /bin/cat'
		[[ $(<"$T/out") == a ]] || { echo "$s: stdout '$(<"$T/out")'" >&2; false; }
		m=$(mem_for "$s")
		# Creation and exec lines interleave differently per strategy
		# (a vfork parent waits for the exec), so count them apart.
		[[ $(grep -c '^create' "$T/sum") -eq 3 ]] || { echo "$s: not 3 creations" >&2; show_trace; false; }
		[[ $(grep '^create' "$T/sum" | sort -u) == "create shell $m" ]] ||
			{ echo "$s: a creation not by the shell or not '$m'" >&2; show_trace; false; }
		[[ $(grep '^exec' "$T/sum" | LC_ALL=C sort) == "exec /bin/cat
exec /bin/cat
exec /bin/echo" ]] || { echo "$s: children did not exec exactly the three programs" >&2; show_trace; false; }
	done
}

@test "strace: x=\$(/bin/echo hi) creates one process, the program" {
	local s
	for s in "${STRATEGIES[@]}"; do
		trace_tine "$s" 'x=$(/bin/echo hi); echo "got $x"'
		[[ $(<"$T/out") == "got hi" ]] || { echo "$s: stdout '$(<"$T/out")'" >&2; false; }
		expect_sum "$s" "create shell $(mem_for "$s")
exec /bin/echo"
	done
}

@test "strace: a simple command and a background program: one process each" {
	local s m
	for s in "${STRATEGIES[@]}"; do
		trace_tine "$s" '/bin/true; /bin/echo bg >/dev/null & wait'
		m=$(mem_for "$s")
		expect_sum "$s" "create shell $m
exec /bin/true
create shell $m
exec /bin/echo"
	done
}

@test "strace: x=\$(/bin/echo a | /bin/cat) runs shell code: one fork, then the programs" {
	# The pipeline inside \$(...) is shell code: the shell forks once
	# (a copy); that subshell launches both programs with the strategy.
	local s m
	for s in "${STRATEGIES[@]}"; do
		trace_tine "$s" 'x=$(/bin/echo a | /bin/cat); echo "got $x"'
		[[ $(<"$T/out") == "got a" ]] || { echo "$s: stdout '$(<"$T/out")'" >&2; false; }
		m=$(mem_for "$s")
		[[ $(grep -c '^create shell copy' "$T/sum") -eq 1 ]] ||
			{ echo "$s: expected one fork by the shell" >&2; show_trace; false; }
		[[ $(grep -c "^create child $m" "$T/sum") -eq 2 ]] ||
			{ echo "$s: expected two '$m' launches by the subshell" >&2; show_trace; false; }
		[[ $(grep -c '^create' "$T/sum") -eq 3 ]] || { show_trace; false; }
		[[ $(grep '^exec' "$T/sum" | sort | tr '\n' ' ') == "exec /bin/cat exec /bin/echo " ]] ||
			{ show_trace; false; }
	done
}

@test "strace: a builtin in a pipeline is shell code and forks (the count sees forks)" {
	local s m
	for s in "${STRATEGIES[@]}"; do
		trace_tine "$s" 'echo a | /bin/cat'
		m=$(mem_for "$s")
		[[ $(grep -c '^create' "$T/sum") -eq 2 ]] || { echo "$s: not 2 creations" >&2; show_trace; false; }
		# The echo member: a copy of the shell that execs nothing.
		grep -q '^create shell copy$' "$T/sum" || { echo "$s: no fork for echo" >&2; show_trace; false; }
		grep -q "^create shell $m\$" "$T/sum" || { show_trace; false; }
		[[ $(grep '^exec' "$T/sum") == "exec /bin/cat" ]] || { show_trace; false; }
	done
}

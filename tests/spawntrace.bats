#!/usr/bin/env bats
# tests/spawntrace.bats - `setopt spawntrace` lines, pinned for each
# strategy: only the strategy name differs, and the
# pid after "-> pid" is normalised to N (checked against $! where the shell
# tells it).

load helper

STRATEGIES=(fork vfork clone posix_spawn)

# trace_of STRATEGY SCRIPT: runs tine -o spawn=STRATEGY -c SCRIPT in a fresh
# directory, without a controlling terminal; sets $out (stdout), $trace
# (stderr with "-> pid N") and $raw (stderr as written).
trace_of() {
	local s=$1 script=$2
	T=$(mktemp -d "${BATS_TEST_TMPDIR:-/tmp}/trace.XXXXXX")
	mkdir -p "$T/w"
	local st=0
	(
		cd "$T/w" || exit 99
		_close_fds
		exec env -i PATH=/usr/bin:/bin LC_ALL=C setsid -w timeout -k 2 "$TINE_TEST_TIMEOUT" \
			"$TINE" -o "spawn=$s" -c "$script" </dev/null >"$T/out" 2>"$T/err"
	) || st=$?
	out=$(<"$T/out")
	raw=$(<"$T/err")
	trace=$(sed -E 's/-> pid [0-9]+$/-> pid N/' "$T/err")
	tstatus=$st
}

# pin SCRIPT <<'EOF' EXPECTED-STDERR (with @S@ for the strategy) EOF
pin() {
	local script=$1 want s
	want=$(cat)
	for s in "${STRATEGIES[@]}"; do
		trace_of "$s" "$script"
		local w=${want//@S@/$s}
		if [[ $trace != "$w" ]]; then
			{
				echo "== $s: spawntrace differs (- expected, + actual)"
				echo "-- script: $script"
				diff -u --label expected --label actual <(printf '%s\n' "$w") \
					<(printf '%s\n' "$trace") | sed 's/^/    /'
				echo "-- raw stderr:"; printf '%s\n' "$raw" | sed 's/^/    | /'
			} >&2
			return 1
		fi
		# Every pid printed is a real, positive pid.
		if grep -Eq -- '-> pid (0|-)' "$T/err"; then
			echo "== $s: a zero or negative pid: $raw" >&2
			return 1
		fi
	done
}

@test "spawntrace: a simple command" {
	pin 'setopt spawntrace; /bin/echo hi >/dev/null; /bin/echo "a b" '\''c'\'' "" >/dev/null' <<'EOF'
+ @S@ /bin/echo hi: open(/dev/null,O_WRONLY|O_CREAT|O_TRUNC)=1 sigmask({}) -> pid N
+ @S@ /bin/echo 'a b' c '': open(/dev/null,O_WRONLY|O_CREAT|O_TRUNC)=1 sigmask({}) -> pid N
EOF
	[[ $out == "" ]]
}

@test "spawntrace: off by default, and unsetopt turns it off" {
	pin '/bin/true; setopt spawntrace; /bin/true; unsetopt spawntrace; /bin/true' <<'EOF'
+ @S@ /bin/true: sigmask({}) -> pid N
EOF
}

@test "spawntrace: > f, >> f, < f, 3<> f, 2>&1, 4>&-, 5<&0" {
	pin 'setopt spawntrace; echo x >in; /bin/echo a >f; /bin/echo b >>f 2>&1; /bin/cat <in 3<>rw 4>&- 5<&0 >/dev/null' <<'EOF'
+ @S@ /bin/echo a: open(f,O_WRONLY|O_CREAT|O_TRUNC)=1 sigmask({}) -> pid N
+ @S@ /bin/echo b: open(f,O_WRONLY|O_CREAT|O_APPEND)=1 dup2(1,2) sigmask({}) -> pid N
+ @S@ /bin/cat: open(in,O_RDONLY)=0 open(rw,O_RDWR|O_CREAT)=3 close(4) dup2(0,5) open(/dev/null,O_WRONLY|O_CREAT|O_TRUNC)=1 sigmask({}) -> pid N
EOF
	[[ $(<"$T/w/f") == "a
b" ]]
}

@test "spawntrace: 2>&1 and the order of redirections" {
	pin 'setopt spawntrace; /bin/echo a 2>&1 >/dev/null; /bin/echo b >/dev/null 2>&1' <<'EOF'
+ @S@ /bin/echo a: dup2(1,2) open(/dev/null,O_WRONLY|O_CREAT|O_TRUNC)=1 sigmask({}) -> pid N
+ @S@ /bin/echo b: open(/dev/null,O_WRONLY|O_CREAT|O_TRUNC)=1 dup2(1,2) sigmask({}) -> pid N
EOF
}

@test "spawntrace: noclobber and >|" {
	pin 'setopt spawntrace; set -C; /bin/true >f; /bin/true >|f' <<'EOF'
+ @S@ /bin/true: open(f,O_WRONLY|O_CREAT|O_TRUNC,noclobber)=1 sigmask({}) -> pid N
+ @S@ /bin/true: open(f,O_WRONLY|O_CREAT|O_TRUNC)=1 sigmask({}) -> pid N
EOF
}

@test "spawntrace: <<EOF here-document" {
	pin 'setopt spawntrace
/bin/cat <<EOF
here
EOF
/bin/cat 4<<EOF >/dev/null
x
EOF' <<'EOF'
+ @S@ /bin/cat: dup2(3,0) sigmask({}) -> pid N
+ @S@ /bin/cat: dup2(3,4) open(/dev/null,O_WRONLY|O_CREAT|O_TRUNC)=1 sigmask({}) -> pid N
EOF
	[[ $out == here ]]
}

@test "spawntrace: a pipeline, one line per program" {
	pin 'setopt spawntrace; /bin/echo a | /bin/cat | /bin/cat >/dev/null' <<'EOF'
+ @S@ /bin/echo a: dup2(4,1) sigmask({}) -> pid N
+ @S@ /bin/cat: dup2(3,0) dup2(5,1) sigmask({}) -> pid N
+ @S@ /bin/cat: dup2(4,0) open(/dev/null,O_WRONLY|O_CREAT|O_TRUNC)=1 sigmask({}) -> pid N
EOF
}

@test "spawntrace: a pipeline member that is a builtin has no line" {
	pin 'setopt spawntrace; echo a | /bin/cat >/dev/null' <<'EOF'
+ @S@ /bin/cat: dup2(3,0) open(/dev/null,O_WRONLY|O_CREAT|O_TRUNC)=1 sigmask({}) -> pid N
EOF
}

@test "spawntrace: \$(prog) command substitution" {
	pin 'setopt spawntrace; x=$(/bin/echo hi); echo "$x"' <<'EOF'
+ @S@ /bin/echo hi: dup2(4,1) sigmask({}) -> pid N
EOF
	[[ $out == hi ]]
}

@test "spawntrace: a background job (&): /dev/null stdin, INT and QUIT ignored, pid is \$!" {
	pin 'setopt spawntrace; /bin/sleep 0 & echo "bg $!"; wait' <<'EOF'
+ @S@ /bin/sleep 0: open(/dev/null,O_RDONLY)=0 sigign(INT,QUIT) sigmask({}) -> pid N
EOF
	# The pid on the line is the job's $!.
	local pid=${raw##*-> pid }
	[[ $out == "bg $pid" ]] || { echo "trace pid $pid, \$! line '$out'" >&2; false; }
}

@test "spawntrace: a background pipeline" {
	pin 'setopt spawntrace; /bin/echo a | /bin/cat >/dev/null & wait' <<'EOF'
+ @S@ /bin/echo a: open(/dev/null,O_RDONLY)=0 dup2(4,1) sigign(INT,QUIT) sigmask({}) -> pid N
+ @S@ /bin/cat: dup2(3,0) open(/dev/null,O_WRONLY|O_CREAT|O_TRUNC)=1 sigign(INT,QUIT) sigmask({}) -> pid N
EOF
}

@test "spawntrace: traps: caught signals back to default, ignored ones stay" {
	pin 'setopt spawntrace; trap "" INT; trap "echo" TERM USR1; /bin/true' <<'EOF'
+ @S@ /bin/true: sigdfl(USR1,TERM) sigmask({}) -> pid N
EOF
}

@test "spawntrace: real-time signals are named as trap and kill -l name them" {
	pin 'setopt spawntrace; trap "echo" RTMIN RTMIN+2 RTMAX; /bin/true' <<'EOF'
+ @S@ /bin/true: sigdfl(RTMIN,RTMIN+2,RTMAX) sigmask({}) -> pid N
EOF
}

@test "spawntrace: SPAWN=NAME names that strategy on its line only" {
	local s
	for s in "${STRATEGIES[@]}"; do
		trace_of fork "setopt spawntrace; SPAWN=$s /bin/true; /bin/true"
		[[ $trace == "+ $s /bin/true: sigmask({}) -> pid N
+ fork /bin/true: sigmask({}) -> pid N" ]] || { echo "$s: $raw" >&2; false; }
	done
}

@test "spawntrace: set -m without a terminal: the pipeline's process group" {
	# No terminal (setsid): job control cannot take the foreground, so
	# there is no tcsetpgrp; the first member leads a new group and the
	# others join it by pid.  With set -m the shell ignores TSTP, TTIN
	# and TTOU; the programs get them back at default.
	local s
	for s in "${STRATEGIES[@]}"; do
		trace_of "$s" 'setopt spawntrace; set -m; /bin/echo a | /bin/cat >/dev/null'
		local first second
		first=$(sed -n 1p <<<"$raw")
		second=$(sed -n 2p <<<"$raw")
		[[ $first =~ ^"+ $s /bin/echo a: dup2(4,1) sigdfl(TSTP,TTIN,TTOU) sigmask({}) setpgid(0) -> pid "([0-9]+)$ ]] ||
			{ echo "$s: first line: $raw" >&2; false; }
		local pid=${BASH_REMATCH[1]}
		[[ $second =~ ^"+ $s /bin/cat: dup2(3,0) open(/dev/null,O_WRONLY|O_CREAT|O_TRUNC)=1 sigdfl(TSTP,TTIN,TTOU) sigmask({}) setpgid($pid) -> pid "[0-9]+$ ]] ||
			{ echo "$s: second line does not join $pid: $raw" >&2; false; }
	done
}

@test "spawntrace: set -m: \$( ) stays in the shell's group, nested too; & and a lone program get their own" {
	# The process-group part of every launch is decided in one place
	# (proc_group_for): a command substitution belongs to the command
	# being expanded, so neither it nor one nested in its words gets a
	# group; a background program and a foreground one lead one each.
	local s
	for s in "${STRATEGIES[@]}"; do
		trace_of "$s" 'setopt spawntrace; set -m; x=$(/bin/echo a $(/bin/echo n)); echo "$x"; /bin/true & wait; /bin/true; echo end'
		[[ $out == "a n
end" ]] || { echo "$s: out: $out" >&2; false; }
		[[ $trace == "+ $s /bin/echo n: dup2(6,1) sigdfl(TSTP,TTIN,TTOU) sigmask({}) -> pid N
+ $s /bin/echo a n: dup2(4,1) sigdfl(TSTP,TTIN,TTOU) sigmask({}) -> pid N
+ $s /bin/true: sigdfl(TSTP,TTIN,TTOU) sigmask({}) setpgid(0) -> pid N
+ $s /bin/true: sigdfl(TSTP,TTIN,TTOU) sigmask({}) setpgid(0) -> pid N" ]] ||
			{ echo "$s: $raw" >&2; false; }
	done
}

@test "spawntrace: a failed launch prints the error, status 1 or 127" {
	local s
	for s in "${STRATEGIES[@]}"; do
		trace_of "$s" 'setopt spawntrace; /bin/echo a >/nonexistent/dir/f; echo "st=$?"; /no/such/prog; echo "st=$?"'
		[[ $out == "st=1
st=127" ]] || { echo "$s: $out" >&2; false; }
		grep -q 'cannot create' <<<"$raw" || { echo "$s: $raw" >&2; false; }
		grep -q '/no/such/prog: not found' <<<"$raw" || { echo "$s: $raw" >&2; false; }
	done
}

#!/usr/bin/env bats
# tests/timing.bats - the `time` reserved word, TIMEFORMAT and the lines of
# `setopt timing`.  Times are real measurements,
# so the checks pin formats exactly and values by bounds that a slow or
# busy machine still meets (a sleep is never shorter than asked).

load helper

STRATEGIES=(fork vfork clone posix_spawn)

# Fields of a `setopt timing` line in the C locale (us, not µs).
DUR='[0-9.]+(us|ms|s)'
SIZE='[0-9.]+(KiB|MiB|GiB)'
timing_line() { # NAME [STRATEGY-REGEX]
	printf '^timing: (%s) +%s +launch +%s +wall +%s +user +%s +sys +%s +rss +%s$' \
		"${2:-fork|vfork|clone|posix_spawn}" "$1" "$DUR" "$DUR" "$DUR" "$DUR" "$SIZE"
}

# ---- time ----

@test "time -p: the POSIX format, three lines on stderr, nothing on stdout" {
	run_tine -c 'time -p sleep 0.1'
	check_status 0
	check_output ''
	[[ $raw_stderr =~ ^real\ ([0-9]+\.[0-9]{2})$'\n'user\ [0-9]+\.[0-9]{2}$'\n'sys\ [0-9]+\.[0-9]{2}$ ]] ||
		{ _fail_show; false; }
	# a sleep of 0.1 s is never reported as less
	[[ ${BASH_REMATCH[1]} > 0.09 ]] || { _fail_show; false; }
}

@test "time: bash's default format when TIMEFORMAT is unset" {
	run_tine -c 'time sleep 0.1'
	check_status 0
	[[ $raw_stderr =~ ^$'\n'real$'\t'0m0\.([0-9]{3})s$'\n'user$'\t'0m[0-9]+\.[0-9]{3}s$'\n'sys$'\t'0m[0-9]+\.[0-9]{3}s$ ]] ||
		{ _fail_show; false; }
	[[ ${BASH_REMATCH[1]} -ge 100 ]] || { _fail_show; false; }
}

@test "time -p ignores TIMEFORMAT" {
	run_tine -c 'TIMEFORMAT="custom %R"; time -p true'
	[[ $raw_stderr =~ ^real\ [0-9.]+$'\n'user\ [0-9.]+$'\n'sys\ [0-9.]+$ ]] ||
		{ _fail_show; false; }
}

@test "TIMEFORMAT: precision 0-3 and larger, long forms, %%, %P and plain text" {
	run_tine -c 'TIMEFORMAT="<%0R|%1R|%2R|%3R|%R|%9R|%lR|%0lR|%2lR|%%|%P|%3U|%lS>"; time sleep 0.3'
	check_status 0
	local re='^<([0-9]+)\|([0-9]+\.[0-9])\|([0-9]+\.[0-9]{2})\|([0-9]+\.[0-9]{3})\|'
	re+='([0-9]+\.[0-9]{3})\|([0-9]+\.[0-9]{3})\|0m([0-9]+\.[0-9]{3})s\|0m([0-9]+)s\|'
	re+='0m([0-9]+\.[0-9]{2})s\|%\|[0-9]+\.[0-9]{2}\|[0-9]+\.[0-9]{3}\|0m[0-9]+\.[0-9]{3}s>$'
	[[ $raw_stderr =~ $re ]] || { _fail_show; false; }
	local m=("${BASH_REMATCH[@]}")
	# one measurement, printed at several precisions: the digits are cut,
	# never rounded, so each short form is a prefix of the 3-digit one
	local full=${m[4]}
	[[ ${m[5]} == "$full" && ${m[6]} == "$full" && ${m[7]} == "$full" ]] ||
		{ echo "default/%9R/%lR differ from %3R: ${m[*]}" >&2; false; }
	[[ $full == "${m[3]}"? && ${m[3]} == "${m[2]}"? && ${m[2]} == "${m[1]}".? ]] ||
		{ echo "shorter precisions are not truncations of $full: ${m[*]}" >&2; false; }
	[[ ${m[8]} == "${m[1]}" && ${m[9]} == "${m[3]}" ]] ||
		{ echo "long forms disagree: ${m[*]}" >&2; false; }
	[[ $((10#${full%%.*} * 1000 + 10#${full#*.})) -ge 300 ]] ||
		{ echo "0.3 s sleep shown as $full" >&2; false; }
}

@test "TIMEFORMAT: a trailing % is printed; a newline is added" {
	run_tine -c 'TIMEFORMAT="a%0Rb%"; time true; echo out'
	check_output 'out'
	[[ $raw_stderr == $'a0b%' ]] || { _fail_show; false; }
	# the added newline: the next line of stderr starts on its own line
	run_tine -c 'TIMEFORMAT="x"; time true; echo next >&2'
	[[ $raw_stderr == $'x\nnext' ]] || { _fail_show; false; }
}

@test "TIMEFORMAT empty: time prints nothing and keeps the status" {
	run_tine -c 'TIMEFORMAT=; time false; echo "st=$?"'
	check_output 'st=1'
	check_stderr_empty
}

@test "TIMEFORMAT with a bad escape: bash's message, no report, status kept" {
	run_tine -c 'TIMEFORMAT="x%Zy"; time sh -c "exit 3"; echo "st=$?"'
	check_output 'st=3'
	check_stderr "sh: TIMEFORMAT: \`Z': invalid format character"
}

@test "time keeps the exit status of the pipeline (and of !)" {
	run_tine -c 'TIMEFORMAT=; time false; a=$?; time true; b=$?; time ! true; c=$?; time (exit 7); d=$?; echo $a $b $c $d'
	check_output '1 0 1 7'
}

@test "time on a function and on builtins counts the shell's own CPU time" {
	# a busy loop with no child at all: only RUSAGE_SELF can see it
	run_tine -c 'TIMEFORMAT="%3U %3S"
f() { i=0; while [ $i -lt 40000 ]; do i=$((i+1)); done; }
time f'
	check_status 0
	[[ $raw_stderr =~ ^([0-9]+)\.([0-9]{3})\ ([0-9]+)\.([0-9]{3})$ ]] || { _fail_show; false; }
	local ms=$((10#${BASH_REMATCH[1]}${BASH_REMATCH[2]} + 10#${BASH_REMATCH[3]}${BASH_REMATCH[4]}))
	[[ $ms -ge 5 ]] || { echo "40000 iterations took ${ms} ms of CPU?" >&2; _fail_show; false; }
}

@test "time on a pipeline times the whole pipeline, not its first command" {
	run_tine -c 'TIMEFORMAT=%3R; time sleep 0.1 | sleep 0.5'
	check_status 0
	[[ $raw_stderr =~ ^([0-9]+)\.([0-9]{3})$ ]] || { _fail_show; false; }
	# sleep 0.5 is the last and longest member: at least 500 ms in all
	[[ $((10#${BASH_REMATCH[1]}${BASH_REMATCH[2]})) -ge 500 ]] || { _fail_show; false; }
}

@test "time on compound commands: braces, subshell, loop" {
	run_tine -c 'TIMEFORMAT=%3R
time { sleep 0.2; sleep 0.2; }
time (sleep 0.3)
time for i in 1 2; do sleep 0.15; done'
	check_status 0
	local -a l
	mapfile -t l <<<"$raw_stderr"
	[[ ${#l[@]} -eq 3 ]] || { _fail_show; false; }
	[[ ${l[0]} > 0.399 && ${l[1]} > 0.299 && ${l[2]} > 0.299 ]] || { _fail_show; false; }
}

@test "time alone (no pipeline) reports zeros and is not an error" {
	run_tine -c 'time; echo "st=$?"'
	check_output 'st=0'
	[[ $raw_stderr =~ ^$'\n'real$'\t'0m0\.00[0-9]s$'\n'user$'\t'0m0\.0[0-9]{2}s$'\n'sys$'\t'0m0\.0[0-9]{2}s$ ]] ||
		{ _fail_show; false; }
}

@test "time writes to the shell's stderr, not the timed command's" {
	run_tine -c 'TIMEFORMAT=T%0R; time echo hi 2>/dev/null; { time echo there; } 2>f; cat f'
	check_output $'hi\nthere\nT0'
	[[ $raw_stderr == T0 ]] || { _fail_show; false; }
}

# ---- setopt timing ----

@test "setopt timing: one line per program of a pipeline, in order" {
	run_tine -c 'setopt timing; /bin/echo a | cat | wc -c'
	check_status 0
	check_output '2'
	local -a l
	mapfile -t l <<<"$raw_stderr"
	[[ ${#l[@]} -eq 3 ]] || { _fail_show; false; }
	[[ ${l[0]} =~ $(timing_line /bin/echo) ]] || { echo "line 1: ${l[0]}" >&2; false; }
	[[ ${l[1]} =~ $(timing_line cat) ]] || { echo "line 2: ${l[1]}" >&2; false; }
	[[ ${l[2]} =~ $(timing_line wc) ]] || { echo "line 3: ${l[2]}" >&2; false; }
}

@test "setopt timing: the columns of one report line up" {
	run_tine -c 'setopt timing; /bin/echo a | cat | wc -c'
	local -a l
	mapfile -t l <<<"$raw_stderr"
	local k col0
	for k in launch wall user sys rss; do
		col0=
		for line in "${l[@]}"; do
			local pre=${line%%" $k "*}
			if [[ -z $col0 ]]; then col0=${#pre}
			elif [[ ${#pre} -ne $col0 ]]; then
				echo "column '$k' not aligned" >&2; _fail_show; return 1
			fi
		done
	done
}

@test "setopt timing: a line for \$(prog) run directly by the substitution" {
	run_tine -c 'setopt timing; x=$(/bin/echo sub); echo "$x"'
	check_output 'sub'
	[[ $raw_stderr =~ $(timing_line /bin/echo) ]] || { _fail_show; false; }
	[[ $(wc -l <<<"$raw_stderr") -eq 1 ]] || { _fail_show; false; }
}

@test "setopt timing: names the strategy that launched each program" {
	local s
	for s in "${STRATEGIES[@]}"; do
		run_tine -c "setopt timing; SPAWN=$s /bin/true; /bin/true | SPAWN=$s cat"
		check_status 0
		local -a l
		mapfile -t l <<<"$raw_stderr"
		[[ ${#l[@]} -eq 3 ]] || { _fail_show; return 1; }
		[[ ${l[0]} =~ $(timing_line /bin/true "$s") ]] || { echo "$s: ${l[0]}" >&2; return 1; }
	done
}

@test "setopt timing: wall time and peak RSS are the child's own" {
	# sleep 0.3 has a wall time of at least 300 ms and a launch far below it
	run_tine -c 'setopt timing; sleep 0.3'
	[[ $raw_stderr =~ launch\ +([0-9.]+)(us|ms)\ +wall\ +([0-9.]+)(ms|s)\  ]] || { _fail_show; false; }
	local wall=${BASH_REMATCH[3]} unit=${BASH_REMATCH[4]}
	[[ $unit == s || ${wall%.*} -ge 300 ]] || { _fail_show; false; }
	# a child that grows its heap by 48 MiB shows it in its rss (tine
	# itself, with spawnbench -m, is a program we know does that)
	run_tine -c "setopt timing; '$TINE' -c 'spawnbench -n 1 -s vfork -m 48M true' >/dev/null"
	[[ $raw_stderr =~ rss\ +([0-9.]+)MiB$ ]] || { _fail_show; false; }
	[[ ${BASH_REMATCH[1]%.*} -ge 48 ]] || { _fail_show; false; }
}

@test "setopt timing: exit statuses unchanged; builtins and functions print no line" {
	run_tine -c 'setopt timing; f() { return 4; }; echo x; f; a=$?; sh -c "exit 5"; b=$?; echo $a $b'
	check_output $'x\n4 5'
	[[ $(wc -l <<<"$raw_stderr") -eq 1 ]] || { _fail_show; false; }
	[[ $raw_stderr =~ $(timing_line sh) ]] || { _fail_show; false; }
}

@test "setopt timing off: no lines; unsetopt stops them" {
	run_tine -c '/bin/true | cat; setopt timing; unsetopt timing; /bin/true'
	check_status 0
	check_stderr_empty
}

@test "setopt timing in a UTF-8 locale writes µs" {
	run_tine -c 'LC_ALL=C.UTF-8; setopt timing; sleep 0.01'
	[[ $raw_stderr == *"µs"* || $raw_stderr =~ launch\ +[0-9.]+ms ]] || { _fail_show; false; }
	[[ $raw_stderr != *[0-9]us* ]] || { _fail_show; false; }
}

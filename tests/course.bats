#!/usr/bin/env bats
# tests/course.bats - every exercise's self-check in doc/course/check/ passes
# against the reference solutions (doc/course/solutions/) and fails on work
# that is missing or wrong, so neither the checks nor the solutions can go
# stale without the suite saying so.

load helper

course=$TINE_SRCDIR/doc/course

setup() {
	[[ -d $course/check ]] || skip "no doc/course/check"
	# Every check here picks its strategies itself: one suite run is enough.
	[[ -z ${TINE_SPAWN:-} || $TINE_SPAWN == vfork ]] ||
		skip "independent of TINE_SPAWN; runs with vfork"
	command -v cc >/dev/null || skip "no C compiler"
}

_check() { # EXERCISE DIR
	timeout 300 "$course/check/$1" "$2"
}

@test "course: exercise 1 self-check passes with the reference solution" {
	run _check 01-reading-a-plan "$course/solutions"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ ${lines[-1]} == PASS ]]
}

@test "course: exercise 1 self-check fails on a wrong prediction" {
	local w=$BATS_TEST_TMPDIR/w
	mkdir -p "$w"
	sed '0,/dup2(1,2)/s//dup2(2,1)/' "$course/solutions/01-predictions.txt" \
		>"$w/01-predictions.txt"
	run _check 01-reading-a-plan "$w"
	echo "$output"
	[ "$status" -eq 1 ]
	[[ ${lines[-1]} == FAIL ]]
}

@test "course: exercise 2 self-check passes with the reference solution" {
	command -v strace >/dev/null || skip "strace is not installed"
	run _check 02-cmdsub-without-fork "$course/solutions"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "course: exercise 2 self-check fails when the answers are swapped" {
	command -v strace >/dev/null || skip "strace is not installed"
	local w=$BATS_TEST_TMPDIR/w
	mkdir -p "$w"
	printf '%s\n' 'direct=$(echo hi)' 'fallback=$(uname -s)' \
		'shellcode=$(uname ${y:=-s})' >"$w/02-cmdsubs.sh"
	run _check 02-cmdsub-without-fork "$w"
	echo "$output"
	[ "$status" -eq 1 ]
	[[ $(grep -c '^FAIL  ' <<<"$output") -eq 3 ]]
}

@test "course: exercise 3 self-check passes with the reference solution" {
	run _check 03-fork-vs-the-rest "$course/solutions"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "course: exercise 3 self-check fails on a wrong median" {
	local w=$BATS_TEST_TMPDIR/w
	mkdir -p "$w"
	# The mean instead of the median.
	cat >"$w/03-medians" <<'SH'
#!/bin/sh
awk -F, 'FNR > 1 { s[$5 " " $1] += $3; n[$5 " " $1]++ }
	END { for (k in s) print k, int(s[k] / n[k]) }' "$@" | sort -n
SH
	chmod +x "$w/03-medians"
	run _check 03-fork-vs-the-rest "$w"
	echo "$output"
	[ "$status" -eq 1 ]
}

@test "course: exercise 4 self-check passes with the reference solutions" {
	# The reference clone3 starts its child with x86-64 assembly.
	[[ $(uname -m) == x86_64 ]] || skip "the clone3 solution is x86-64 only"
	run _check 04-the-vfork-child "$course/solutions"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "course: exercise 4 self-check fails on a strategy that skips the plan" {
	local w=$BATS_TEST_TMPDIR/w
	mkdir -p "$w"
	cp "$course/solutions/vfork-stdio.c" "$w/"
	# Forks and execs without applying fds or signals: every probe
	# report differs, and it is not clone3.
	cat >"$w/clone3.c" <<'C'
#include "launch.h"
#include <errno.h>
#include <string.h>
#include <unistd.h>
static int bad_launch(const struct launch_plan *plan, struct launch_result *res)
{
	memset(res, 0, sizeof *res);
	pid_t pid = fork();
	if (pid == 0) {
		execve(plan->path, plan->argv, plan->envp);
		_exit(127);
	}
	res->pid = pid;
	return 0;
}
const struct launch_strategy_ops course_student_ops = { "bad", bad_launch };
C
	run _check 04-the-vfork-child "$w"
	echo "$output"
	[ "$status" -eq 1 ]
	[[ $output == *"FAIL  clone3: probe reports differ"* ]]
	[[ $output == *"FAIL  clone3: failed launches"* ]]
	[[ $output == *"FAIL  clone3: no clone3 call"* ]]
}

@test "course: exercise 5 self-check passes with the reference solution" {
	command -v strace >/dev/null || skip "strace is not installed"
	run _check 05-signals-across-exec "$course/solutions"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "course: exercise 5 self-check fails when the child skips a signal the plan names" {
	command -v strace >/dev/null || skip "strace is not installed"
	local w=$BATS_TEST_TMPDIR/w
	mkdir -p "$w"
	# Trimmed too far: the plan's sigdfl (TERM) is left alone.
	sed 's/ ||$/ \&\& 0 ||/' "$course/solutions/trimmed.c" >"$w/trimmed.c"
	grep -q '&& 0 ||' "$w/trimmed.c"
	run _check 05-signals-across-exec "$w"
	echo "$output"
	[ "$status" -eq 1 ]
	[[ $output == *"must reset USR1 and TERM"* ]]
}

@test "course: exercise 6 self-check passes with the reference solution" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	run _check 06-process-groups-and-the-terminal "$course/solutions"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "course: every self-check fails on an empty work directory" {
	local w=$BATS_TEST_TMPDIR/empty c
	mkdir -p "$w"
	for c in "$course"/check/0*; do
		run timeout 60 "$c" "$w"
		echo "$c: $output"
		[ "$status" -eq 1 ]
		[[ ${lines[-1]} == FAIL ]]
	done
}

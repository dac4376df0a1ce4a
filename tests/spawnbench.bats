#!/usr/bin/env bats
# tests/spawnbench.bats - the spawnbench builtin:
# the table, the CSV (read back with python3's csv module), -m growing the
# shell, bad input (status 2), Ctrl-C.  Runs are kept short (-n 3..10) and
# bounds loose: the machine running the suite may be busy.

load helper

DUR='[0-9.]+(us|ms|s)'
SIZE='[0-9.]+(KiB|MiB|GiB)'
row_re() { # STRATEGY
	printf '^%-11s +%s +%s +%s +%s +[0-9.]+x  #+$' "$1" "$DUR" "$DUR" "$DUR" "$SIZE"
}

@test "spawnbench: the table has a title, a header and a row per strategy" {
	run_tine -c 'spawnbench -n 5 /bin/true'
	check_status 0
	check_stderr_empty
	local -a l
	mapfile -t l <<<"$output"
	[[ ${#l[@]} -eq 6 ]] || { _fail_show; false; }
	[[ ${l[0]} =~ ^spawnbench:\ /bin/true,\ 5\ runs\ per\ strategy,\ shell\ RSS\ $SIZE$ ]] ||
		{ _fail_show; false; }
	[[ ${l[1]} =~ ^strategy\ +launch\ p50\ +launch\ p90\ +wall\ p50\ +child\ rss\ +ratio$ ]] ||
		{ _fail_show; false; }
	local i s=(fork vfork clone posix_spawn)
	for i in 0 1 2 3; do
		[[ ${l[i + 2]} =~ $(row_re "${s[i]}") ]] ||
			{ echo "row $i: ${l[i + 2]}" >&2; false; }
	done
	# the fastest strategy has ratio 1.00x, the others at least that
	[[ $(grep -c ' 1\.00x ' <<<"$output") -ge 1 ]] || { _fail_show; false; }
	! grep -q ' 0\.[0-9]*x ' <<<"$output" || { _fail_show; false; }
}

@test "spawnbench: -s picks strategies in the order given, repeats once" {
	run_tine -c 'spawnbench -n 3 -s posix_spawn,fork,posix_spawn true'
	check_status 0
	local -a l
	mapfile -t l <<<"$output"
	[[ ${#l[@]} -eq 4 && ${l[2]} == posix_spawn* && ${l[3]} == fork* ]] || { _fail_show; false; }
	# the slowest gets the full bar of 30 cells, ASCII in the C locale
	[[ $output == *"##############################"* ]] || { _fail_show; false; }
}

@test "spawnbench: Unicode blocks in a UTF-8 locale" {
	run_tine -c 'LC_ALL=C.UTF-8; spawnbench -n 3 -s vfork true'
	check_status 0
	[[ $output == *"██████████████████████████████"* && $output != *"#"* ]] ||
		{ _fail_show; false; }
}

@test "spawnbench --csv: header and N rows per strategy, read by python's csv" {
	run_tine -c 'spawnbench -n 7 --csv -s fork,clone /bin/true'
	check_status 0
	printf '%s\n' "$output" >"$T/b.csv"
	run python3 - "$T/b.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
with open(sys.argv[1]) as f:
    assert f.readline() == "strategy,run,launch_ns,wall_ns,heap_bytes\n"
by = {}
for r in rows:
    by.setdefault(r["strategy"], []).append(r)
    launch, wall = int(r["launch_ns"]), int(r["wall_ns"])
    assert 0 < launch <= wall < 10**10, r
    assert int(r["heap_bytes"]) == 0, r
assert sorted(by) == ["clone", "fork"], by.keys()
for s, rs in by.items():
    assert [int(r["run"]) for r in rs] == list(range(1, 8)), (s, rs)
print(len(rows))
PY
	[[ $status -eq 0 && $output == 14 ]] || { echo "$output" >&2; false; }
}

@test "spawnbench -m: the shell grows by SIZE (table RSS, CSV heap_bytes)" {
	run_tine -c 'spawnbench -n 3 -s vfork true'
	[[ ${output%%$'\n'*} =~ shell\ RSS\ ([0-9.]+)(KiB|MiB)$ ]] || { _fail_show; false; }
	[[ ${BASH_REMATCH[2]} == KiB || ${BASH_REMATCH[1]%.*} -lt 40 ]] || { _fail_show; false; }

	run_tine -c 'spawnbench -n 3 -s vfork -m 40M true'
	check_status 0
	[[ ${output%%$'\n'*} =~ shell\ heap\ grown\ by\ 40\.0MiB,\ shell\ RSS\ ([0-9.]+)MiB$ ]] ||
		{ _fail_show; false; }
	[[ ${BASH_REMATCH[1]%.*} -ge 40 ]] || { _fail_show; false; }

	run_tine -c 'spawnbench -n 2 -s clone -m 1M --csv true; spawnbench -n 1 -s clone -m 4096 --csv true'
	check_status 0
	local -a l
	mapfile -t l <<<"$output"
	[[ ${#l[@]} -eq 5 && ${l[1]} =~ ^clone,1,[0-9]+,[0-9]+,1048576$ &&
		${l[2]} =~ ^clone,2,[0-9]+,[0-9]+,1048576$ &&
		${l[4]} =~ ^clone,1,[0-9]+,[0-9]+,4096$ ]] || { _fail_show; false; }
}

@test "spawnbench -m: fork pays for the parent's size, vfork does not" {
	# The fastest of nine launches, not the median: load from the other
	# jobs on the machine only ever adds time, so the minimum is the cost
	# itself (a median compared this way once fell to 2x on a busy CI).
	run_tine -c 'spawnbench -n 9 -s vfork,fork -m 256M --csv true'
	check_status 0
	local strategy run launch vfork_min= fork_min=
	while IFS=, read -r strategy run launch _; do
		case $strategy in
		vfork) [[ -z $vfork_min || $launch -lt $vfork_min ]] && vfork_min=$launch ;;
		fork) [[ -z $fork_min || $launch -lt $fork_min ]] && fork_min=$launch ;;
		esac
	done <<<"$output"
	[[ -n $vfork_min && -n $fork_min ]] || { _fail_show; false; }
	((fork_min >= 3 * vfork_min)) ||
		{ echo "fork's fastest launch ${fork_min}ns, vfork's ${vfork_min}ns at 256 MiB" >&2; _fail_show; false; }
}

@test "spawnbench: the command's output goes to /dev/null, stdin is /dev/null" {
	run_tine -c 'spawnbench -n 2 -s fork /bin/echo LEAKED; spawnbench -n 2 -s vfork cat; echo done'
	check_status 0
	[[ $output != *LEAKED* && $output == *done ]] || { _fail_show; false; }
}

@test "spawnbench: bad input is a usage error with status 2 and no table" {
	local args
	for args in '-n 0 true' '-n x true' '-n' '-m 12Q true' '-m G true' \
		'-s fork,bogus true' '-s , true' '-s fork,,vfork true' '-q true' '' '-n 3'; do
		run_tine -c "spawnbench $args"
		[[ $status -eq 2 && -z $output ]] || { echo "args: $args" >&2; _fail_show; return 1; }
		[[ $raw_stderr == "tine: spawnbench: "*$'\n'"usage: spawnbench "* ]] ||
			{ echo "args: $args" >&2; _fail_show; return 1; }
	done
	run_tine -c 'spawnbench -m 12Q true'
	check_stderr_match '12Q: bad size'
	run_tine -c 'spawnbench -s fork,bogus true'
	check_stderr_match 'bogus: unknown strategy \(valid: fork, vfork, clone, posix_spawn\)'
	run_tine -c 'spawnbench -n 0 true'
	check_stderr_match '-n 0: the number of runs'
	run_tine -c 'spawnbench -n 5'
	check_stderr_match 'missing command'
}

@test "spawnbench: a command that is not found or not executable" {
	run_tine -c 'spawnbench -n 2 no-such-cmd-xyz; echo "st=$?"; : >f; spawnbench -n 2 ./f; echo "st=$?"'
	check_output $'st=127\nst=126'
	check_stderr_match 'spawnbench: no-such-cmd-xyz: not found'
}

@test "spawnbench: a failing command is measured, with a note" {
	run_tine -c 'spawnbench -n 2 -s fork false'
	check_status 0
	[[ $output == *fork* ]] || { _fail_show; false; }
	check_stderr_match 'false failed \(nonzero status\) in 2 of the runs'
}

@test "spawnbench --help: says the CSV has one row per run" {
	run_tine -c 'spawnbench --help'
	check_status 0
	[[ $output == *"one row per run: strategy,run,launch_ns,wall_ns,heap_bytes"* ]] ||
		{ _fail_show; false; }
}

# _sigint_run SCRIPT: runs tine -c SCRIPT with SIGINT at its default (bats'
# background jobs would otherwise inherit it ignored), sends it SIGINT after
# half a second; sets status, elapsed (s), err.
_sigint_run() {
	T=$(mktemp -d "${BATS_TEST_TMPDIR:-/tmp}/sig.XXXXXX")
	local start=$SECONDS
	env --default-signal=INT "$TINE" -c "$1" >"$T/out" 2>"$T/err" &
	local pid=$!
	sleep 0.5
	kill -INT "$pid"
	status=0
	wait "$pid" || status=$?
	elapsed=$((SECONDS - start))
	output=$(<"$T/out")
	raw_stderr=$(<"$T/err")
}

@test "spawnbench: SIGINT stops it at once and leaves no child behind" {
	# a script: the shell then dies of SIGINT, as it would have anyway
	# (a duration of its own: other suite runs may be running this test)
	local d1=7.$$1 d2=7.$$2
	_sigint_run "spawnbench -n 50 -s fork,vfork sleep $d1; echo after"
	[[ $status -eq 130 && $elapsed -lt 5 && $output != *after* ]] || { _fail_show; false; }
	! pgrep -f "sleep ${d1//./\\.}\$" || { echo "a child was left behind" >&2; false; }
	# with a trap the shell lives on; spawnbench says so and returns 130
	_sigint_run "trap 'echo trapped' INT; spawnbench -n 50 -s clone sleep $d2; echo \"after \$?\""
	[[ $status -eq 0 && $elapsed -lt 5 && $output == $'trapped\nafter 130' ]] || { _fail_show; false; }
	[[ $raw_stderr == *"spawnbench: interrupted"* ]] || { _fail_show; false; }
	! pgrep -f "sleep ${d2//./\\.}\$" || { echo "a child was left behind" >&2; false; }
}

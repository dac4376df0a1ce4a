#!/usr/bin/env bats
# bench.bats - the benchmarks in bench/ still build and run, and every
# workload prints the same output in tine as in dash and bash.  Nothing
# here looks at a time: the numbers are for people (bench/README.md).

load helper

# Independent of the strategy under test: once per build directory.
bench_once() {
	[[ -z ${TINE_SPAWN:-} || $TINE_SPAWN == vfork ]] ||
		skip "independent of TINE_SPAWN; runs with vfork"
}

@test "bench: make bench builds bench/launch, which times every strategy" {
	bench_once
	local bdir
	bdir=$(dirname "$TINE")
	[[ -f $bdir/Makefile ]] || skip "the tine under test is not in a build directory"
	run make -s -C "$bdir" bench/launch bench/tiny
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	run "$bdir/bench/launch" -n 3 -s 0 "$bdir/bench/tiny"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	local s
	for s in fork vfork clone posix_spawn; do
		[[ $output =~ $'\n'"  $s "+[0-9]+\.[0-9] ]] || { echo "no row for $s:"; echo "$output"; false; }
	done
}

@test "bench: run-scripts runs every workload, and tine's output agrees with dash's and bash's" {
	bench_once
	command -v bash >/dev/null && command -v dash >/dev/null || skip "needs bash and dash"
	command -v cc >/dev/null || skip "needs cc for bench/tiny.c"
	run "$TINE_SRCDIR/bench/run-scripts" --quick -n 1 --no-ksh --tine "$TINE"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	local w rows=0
	for w in "$TINE_SRCDIR"/bench/scripts/*.sh; do
		w=${w##*/}
		[[ $output =~ $'\n'"${w%.sh} "[^$'\n']*" ok " ]] || { echo "no ok row for ${w%.sh}:"; echo "$output"; false; }
		rows=$((rows + 1))
	done
	[ "$rows" -ge 15 ]
}

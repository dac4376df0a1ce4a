#!/usr/bin/env bats
# tests/docs.bats - the samples of tine's output in doc/tine.1, doc/guide.md
# and doc/course/ are what tine prints now.  doc/regen-samples runs the
# commands of every marked sample block; when this fails, run it to rewrite
# the samples and read the diff.

load helper

setup() {
	command -v python3 >/dev/null || skip "python3 is not installed"
	# Every check here picks its strategies itself: one suite run is enough.
	[[ -z ${TINE_SPAWN:-} || $TINE_SPAWN == vfork ]] ||
		skip "independent of TINE_SPAWN; runs with vfork"
	[[ -x $TINE_SRCDIR/doc/regen-samples ]] || skip "no doc/regen-samples"
}

_regen() {
	env -u TINE_SPAWN ${TINE_PROBE:+TINE_PROBE=$TINE_PROBE} \
		timeout 600 "$TINE_SRCDIR/doc/regen-samples" --tine "$TINE" "$@"
}

@test "docs: every sample in the man page, the guide and the course matches tine" {
	run _regen --check
	echo "$output"
	[ "$status" -eq 0 ]
	[[ $output == *" samples differ"* ]]
}

@test "docs: a stale sample is caught" {
	# The check must be able to fail: a copy of a sample block that names
	# the wrong strategy and a wrong message.
	local f=$BATS_TEST_TMPDIR/stale.md
	cat >"$f" <<'MD'
<!-- sample -->
    $ setopt spawntrace
    $ /bin/true
    + fork /bin/true: sigmask({}) -> pid 1234
    $ nosuch
    tine: nosuch: no such command
<!-- /sample -->
MD
	run _regen --check "$f"
	echo "$output"
	[ "$status" -eq 1 ]
	[[ $output == *"1 of 1 samples differ"* ]]
	[[ $output == *"-+ fork /bin/true"* ]]
	# Rewriting it gives the shell's own lines, which then check clean.
	_regen "$f"
	grep -q '^    tine: nosuch: not found$' "$f"
	run _regen --check "$f"
	[ "$status" -eq 0 ]
}

@test "docs: pids, times and sizes are ignored, the rest is not" {
	local f=$BATS_TEST_TMPDIR/vary.md
	cat >"$f" <<'MD'
<!-- sample vary -->
    $ time -p sleep 0
    real 9.99
    user 8.88
    sys 7.77
<!-- /sample -->
MD
	run _regen --check "$f"
	echo "$output"
	[ "$status" -eq 0 ]
	sed -i 's/^    user/    usr/' "$f"
	run _regen --check "$f"
	[ "$status" -eq 1 ]
}

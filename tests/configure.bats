#!/usr/bin/env bats
# configure.bats - tine runs the project's own autoconf configure script to
# the same config.status and Makefile as dash does: a POSIX shell must run
# the scripts dash runs.  configure exercises here-documents, eval,
# case, sed pipelines, command substitution and traps on a large scale.

load helper

# The files differ only where they name the shell, and where Debian's dash
# (built without LINENO) made autoconf substitute literal line numbers for
# $LINENO: both are normalised.
normalise() {
	sed -E -e "s|$2|SHELL|g" -e 's/\$LINENO/L/g' \
		-e 's/(\$as_me:)[0-9]+:/\1L:/g' -e 's/"[0-9]+"/"L"/g' \
		-e 's/(as_lineno-)[0-9]+\}/\1L}/g' "$1"
}

@test "configure: tine produces the same config.status and Makefile as dash" {
	command -v autoreconf >/dev/null || skip "autoreconf is not installed"
	[[ -f $TINE_SRCDIR/configure.ac ]] || skip "no source tree"
	local W
	W=$(mktemp -d "${BATS_TEST_TMPDIR:-/tmp}/configure.XXXXXX")
	local src=$W/src
	mkdir -p "$src"
	# A copy of the tree's autotools inputs, bootstrapped once.
	(cd "$TINE_SRCDIR" && tar -cf - configure.ac Makefile.am README.md src/error.h tests/probe.c) |
		(cd "$src" && tar -xf -)
	(cd "$src" && mkdir -p builtins doc &&
		autoreconf -fi >/dev/null 2>&1) || skip "autoreconf failed"

	(cd "$src" && CONFIG_SHELL=/bin/dash /bin/dash ./configure \
		>/dev/null 2>&1) || skip "dash cannot run this configure"
	cp "$src/config.status" "$W/cs.dash"
	cp "$src/Makefile" "$W/mk.dash"
	(cd "$src" && make distclean >/dev/null 2>&1 || true)

	run bash -c "cd '$src' && CONFIG_SHELL='$TINE' '$TINE' ./configure"
	[ "$status" -eq 0 ]
	cp "$src/config.status" "$W/cs.tine"
	cp "$src/Makefile" "$W/mk.tine"

	diff <(normalise "$W/cs.dash" /bin/dash) \
		<(normalise "$W/cs.tine" "$TINE")
	diff <(normalise "$W/mk.dash" /bin/dash) \
		<(normalise "$W/mk.tine" "$TINE")
	rm -rf "$W"
}

@test "configure: every file git tracks is in the release tarball's list" {
	local bdir
	bdir=$(dirname "$TINE")
	[[ -f $bdir/Makefile ]] || skip "the tine under test is not in a build directory"
	git -C "$TINE_SRCDIR" rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
		skip "not a git checkout"
	[[ -z ${TINE_SPAWN:-} || $TINE_SPAWN == vfork ]] ||
		skip "independent of TINE_SPAWN; runs with vfork"
	run make -s -C "$bdir" dist-missing
	[ "$status" -eq 0 ]
	# Each line is a tracked file that `make dist` would leave out.
	[ -z "$output" ] || { echo "not in EXTRA_DIST or a sources list:"; echo "$output"; false; }
}

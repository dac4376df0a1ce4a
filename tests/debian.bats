#!/usr/bin/env bats
# tests/debian.bats - the Debian packaging in debian/ agrees with the rest of
# the tree, and its quick check passes with the shell under test.  Building
# the package itself (dpkg-buildpackage) is too slow for the suite.

load helper

deb=$TINE_SRCDIR/debian

setup() {
	[[ -d $deb ]] || skip "no debian/ in this tree"
	# Every check here picks its strategies itself: one suite run is enough.
	[[ -z ${TINE_SPAWN:-} || $TINE_SPAWN == vfork ]] ||
		skip "independent of TINE_SPAWN; runs with vfork"
}

@test "debian: changelog version is configure.ac's version" {
	local ac ch
	ac=$(sed -n 's/^AC_INIT(\[tine\], \[\([^]]*\)\].*/\1/p' "$TINE_SRCDIR/configure.ac")
	ch=$(sed -n '1s/^tine (\([^)]*\)).*/\1/p' "$deb/changelog")
	[[ -n $ac ]] || { echo "no version in configure.ac"; false; }
	# A native package's version is the upstream version itself.
	[[ $ch == "$ac" ]] || { echo "changelog $ch, configure.ac $ac"; false; }
}

@test "debian: native format, debhelper 13, one binary package named tine" {
	[[ $(<"$deb/source/format") == "3.0 (native)" ]]
	grep -qx 'Source: tine' "$deb/control"
	grep -q 'debhelper-compat (= 13)' "$deb/control"
	[[ $(grep -c '^Package:' "$deb/control") -eq 1 ]]
	grep -qx 'Package: tine' "$deb/control"
	[[ -x $deb/rules ]]
}

@test "debian: maintainer scripts register and unregister /usr/bin/tine" {
	sh -n "$deb/tine.postinst"
	sh -n "$deb/tine.postrm"
	grep -q '^#DEBHELPER#$' "$deb/tine.postinst"
	grep -q '^#DEBHELPER#$' "$deb/tine.postrm"
	grep -qE '^[[:space:]]*add-shell /usr/bin/tine$' "$deb/tine.postinst"
	grep -qE '^[[:space:]]*remove-shell /usr/bin/tine$' "$deb/tine.postrm"
	# The binary the scripts name is the one make install puts in bindir.
	grep -q '^bin_PROGRAMS = tine$' "$TINE_SRCDIR/Makefile.am"
}

@test "debian: every file in debian/docs exists" {
	local f
	while read -r f; do
		[[ -z $f ]] && continue
		[[ -f $TINE_SRCDIR/$f ]] || { echo "missing: $f"; false; }
	done <"$deb/docs"
}

@test "debian: the package build's quick check passes" {
	run "$deb/quick-check" "$TINE"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ $output == *"posix_spawn ok"* ]]
}

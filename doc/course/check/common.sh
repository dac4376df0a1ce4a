# doc/course/check/common.sh - shared by the exercise self-checks.
#
# Every check takes the directory with the student's files as its argument
# (default: doc/course/work), prints one line per item and ends with PASS
# or FAIL (status 0 or 1).  The tine under test is $TINE, else
# build/default/tine, else `tine` on PATH; the probe is $TINE_PROBE, else
# one compiled from tests/probe.c into a temporary directory.
set -u
course=$(cd "$(dirname "$0")/.." && pwd)
top=$(cd "$course/../.." && pwd)
work=${1:-$course/work}
work=$(cd "$work" 2>/dev/null && pwd) || { echo "no directory ${1:-$course/work}"; echo FAIL; exit 1; }

if [ -z "${TINE:-}" ]; then
	if [ -x "$top/build/default/tine" ]; then
		TINE=$top/build/default/tine
	else
		TINE=$(command -v tine) || { echo "no tine: build it (./build.sh --no-run) or set TINE"; echo FAIL; exit 1; }
	fi
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tine-course.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
if [ -z "${TINE_PROBE:-}" ] || [ ! -x "$TINE_PROBE" ]; then
	TINE_PROBE=$scratch/probe
	${CC:-cc} -O -o "$TINE_PROBE" "$top/tests/probe.c" || { echo "cannot build the probe"; echo FAIL; exit 1; }
fi
export TINE TINE_PROBE
unset TINE_SPAWN

failures=0
ok() { echo "ok    $*"; }
bad() { echo "FAIL  $*"; failures=$((failures + 1)); }
need_file() { # FILE: the student's file, or FAIL at once
	[ -f "$work/$1" ] && return 0
	bad "$work/$1 does not exist (see the exercise's Task)"
	finish
}
finish() {
	if [ "$failures" -eq 0 ]; then echo PASS; exit 0; fi
	echo FAIL; exit 1
}
# Whatever the caller left open (a test harness's fds) would shift the fd
# numbers tine picks for pipes: start from 0, 1 and 2 alone.
exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-
# The pids on spawntrace lines vary from run to run.
norm_pids() { sed -E 's/-> pid [0-9]+/-> pid N/; s/setpgid\(([2-9]|[0-9][0-9]+)\)/setpgid(N)/'; }

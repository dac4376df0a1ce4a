#!/bin/bash
# build.sh - build tine from a fresh clone and start it, or run the whole test
# suite.  Debian 12 (bookworm) is the reference system.
#
#   ./build.sh [-- TINE-ARGS]   install missing packages, bootstrap autotools,
#                               configure and build in build/default, start
#                               build/default/tine
#   ./build.sh --no-run         the same, without starting tine
#   ./build.sh --check          the whole suite, as CI runs it (.ci/run):
#                               a -Werror build (build/werror) tested once per
#                               launch strategy, once more with subshells
#                               forked (one strategy), and an ASan+UBSan build
#                               (build/asan) tested too, then make distcheck
#                               with smoke tests; ends with the line
#                               "N passed, M failed"
#   ./build.sh --fuzz [SECS]    build the libFuzzer harness and run it
#                               (default 900 s)
#   ./build.sh --deps           only install (or list) missing packages
#
# Packages are installed with apt-get when run as root; otherwise the exact
# `sudo apt-get install` line is printed and the script stops.
#
# Knobs for --check (environment):
#   CHECK_JOBS         suite runs at the same time (default: number of CPUs, max 2)
#   WERROR_STRATEGIES  default "fork vfork clone posix_spawn"
#   ASAN_STRATEGIES    default "fork vfork clone posix_spawn"
#   FORK_SUBSHELL_STRATEGIES  strategies for the -Werror build run again
#                      with TINE_SUBSHELL=fork (default "fork vfork clone
#                      posix_spawn"; empty: none)
#   TESTS              bats files to run (default all of tests/*.bats)
#   SKIP_DISTCHECK=1   leave out make distcheck
set -u
cd "$(dirname "$0")" || exit 1
top=$PWD

mode=run
fuzz_secs=900
declare -a tine_args=()
while [[ $# -gt 0 ]]; do
	case $1 in
	--check) mode=check ;;
	--no-run) mode=build ;;
	--deps) mode=deps ;;
	--fuzz) mode=fuzz
		if [[ ${2:-} =~ ^[0-9]+$ ]]; then fuzz_secs=$2; shift; fi ;;
	--) shift; tine_args=("$@"); break ;;
	-h|--help) sed -n '2,/^set -u/{/^set -u/d;p}' "$0"; exit 0 ;;
	*) echo "build.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
	esac
	shift
done

say() { printf '\n=== %s\n' "$*" >&2; }
die() {
	echo "build.sh: $*" >&2
	# CI reads the last line: make an early stop count as a failure.
	[[ $mode == check ]] && echo "0 passed, 1 failed"
	exit 1
}

# ------------------------------------------------------------- packages
build_pkgs=(build-essential autoconf automake pkg-config libreadline-dev libncurses-dev)
check_pkgs=(bats bats-support bats-assert dash expect tmux strace valgrind procps)
fuzz_pkgs=(clang libclang-rt-14-dev)

pkgs=("${build_pkgs[@]}")
[[ $mode == check ]] && pkgs+=("${check_pkgs[@]}")
[[ $mode == fuzz ]] && pkgs+=("${fuzz_pkgs[@]}")

missing=()
if command -v dpkg-query >/dev/null; then
	for p in "${pkgs[@]}"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
			missing+=("$p")
		fi
	done
else
	echo "build.sh: not a Debian system: make sure these are installed: ${pkgs[*]}" >&2
fi
if [[ ${#missing[@]} -gt 0 ]]; then
	if [[ $(id -u) -eq 0 ]]; then
		say "installing: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq || die "apt-get update failed"
		apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
			die "apt-get install failed"
	else
		echo "build.sh: missing packages. Install them with:" >&2
		echo >&2
		echo "    sudo apt-get install -y ${missing[*]}" >&2
		echo >&2
		echo "then run ./build.sh again." >&2
		[[ $mode == check ]] && echo "0 passed, 1 failed"
		exit 1
	fi
fi
[[ $mode == deps ]] && exit 0

# ------------------------------------------------------------- bootstrap
if [[ ! -x configure || configure.ac -nt configure || Makefile.am -nt Makefile.in ]]; then
	say "autoreconf -fi"
	autoreconf -fi || die "autoreconf failed"
fi
if [[ -f config.status ]]; then
	die "the source tree is configured in place; run 'make distclean' here first (build.sh builds in build/*)"
fi

ncpu=$(nproc 2>/dev/null || echo 2)

# configure_and_make DIR CONFIGURE-ARGS...: a VPATH build in DIR.
configure_and_make() {
	local dir=$1
	shift
	mkdir -p "$dir"
	local stamp="$*"
	if [[ ! -f $dir/Makefile || ! -f $dir/.build-args ||
		$(<"$dir/.build-args") != "$stamp" || configure -nt $dir/config.status ]]; then
		say "configure ($dir): $*"
		(cd "$dir" && "$top/configure" -q "$@") || return 1
		printf '%s' "$stamp" >"$dir/.build-args"
	fi
	say "make ($dir)"
	make -C "$dir" -j"$ncpu" || return 1
}

case $mode in
run|build)
	configure_and_make build/default || die "build failed"
	[[ $mode == build ]] && { echo "built: build/default/tine"; exit 0; }
	say "starting build/default/tine"
	exec build/default/tine "${tine_args[@]}"
	;;
fuzz)
	configure_and_make build/default || die "build failed"
	make -C build/default fuzz-run FUZZ_SECONDS="$fuzz_secs"
	exit $?
	;;
esac

# ------------------------------------------------------------- --check
start=$SECONDS
declare -a runs=()
build_failed=0
if configure_and_make build/werror --enable-werror CFLAGS="-g -O2"; then
	make -C build/werror -j"$ncpu" tests/probe 2>/dev/null || true
	runs+=(--run "werror=$top/build/werror/tine:$(echo ${WERROR_STRATEGIES:-fork vfork clone posix_spawn} | tr ' ' ,)")
	# The same build with subshells forked (issue 12): both settings of
	# the subshell option must behave alike, so the suite runs under both,
	# each with every strategy.
	# That run uses the C library linked dynamically (the PIE, sanitizer
	# and Debian builds link so), which is also what memcheck needs:
	# valgrind replaces malloc only in a dynamic program.
	if [[ -n ${FORK_SUBSHELL_STRATEGIES-fork vfork clone posix_spawn} ]] &&
		configure_and_make build/werror-dynamic --enable-werror --disable-static-link CFLAGS="-g -O2"; then
		runs+=(--run "werror-subfork=$top/build/werror-dynamic/tine:$(echo ${FORK_SUBSHELL_STRATEGIES-fork vfork clone posix_spawn} | tr ' ' ,):subshell=fork")
		export TINE_MEMCHECK=$top/build/werror-dynamic/tine
	fi
else
	echo "build.sh: the -Werror build failed" >&2
	build_failed=$((build_failed + 1))
fi
if configure_and_make build/asan --enable-sanitizers CFLAGS="-g -O1"; then
	runs+=(--run "asan=$top/build/asan/tine:$(echo ${ASAN_STRATEGIES:-fork vfork clone posix_spawn} | tr ' ' ,)")
else
	echo "build.sh: the ASan+UBSan build failed" >&2
	build_failed=$((build_failed + 1))
fi

# Leaks are not checked yet (a shell that exits frees nothing on purpose);
# every other ASan and UBSan report fails the test it happens in.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:halt_on_error=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# The probe for launch tests, when built.
[[ -x build/werror/tests/probe ]] && export TINE_PROBE=$top/build/werror/tests/probe

# Every strategy exists: one that would not start is a failure, not a skip.
export TINE_REQUIRE_STRATEGIES=${TINE_REQUIRE_STRATEGIES:-1}

jobs=${CHECK_JOBS:-$ncpu}
[[ $jobs -gt 2 ]] && jobs=2
declare -a files=()
[[ -n ${TESTS:-} ]] && read -r -a files <<<"$TESTS"

if [[ ${#runs[@]} -eq 0 ]]; then
	echo "0 passed, $build_failed failed"
	exit 1
fi
say "test suite (builds took $((SECONDS - start))s)"
tests/run-suite --jobs "$jobs" --timeout "${TINE_TEST_TIMEOUT:-20}" \
	--log-dir build/test-logs "${runs[@]}" "${files[@]}" | tee build/test-logs.summary
st=${PIPESTATUS[0]}
last=$(tail -1 build/test-logs.summary)
p=${last%% passed*}
f=${last#*, }; f=${f%% failed*}
[[ $p =~ ^[0-9]+$ && $f =~ ^[0-9]+$ ]] || { p=0; f=1; }

# The release check: make distcheck builds the tarball, builds and tests it
# out of a read-only copy (one strategy, the smoke files: the whole suite
# ran above), installs and uninstalls it.  Its tests count in the closing
# line; a distcheck that fails outside its tests counts as one failure.
dist_pass=0 dist_fail=0
if [[ -f build/werror/Makefile && ${SKIP_DISTCHECK:-0} != 1 ]]; then
	say "make distcheck (smoke tests, TINE_STRATEGIES=vfork)"
	make -C build/werror distcheck-smoke >build/test-logs/distcheck.log 2>&1
	dst=$?
	dline=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' build/test-logs/distcheck.log | tail -1)
	if [[ -n $dline ]]; then
		dist_pass=${dline%% passed*}
		dist_fail=${dline#*, }; dist_fail=${dist_fail%% failed*}
	fi
	if [[ $dst -ne 0 && $dist_fail -eq 0 ]]; then
		dist_fail=1
	fi
	if [[ $dst -eq 0 ]]; then
		echo "distcheck: passed ($dist_pass tests)"
	else
		echo "distcheck: FAILED (status $dst); last lines of build/test-logs/distcheck.log:"
		tail -30 build/test-logs/distcheck.log
		st=1
	fi
fi

if [[ $build_failed -gt 0 ]]; then
	echo "the suite ran, but $build_failed build(s) failed (see above)"
	st=1
fi
if [[ $build_failed -gt 0 || $dist_pass -gt 0 || $dist_fail -gt 0 ]]; then
	# The closing line sums the suite, distcheck and failed builds.
	echo "$((p + dist_pass)) passed, $((f + dist_fail + build_failed)) failed"
fi
exit "$st"

# tests/helper.bash - shared helpers for tine's bats files.
#
# Load with `load helper` at the top of a .bats file.
#
# Differential tests (the default kind: where POSIX decides, dash is the
# reference):
#
#	@test "name" {
#		diff_sh <<'EOF'
#	echo "${x-default}"
#	EOF
#	}
#
# runs the script with dash and with tine and fails, printing everything, when
# stdout, the exit status or the normalised stderr differ.  Options, before
# the here-document:
#	--no-stderr          compare stdout and status only (say why in a comment)
#	--stderr-nonempty    both must write something to stderr; text not compared
#	--input TEXT         stdin is TEXT (default /dev/null)
#	--args 'A B'         positional parameters (split on blanks)
#	--                   end of options
#
# tine-only tests with golden expectations:
#
#	run_tine -c 'echo hi'                  # argv for tine; sets status output stderr
#	run_tine_script <<'EOF' ... EOF        # script file, like diff_sh's runs
#	check_status 2; check_output 'hi'; check_stderr 'sh: line 1: ...'
#
# Environment knobs:
#	TINE        path of the shell under test (default build/default/tine)
#	DASH        reference shell (default dash)
#	TINE_SPAWN  launch strategy; passed through to tine untouched
#	TINE_SUBSHELL  inline or fork: how tine runs ( ) and $( ); passed through
#	TINE_TEST_TIMEOUT  seconds per shell run (default 10; the ASan run sets more)

: "${TINE_SRCDIR:=$(cd "$BATS_TEST_DIRNAME/.." && pwd)}"
if [[ -z ${TINE:-} ]]; then
	TINE=$TINE_SRCDIR/build/default/tine
fi
: "${DASH:=dash}"
: "${TINE_TEST_TIMEOUT:=10}"
export TINE DASH TINE_SRCDIR

# The environment both shells see: small and fixed, so output is repeatable.
_tine_env() {
	local -a e=(
		"PATH=${TINE_TEST_PATH:-/usr/local/bin:/usr/bin:/bin}"
		"HOME=${_T_HOME:-/nonexistent}"
		"LC_ALL=C"
		"TERM=dumb"
		"USER=${USER:-root}"
		"LOGNAME=${LOGNAME:-root}"
	)
	[[ -n ${TINE_SPAWN:-} ]] && e+=("TINE_SPAWN=$TINE_SPAWN")
	[[ -n ${TINE_SUBSHELL:-} ]] && e+=("TINE_SUBSHELL=$TINE_SUBSHELL")
	[[ -n ${ASAN_OPTIONS:-} ]] && e+=("ASAN_OPTIONS=$ASAN_OPTIONS")
	[[ -n ${UBSAN_OPTIONS:-} ]] && e+=("UBSAN_OPTIONS=$UBSAN_OPTIONS")
	[[ -n ${TINE_PROBE:-} ]] && e+=("TINE_PROBE=$TINE_PROBE")
	printf '%s\0' "${e[@]}"
}

# _run_shell SHELL-PATH DIR SCRIPT STDIN-FILE ARGS...
# Runs `SHELL SCRIPT ARGS` in DIR/w with a clean environment; leaves
# DIR/out DIR/err DIR/status.
_run_shell() {
	local sh=$1 dir=$2 script=$3 in=$4
	shift 4
	local -a env
	mapfile -d '' env < <(_tine_env)
	mkdir -p "$dir/w"
	local st=0
	(
		cd "$dir/w" || exit 99
		exec env -i "${env[@]}" timeout -k 2 "$TINE_TEST_TIMEOUT" \
			"$sh" "$script" "$@" <"$in" >"$dir/out" 2>"$dir/err"
	) || st=$?
	echo "$st" >"$dir/status"
	if [[ $st -eq 124 ]]; then
		echo "[timed out after ${TINE_TEST_TIMEOUT}s]" >>"$dir/err"
	fi
}

# _norm_err FILE SCRIPT-PATH: stderr in the canonical form
#	sh: line N: msg
# for dash ("SCRIPT: N: msg", "dash: N: msg"), tine ("tine: SCRIPT: line N:
# msg") and bash ("SCRIPT: line N: msg").
# Syntax errors take tine's wording, the canonical one:
#	dash: Syntax error: "fi" unexpected (expecting "then")
#	tine: syntax error: unexpected 'fi'
#	dash: Syntax error: end of file unexpected / newline unexpected
#	tine: syntax error: unexpected end of file / unexpected newline
#	dash: Syntax error: Missing '))'   tine: syntax error: missing '))'
# dash's "(expecting X)" hint is dropped: tine does not give one, and which
# token was expected is not what these tests compare.  tine's older
# "unexpected 'newline'" is accepted as "unexpected newline".
_norm_err() {
	local f=$1 script=$2 line
	while IFS= read -r line || [[ -n $line ]]; do
		line=${line//"$script"/@SCRIPT@}
		line=${line//"$TINE"/tine}
		printf '%s\n' "$line"
	done <"$f" | sed -E \
		-e 's/^(tine|dash|bash|sh): @SCRIPT@: line ([0-9]+): /sh: line \2: /' \
		-e 's/^@SCRIPT@: line ([0-9]+): /sh: line \1: /' \
		-e 's/^@SCRIPT@: ([0-9]+): /sh: line \1: /' \
		-e 's/^(tine|dash|bash|sh): ([0-9]+): /sh: line \2: /' \
		-e 's/^(tine|dash|bash|sh): line ([0-9]+): /sh: line \2: /' \
		-e 's/^(tine|dash|bash): /sh: /' \
		-e 's/@SCRIPT@/SCRIPT/g' \
		-e 's/Syntax error: "(.*)" unexpected( \(expecting .*\))?$/syntax error: unexpected '"'"'\1'"'"'/' \
		-e 's/Syntax error: (end of file|newline) unexpected( \(expecting .*\))?$/syntax error: unexpected \1/' \
		-e 's/syntax error: unexpected '"'"'newline'"'"'$/syntax error: unexpected newline/' \
		-e 's/Syntax error: ([A-Z])/syntax error: \l\1/'
}

# Shows a file for a failure report: numbered, with visible ends of lines.
_show() {
	if [[ -s $1 ]]; then
		cat -A "$1" | sed 's/^/    | /'
	else
		echo "    (empty)"
	fi
}

# --error-exit: the script ends on a shell error (special builtin error,
# expansion error, failed redirection of a special builtin).  POSIX only
# asks for a non-zero status: dash exits 2, tine exits 1 as bash does (and
# as the smoosh suite expects), so dash's 2 is compared as 1.
diff_sh() {
	local mode=full input= args= error_exit=
	while [[ $# -gt 0 ]]; do
		case $1 in
		--error-exit) error_exit=1 ;;
		--no-stderr) mode=nostderr ;;
		--stderr-nonempty) mode=nonempty ;;
		--input) input=$2; shift ;;
		--args) args=$2; shift ;;
		--) shift; break ;;
		*) echo "diff_sh: unknown option $1" >&2; return 2 ;;
		esac
		shift
	done
	local T
	T=$(mktemp -d "${BATS_TEST_TMPDIR:-/tmp}/diff.XXXXXX")
	cat >"$T/t.sh"
	printf '%s' "$input" >"$T/in"
	_T_HOME=$T/home
	mkdir -p "$T/home"
	local -a argv=()
	[[ -n $args ]] && read -r -a argv <<<"$args"

	# Both runs use the same working directory path ($T/w), one after the
	# other, so `pwd` and file names agree.
	_run_shell "$DASH" "$T/run" "$T/t.sh" "$T/in" "${argv[@]}"
	mv "$T/run" "$T/dash"
	rm -rf "$T/home"; mkdir -p "$T/home"
	_run_shell "$TINE" "$T/run" "$T/t.sh" "$T/in" "${argv[@]}"
	mv "$T/run" "$T/tine"
	if [[ -n $error_exit && $(<"$T/dash/status") == 2 ]]; then
		echo 1 >"$T/dash/status"
	fi
	_norm_err "$T/dash/err" "$T/t.sh" >"$T/dash/nerr"
	_norm_err "$T/tine/err" "$T/t.sh" >"$T/tine/nerr"

	local bad=
	cmp -s "$T/dash/out" "$T/tine/out" || bad+=" stdout"
	cmp -s "$T/dash/status" "$T/tine/status" || bad+=" status"
	case $mode in
	full) cmp -s "$T/dash/nerr" "$T/tine/nerr" || bad+=" stderr" ;;
	nonempty)
		[[ -s $T/dash/err ]] || bad+=" stderr(dash-empty)"
		[[ -s $T/tine/err ]] || bad+=" stderr(tine-empty)"
		;;
	esac
	grep -q 'ERROR: AddressSanitizer\|runtime error:\|ERROR: LeakSanitizer' \
		"$T/tine/err" && bad+=" sanitizer"
	[[ -z $bad ]] && return 0

	{
		echo "== dash and tine differ in:$bad"
		echo "-- script (${args:+args: $args; }${input:+stdin given; }cwd \$T/w):"
		cat -n "$T/t.sh" | sed 's/^/    /'
		echo "-- status: dash $(<"$T/dash/status"), tine $(<"$T/tine/status")"
		if [[ $bad == *stdout* ]]; then
			echo "-- stdout diff (- dash, + tine):"
			diff -u --label dash --label tine "$T/dash/out" "$T/tine/out" |
				sed 's/^/    /'
		else
			echo "-- stdout (same):"; _show "$T/dash/out"
		fi
		if [[ $mode == full ]]; then
			if [[ $bad == *stderr* ]]; then
				echo "-- stderr diff, normalised (- dash, + tine):"
				diff -u --label dash --label tine "$T/dash/nerr" "$T/tine/nerr" |
					sed 's/^/    /'
			else
				echo "-- stderr (same after normalising):"; _show "$T/dash/nerr"
			fi
		fi
		echo "-- stderr dash, raw:"; _show "$T/dash/err"
		echo "-- stderr tine, raw:"; _show "$T/tine/err"
		echo "-- TINE=$TINE TINE_SPAWN=${TINE_SPAWN:-}"
	} >&2
	return 1
}

# run_tine [--input TEXT] ARGS...: runs "$TINE" ARGS in a fresh directory
# ($T/w, with T exported) and sets status, output (stdout without trailing
# newlines, as bats' run does), stderr (normalised as for diff_sh, with the
# script path T/t.sh as SCRIPT).
run_tine() {
	local input=
	if [[ ${1:-} == --input ]]; then input=$2; shift 2; fi
	T=$(mktemp -d "${BATS_TEST_TMPDIR:-/tmp}/tine.XXXXXX")
	printf '%s' "$input" >"$T/in"
	_T_HOME=$T/home
	mkdir -p "$T/home" "$T/w"
	local -a env
	mapfile -d '' env < <(_tine_env)
	status=0
	(
		cd "$T/w" || exit 99
		exec env -i "${env[@]}" timeout -k 2 "$TINE_TEST_TIMEOUT" \
			"$TINE" "$@" <"$T/in" >"$T/out" 2>"$T/err"
	) || status=$?
	output=$(<"$T/out")
	stderr=$(_norm_err "$T/err" "$T/t.sh")
	raw_stderr=$(<"$T/err")
	if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$T/err"; then
		echo "sanitizer report:" >&2; cat "$T/err" >&2
		return 1
	fi
	return 0
}

# run_tine_script [--input TEXT] [--opt OPTION]... [--] [ARGS...] <<'EOF':
# the script goes to $T/t.sh and runs as `tine OPTIONS $T/t.sh ARGS`.
# --opt puts one word before the script path, where the shell reads it as
# its own option (`--opt -n`, `--opt -o --opt errexit`); words after the
# script path are positional parameters.
run_tine_script() {
	local input=
	local -a opts=()
	while [[ $# -gt 0 ]]; do
		case $1 in
		--input) input=$2; shift 2 ;;
		--opt) opts+=("$2"); shift 2 ;;
		--) shift; break ;;
		*) break ;;
		esac
	done
	local script
	script=$(cat; echo x)
	script=${script%x}
	local Tn
	Tn=$(mktemp -d "${BATS_TEST_TMPDIR:-/tmp}/tine.XXXXXX")
	printf '%s' "$script" >"$Tn/t.sh"
	# run_tine makes its own T; keep the script where its messages say.
	run_tine --input "$input" "${opts[@]}" "$Tn/t.sh" "$@"
	stderr=$(_norm_err "$T/err" "$Tn/t.sh")
}

# Assertions with readable failures.
_fail_show() {
	echo "-- status: $status" >&2
	echo "-- stdout:" >&2; printf '%s\n' "$output" | sed 's/^/    | /' >&2
	echo "-- stderr:" >&2; printf '%s\n' "${raw_stderr:-}" | sed 's/^/    | /' >&2
}
check_status() {
	if [[ $status -ne $1 ]]; then
		echo "== expected status $1, got $status" >&2; _fail_show; return 1
	fi
}
check_output() {
	if [[ $output != "$1" ]]; then
		echo "== stdout differs (- expected, + actual):" >&2
		diff -u --label expected --label actual <(printf '%s\n' "$1") \
			<(printf '%s\n' "$output") | sed 's/^/    /' >&2
		_fail_show; return 1
	fi
}
check_stderr() {
	if [[ $stderr != "$1" ]]; then
		echo "== stderr (normalised) differs (- expected, + actual):" >&2
		diff -u --label expected --label actual <(printf '%s\n' "$1") \
			<(printf '%s\n' "$stderr") | sed 's/^/    /' >&2
		_fail_show; return 1
	fi
}
check_stderr_match() { # ERE
	if ! grep -Eq -- "$1" <<<"$stderr"; then
		echo "== stderr does not match /$1/" >&2; _fail_show; return 1
	fi
}
check_stderr_empty() { check_stderr ''; }

# tine_is_static: $TINE has no program interpreter (configure's default
# links the C library statically; a PIE or sanitizer build does not).
tine_is_static() {
	! LC_ALL=C readelf -l "$TINE" 2>/dev/null | grep -q 'program interpreter'
}

# A test never skips because tine lacks a feature: `skip "REASON"` is for
# a missing tool (dash, strace, a terminal) only.

# _close_fds: closes every fd above 2 in the calling (sub)shell, so what the
# harness left open (bats' fd 3, a CI runner's pipes) shows up neither in a
# probe's fd list nor as shifted fd numbers on spawntrace lines.
_close_fds() {
	local f n
	for f in /proc/$BASHPID/fd/*; do
		n=${f##*/}
		[[ $n -gt 2 ]] && eval "exec $n>&-" 2>/dev/null
	done
	return 0
}

# build_denier DIR: builds DIR/deny, a launcher run as
#   DIR/deny ERRNO SYSCALL_NR PROGRAM [ARG...]
# that execs PROGRAM with one system call failing with ERRNO (numbers), through a
# seccomp filter (an LD_PRELOAD shim cannot reach a statically linked
# tine).  Skips the test when there is no C compiler or seccomp is not
# permitted.
build_denier() {
	local d=$1
	command -v cc >/dev/null || skip "no C compiler for the seccomp launcher"
	cat >"$d/deny.c" <<'EOF_C'
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	if (argc < 4)
		return 97;
	unsigned err = (unsigned)atoi(argv[1]), nr = (unsigned)atoi(argv[2]);
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | err),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof f / sizeof f[0], f };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		return 99;
	execv(argv[3], argv + 3);
	return 98;
}
EOF_C
	cc -o "$d/deny" "$d/deny.c" || skip "cannot build the seccomp launcher"
	"$d/deny" 1 9999 /bin/true || skip "seccomp filters are not permitted here"
}

# syscall_nr NAME: the x86-64 (or this machine's) number of a system call.
syscall_nr() {
	printf '#include <sys/syscall.h>\nSYS_%s\n' "$1" | cc -E -P - | tail -n 1
}

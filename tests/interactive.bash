# tests/interactive.bash - the pseudo-terminal driver for the interactive-*
# bats files.  Load after helper:  load helper; load interactive
#
#	each_strategy fn        runs fn once per launch strategy ($S), each in
#	                        a fresh home directory ($H); fails naming $S
#	ipty [--term T] [--env K=V]... STEP... -- ARG...
#	                        runs `tine -i -o spawn=$S ARG...` on a new pty
#	                        in $H (HOME=$H, PS1='$ ', TERM=dumb, a clean
#	                        environment, INPUTRC=$H/.inputrc); sets
#	                        $status and $output (what the terminal showed)
#	on_pty STRATEGY [STEP...] -- COMMAND...
#	                        runs COMMAND (tine and its arguments, maybe
#	                        behind env) on a new pty with TINE_SPAWN set,
#	                        in a fresh $T/w holding a FIFO named ff, with
#	                        the probe on PATH; sets $status and $output
#	tine_pty STRATEGY [STEP...] -- ARG...
#	                        on_pty running `tine -o spawn=STRATEGY ARG...`
# STEPs are tests/pty/ptyrun.py's: expect:REGEX send:TEXT fg:[NAME]
# sleep:S.  Wait for a condition (expect for output, fg for a foreground
# job that is ready for ^C or ^Z) rather than sleeping.
#	$P                      the step that waits for the next "$ " prompt

STRATEGIES=(fork vfork clone posix_spawn)
PTYRUN=$TINE_SRCDIR/tests/pty/ptyrun.py
P='expect:\$ $'

interactive_setup() {
	# A real python, not a wrapper script: a bash-script shim (pyenv)
	# would drop PS1 from the environment on its way.
	PY=$(PATH=/usr/bin:/bin command -v python3 || command -v python3) ||
		skip "python3 is needed for the pseudo-terminal"
}

on_pty() {
	local s=$1; shift
	local -a steps=()
	while [[ $1 != -- ]]; do steps+=("$1"); shift; done
	shift
	: "${PY:=$(PATH=/usr/bin:/bin command -v python3 || command -v python3)}"
	: "${TINE_PROBE:=$(dirname "$TINE")/tests/probe}"
	T=$(mktemp -d "${BATS_TEST_TMPDIR:-/tmp}/pty.XXXXXX")
	mkdir -p "$T/w" "$T/bin"
	ln -s "$TINE_PROBE" "$T/bin/probe"
	mkfifo "$T/w/ff"
	status=0
	output=$(cd "$T/w" && env -i --default-signal PATH="$T/bin:/usr/bin:/bin" \
		HOME="$T" TERM=dumb PS1='$ ' LC_ALL=C TINE_SPAWN="$s" \
		${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} \
		"$PY" "$PTYRUN" --timeout "${TINE_TEST_TIMEOUT:-10}" "${steps[@]}" -- \
		"$@" 2>&1) || status=$?
	output=${output//$'\r'/}
}

tine_pty() {
	local s=$1; shift
	local -a steps=()
	while [[ $1 != -- ]]; do steps+=("$1"); shift; done
	shift
	on_pty "$s" "${steps[@]}" -- "$TINE" -o "spawn=$s" "$@"
}

each_strategy() {
	local S H
	for S in "${STRATEGIES[@]}"; do
		H=$(mktemp -d "${BATS_TEST_TMPDIR:-/tmp}/home.XXXXXX")
		mkdir -p "$H/bin"
		if ! "$@"; then
			echo "== under strategy $S; the terminal showed (status $status):" >&2
			printf '%s\n' "$output" | sed 's/^/    | /' >&2
			return 1
		fi
	done
}

ipty() {
	local term=dumb
	local -a envs=() steps=()
	while [[ $1 == --term || $1 == --env ]]; do
		if [[ $1 == --term ]]; then term=$2; else envs+=("$2"); fi
		shift 2
	done
	while [[ $1 != -- ]]; do steps+=("$1"); shift; done
	shift
	status=0
	output=$(cd "$H" && env -i PATH="$H/bin:/usr/bin:/bin" HOME="$H" \
		TERM="$term" PS1='$ ' LC_ALL=C INPUTRC="$H/.inputrc" \
		${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} "${envs[@]}" \
		"$PY" "$PTYRUN" --timeout "${TINE_TEST_TIMEOUT:-10}" "${steps[@]}" -- \
		"$TINE" -o "spawn=$S" -i "$@" 2>&1) || status=$?
}

# has TEXT: the terminal showed TEXT (a fixed string)
has() {
	if [[ $output != *"$1"* ]]; then
		echo "== wanted on the terminal: '$1'" >&2
		return 1
	fi
}

# hasnt TEXT
hasnt() {
	if [[ $output == *"$1"* ]]; then
		echo "== not wanted on the terminal: '$1'" >&2
		return 1
	fi
}

# same GOT WANT: a value equals what was wanted
same() {
	if [[ $1 != "$2" ]]; then
		printf '== got:\n%s\n== wanted:\n%s\n' "$1" "$2" >&2
		return 1
	fi
}

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
# STEPs are tests/pty/ptyrun.py's: expect:REGEX send:TEXT sleep:S.  Wait for
# output (expect) rather than sleeping.
#	prompt                  the step that waits for the next "$ " prompt

STRATEGIES=(fork vfork clone posix_spawn)
PTYRUN=$TINE_SRCDIR/tests/pty/ptyrun.py
P='expect:\$ $'

interactive_setup() {
	# A real python, not a wrapper script: a bash-script shim (pyenv)
	# would drop PS1 from the environment on its way.
	PY=$(PATH=/usr/bin:/bin command -v python3 || command -v python3) ||
		skip "python3 is needed for the pseudo-terminal"
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

#!/usr/bin/env bats
# harness.bats - the helpers themselves (no tine needed): stderr
# normalisation of dash, tine and bash messages.

load helper

norm() { # TEXT -> normalised
	local f=$BATS_TEST_TMPDIR/e
	printf '%s\n' "$1" >"$f"
	_norm_err "$f" /x/t.sh
}

@test "harness: dash script message" {
	[[ $(norm '/x/t.sh: 3: foo: not found') == 'sh: line 3: foo: not found' ]]
}

@test "harness: dash -c message" {
	[[ $(norm 'dash: 1: x: unset') == 'sh: line 1: x: unset' ]]
}

@test "harness: tine script message" {
	[[ $(norm "tine: /x/t.sh: line 12: syntax error: unexpected 'fi'") == "sh: line 12: syntax error: unexpected 'fi'" ]]
}

@test "harness: tine message without source" {
	[[ $(norm 'tine: foo: not found') == 'sh: foo: not found' ]]
}

@test "harness: bash message" {
	[[ $(norm '/x/t.sh: line 2: x: readonly variable') == 'sh: line 2: x: readonly variable' ]]
}

@test "harness: script path elsewhere in a message" {
	[[ $(norm 'tine: /x/t.sh: line 1: .: /x/t.sh: oops') == 'sh: line 1: .: SCRIPT: oops' ]]
}

@test "harness: diff_sh passes on identical shells" {
	TINE=$(command -v dash) diff_sh <<'EOS'
echo same; nosuch_cmd_h; exit 3
EOS
}

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

@test "harness: dash syntax error with expecting" {
	[[ $(norm '/x/t.sh: 3: Syntax error: "fi" unexpected (expecting "then")') == "sh: line 3: syntax error: unexpected 'fi'" ]]
}

@test "harness: dash and tine syntax errors normalise alike" {
	local d t
	for pair in \
		'Syntax error: "fi" unexpected|syntax error: unexpected '"'fi'" \
		'Syntax error: ")" unexpected|syntax error: unexpected '"')'" \
		'Syntax error: end of file unexpected (expecting "}")|syntax error: unexpected end of file' \
		'Syntax error: newline unexpected|syntax error: unexpected newline' \
		'Syntax error: newline unexpected|syntax error: unexpected '"'newline'" \
		"Syntax error: Missing '))'|syntax error: missing '))'" \
		'Syntax error: Unterminated quoted string|syntax error: unterminated quoted string'
	do
		d=$(norm "/x/t.sh: 2: ${pair%%|*}")
		t=$(norm "tine: /x/t.sh: line 2: ${pair#*|}")
		echo "dash: $d / tine: $t"
		[[ $d == "$t" ]]
		[[ $d == "sh: line 2: syntax error: "* ]]
	done
}

@test "harness: different syntax error tokens stay different" {
	[[ $(norm '/x/t.sh: 1: Syntax error: "fi" unexpected') != "$(norm "tine: /x/t.sh: line 1: syntax error: unexpected 'done'")" ]]
}

@test "harness: run_tine_script --opt goes before the script" {
	TINE=$(command -v dash)
	run_tine_script --opt -e --opt -u -- a b <<'EOS'
echo "$- $# $1 $2"
EOS
	check_status 0
	[[ $output == *e*u*' 2 a b' || $output == *u*e*' 2 a b' ]]
}

@test "harness: diff_sh passes on identical shells" {
	TINE=$(command -v dash) diff_sh <<'EOS'
echo same; nosuch_cmd_h; exit 3
EOS
}

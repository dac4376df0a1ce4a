#!/usr/bin/env bats
# hostile.bats - input an adversary writes: NUL bytes in scripts and in
# command output, nesting far deeper than any real script, recursion
# without end.  The rule is never a crash: a clear error with status 2, or
# the same answer dash gives.

load helper

# ---- NUL bytes ----

@test "hostile: a NUL byte in a script is skipped, as dash does" {
	diff_sh < <(printf 'echo a\0b\necho c\0\n\0echo d\ncase x\0y in xy) echo e;; esac\n')
}

@test "hostile: NUL bytes in a script read from stdin are skipped" {
	# bash's $( ) would drop the NUL before run_tine saw it: use a file.
	printf 'echo a\0b\necho c\n' >"$BATS_TEST_TMPDIR/in.sh"
	local out
	out=$(env -i "$TINE" -s <"$BATS_TEST_TMPDIR/in.sh" 2>&1)
	[[ $out == $'ab\nc' ]] || { echo "got: $out" >&2; return 1; }
}

@test "hostile: NUL bytes in \$( ) output are dropped, the rest kept" {
	# dash drops them silently; tine warns once per substitution (bash).
	diff_sh --no-stderr <<'EOF'
x=$(printf 'abc\0def\0'); echo "$x" "${#x}"
i=0
while [ $i -lt 3000 ]; do printf 'abcdefgh\0\0\0\n'; i=$((i + 1)); done >f
x=$(cat f); echo "${#x}"
set -- $(printf 'a\0b c\0\0d'); echo "$# $1 $2"
EOF
	run_tine -c 'x=$(printf "a\0b\0c"); echo "$x"'
	check_output abc
	check_stderr 'sh: command substitution: ignored null byte in input'
}

# ---- nesting and recursion ----

# _deep OPEN N [INNER CLOSE]: OPEN N times, INNER, CLOSE N times.
_deep() {
	yes -- "$1" | head -n "$2" | tr -d '\n'
	printf '%s' "${3:-}"
	if [[ -n ${4:-} ]]; then
		yes -- "$4" | head -n "$2" | tr -d '\n'
	fi
	echo
}

_too_deep() {
	check_status 2
	check_stderr_match 'too deeply nested: the stack limit is reached$'
	[[ $(wc -l <<<"$raw_stderr") -eq 1 ]] || { _fail_show; return 1; }
}

@test "hostile: 100000-deep ( ( and { { are an error with status 2, not a crash" {
	run_tine_script < <(_deep '(' 100000 true ')')
	_too_deep
	run_tine_script < <(_deep '{ ' 100000 'true;' ' }')
	_too_deep
}

@test "hostile: 100000-deep if, case, while, for are an error with status 2" {
	run_tine_script < <(_deep 'if true; then ' 100000 'echo y' '; fi')
	_too_deep
	run_tine_script < <(_deep 'case x in x) ' 100000 'echo y' ';; esac ')
	_too_deep
	run_tine_script < <(_deep 'while true; do ' 100000 'break' '; done')
	_too_deep
	run_tine_script < <(_deep 'for i in 1; do ' 100000 'echo y' '; done')
	_too_deep
}

@test "hostile: 100000-deep \$( \${x:- and \"\${x:- are an error with status 2" {
	run_tine_script < <(printf 'echo '; _deep '$(' 100000 'echo x' ')')
	_too_deep
	run_tine_script < <(printf 'echo '; _deep '${x:-' 100000 y '}')
	_too_deep
	run_tine_script < <(printf 'echo '; _deep '"${x:-' 100000 y '}"')
	_too_deep
}

@test "hostile: 100000-deep \$(( ( and ! ! in arithmetic are an error with status 2" {
	run_tine_script < <(printf 'echo $(('; _deep '(' 100000 1 ')'; echo '))')
	_too_deep
	run_tine_script < <(printf 'echo $(('; _deep '!' 100000 1; echo '))')
	_too_deep
}

@test "hostile: test \\( \\( and ! ! 100000 deep: status 2 from test, the script goes on" {
	run_tine_script < <(printf 'test '; _deep '\( ' 100000 x ' \)' | tr -d '\n'; echo '; echo "st=$?"')
	check_status 0
	check_output 'st=2'
	check_stderr_match 'too deeply nested'
	run_tine_script < <(printf '[ '; _deep '! ' 100000 x | tr -d '\n'; echo ' ]; echo "st=$?"')
	check_output 'st=2'
}

@test "hostile: endless recursion of a function, eval and . is an error with status 2" {
	run_tine -c 'f() { f; }; f; echo notreached'
	_too_deep
	check_output ''
	run_tine -c 'x="eval \$x"; eval "$x"'
	_too_deep
	run_tine -c 'echo ". ./self.sh" >self.sh; . ./self.sh'
	_too_deep
}

@test "hostile: nesting that fits still runs, and the guard follows ulimit -s" {
	# 1000 deep is far below the limit: runs as in dash.
	diff_sh < <(_deep '(' 1000 'echo in' ')'; _deep '{ ' 1000 'echo in;' ' }'
		printf 'echo $(('; _deep '(' 1000 1 ')'; echo '))')
	# A smaller stack set inside the shell: an error, still not a crash.
	run_tine_script < <(echo 'ulimit -s 256'; echo 'f() { f; }; f')
	_too_deep
}

@test "hostile: a 100000-long && chain is refused before running it walks off the stack" {
	# Parsed in a loop, but the tree is as deep as the chain: ASan's
	# larger frames overflowed running it.
	run_tine_script < <(printf 'true'; yes ' && true' | head -n 100000 | tr -d '\n'; echo)
	_too_deep
	diff_sh < <(printf 'true'; yes ' && true' | head -n 1000 | tr -d '\n'; echo ' && echo ran')
}

# pipe() failing must never leave a status that && or if takes for success.
@test "hostile: a pipe that cannot be made fails the pipeline, status > 0" {
	for s in fork vfork clone posix_spawn; do
		TINE_SPAWN=$s run_tine -c 'ulimit -n 3; true | true && echo WRONG; echo unreached'
		[ "$status" -gt 0 ] || { echo "status $status under $s" >&2; return 1; }
		[[ $output != *WRONG* && $output != *unreached* ]] || { echo "$output" >&2; return 1; }
		[[ $stderr == *"cannot create pipe: Too many open files"* ]] || { echo "$stderr" >&2; return 1; }
	done
}

# A special builtin whose output cannot be written reports it and fails;
# that is not an error that ends the script (dash, bash).
@test "hostile: set and export -p into /dev/full report and the script goes on" {
	run_tine -c 'set >/dev/full; echo "set $?"; export -p >/dev/full; echo "export $?"'
	check_status 0
	check_output $'set 1\nexport 1'
	[[ $stderr == *"set: I/O error"* && $stderr == *"export: I/O error"* ]]
}

@test "hostile: FUNCNEST limits function nesting with a clear error, status 2" {
	run_tine -c 'FUNCNEST=5; g() { echo $1; g $(($1+1)); }; g 1; echo unreached'
	check_status 2
	check_output $'1\n2\n3\n4\n5'
	[[ $stderr == *"g: maximum function nesting level exceeded (5)"* ]]
	run_tine -c 'FUNCNEST=0; g() { [ $1 -lt 20 ] && g $(($1+1)) || echo $1; }; g 1'
	check_status 0
	check_output 20
}

@test "hostile: 100000 function definitions do not take quadratic time (the function table grows)" {
	# With 64 fixed buckets this took about 45 s; linear, about 1 s
	# (several under ASan): the time limit tells the two apart.
	local f=$BATS_TEST_TMPDIR/defs.sh
	awk 'BEGIN { for (i = 0; i < 100000; i++) printf "f%d() { :; }\n", i }' >"$f"
	echo 'f0; f99999; unset -f f50000; command -v f50000 || echo gone; f50001 && echo end' >>"$f"
	run timeout 15 "$TINE" "$f"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = "gone
end" ]
}

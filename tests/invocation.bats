#!/usr/bin/env bats
# invocation.bats - how tine is started: -c, -s, script operands, $0, -n,
# syntax error format and status, pipefail.  tine-only golden tests
# (run_tine), since these pin tine's own message format.

load helper

@test "invocation: -c runs the string" {
	run_tine -c 'echo hi'
	check_status 0
	check_output hi
	check_stderr_empty
}

@test "invocation: -c name and args set \$0 and positional" {
	run_tine -c 'echo "$0|$1|$#"' myname a b
	check_status 0
	check_output 'myname|a|2'
}

@test "invocation: -c exit status" {
	run_tine -c 'exit 7'
	check_status 7
}

@test "invocation: -c missing argument is a usage error" {
	run_tine -c
	check_status 2
	[[ -n $stderr ]]
}

@test "invocation: script operand sets \$0 and positional" {
	run_tine_script a 'b c' <<'EOS'
echo "$#|$1|$2"
case $0 in */t.sh) echo script-name;; esac
EOS
	check_status 0
	check_output $'2|a|b c\nscript-name'
}

@test "invocation: script from stdin" {
	run_tine --input $'echo from-stdin\nexit 3\n'
	check_status 3
	check_output from-stdin
}

@test "invocation: -s reads stdin with positional args" {
	run_tine --input $'echo "$# $1 $2"\n' -s x y
	check_status 0
	check_output '2 x y'
}

@test "invocation: stdin script shares input with read" {
	# POSIX (sh, STDIN): a shell reading its script from standard input
	# must not read ahead of the command it runs, so `read` gets the next
	# script line and the shell goes on after it.  dash reads ahead in
	# blocks (its read sees end of file), so this is tine-only; bash agrees.
	run_tine --input $'read line\nsecond line\necho "got:$line"\n'
	check_status 0
	check_output 'got:second line'
	check_stderr ''
}

# The same from a pipe, where nothing can be sought back: the shell looks
# at what is waiting (tee(2)) and takes only what the command it runs
# was parsed from (bash reads a byte at a time for that).  A comment
# longer than one 4096-byte look comes first; `cat` gets the script's
# rest.
@test "invocation: a script on a pipe leaves the rest to the commands" {
	local d=$BATS_TEST_TMPDIR
	{
		printf '# %05000d\n' 0
		printf 'read line\nsecond line\necho "got:$line"\ncat\nrest1\nrest2\n'
	} >"$d/s"
	local out
	out=$(cat "$d/s" | "$TINE" 2>&1)
	[[ $out == $'got:second line\nrest1\nrest2' ]] || { echo "got: $out" >&2; return 1; }
	# Without tee (seccomp), one byte at a time as before.
	build_denier "$d"
	out=$(cat "$d/s" | "$d/deny" 38 "$(syscall_nr tee)" "$TINE" 2>&1)
	[[ $out == $'got:second line\nrest1\nrest2' ]] || { echo "no tee, got: $out" >&2; return 1; }
}

@test "invocation: a script on a pipe is not read a byte at a time" {
	command -v strace >/dev/null || skip "strace is not installed"
	local d=$BATS_TEST_TMPDIR
	seq 1 300 | sed 's/.*/x=&/' >"$d/s"
	echo 'echo "$x"' >>"$d/s"
	local out
	out=$(cat "$d/s" | strace -o "$d/log" -e trace=read "$TINE")
	[[ $out == 300 ]] || { echo "got: $out" >&2; return 1; }
	local n
	n=$(grep -c '^read(0,' "$d/log")
	# 2000 bytes: one read per byte before, two per command now.
	(( n < 700 )) || { echo "$n reads of fd 0" >&2; return 1; }
}

@test "invocation: missing script file is 127" {
	run_tine ./nonexistent-script.sh
	check_status 127
	[[ -n $stderr ]]
}

@test "invocation: -n parses only" {
	run_tine -n -c 'echo should-not-run'
	check_status 0
	check_output ''
}

@test "invocation: -n reports syntax errors" {
	# -n goes before the script path; after it, it would be $1.
	run_tine_script --opt -n <<'EOS'
echo fine
if true; then
fi
EOS
	check_status 2
	check_output ''
	check_stderr "sh: line 3: syntax error: unexpected 'fi'"
}

@test "invocation: syntax error message names file and line, status 2" {
	run_tine_script <<'EOS'
echo before
if true; then
  echo x
fi fi
echo after
EOS
	check_status 2
	check_stderr "sh: line 4: syntax error: unexpected 'fi'"
	# The raw message names the script: tine: FILE: line N: ...
	[[ $raw_stderr == "tine: "*"/t.sh: line 4: syntax error: unexpected 'fi'" ]]
}

@test "invocation: syntax error at end of file" {
	run_tine_script <<'EOS'
while true; do
  echo x
EOS
	check_status 2
	check_stderr_match "^sh: line [0-9]+: syntax error: unexpected end of file$"
}

@test "invocation: syntax error in -c string" {
	run_tine -c 'echo a; done'
	check_status 2
	check_stderr_match "syntax error: unexpected 'done'"
}

@test "invocation: commands before a syntax error on a later line run" {
	run_tine_script <<'EOS'
echo ran
)
EOS
	check_status 2
	check_output ran
	check_stderr_match "^sh: line 2: syntax error: unexpected '\)'$"
}

@test "invocation: runtime error names the line" {
	run_tine_script <<'EOS'
:
:
nosuchcommand_tine_q
EOS
	check_status 127
	check_stderr 'sh: line 3: nosuchcommand_tine_q: not found'
}

@test "invocation: set -o lists options" {
	run_tine -c 'set -o'
	check_status 0
	local o
	for o in errexit noclobber noglob nounset xtrace verbose allexport pipefail; do
		grep -q "$o" <<<"$output" || { echo "missing $o" >&2; false; }
	done
}

@test "invocation: pipefail off by default" {
	run_tine -c 'false | true; echo $?'
	check_output 0
}

@test "invocation: pipefail reports rightmost failure" {
	run_tine -c 'set -o pipefail; (exit 3) | (exit 4) | true; echo $?; false | true | true; echo $?; true | true; echo $?'
	check_output $'4\n1\n0'
}

@test "invocation: pipefail with errexit" {
	run_tine -c 'set -eo pipefail; false | true; echo notreached'
	check_status 1
	check_output ''
}

@test "invocation: set +o output re-input restores pipefail" {
	run_tine -c 'set -o pipefail; s=$(set +o); set +o pipefail; eval "$s"; false | true; echo $?'
	check_output 1
}

@test "invocation: options from the command line" {
	run_tine -e -c 'false; echo no'
	check_status 1
	check_output ''
}

@test "invocation: -x traces to stderr" {
	run_tine -x -c 'echo t'
	check_output t
	check_stderr '+ echo t'
}

@test "invocation: ENOEXEC file runs as a tine script" {
	run_tine -c 'printf "echo \$0 ran\n" > s; chmod +x s; ./s'
	check_status 0
	check_output './s ran'
}

@test "invocation: special builtin redirection failure ends the script" {
	run_tine_script <<'EOS'
: > /nonexistent/dir/out.txt
echo notreached
EOS
	check_status 1
	check_output ''
	check_stderr_match 'out.txt: cannot create'
}

@test "invocation: failed redirection message and status 1" {
	run_tine -c 'echo x > /nonexistent/out.txt; echo "st=$?"'
	check_output 'st=1'
	check_stderr 'sh: /nonexistent/out.txt: cannot create: No such file or directory'
}

# A set-id shell: real and effective ids apart (setpriv gives a shell run
# by root the effective ids of nobody, as a set-uid-nobody file would).
# _setid_tine [NAME=VALUE...] -- [tine arguments]
_setid_tine() {
	[[ $(id -u) -eq 0 ]] || skip "setpriv needs root to set the effective ids apart"
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
	local -a env=(PATH=/usr/bin:/bin)
	while [[ $# -gt 0 && $1 != -- ]]; do env+=("$1"); shift; done
	shift
	setpriv --euid 65534 --egid 65534 --keep-groups \
		env -i "${env[@]}" "$TINE" "$@"
}

@test "invocation: a set-id shell drops to the real ids unless -p (privileged) is given" {
	_setid_tine -- -c : </dev/null
	local out
	out=$(_setid_tine -- -c 'id -u; id -ru; echo "[$-]"' 2>&1)
	[[ $out == $'0\n0\n[]' ]] || { echo "without -p: $out" >&2; return 1; }
	out=$(_setid_tine -- -p -c 'id -u; id -ru; echo "[$-]"; set +p; id -u; echo "[$-]"' 2>&1)
	[[ $out == $'65534\n0\n[p]\n0\n[]' ]] || { echo "with -p: $out" >&2; return 1; }
}

@test "invocation: ENV is ignored when the real and effective ids differ, with or without -p" {
	_setid_tine -- -c : </dev/null
	local d
	d=$(mktemp -d /tmp/tine-env.XXXXXX)
	chmod 755 "$d"
	echo 'echo ENV was read' >"$d/env.sh"
	chmod 644 "$d/env.sh"
	local out1 out2 out3
	out1=$(_setid_tine ENV="$d/env.sh" -- -i -c 'echo cmd' 2>/dev/null </dev/null)
	# set +p before the end: a sanitizer build cannot run its exit-time
	# leak check with the effective ids of nobody (ENV is read, or not, at
	# start, so dropping the ids at the end changes nothing here).
	out2=$(_setid_tine ENV="$d/env.sh" -- -p -i -c 'echo cmd; set +p' 2>/dev/null </dev/null)
	# The same file is read when the ids agree: the check can fail.
	out3=$(env -i PATH=/usr/bin:/bin ENV="$d/env.sh" "$TINE" -i -c 'echo cmd' 2>/dev/null </dev/null)
	rm -rf "$d"
	[[ $out1 == cmd && $out2 == cmd && $out3 == $'ENV was read\ncmd' ]] ||
		{ printf 'got: [%s] [%s] [%s]\n' "$out1" "$out2" "$out3" >&2; return 1; }
}

# XCU 2.8.1: after an expansion or special-builtin error an interactive
# shell does no further processing of that command line (dash, bash), and
# goes on with the next line.
@test "invocation: an error in an interactive shell drops the rest of the line" {
	run_tine --input $'echo ${x?unset}; echo after\necho next\nset -o bad; echo a2\necho n2\nf() { echo ${y?u}; echo in-f; }; f; echo after-f\necho n3\n' -i
	check_status 0
	check_output "next
n2
n3"
	[[ $stderr == *"x: unset"* && $stderr == *"set: bad: invalid option name"* ]]
	run_tine -i -c 'echo ${x?unset}; echo after'
	[ "$status" -ne 0 ]
	check_output ""
}

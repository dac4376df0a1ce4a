#!/usr/bin/env bats
# builtin-command.bats - differential cases (dash vs tine), see tests/helper.bash.
# command type hash alias umask ulimit times kill wait

load helper

@test "builtin-command: command runs builtin" {
	diff_sh <<'EOF_SH'
command echo hi
EOF_SH
}

@test "builtin-command: command bypasses function" {
	diff_sh <<'EOF_SH'
echo() { printf 'func\n'; }; command echo real
EOF_SH
}

@test "builtin-command: command -v builtin" {
	diff_sh <<'EOF_SH'
command -v echo
EOF_SH
}

@test "builtin-command: command -v external" {
	diff_sh <<'EOF_SH'
command -v ls
EOF_SH
}

@test "builtin-command: command -v function" {
	diff_sh <<'EOF_SH'
f() { :; }; command -v f
EOF_SH
}

@test "builtin-command: command -v not found" {
	# tine-only: status 1 with no output (bash; dash says 127).  POSIX
	# says only ">0" for a name that cannot be found.
	run_tine_script <<'EOF_SH'
command -v nosuchcmd_x; echo $?
command -v true nosuchcmd_x; echo $?
EOF_SH
	check_status 0
	check_output $'1\ntrue\n1'
	check_stderr ''
}

@test "builtin-command: command -v found is 0" {
	diff_sh <<'EOF_SH'
command -v true; echo $?; f() { :; }; command -v f; echo $?
EOF_SH
}

@test "builtin-command: command -V builtin" {
	diff_sh <<'EOF_SH'
command -V cd
EOF_SH
}

@test "builtin-command: command special builtin error does not exit" {
	diff_sh <<'EOF_SH'
command . ./missing 2>/dev/null; echo survived
EOF_SH
}

@test "builtin-command: type builtin" {
	diff_sh <<'EOF_SH'
type cd
EOF_SH
}

@test "builtin-command: type not found" {
	diff_sh <<'EOF_SH'
type nosuchcmd_x; echo $?
EOF_SH
}

@test "builtin-command: type keyword" {
	diff_sh <<'EOF_SH'
type if
EOF_SH
}

@test "builtin-command: type function" {
	diff_sh <<'EOF_SH'
f() { :; }; type f | head -1
EOF_SH
}

@test "builtin-command: type alias" {
	diff_sh <<'EOF_SH'
alias ll='ls -l'; type ll
EOF_SH
}

@test "builtin-command: hash remembers" {
	diff_sh <<'EOF_SH'
hash ls; hash | grep -c ls
EOF_SH
}

@test "builtin-command: hash -r clears" {
	diff_sh <<'EOF_SH'
hash ls; hash -r; hash | grep -c ls
EOF_SH
}

@test "builtin-command: hash not found" {
	diff_sh --stderr-nonempty <<'EOF_SH'
hash nosuchcmd_x; echo $?
EOF_SH
}

@test "builtin-command: alias listing" {
	diff_sh <<'EOF_SH'
alias a='echo A' b='echo B'; alias
EOF_SH
}

@test "builtin-command: alias single lookup" {
	diff_sh <<'EOF_SH'
alias a='echo A'; alias a
EOF_SH
}

@test "builtin-command: alias not found" {
	diff_sh --stderr-nonempty <<'EOF_SH'
alias nosuch; echo $?
EOF_SH
}

@test "builtin-command: unalias -a" {
	diff_sh <<'EOF_SH'
alias a=x b=y; unalias -a; alias; echo $?
EOF_SH
}

@test "builtin-command: umask print" {
	diff_sh <<'EOF_SH'
umask 022; umask
EOF_SH
}

@test "builtin-command: umask symbolic" {
	diff_sh <<'EOF_SH'
umask 022; umask -S
EOF_SH
}

@test "builtin-command: umask set symbolic" {
	diff_sh <<'EOF_SH'
umask u=rwx,g=rx,o=; umask
EOF_SH
}

@test "builtin-command: umask affects files" {
	diff_sh <<'EOF_SH'
umask 077; touch f; ls -l f | cut -c1-10
EOF_SH
}

@test "builtin-command: ulimit file size" {
	diff_sh <<'EOF_SH'
ulimit -f
EOF_SH
}

@test "builtin-command: ulimit set lower" {
	diff_sh <<'EOF_SH'
(ulimit -n 64; ulimit -n)
EOF_SH
}

@test "builtin-command: times prints two lines" {
	diff_sh <<'EOF_SH'
times | wc -l | tr -d ' '
EOF_SH
}

@test "builtin-command: kill sends signal" {
	# Whether "Terminated" is printed depends, in dash as in tine, on
	# whether the death is seen by this wait or reaped just before it: a
	# race, so stderr is not compared (the message: interactive-jobs.bats).
	diff_sh --no-stderr <<'EOF_SH'
sleep 10 & kill $!; wait $!; echo $?
EOF_SH
}

@test "builtin-command: kill -s TERM" {
	diff_sh <<'EOF_SH'
sleep 10 & kill -s TERM $!; wait $!; echo $?
EOF_SH
}

@test "builtin-command: kill -l" {
	diff_sh <<'EOF_SH'
kill -l 15; kill -l 9
EOF_SH
}

@test "builtin-command: kill -0" {
	diff_sh <<'EOF_SH'
kill -0 $$; echo $?
EOF_SH
}

@test "builtin-command: kill bad pid" {
	diff_sh --stderr-nonempty <<'EOF_SH'
kill 999999; echo $?
EOF_SH
}

@test "builtin-command: wait status" {
	diff_sh <<'EOF_SH'
(exit 3) & wait $!; echo $?
EOF_SH
}

@test "builtin-command: wait all" {
	diff_sh <<'EOF_SH'
(sleep 0.5; echo a) & (echo b) & wait; echo done
EOF_SH
}

@test "builtin-command: wait no jobs" {
	diff_sh <<'EOF_SH'
wait; echo $?
EOF_SH
}

@test "builtin-command: wait unknown pid" {
	diff_sh <<'EOF_SH'
wait 99999; echo $?
EOF_SH
}

@test "builtin-command: jobs lists a finished job once, in the POSIX format" {
	# XCU jobs: "[%d] %c %s %s"; dash pads the state the same way but
	# keeps no command text in a non-interactive shell, tine shows it.
	run_tine -c 'true & wait; jobs; echo "st=$?"; jobs; echo end'
	check_status 0
	check_output "[1] + Done                       true
st=0
end"
}

# XBD 8.3: the PATH search is for executable files; one without execute
# permission is no command to report (running it still fails with 126).
@test "builtin-command: command -v, -V and type skip a non-executable file on PATH" {
	diff_sh <<'EOF_SH'
mkdir -p nd ok; touch nd/nx; printf '#!/bin/sh\necho ran\n' >ok/nx; chmod +x ok/nx
PATH="$PWD/nd:$PATH"
command -v nx >/dev/null && echo st=zero || echo st=nonzero
command -V nx; echo "V $?"; type nx; echo "type $?"
PATH="$PWD/nd:$PWD/ok:$PATH"; command -v nx | sed "s#$PWD#.#"; type nx | sed "s#$PWD#.#"
nx
EOF_SH
}

@test "builtin-command: command -pv and -pV search the default PATH, not the hashed one" {
	diff_sh <<'EOF_SH'
mkdir -p fb; printf '#!/bin/sh\necho fake\n' >fb/tr; chmod +x fb/tr
PATH="$PWD/fb:$PATH"
echo a | tr a b; command -v tr | sed "s#$PWD#.#"
command -pv tr; command -pV tr; command -v -p tr
EOF_SH
}

@test "builtin-command: wait %job on a pipeline returns its last command's status" {
	diff_sh <<'EOF_SH'
true | (sleep 0.2; exit 3) & wait %1; echo "A: $?"
(exit 7) | (exit 5) & wait %1; echo "B: $?"
(sleep 0.2; exit 4) | true & wait %%; echo "C: $?"
EOF_SH
}

# A job that wait saw end leaves the table: %1 then names the next job.
@test "builtin-command: a job waited for leaves the job table" {
	diff_sh <<'EOF_SH'
(exit 6) & wait %1; echo "A: $?"
(sleep 0.2; exit 7) & wait %1; echo "B: $?"
(sleep 0.2; exit 8) & p=$!; wait $p; echo "C: $?"; (exit 9) & wait %1; echo "D: $?"
EOF_SH
}

@test "builtin-command: a loop of builtins sees a finished child gone (kill -0)" {
	diff_sh <<'EOF_SH'
sleep 0.3 & pid=$!
n=0; while kill -0 $pid 2>/dev/null; do n=$((n+1)); done
echo "loop ended"; wait $pid; echo "status $?"
EOF_SH
}

@test "builtin-command: kill takes -- after the signal" {
	diff_sh <<'EOF_SH'
sleep 5 & kill -s TERM -- $!; wait $!; echo "A: $?"
sleep 5 & kill -- $!; wait $!; echo "C: $?"
EOF_SH
}

# dash 0.5.12 has neither -n nor "--" after -SIG, nor set -m without a
# terminal; bash takes all three, and tine agrees with bash.
@test "builtin-command: kill -SIG -- pid and kill -n N -- pid" {
	run_tine_script <<'EOF_SH'
sleep 5 & kill -HUP -- $!; wait $!; echo "B: $?"
sleep 5 & kill -n 9 -- $!; wait $!; echo "D: $?"
set -m; sleep 5 & kill -s INT -- -$!; wait $!; echo "E: $?"
EOF_SH
	check_status 0
	check_output "B: 129
D: 137
E: 130"
}

@test "builtin-command: command with no command succeeds; command -x is an invalid option" {
	diff_sh --no-stderr <<'EOF_SH'
command; echo "a $?"; command -p; echo "b $?"; command --; echo "d $?"
command -x; echo "c $?"; command -x echo hi; echo "e $?"
v=$(command -x 2>&1); [ -n "$v" ] && echo has-message
EOF_SH
}

@test "builtin-command: command -p runs the default PATH's program, not the hashed one" {
	diff_sh <<'EOF_SH'
mkdir -p fb; printf '#!/bin/sh\necho fake\n' >fb/tr; chmod +x fb/tr
PATH="$PWD/fb:$PATH"
echo a | tr a b; echo a | command -p tr a b; x=$(command -p tr a c <<E
a
E
); echo "$x"; echo a | tr a d
EOF_SH
}

@test "builtin-command: command exec with a failing redirection fails without exiting" {
	diff_sh --no-stderr <<'EOF_SH'
command exec 5>&6; echo "still here $(( $? > 0 ))"
command exec 3</nonexistent/file; echo "again $(( $? > 0 ))"
command exec 4>/dev/null; echo "ok $?"; echo x >&4 && echo wrote
EOF_SH
	diff_sh --error-exit --no-stderr <<'EOF_SH'
exec 5>&6; echo notreached
EOF_SH
}

@test "builtin-command: exec takes PATH from its prefix assignment" {
	diff_sh <<'EOF_SH'
mkdir -p d; printf '#!/bin/sh\necho mine\n' >d/prog; chmod +x d/prog
PATH=/nonexistent
x=$(PATH=/bin:/usr/bin exec echo found); echo "[$x]"
(PATH=/usr/bin:/bin exec sh -c 'echo "$PATH"')
(PATH=$PWD/d exec prog)
EOF_SH
}

@test "builtin-command: command NAME skips a function in a pipeline and in \$( )" {
	diff_sh <<'EOF_SH'
echo() { printf 'FUNC\n'; }; command echo x | cat; s=$(command echo y); printf '%s\n' "$s"
command -p echo z | cat; x=$(command command echo w); printf '%s\n' "$x"
cd() { printf 'fcd\n'; }; command cd / | cat; true() { printf 'ftrue\n'; }
command true | cat; (command true); y=$(command true && printf ok); printf '%s\n' "$y"
command echo bg & wait; unset -f echo; echo done
EOF_SH
}

@test "builtin-command: a function named command comes before the builtin" {
	diff_sh <<'EOF_SH'
command() { printf 'cf %s\n' "$@"; }
command y; command -v ls; x=$(command echo sub); printf '%s\n' "$x"
command command echo real; command echo piped | cat
wrap() { unset -f command; command echo inner; }; wrap; command echo back
EOF_SH
}

# dash has no builtin: the expected output is bash's for the same script.
@test "builtin-command: builtin NAME runs the builtin past a function of that name (bash)" {
	local script='cd() { echo "my cd"; builtin cd "$@" && pwd; }; cd /
builtin echo hi; builtin ls; echo "st=$?"; builtin; echo "st=$?"
builtin echo piped | cat; x=$(builtin printf "%s" sub); echo "$x"
echo() { printf "fecho\n"; }; builtin echo real; command builtin echo cb
builtin command echo bc; unset -f echo; type builtin
builtin() { printf "fb %s\n" "$@"; }; builtin x; command builtin echo past'
	local want
	want=$(bash -c "$script" 2>/dev/null)
	[[ $want == *"my cd"*"real"*"fb x"*"past"* ]]
	run_tine -c "$script"
	check_output "$want"
	check_stderr "sh: builtin: ls: not a shell builtin"
}

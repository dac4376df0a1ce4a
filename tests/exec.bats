#!/usr/bin/env bats
# exec.bats - differential cases (dash vs tine), see tests/helper.bash.
# exit statuses 126 127 128+N, PATH search, ENOEXEC, subshells, wait $!

load helper

@test "exec: not found 127" {
	diff_sh --stderr-nonempty <<'EOF_SH'
nosuchcmd_tine_x; echo $?
EOF_SH
}

@test "exec: not found with slash 127" {
	diff_sh --stderr-nonempty <<'EOF_SH'
./nosuch; echo $?
EOF_SH
}

@test "exec: not executable 126" {
	diff_sh --stderr-nonempty <<'EOF_SH'
touch f; ./f; echo $?
EOF_SH
}

@test "exec: directory 126" {
	diff_sh --stderr-nonempty <<'EOF_SH'
mkdir d; ./d; echo $?
EOF_SH
}

@test "exec: ENOEXEC runs as script" {
	diff_sh <<'EOF_SH'
printf 'echo from-script $1\n' > s; chmod +x s; ./s arg
EOF_SH
}

@test "exec: ENOEXEC script sees positional" {
	diff_sh <<'EOF_SH'
printf 'echo $# "$@"\n' > s; chmod +x s; ./s a 'b c'
EOF_SH
}

@test "exec: shebang script" {
	diff_sh <<'EOF_SH'
printf '#!/bin/sh\necho shebang\n' > s; chmod +x s; ./s
EOF_SH
}

@test "exec: bad interpreter" {
	diff_sh --stderr-nonempty <<'EOF_SH'
printf '#!/nonexistent/interp\necho x\n' > s; chmod +x s; ./s; echo $?
EOF_SH
}

@test "exec: bad interpreter message" {
	# tine-only: bash-like "bad interpreter" (dash says "not found",
	# which blames the script instead of its #! line).
	run_tine_script <<'EOF_SH'
printf '#!/nonexistent/interp\necho x\n' > s; chmod +x s; ./s; echo $?
EOF_SH
	check_status 0
	check_output 127
	check_stderr 'sh: line 1: ./s: bad interpreter: No such file or directory'
}

@test "exec: PATH search" {
	diff_sh <<'EOF_SH'
mkdir bin; printf '#!/bin/sh\necho mine\n' > bin/mycmd; chmod +x bin/mycmd; PATH=$PWD/bin:$PATH; mycmd
EOF_SH
}

@test "exec: PATH order" {
	diff_sh <<'EOF_SH'
mkdir a b; printf '#!/bin/sh\necho a\n' > a/c1; printf '#!/bin/sh\necho b\n' > b/c1; chmod +x a/c1 b/c1; PATH=$PWD/a:$PWD/b:$PATH; c1
EOF_SH
}

@test "exec: PATH skip non executable" {
	diff_sh <<'EOF_SH'
mkdir a b; printf 'echo a\n' > a/c2; printf '#!/bin/sh\necho b\n' > b/c2; chmod +x b/c2; PATH=$PWD/a:$PWD/b:$PATH; c2
EOF_SH
}

@test "exec: PATH empty element is cwd" {
	diff_sh <<'EOF_SH'
printf '#!/bin/sh\necho cwd\n' > c3; chmod +x c3; PATH=:$PATH; c3
EOF_SH
}

@test "exec: PATH change rehashes" {
	diff_sh <<'EOF_SH'
mkdir a b; printf '#!/bin/sh\necho a\n' > a/c4; printf '#!/bin/sh\necho b\n' > b/c4; chmod +x a/c4 b/c4; PATH=$PWD/a:$PATH; c4; PATH=$PWD/b:$PATH; c4
EOF_SH
}

@test "exec: PATH prefix assignment" {
	diff_sh <<'EOF_SH'
mkdir a; printf '#!/bin/sh\necho pa\n' > a/c5; chmod +x a/c5; PATH=$PWD/a:$PATH c5
EOF_SH
}

@test "exec: killed by signal status 128 plus" {
	diff_sh <<'EOF_SH'
sh -c 'kill -TERM $$'; echo $?
EOF_SH
}

@test "exec: killed by KILL" {
	diff_sh <<'EOF_SH'
sh -c 'kill -KILL $$'; echo $?
EOF_SH
}

@test "exec: exit status of external" {
	diff_sh <<'EOF_SH'
sh -c 'exit 33'; echo $?
EOF_SH
}

@test "exec: status of last in pipeline" {
	diff_sh <<'EOF_SH'
sh -c 'exit 2' | sh -c 'exit 3'; echo $?
EOF_SH
}

@test "exec: subshell isolation of cd and vars" {
	diff_sh <<'EOF_SH'
(cd /; x=1); echo "${x-unset}" | tr -d '\n'; [ "$PWD" != / ] && echo " ok"
EOF_SH
}

@test "exec: background wait status" {
	diff_sh <<'EOF_SH'
sh -c 'exit 9' & wait $!; echo $?
EOF_SH
}

@test "exec: wait dollar bang after finish" {
	diff_sh <<'EOF_SH'
true & sleep 0.1; wait $!; echo $?
EOF_SH
}

@test "exec: background job does not block" {
	diff_sh <<'EOF_SH'
sleep 1 & echo immediate; kill $!
EOF_SH
}

@test "exec: background stdin is dev null" {
	diff_sh <<'EOF_SH'
echo data | { cat & wait; }
EOF_SH
}

@test "exec: external sees exported only" {
	diff_sh <<'EOF_SH'
X=1; export Y=2; env | grep -E '^(X|Y)=' | sort
EOF_SH
}

@test "exec: external argv exact" {
	diff_sh <<'EOF_SH'
printf '<%s>\n' 'a b' '' c
EOF_SH
}

@test "exec: function shadows external" {
	diff_sh <<'EOF_SH'
ls() { echo fn-ls; }; ls
EOF_SH
}

@test "exec: builtin preferred over PATH" {
	diff_sh <<'EOF_SH'
mkdir b; printf '#!/bin/sh\necho ext\n' > b/echo; chmod +x b/echo; PATH=$PWD/b:$PATH; echo builtin
EOF_SH
}

@test "exec: command not found in pipeline" {
	diff_sh --stderr-nonempty <<'EOF_SH'
nosuch_x | cat; echo $?
EOF_SH
}

@test "exec: exec in subshell" {
	diff_sh <<'EOF_SH'
(exec echo exec-sub); echo after
EOF_SH
}

@test "exec: long argument list" {
	diff_sh <<'EOF_SH'
set -- $(i=0; while [ $i -lt 500 ]; do echo a$i; i=$((i+1)); done); printf '%s\n' "$@" | wc -l | tr -d ' '
EOF_SH
}

@test "exec: variable assignment only status" {
	diff_sh <<'EOF_SH'
x=$(exit 4); echo $?
EOF_SH
}

@test "exec: empty command status" {
	diff_sh <<'EOF_SH'
$nothing; echo $?
EOF_SH
}

@test "exec: empty command with cmdsub status" {
	diff_sh <<'EOF_SH'
$(exit 6); echo $?
EOF_SH
}

@test "exec: command with only redirection creates file" {
	diff_sh <<'EOF_SH'
> made; ls made
EOF_SH
}

@test "exec: nested shell script via sh" {
	# the child is always dash here
	diff_sh --no-stderr <<'EOF_SH'
printf 'exit 4\n' > s; sh s; echo $?
EOF_SH
}

@test "exec: ENOEXEC script with syntax error" {
	diff_sh --stderr-nonempty <<'EOF_SH'
printf 'if\n' > s; chmod +x s; ./s; echo $?
EOF_SH
}

@test "exec: subshell exit status from signal" {
	diff_sh <<'EOF_SH'
(kill -TERM $$ 2>/dev/null; sh -c 'kill -INT $$'); echo $?
EOF_SH
}

@test "exec: pipeline of externals" {
	diff_sh <<'EOF_SH'
printf 'b\na\n' | sort | head -1
EOF_SH
}

@test "exec: pipeline with builtins and functions" {
	diff_sh <<'EOF_SH'
f() { tr a-z A-Z; }; echo abc | f | cat
EOF_SH
}

@test "exec: wait for multiple" {
	diff_sh <<'EOF_SH'
sh -c 'exit 1' & p1=$!; sh -c 'exit 2' & p2=$!; wait $p1; echo $?; wait $p2; echo $?
EOF_SH
}

# A launch that fails is reported where the command's own stderr goes, as
# when the shell forks first (dash): silent under 2>/dev/null, in the
# capture under 2>&1.
@test "exec: a failed launch's message honours the command's redirections" {
	diff_sh <<'EOF_SH'
nosuch 2>/dev/null; echo "a $?"; /dev/null 2>/dev/null; echo "b $?"
/etc 2>/dev/null; echo "c $?"; (exec /dev/null 2>/dev/null); echo "d $?"
nosuch 2>&-; echo "e $?"; nosuch 3>&2 2>/dev/null; echo "f $?"
has() { case $1 in *"$2"*) echo "yes $3";; *) echo "no $3 [$1]";; esac; }
x=$(nosuch 2>&1); has "$x" "nosuch: not found" g
x=$(/dev/null 2>&1); has "$x" "Permission denied" h
x=$(exec nosuch 2>&1); has "$x" "nosuch: not found" i
x=$(nosuch 2>&1 | cat); has "$x" "nosuch: not found" j
x=$({ nosuch 2>&3; } 3>&1); has "$x" "nosuch: not found" k
x=$(nosuch 2>&1 >/dev/null); has "$x" "nosuch: not found" l
nosuch >out1 2>err1; has "$(cat err1)" "nosuch: not found" m; ls out1
/dev/null >out2 2>>err2; has "$(cat err2)" "Permission denied" n
EOF_SH
}

# A background command that never starts still has a process: dash and
# bash fail in the forked child, so $! is set and `wait` gets the status.
@test "exec: a failed background launch sets \$! and wait returns its status" {
	diff_sh <<'EOF_SH'
nosuch_zz 2>/dev/null & echo "bang ${!:+set}"; wait $!; echo "a $?"
/dev/null 2>/dev/null & wait $!; echo "b $?"
(true >/no/such/dir/x) 2>/dev/null & wait $!; [ $? -gt 0 ] && echo "c >0"
true | nosuch_zz 2>/dev/null & wait %1; echo "d $?"
nosuch_zz 2>/dev/null & p=$!; nosuch_zz 2>/dev/null & q=$!
[ "$p" != "$q" ] && echo "e distinct"; wait $q; echo "f $?"; wait $p; echo "g $?"
kill -0 $p 2>/dev/null; echo "h $?"
nosuch_zz 2>/dev/null & wait; echo "i $?"
EOF_SH
}

@test "exec: kill %1 of a stopped job continues it, so wait %1 right after waits for its end (143), not a stop" {
	# The stop is seen only once the shell has reaped it (the loop below);
	# kill then sends SIGTERM and SIGCONT, and the job runs again.
	run timeout 10 "$TINE" -m -c 'sh -c "kill -STOP \$\$" &
while jobs %1 | grep -qv Stopped; do :; done
kill %1; wait %1; echo "st=$?"'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ $output != *"is stopped"* ]]
	[[ ${lines[-1]} == "st=143" ]]
}

# dash and bash exec the last command of a -c string in the shell's place,
# saving a process (make, system(3) and xargs start programs so).  tine
# does when the user named no strategy and nothing needs the shell after
# it: no trap, no timing, no spawntrace.  `echo $$` and the pid of the
# last program tell: the same process, or not.
same_pid_as_shell() { # [ENV...] -- TINE-ARGS...: "same" or "child"
	local -a envs=()
	while [[ $1 != -- ]]; do envs+=("$1"); shift; done
	shift
	local out
	out=$(env -u TINE_SPAWN "${envs[@]}" "$TINE" "$@")
	local a b
	{ read -r a; read -r b; } <<<"$out"
	[[ -n $a && -n $b ]] || { echo "no pids: $out" >&2; return 1; }
	[[ $a == "$b" ]] && echo same || echo child
}

@test "exec: the last program of a -c string replaces the shell unless a strategy is named" {
	local last='/bin/sh -c "echo \$\$"'
	[ "$(same_pid_as_shell -- -c "echo \$\$; $last")" = same ]
	[ "$(same_pid_as_shell -- -c "echo \$\$; cd / && $last")" = same ]
	[ "$(same_pid_as_shell -- -c "echo \$\$; if :; then $last; fi")" = same ]
	# a strategy named for the shell or for the command: it launches
	local s
	for s in fork vfork clone posix_spawn; do
		[ "$(same_pid_as_shell TINE_SPAWN=$s -- -c "echo \$\$; $last")" = child ]
		[ "$(same_pid_as_shell -- -c "echo \$\$; SPAWN=$s $last")" = child ]
		[ "$(same_pid_as_shell -- -c "set -o spawn=$s; echo \$\$; $last")" = child ]
	done
	# the shell still has work after it
	[ "$(same_pid_as_shell -- -c "trap 'echo trap >&2' EXIT; echo \$\$; $last" 2>/dev/null)" = child ]
	[ "$(same_pid_as_shell -- -c "setopt timing; echo \$\$; $last" 2>/dev/null)" = child ]
	[ "$(same_pid_as_shell -- -c "setopt spawntrace; echo \$\$; $last" 2>/dev/null)" = child ]
	[ "$(same_pid_as_shell -- -c "echo \$\$; $last; :")" = child ]
	[ "$(same_pid_as_shell -- -c "echo \$\$; ! $last")" = child ]
}

@test "exec: a -c string's last command gives the same output and status in place as launched" {
	local s
	for s in '! /bin/true' '! /bin/false' 'if /bin/true; then echo yes; fi' \
		'while /bin/true; do echo w; break; done' '/bin/false || echo or' \
		'/bin/true && /bin/false' '{ /bin/echo grouped; } >f; cat f' \
		'nosuch_prog_tine' 'exec 3>/dev/null; /bin/ls /proc/self/fd/3' \
		'x=1 /bin/sh -c "echo \$x"'; do
		local d=$BATS_TEST_TMPDIR/c
		rm -rf "$d"; mkdir -p "$d"
		local want got
		want=$(cd "$d" && dash -c "$s" 2>&1; echo "status $?")
		rm -f "$d/f"
		got=$(cd "$d" && env -u TINE_SPAWN "$TINE" -c "$s" 2>&1; echo "status $?")
		got=$(sed 's/^tine: //' <<<"$got")
		want=$(sed 's/^dash: 1: //' <<<"$want")
		[ "$got" = "$want" ] || { printf 'for %s\n-- dash:\n%s\n-- tine:\n%s\n' "$s" "$want" "$got" >&2; return 1; }
	done
	# time (not in dash) still reports
	run env -u TINE_SPAWN "$TINE" -c 'time /bin/true'
	[ "$status" -eq 0 ]
	[[ $output == *real* ]]
}

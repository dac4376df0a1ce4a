#!/usr/bin/env bats
# builtin-cd.bats - differential cases (dash vs tine), see tests/helper.bash.

load helper

@test "builtin-cd: cd and pwd" {
	diff_sh <<'EOF_SH'
mkdir -p a/b; cd a/b; pwd | sed 's|.*/w/|W/|'
EOF_SH
}

@test "builtin-cd: cd updates PWD OLDPWD" {
	diff_sh <<'EOF_SH'
mkdir d; o=$PWD; cd d; [ "$OLDPWD" = "$o" ] && [ "$PWD" = "$o/d" ] && echo ok
EOF_SH
}

@test "builtin-cd: cd dash" {
	diff_sh <<'EOF_SH'
mkdir d; cd d; cd - >/dev/null; basename "$PWD"
EOF_SH
}

@test "builtin-cd: cd dash prints" {
	diff_sh <<'EOF_SH'
mkdir d; cd d; cd - | sed 's|.*/||'
EOF_SH
}

@test "builtin-cd: cd home" {
	diff_sh <<'EOF_SH'
mkdir h; HOME=$PWD/h; cd; basename "$PWD"
EOF_SH
}

@test "builtin-cd: cd nonexistent" {
	# tine-only: cd failing is status 1 with bash's wording (dash: 2,
	# "can't cd to X"); POSIX asks only for >0 and a message.
	run_tine_script <<'EOF_SH'
cd /nonexistent; echo $?; pwd
EOF_SH
	check_status 0
	check_output "1
$T/w"
	check_stderr 'sh: line 1: cd: /nonexistent: No such file or directory'
}

@test "builtin-cd: cd to file" {
	# tine-only: as above, with strerror(ENOTDIR).
	run_tine_script <<'EOF_SH'
touch f; cd f; echo $?
EOF_SH
	check_status 0
	check_output 1
	check_stderr 'sh: line 1: cd: f: Not a directory'
}

@test "builtin-cd: cd error in -c has no line number" {
	# tine-only: -c strings and interactive shells name no line.
	run_tine -c 'cd /nonexistent/x; echo $?'
	check_status 0
	check_output 1
	[[ $raw_stderr == 'tine: cd: /nonexistent/x: No such file or directory' ]]
}

@test "builtin-cd: cd dotdot logical" {
	diff_sh <<'EOF_SH'
mkdir -p real/sub; ln -s real/sub link; cd link; cd ..; basename "$PWD"
EOF_SH
}

@test "builtin-cd: cd -P physical" {
	diff_sh <<'EOF_SH'
mkdir -p real/sub; ln -s real/sub link; cd -P link; basename "$PWD"
EOF_SH
}

@test "builtin-cd: pwd -P" {
	diff_sh <<'EOF_SH'
mkdir real; ln -s real link; cd link; pwd | sed 's|.*/||'; pwd -P | sed 's|.*/||'
EOF_SH
}

@test "builtin-cd: cd CDPATH" {
	diff_sh <<'EOF_SH'
mkdir -p base/target; CDPATH=$PWD/base; cd target | sed 's|.*/||'; basename "$PWD"
EOF_SH
}

@test "builtin-cd: cd in subshell does not affect parent" {
	diff_sh <<'EOF_SH'
mkdir d; (cd d); basename "$PWD"
EOF_SH
}

@test "builtin-cd: cd with trailing slash" {
	diff_sh <<'EOF_SH'
mkdir d; cd d/; basename "$PWD"
EOF_SH
}

@test "builtin-cd: cd too many args" {
	diff_sh <<'EOF_SH'
mkdir a b; cd a b 2>/dev/null; echo done
EOF_SH
}

@test "builtin-cd: cd exports PWD and OLDPWD" {
	diff_sh <<'EOF_SH'
cd /; cd /tmp; env | grep -E '^(OLDPWD|PWD)=' | sort
unset OLDPWD; cd /; env | grep '^OLDPWD='
(cd /tmp && sh -c 'echo "child $OLDPWD $PWD"')
EOF_SH
}

@test "builtin-cd: OLDPWD is the old directory even when it was removed" {
	diff_sh <<'EOF_SH'
mkdir -p gone/sub; cd gone/sub; d=$PWD; rmdir "$d"
cd /; if [ "$OLDPWD" = "$d" ]; then echo ok; else echo "OLDPWD=$OLDPWD"; fi
cd - >/dev/null 2>&1 || echo back-fails; pwd
EOF_SH
}

# cd -e is POSIX.1-2024; dash 0.5.12 does not have it, bash 5.2 does and
# agrees: status 1 when -P changed directory but PWD cannot be found.
@test "builtin-cd: cd -P -e fails when the new directory has no name" {
	run_tine_script <<'EOF_SH'
cd -P -e /tmp; echo "ok $? $PWD"; cd -e /; echo "L $? $PWD"
mkdir -p gone; cd gone; rmdir "$PWD"
cd -P -e .; echo "gone $?"; cd -P .; echo "no-e $?"; cd -eP /; echo "$? $PWD"
EOF_SH
	[ "$status" -eq 0 ]
	[ "$output" = "ok 0 /tmp
L 0 /
gone 1
no-e 0
0 /" ]
	[[ $stderr == *"cd: cannot determine the current directory: No such file or directory"* ]]
}

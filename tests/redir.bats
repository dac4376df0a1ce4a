#!/usr/bin/env bats
# redir.bats - differential cases (dash vs tine), see tests/helper.bash.
# Redirections: < > >| >> <> <& >& with any fd, n>&-, noclobber, failures.

load helper

@test "redir: output to file" {
	diff_sh <<'EOF_SH'
echo a > f; cat f
EOF_SH
}

@test "redir: append" {
	diff_sh <<'EOF_SH'
echo a > f; echo b >> f; cat f
EOF_SH
}

@test "redir: input from file" {
	diff_sh <<'EOF_SH'
echo data > f; cat < f
EOF_SH
}

@test "redir: fd 2 to file" {
	diff_sh <<'EOF_SH'
echo err >&2 2>/dev/null; (echo e >&2) 2> f; cat f
EOF_SH
}

@test "redir: dup stderr to stdout" {
	diff_sh <<'EOF_SH'
{ echo out; echo err >&2; } 2>&1 | sort
EOF_SH
}

@test "redir: order matters" {
	diff_sh <<'EOF_SH'
{ echo err >&2; } 2>&1 > f; echo "[$(cat f)]"
EOF_SH
}

@test "redir: order matters reversed" {
	diff_sh <<'EOF_SH'
{ echo err >&2; } > f 2>&1; cat f
EOF_SH
}

@test "redir: high fd" {
	diff_sh <<'EOF_SH'
echo x > f; exec 7< f; cat <&7; exec 7<&-
EOF_SH
}

@test "redir: fd 9 write" {
	diff_sh <<'EOF_SH'
exec 9> f; echo nine >&9; exec 9>&-; cat f
EOF_SH
}

@test "redir: close fd error" {
	# tine-only: failed redirection on a regular command: status 1, as
	# for every failed launch; dash says 2.
	run_tine_script <<'EOF_SH'
exec 3>&-; echo x >&3
EOF_SH
	check_status 1
	check_output ''
	check_stderr 'sh: line 1: 3: Bad file descriptor'
}

@test "redir: close stdout in command" {
	diff_sh <<'EOF_SH'
echo lost >&- 2>/dev/null; echo $?
EOF_SH
}

@test "redir: read write open" {
	diff_sh <<'EOF_SH'
echo abc > f; exec 3<> f; read x <&3; echo $x; exec 3>&-
EOF_SH
}

@test "redir: read write creates file" {
	diff_sh <<'EOF_SH'
: <> newfile; [ -f newfile ] && echo created
EOF_SH
}

@test "redir: noclobber prevents" {
	# tine-only: status 1 for a failed redirection (dash: 2).
	run_tine_script <<'EOF_SH'
echo a > f; set -C; echo b > f; echo $?; cat f
EOF_SH
	check_status 0
	check_output $'1\na'
	check_stderr 'sh: line 1: f: cannot create: File exists'
}

@test "redir: noclobber override" {
	diff_sh <<'EOF_SH'
echo a > f; set -C; echo b >| f; cat f
EOF_SH
}

@test "redir: noclobber allows dev null" {
	diff_sh <<'EOF_SH'
set -C; echo x > /dev/null; echo $?
EOF_SH
}

@test "redir: noclobber append ok" {
	diff_sh <<'EOF_SH'
echo a > f; set -C; echo b >> f; cat f
EOF_SH
}

@test "redir: redirect to directory fails" {
	# tine-only: status 1 for a failed redirection (dash: 2);
	# `tine: FILE: line N: PATH: cannot create: strerror`.
	run_tine_script <<'EOF_SH'
mkdir d; echo x > d; echo $?
EOF_SH
	check_status 0
	check_output 1
	check_stderr 'sh: line 1: d: cannot create: Is a directory'
}

@test "redir: redirect from missing file" {
	# tine-only: as above, "cannot open" for input.
	run_tine_script <<'EOF_SH'
cat < nofile; echo $?
EOF_SH
	check_status 0
	check_output 1
	check_stderr 'sh: line 1: nofile: cannot open: No such file or directory'
}

@test "redir: redirect failure skips command" {
	# tine-only: as above; the command does not run.
	run_tine_script <<'EOF_SH'
echo should-not-print > /nonexistent/dir/f; echo status $?
f() { echo in-f; }; f > /nonexistent/dir/f; echo f $?
{ echo in-group; } < /nonexistent/in; echo group $?
EOF_SH
	check_status 0
	check_output $'status 1\nf 1\ngroup 1'
	check_stderr 'sh: line 1: /nonexistent/dir/f: cannot create: No such file or directory
sh: line 2: /nonexistent/dir/f: cannot create: No such file or directory
sh: line 3: /nonexistent/in: cannot open: No such file or directory'
}

@test "redir: redirect failure on a special builtin exits" {
	# POSIX 2.8.1: a redirection error on a special built-in ends a
	# non-interactive shell; dash exits 2, tine 1 (see --error-exit).
	diff_sh --error-exit --stderr-nonempty <<'EOF_SH'
echo before; : > /nonexistent/dir/f; echo after
EOF_SH
}

@test "redir: redirect failure on a special builtin in a subshell" {
	diff_sh --error-exit --stderr-nonempty <<'EOF_SH'
(set -- a b > /nonexistent/x; echo in); [ $? -ne 0 ] && echo "out non-zero"; (eval 'echo e' < /nonexistent/y); [ $? -ne 0 ] && echo "eval non-zero"
EOF_SH
}

@test "redir: a failed redirection in a pipeline's last member or a \$( ) is its status" {
	# tine-only: status 1 for a failed redirection (dash: 2).  The
	# member never starts, and its 1 is still the pipeline's status: not
	# the 141 of the member before it, nor the 0 of no process at all.
	run_tine_script <<'EOF_SH'
echo x | cat <&x; echo "Q $?"
echo x | nosuch </nonexistent/in; echo "N $?"
x=$(nosuch </nonexistent/in); echo "M $?"
x=$(cat <&y); echo "C $?"
EOF_SH
	check_status 0
	check_output $'Q 1\nN 1\nM 1\nC 1'
	check_stderr 'sh: line 1: x: bad file descriptor number
sh: line 2: /nonexistent/in: cannot open: No such file or directory
sh: line 3: /nonexistent/in: cannot open: No such file or directory
sh: line 4: y: bad file descriptor number'
}

@test "redir: redirect failure message in -c has no line" {
	# tine-only: -c strings name no line.
	run_tine -c 'cat < /nonexistent/in'
	check_status 1
	[[ $raw_stderr == 'tine: /nonexistent/in: cannot open: No such file or directory' ]]
}

@test "redir: redirect permission denied" {
	# running as root cannot provoke EACCES reliably; status only
	diff_sh --no-stderr <<'EOF_SH'
mkdir ro; chmod 555 ro; echo x > ro/f 2>/dev/null; echo done
EOF_SH
}

@test "redir: redirect on special builtin failure exits" {
	diff_sh --error-exit --stderr-nonempty <<'EOF_SH'
: > /nonexistent/x; echo survived
EOF_SH
}

@test "redir: redirect on regular builtin failure continues" {
	diff_sh --stderr-nonempty <<'EOF_SH'
echo hi > /nonexistent/x; echo survived
EOF_SH
}

@test "redir: redirect in subshell failure" {
	diff_sh --error-exit <<'EOF_SH'
(: > /nonexistent/x) 2>/dev/null; [ $? -ne 0 ] && echo non-zero
EOF_SH
}

@test "redir: redirect with variable target" {
	diff_sh <<'EOF_SH'
f=out; echo v > $f; cat out
EOF_SH
}

@test "redir: redirect with quoted target with space" {
	diff_sh <<'EOF_SH'
echo v > "a b"; cat "a b"
EOF_SH
}

@test "redir: redirect target glob single match" {
	diff_sh <<'EOF_SH'
touch only1; echo g > only*; cat only1
EOF_SH
}

@test "redir: redirect before command" {
	diff_sh <<'EOF_SH'
> f echo front; cat f
EOF_SH
}

@test "redir: redirect between args" {
	diff_sh <<'EOF_SH'
echo a > f b; cat f
EOF_SH
}

@test "redir: multiple redirects last wins" {
	diff_sh <<'EOF_SH'
echo x > a > b; echo "[$(cat a)][$(cat b)]"
EOF_SH
}

@test "redir: dup to same fd" {
	diff_sh <<'EOF_SH'
echo same 1>&1
EOF_SH
}

@test "redir: stdin dup" {
	diff_sh <<'EOF_SH'
echo in > f; exec 4< f; cat 0<&4
EOF_SH
}

@test "redir: exec redirect persists stdout file" {
	diff_sh <<'EOF_SH'
exec 3>&1 > f; echo hidden; exec 1>&3 3>&-; echo shown; cat f
EOF_SH
}

@test "redir: redirection of compound saved and restored" {
	diff_sh <<'EOF_SH'
{ echo inner; } > f; echo outer; cat f
EOF_SH
}

@test "redir: function with redirect applied at call" {
	diff_sh <<'EOF_SH'
f() { echo x; } > f1; f; f; cat f1
EOF_SH
}

@test "redir: redirect in loop body" {
	diff_sh <<'EOF_SH'
for i in 1 2; do echo $i >> f; done; cat f
EOF_SH
}

@test "redir: redirect stderr of loop" {
	diff_sh <<'EOF_SH'
for i in 1; do echo e >&2; done 2> f; cat f
EOF_SH
}

@test "redir: fd inherited by child" {
	diff_sh <<'EOF_SH'
exec 5> f; sh -c 'echo child >&5' 2>/dev/null || echo child >&5; exec 5>&-; cat f
EOF_SH
}

@test "redir: truncate existing" {
	diff_sh <<'EOF_SH'
echo longer-content > f; echo s > f; cat f
EOF_SH
}

@test "redir: append creates" {
	diff_sh <<'EOF_SH'
echo a >> new; cat new
EOF_SH
}

@test "redir: redirect to dev null" {
	diff_sh <<'EOF_SH'
echo gone > /dev/null; echo $?
EOF_SH
}

@test "redir: 2>&1 in pipeline" {
	diff_sh <<'EOF_SH'
{ echo o; echo e >&2; } 2>&1 | wc -l | tr -d ' '
EOF_SH
}

@test "redir: duplicate closed fd error" {
	# tine-only: status 1 for a failed redirection (dash: 2).
	run_tine_script <<'EOF_SH'
echo x >&8
EOF_SH
	check_status 1
	check_output ''
	check_stderr 'sh: line 1: 8: Bad file descriptor'
}

@test "redir: redirect number must be adjacent" {
	diff_sh <<'EOF_SH'
echo 2 > f; cat f
EOF_SH
}

@test "redir: redirect with digit word separate" {
	diff_sh <<'EOF_SH'
echo a 2 >f; cat f
EOF_SH
}

@test "redir: redirect fd 0 close" {
	diff_sh <<'EOF_SH'
cat <&- 2>/dev/null; echo $?
EOF_SH
}

@test "redir: builtin redirect does not leak" {
	diff_sh <<'EOF_SH'
read x < /dev/null; echo next
EOF_SH
}

@test "redir: input redirect for while loop with read vars kept" {
	diff_sh <<'EOF_SH'
printf 'a\nb\n' > f; n=0; while read l; do n=$((n+1)); done < f; echo $n
EOF_SH
}

@test "redir: redirect of brace group fd restoration" {
	diff_sh <<'EOF_SH'
exec 3>f3; { echo in3 >&3; } 3>g; exec 3>&-; echo "[$(cat f3)][$(cat g)]"
EOF_SH
}

@test "redir: cannot create message format" {
	# tine-only: tine's wording, strerror text (dash: "cannot create
	# X: Directory nonexistent", status 2).
	run_tine_script <<'EOF_SH'
echo x > /nonexistent/out.txt
EOF_SH
	check_status 1
	check_output ''
	check_stderr 'sh: line 1: /nonexistent/out.txt: cannot create: No such file or directory'
	[[ $raw_stderr == "tine: $BATS_TEST_TMPDIR/"*"/t.sh: line 1: /nonexistent/out.txt: cannot create: No such file or directory" ]]

}

# Redirection words of a command that runs in a child (a pipeline member,
# a background job, the program of $( )) are expanded in the child, as
# its other words are: ${x:=} and $((x=)) there leave the shell alone,
# also when the child is a program launched directly (dash, bash).
@test "redir: a child command's redirection words are expanded in the child, both subshell modes" {
	local m
	for m in inline fork; do
		TINE_SUBSHELL=$m diff_sh <<'EOF_SH' || return 1
/bin/cat <${r:=/dev/null} | /bin/cat; echo "r=$r"
echo hi | /bin/cat >${s:=/dev/null}; echo "s=$s"
/bin/cat </dev/null >${w:=/dev/null} &
wait; echo "w=$w"
z=$(/bin/cat </dev/null 2>${z1:=/dev/null}); echo "z1=$z1"
: >${b=/dev/null} | cat; echo "b=$b"
fn() { echo in fn; }
fn >${c=/dev/null} | cat; echo "c=$c"
>${d=/dev/null} | cat; echo "d=$d"
/bin/echo fd 3>&$((n=1)) | /bin/cat; echo "n=$n"
echo x 2>&$((m=2)) &
wait; echo "m=$m"
/bin/cat <${u?unset in pipe} | /bin/cat; echo "u $?"
/bin/cat </dev/null >${k:=/dev/null}; echo "k=$k"
EOF_SH
	done
}

# A here-document's fd is closed once, when the command's redirections are
# in place: a second close after the command ended closed whatever had
# that number by then, here the fd the function opened (12 was where
# the here-document sat; 3 is where it sits now).
@test "redir: a function's here-document fd is not closed again after it" {
	run_tine_script <<'EOF_SH'
f() { exec 3>log3 12>log12; }
f <<EOT
x
EOT
echo a >&3 && echo b >&12 && cat log3 log12
g() { read -r l; echo "[$l]"; exec 4>log4; }
g <<EOT
y
EOT
echo c >&4 && cat log4
EOF_SH
	check_status 0
	check_output $'a\nb\n[y]\nc'
	check_stderr ''
}

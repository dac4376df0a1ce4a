#!/usr/bin/env bats
# tests/subshell.bats - ( ) and $( ) of shell code run in the shell itself
# (issue 12 part 1; setopt subshell=inline, the default) and must be
# indistinguishable from a forked subshell: every change the body makes is
# undone, exit ends only the subshell, output is captured whole.  Every
# differential case here runs under both settings in CI (TINE_SUBSHELL),
# and a few cases force each setting to show both paths were taken.

load helper

@test "subshell: variables, unset, export, readonly and local are undone" {
	diff_sh <<'EOF_SH'
a=1 b=2; export e=out
(a=10; unset b; c=3; export e=in; export n=new; readonly a; echo "in: $a ${b-unset} $c $e")
echo "out: $a $b ${c-unset} $e ${n-unset}"; sh -c 'echo "env: $e ${n-unset}"'
x=$(a=20; readonly b; unset e; echo "$a"); echo "x=$x a=$a e=$e"; b=5; echo "b=$b"
f() { local a=7; (a=8; echo "f-in $a"); echo "f $a"; }
f; echo "after f $a"
(readonly r=1); r=2; echo "r=$r"
SPAWN=clone; (SPAWN=fork); x=$(SPAWN=vfork; echo $SPAWN); echo "$SPAWN $x"
EOF_SH
}

@test "subshell: positional parameters, shift and set -- are undone" {
	diff_sh --args 'p q r' <<'EOF_SH'
(shift; echo "in: $# $*"); echo "out: $# $*"
y=$(set -- a b; echo "$#:$1"); echo "$y / $# $1"
(set -- ; shift 0; echo "empty: $#"); echo "$@"
g() { (shift; echo "g: $*"); echo "g after: $*"; }
g 1 2 3
EOF_SH
}

@test "subshell: functions defined and unset inside are undone" {
	diff_sh <<'EOF_SH'
f() { echo outer-f; }
(f() { echo inner-f; }; f; unset -f f; f 2>/dev/null || echo gone)
f
x=$(g() { echo g; }; echo made); echo "$x"; g 2>/dev/null || echo "no g"
EOF_SH
}

@test "subshell: options, set -e and set -u are undone" {
	diff_sh <<'EOF_SH'
(set -e; false; echo not-reached); echo "status $?"
echo "flags: $-"
(set -u; echo ${nope}); [ $? -ne 0 ] && echo failed
(set -f; echo *); echo "after: $(echo * | wc -w)"
x=$(set -x; echo y 2>/dev/null); echo "x=$x flags=$-"
set -e; x=$(false; echo no); echo "not reached"
EOF_SH
}

@test "subshell: exit ends only the subshell, with its status" {
	diff_sh <<'EOF_SH'
(exit 3); echo "st $?"
x=$(echo a; exit 4; echo b); echo "x=$x st $?"
(exit 300); echo "st $?"
f() { (exit 5); echo "f st $?"; exit_in() { exit 6; }; (exit_in; echo no); echo "st $?"; }
f
(return 7 2>/dev/null); echo "ret st $?"
h() { (return 8); echo "h st $?"; }; h
y=$(exit); echo "empty exit st $?"
false; (exit); echo "exit keeps \$?: $?"
EOF_SH
}

@test "subshell: cd and umask are undone; the directory is the subshell's" {
	diff_sh <<'EOF_SH'
mkdir -p d/e; here=$(pwd)
(cd d && pwd && cd e && pwd); pwd
x=$(cd d; pwd); echo "${x#"$here"} $(pwd | sed "s|$here|.|")"
echo "PWD=${PWD#"$here"} OLDPWD=${OLDPWD-unset}"
umask 022; (umask 077; umask); umask
y=$(umask 0; umask); echo "$y $(umask)"
(cd /nonexistent 2>/dev/null || echo nocd); pwd | sed "s|$here|.|"
EOF_SH
}

# both_ways SCRIPT: tine with subshell=inline and with subshell=fork give
# the same stdout, stderr and status (for cases where tine and dash
# differ on purpose or in other ways, outside this issue).
both_ways() {
	local d=$BATS_TEST_TMPDIR/both m
	mkdir -p "$d"
	for m in inline fork; do
		(cd "$d" && env -i PATH=/usr/bin:/bin TINE_SUBSHELL=$m \
			${ASAN_OPTIONS:+"ASAN_OPTIONS=$ASAN_OPTIONS"} \
			timeout -k 2 20 "$TINE" -c "$1" >"$d/out.$m" 2>"$d/err.$m" </dev/null
		 echo "status $?" >>"$d/out.$m")
	done
	if ! cmp -s "$d/out.inline" "$d/out.fork" || ! cmp -s "$d/err.inline" "$d/err.fork"; then
		echo "-- script: $1" >&2
		diff -u "$d/out.fork" "$d/out.inline" >&2
		diff -u "$d/err.fork" "$d/err.inline" >&2
		return 1
	fi
	[[ -s $d/out.inline ]]
}

@test "subshell: break and continue do not leave the subshell" {
	diff_sh <<'EOF_SH'
for i in a b; do (for j in 1 2; do echo $i$j; break; done; echo after-$i); done
for i in 1 2; do x=$(for j in 1 2 3; do continue; echo no; done; echo c$i); echo "x=[$x]"; done
EOF_SH
	# A break with no loop inside the subshell ends the subshell (dash);
	# the loop outside goes on.
	diff_sh <<'EOF_SH'
for i in 1 2; do (break; echo sub$i); x=$(continue; echo c$i); echo "$i $x"; done
f() { for i in 1 2; do (break; echo no); echo f$i; done; }; f
EOF_SH
	# break 2 stops at the subshell's own loop (bash; dash ends the
	# subshell): the same in both settings.
	both_ways 'for i in 1; do for j in 1 2; do (for k in a; do break 2; done; echo in$j); echo j$j; done; done'
}

# A function's `local` scope: a `local` in a subshell of the function
# stays in the subshell; the function's own variables come back whole.
@test "subshell: local inside a subshell of a function is undone" {
	diff_sh <<'EOF_SH'
f() { (local x=5; echo "in $x"); x=2; }; x=1; f; echo "x=$x"
g() { y=$(local y=3; echo $y); y=4$y; }; g; echo "y=$y"
h() { local q=1; (local q=2; r() { local q=3; }; r; echo "sub $q"); echo "h $q"; }; h; echo "q=${q-unset}"
k() { local w=1; (a=1 b=${nope?} ) 2>/dev/null; w=2; }; k; echo "w=${w-unset}"
m() { local z; z=4; }; m; echo "z=${z-unset}"
EOF_SH
}

@test "subshell: \$? inside, and the status of the last command" {
	diff_sh <<'EOF_SH'
false; (echo "in: $?"); echo "out: $?"
true; x=$(false); echo "$?"
(false); echo $?; (true); echo $?
x=$(echo a; false); echo "$x $?"
if (false); then echo yes; else echo no; fi
! (exit 2); echo "not: $?"
(false) || echo "or-list"
EOF_SH
}

@test "subshell: redirections inside and on the subshell are restored" {
	diff_sh <<'EOF_SH'
(echo to-file >f; echo to-err 1>&2) 2>&1; cat f
(exec 3>g; echo three >&3); echo "after exec: $(cat g)"
{ (echo inner); } >h; cat h
x=$(echo out; echo err >&2 2>/dev/null); echo "x=$x"
y=$( (echo nested-sub) ); echo "y=$y"
z=$(echo a; (echo b; echo c >&2) 2>&1; echo d); echo "$z"
exec 4>k; (echo four >&4); exec 4>&-; cat k
(exec 5>&1; echo five >&5); echo "fd 5 closed: $( (echo x >&5) 2>/dev/null || echo yes)"
EOF_SH
}

@test "subshell: captured output: large, binary-safe, trailing newlines" {
	diff_sh <<'EOF_SH'
big=$(i=0; while [ $i -lt 20000 ]; do echo "line $i"; i=$((i+1)); done)
echo "${#big}"
nl=$(printf 'a\n\n\n'); echo "[$nl]"
sp=$(printf '  x  '); echo "[$sp]"
e=$(:); echo "[$e]"
nested=$(echo "$(echo "$(echo deep)")"); echo "$nested"
q=$(printf '%s\n' "a b" 'c*'); echo "$q"
x=$(echo a | { y=$(echo b); echo $y; read l; echo $l; }; echo c); echo $x
z=$(printf "%s\n" 1 2 | while read n; do w=$(echo in$n); echo $w; done); echo $z
EOF_SH
}

# A $( ) that opens its own output by name writes to a pipe after a fork:
# inline, such a body forks too (a memory file would be emptied by >).
@test "subshell: \$( ) writing to /dev/stdout, /dev/fd/1 or a name in a variable" {
	diff_sh <<'EOF_SH'
x=$(echo abc; echo d >/dev/stdout); echo "[$x]"
y=$(echo abc; echo d >>/dev/fd/1); echo "[$y]"
z=$(echo abc; echo d >/proc/self/fd/1); echo "[$z]"
f=/dev/stdout; w=$(echo a; echo b > $f); echo "[$w]"
p=$([ -p /dev/stdout ] && echo pipe; [ -t 1 ] || echo no-tty); echo "[$p]"
q=$(g() { echo g >/dev/stdout; }; echo a; g); echo "[$q]"
EOF_SH
}

@test "subshell: expansions with effects are undone" {
	diff_sh <<'EOF_SH'
n=1; (: $((n+=5)) ${m:=set}; echo "in $n $m"); echo "out $n ${m-unset}"
x=$(i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i); echo "$x ${i-unset}"
IFS=:; (IFS=' '; set -- a:b c; echo $#); set -- a:b c; echo $#; IFS=' '
PATH_SAVE=$PATH; (PATH=/nonexistent; ls >/dev/null 2>&1 || echo "no ls"); ls / >/dev/null && echo "ls ok"
EOF_SH
}

@test "subshell: programs, pipelines and nested substitutions inside" {
	diff_sh <<'EOF_SH'
(echo a | tr a b; /bin/echo prog; x=$(/bin/echo sub); echo "$x")
y=$(echo p | tr p q); echo "y=$y"
z=$(f() { echo fz; }; f | tr f g); echo "z=$z"
w=$(for i in 1 2 3; do echo $i; done | wc -l); echo "w=$w"
(cd / && ls -d bin 2>/dev/null || ls -d usr)
EOF_SH
}

@test "subshell: what forks still works: traps, background jobs, exec, eval" {
	diff_sh <<'EOF_SH'
(trap 'echo exit-trap' EXIT; echo body)
x=$(trap 'echo in-trap' EXIT; echo body); echo "x=$x"
(sleep 0 & wait; echo waited)
y=$(echo bg & wait); echo "y=$y"
(exec echo exec-ed); echo "after exec: $?"
z=$(eval 'echo evald; v=1'); echo "$z ${v-unset}"
trap 'echo parent-trap' EXIT
(echo with-parent-trap); w=$(echo w); echo "$w"
trap - EXIT
(ulimit -n 64; ulimit -n); ulimit -n | grep -qv '^64$' && echo "limit restored"
(alias zz=echo; alias zz); alias zz 2>/dev/null || echo "no alias"
(f() { trap 'echo f-trap' EXIT; }; f; echo f-body)
c=trap; ($c 'echo c-trap' EXIT; echo c-body); x=$(c=exec; $c echo c-exec); echo "$x"
EOF_SH
}

@test "subshell: getopts, command and . in a subshell" {
	diff_sh --args '-a -b' <<'EOF_SH'
(while getopts ab o; do echo "opt $o"; done); echo "OPTIND=$OPTIND"
x=$(command echo via-command); echo "$x"
echo 'echo sourced; s=1' > inc.sh
(. ./inc.sh); echo "${s-unset}"
EOF_SH
}

@test "subshell: errors end the subshell, not the shell" {
	# (The status of a shell error is compared as "not 0": dash says 2,
	# tine 1, as bash, in forked subshells too.)
	diff_sh <<'EOF_SH'
(echo ${nope?gone}; echo not-reached) 2>/dev/null; [ $? -ne 0 ] && echo failed
x=$(exec 2>/dev/null; unset -v nope; : ${nope?msg}; echo no); [ $? -ne 0 ] && echo "failed [$x]"
(readonly ro=1; ro=2; echo after) 2>/dev/null; [ $? -ne 0 ] && echo failed
(shift 5; echo after) 2>/dev/null; [ $? -ne 0 ] && echo failed
y=$(cd /nonexistent 2>/dev/null); [ $? -ne 0 ] && echo failed
echo end
EOF_SH
}

@test "subshell: \$\$ and \$PPID are the shell's in both" {
	diff_sh <<'EOF_SH'
a=$$; b=$(echo $$); (c=$$; [ "$a" = "$c" ] && echo same-c); [ "$a" = "$b" ] && echo same-b
p=$PPID; (echo "$PPID" | grep -qx "$p" && echo same-ppid)
EOF_SH
}

@test "subshell: the hash table does not keep what the subshell looked up" {
	run_tine_script <<'EOF_SH'
hash -r
(ls / >/dev/null)
hash
x=$(echo; cat /dev/null); hash
echo end
EOF_SH
	check_status 0
	check_output "end"
}

# ---- tine-only: the option, spawntrace, no fork under strace ----

@test "subshell: setopt subshell=NAME, TINE_SUBSHELL and the listing" {
	run_tine -c 'set -o | grep subshell; setopt subshell=fork; set +o | grep subshell
		setopt subshell=bad; echo "st $?"'
	check_output "subshell        ${TINE_SUBSHELL:-inline}
set -o subshell=fork
st 2"
	check_stderr "sh: subshell: unknown mode 'bad' (valid: inline, fork)"
	TINE_SUBSHELL=fork run_tine -c 'set -o | grep subshell'
	check_output "subshell        fork"
	TINE_SUBSHELL=nope run_tine -c 'echo ok'
	check_output "ok"
	check_stderr "sh: TINE_SUBSHELL: unknown mode 'nope' (valid: inline, fork)"
}

@test "subshell: spawntrace shows an inline subshell, and why one forks" {
	run_tine -c 'setopt subshell=inline spawntrace; (a=1); x=$(echo x); (trap "" USR1; :) ; y=$(echo b &)'
	check_status 0
	check_stderr "+ inline ( )
+ inline \$( )
+ fork ( ): trap
+ fork \$( ): a background job"
	run_tine -c 'setopt subshell=fork spawntrace; (a=1)'
	check_stderr "+ fork ( ): subshell=fork"
	# $( ) of one command: a builtin or function forks and says so; a
	# program is launched straight onto the pipe, with its own line.
	run_tine -c 'setopt subshell=fork spawntrace; f() { echo f; }; x=$(f); y=$(echo e); z=$(/bin/echo p); echo "$x$y$z"'
	check_output "fep"
	[[ $stderr == "+ fork \$( ): subshell=fork
+ fork \$( ): subshell=fork
+ "*" /bin/echo p: "* ]] || { echo "$stderr"; false; }
	[[ $stderr != *$'\n'*$'\n'*$'\n'* ]] || { echo "$stderr"; false; }
}

# An EXIT trap alone leaves subshells inline; a signal trap makes them fork.
@test "subshell: an EXIT trap runs at the shell's end only, never a subshell's" {
	diff_sh <<'EOF_SH'
trap 'echo "exit trap $?"' EXIT
(exit 3); echo "st $?"
x=$(echo in; exit 4); echo "[$x] $?"
(set -e; false; echo no); echo "st $?"
(: ${u?gone}) 2>/dev/null; [ $? -ne 0 ] && echo failed
f() { (exit 5); }; f; echo "f $?"
EOF_SH
	# $(trap) lists the parent's traps (bash; dash lists none), in both.
	both_ways 'trap "echo bye" EXIT; y=$(trap); echo "[$y]"; (trap)'
	run_tine -c 'setopt subshell=inline spawntrace; trap "echo t" EXIT; (a=1); trap "echo u" USR1; (b=1)'
	check_stderr "+ inline ( )
+ fork ( ): a trap is set"
	check_output "t"
}

# count_forks SUBSHELL-MODE SCRIPT: how many process-creating calls tine
# makes for SCRIPT (strace), printed.
count_forks() {
	command -v strace >/dev/null || skip "strace not installed"
	strace -f -qq -o /dev/null /bin/true 2>/dev/null || skip "strace cannot trace here"
	local log=$BATS_TEST_TMPDIR/forks.log
	env -i PATH=/usr/bin:/bin TINE_SUBSHELL="$1" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		timeout -k 2 20 strace -f -qq -e trace=fork,vfork,clone,clone3 \
		-o "$log" "$TINE" -c "$2" </dev/null >/dev/null 2>&1
	# (The sanitizer's leak check cannot run under strace: it is off.)
	grep -cE '(fork|clone3?)\(' "$log" || true
}

@test "subshell: inline runs ( ) and \$( ) of shell code without a process" {
	local script='f() { printf "%s\n" "$1"; }; for i in 1 2 3; do x=$(echo $i); y=$(f $i); (z=1; cd /); done; echo "$x$y"'
	[[ $(count_forks inline "$script") -eq 0 ]]
	local n; n=$(count_forks fork "$script"); echo "forks: $n"; cat "$BATS_TEST_TMPDIR/forks.log"
	[[ $n -eq 9 ]]
}

@test "subshell: a body that defines enough functions to grow the function table gives the parent's back" {
	local f=$BATS_TEST_TMPDIR/grow.sh
	{
		echo 'f() { echo outer; }; h() { echo h; }'
		echo '('
		awk 'BEGIN { for (i = 0; i < 300; i++) printf "g%d() { :; }\n", i }'
		echo 'f() { echo inner; }; unset -f h; f; g299 && echo g'
		echo ')'
		echo 'f; h; command -v g5 || echo no-g5'
		echo 'x=$(g1() { echo sub; }; g1; f); echo "$x"; command -v g1 || echo no-g1'
	} >"$f"
	local m out
	for m in inline fork; do
		out=$(TINE_SUBSHELL=$m "$TINE" "$f" 2>&1)
		[ "$out" = "inner
g
outer
h
no-g5
sub
outer
no-g1" ] || { echo "subshell=$m: $out"; false; }
	done
}

@test "subshell: a long body (a list of 300 commands) runs inline; its length is not nesting" {
	local f=$BATS_TEST_TMPDIR/long.sh
	{
		echo 'setopt spawntrace'
		printf 'x=$('
		awk 'BEGIN { for (i = 0; i < 300; i++) printf "a=%d; ", i }'
		echo 'echo $a); echo "$x"'
	} >"$f"
	run env TINE_SUBSHELL=inline "$TINE" "$f"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = "+ inline \$( )
299" ]
}

# The last command of a forked subshell is exec'd in its place, but only a
# command after which the subshell has nothing left to do: not the
# condition of if, while or until, not the pipeline of ! or of time (each
# used to replace the subshell, so the body never ran or the status was
# not inverted).  The trap forces a fork in either subshell mode.
@test "subshell: a forked subshell's last command is exec'd only when nothing follows it" {
	diff_sh <<'EOF_SH'
trap 'echo usr1' USR1
(if /bin/true; then echo then; fi)
(if /bin/false; then echo no; else echo else; fi)
(while /bin/true; do echo while; break; done)
(until /bin/false; do echo until; break; done)
(! /bin/true); echo "not true $?"
(! /bin/false); echo "not false $?"
x=$(if /bin/true; then echo cmdsub; fi); echo "$x"
y=$(! /bin/true); echo "cmdsub not $?"
(/bin/false || echo or)
(/bin/true && echo and)
(case a in a) /bin/echo case ;; esac)
EOF_SH
	# dash has no time keyword: tine alone
	run_tine -c 'trap "echo usr1" USR1; (time /bin/true) 2>&1 | grep -c "^real"'
	check_output 1
}

# A subshell that is the last command runs in its parent's place only when
# no trap runs after it: an EXIT trap must not see what the subshell set.
@test "subshell: a last ( ) runs in the shell's place only when no trap follows it" {
	diff_sh <<'EOF_SH'
(trap 'echo "inner a=$a"' EXIT; (a=1))
(trap 'echo "usr1"' USR1; (b=2; echo "b=$b")); echo "b=$b"
trap 'echo "outer a=$a"' EXIT; (a=1)
EOF_SH
	run env -u TINE_SPAWN "$TINE" -c 'trap "echo a=\$a" EXIT; (a=1)'
	check_output "a="
}

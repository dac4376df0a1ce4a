#!/usr/bin/env bats
# builtin-read.bats - differential cases (dash vs tine), see tests/helper.bash.

load helper

@test "builtin-read: read one var" {
	diff_sh <<'EOF_SH'
echo hello | { read x; echo "$x"; }
EOF_SH
}

@test "builtin-read: read splits" {
	diff_sh <<'EOF_SH'
echo 'a b c' | { read x y; echo "[$x][$y]"; }
EOF_SH
}

@test "builtin-read: read backslash escapes removed" {
	diff_sh <<'EOF_SH'
printf 'a\\ b\\\\c\n' | { read x; echo "[$x]"; }
EOF_SH
}

@test "builtin-read: read -r keeps backslash" {
	diff_sh <<'EOF_SH'
printf 'a\\ b\n' | { read -r x; echo "[$x]"; }
EOF_SH
}

@test "builtin-read: read continuation line" {
	diff_sh <<'EOF_SH'
printf 'a\\\nb\n' | { read x; echo "[$x]"; }
EOF_SH
}

@test "builtin-read: read -r no continuation" {
	diff_sh <<'EOF_SH'
printf 'a\\\nb\n' | { read -r x; echo "[$x]"; }
EOF_SH
}

@test "builtin-read: read eof status" {
	diff_sh <<'EOF_SH'
printf 'noeol' | { read x; echo "$? [$x]"; }
EOF_SH
}

@test "builtin-read: read empty input" {
	diff_sh <<'EOF_SH'
read x < /dev/null; echo "$? [$x]"
EOF_SH
}

@test "builtin-read: read from file loop" {
	diff_sh <<'EOF_SH'
printf '1\n2\n3\n' > f; while read n; do echo "n$n"; done < f
EOF_SH
}

@test "builtin-read: read with IFS colon" {
	diff_sh <<'EOF_SH'
echo 'a:b:c' | { IFS=: read x y z; echo "$x $y $z"; }
EOF_SH
}

@test "builtin-read: read preserves IFS after" {
	diff_sh <<'EOF_SH'
echo 'a:b' | { IFS=: read x y; echo "[$IFS]" | od -c | head -1 | tr -s ' '; }
EOF_SH
}

@test "builtin-read: read into no var names" {
	# tine-only: with no names read sets REPLY (bash, ksh); dash calls
	# that a usage error.
	run_tine_script --input $'x y\nsecond\n' <<'EOF_SH'
read; echo "$? [$REPLY]"
read; echo "$? [$REPLY]"
read; echo "$? [$REPLY]"
EOF_SH
	check_status 0
	check_output $'0 [x y]\n0 [second]\n1 []'
	check_stderr ''
}

@test "builtin-read: REPLY keeps the line unmodified" {
	# tine-only, bash's rule: REPLY gets the line "without the ending
	# delimiter but otherwise unmodified": IFS white space is not trimmed.
	run_tine_script --input $'  lead  trail  \n' <<'EOF_SH'
read; echo "[$REPLY]"
EOF_SH
	check_status 0
	check_output '[  lead  trail  ]'
}

@test "builtin-read: read invalid name" {
	diff_sh --stderr-nonempty <<'EOF_SH'
echo x | read 1bad; echo $?
EOF_SH
}

@test "builtin-read: read from heredoc" {
	diff_sh <<'EOF_SH'
read a b <<EOF
first second third
EOF
echo "$a|$b"
EOF_SH
}

@test "builtin-read: read stdin input" {
	diff_sh --input $'input line\n' <<'EOF_SH'
read line; echo "got: $line"
EOF_SH
}

@test "builtin-read: read many lines input" {
	diff_sh --input $'one\ntwo\n' <<'EOF_SH'
read a; read b; echo "$b $a"
EOF_SH
}

@test "builtin-read: read leading tab trimmed" {
	diff_sh <<'EOF_SH'
printf '\t x\n' | { read v; echo "[$v]"; }
EOF_SH
}

@test "builtin-read: read readonly var" {
	diff_sh --stderr-nonempty <<'EOF_SH'
readonly r; echo x | { read r; echo $?; }
EOF_SH
}

@test "builtin-read: read -p not in dash scope status" {
	diff_sh <<'EOF_SH'
echo x | { read -r x; echo $x; }
EOF_SH
}

# --- nasty cases: here POSIX decides, dash is the reference ---

@test "builtin-read: IFS colon with empty fields" {
	diff_sh <<'EOF_SH'
IFS=: read a b c <<EOF
:x::y:
EOF
echo "[$a][$b][$c]"
EOF_SH
}

@test "builtin-read: IFS mixed white and non-white" {
	diff_sh <<'EOF_SH'
IFS=' :' read a b c <<EOF
  one : two  three : four
EOF
echo "[$a][$b][$c]"
EOF_SH
}

@test "builtin-read: IFS empty keeps blanks" {
	diff_sh <<'EOF_SH'
IFS= read a <<EOF
  lead and trail  
EOF
echo "[$a]"; IFS= read a b <<EOF
 x y 
EOF
echo "[$a][$b]"
EOF_SH
}

@test "builtin-read: IFS non-white trailing delimiter on last var" {
	diff_sh <<'EOF_SH'
IFS=, read a b <<EOF
1,2,3,
EOF
echo "[$a][$b]"; IFS=, read a b <<EOF
1,2,
EOF
echo "[$a][$b]"
EOF_SH
}

@test "builtin-read: backslash continuation and escaped IFS" {
	diff_sh <<'EOF_SH'
read a b <<'EOF'
one\ two thr\
ee four
EOF
echo "[$a][$b]"; read -r a b <<'EOF'
one\ two thr\
EOF
echo "[$a][$b]"
EOF_SH
}

# read -d is POSIX.1-2024; dash 0.5.12 lacks it.  Expected output is what
# bash 5.2 prints for the same script (checked by hand).
@test "builtin-read: read -d ends the line at another byte" {
	run_tine_script <<'EOF_SH'
printf 'a b:c\\:d:e\\\nf:g' | { while read -d : x; do printf '[%s]' "$x"; done; printf '<%s>\n' "$x"; }
printf 'ab\ncd:e' | { read -d : x; echo "[$x]"; }
printf 'x y:z' | { read -d : -r a b; echo "[$a][$b]"; }
printf 'p\\:q:' | { read -r -d : a; echo "[$a]"; }
printf 'q' | { read -d ab q; echo "$? [$q]"; }
printf ' a b :rest' >f; { read -d : a b; echo "[$a][$b]"; cat; echo; } <f
{ read -d ' ' x; read -d ' ' y; echo "[$x][$y]"; cat; echo; } <f
EOF_SH
	check_status 0
	check_output "[a b][c:d][ef]<g>
[ab
cd]
[x][y]
[p\\]
1 [q]
[a][b]
rest
[][a]
b :rest"
}

@test "builtin-read: read -d '' ends the line at a NUL byte" {
	run_tine_script <<'EOF_SH'
printf 'a\0b c\0' | { read -d '' x; echo "[$x] $?"; read -d '' y z; echo "[$y][$z] $?"; read -d '' w; echo "[$w] $?"; }
printf 'one\ntwo\0' | { read -r -d '' v; echo "[$v]"; }
EOF_SH
	check_status 0
	check_output "[a] 0
[b][c] 0
[] 1
[one
two]"
}

# bash's -n (at most N bytes) and -t (a timeout in seconds, 0 to ask
# whether input waits; status 142 when it passes, with what was read
# assigned). dash has neither; the golden output is bash --posix's. The
# timeouts read from a FIFO the shell holds open itself, so nothing
# sleeps and nothing races.
@test "builtin-read: read -n COUNT and read -t TIMEOUT as bash" {
	run_tine_script <<'EOF_SH'
printf 'abcdef\n' | { read -n 3 a; echo "1 [$a] $?"; read b; echo "1 [$b] $?"; }
printf 'ab\ncd\n' | { read -n 5 a; echo "2 [$a] $?"; }
printf 'abc' | { read -n 5 a; echo "3 [$a] $?"; }
printf 'a b c\n' | { read -n 4 x y; echo "4 [$x] [$y] $?"; }
printf 'a\\bcd\n' | { read -n 3 a; echo "5 [$a] $?"; }
printf 'xyz\n' >f; read -n 2 a <f; echo "6 [$a] $?"; { read -n 1 a; read b; } <f; echo "6 [$a] [$b]"
mkfifo p; exec 3<>p
read -t 0.1 a <&3; echo "7 [$a] $?"
printf part >&3; read -t 0.1 a <&3; echo "8 [$a] $?"
printf 'ok\n' >&3; read -t 0 <&3; echo "9 $?"; read -t 5 a <&3; echo "9 [$a] $?"; read -t 0 <&3; echo "9 $?"
read -t 0 a </dev/null; echo "10 $?"
EOF_SH
	check_status 0
	check_output "$(cat <<'EOF_OUT'
1 [abc] 0
1 [def] 0
2 [ab] 0
3 [abc] 1
4 [a] [b] 0
5 [abc] 0
6 [xy] 0
6 [x] [yz]
7 [] 142
8 [part] 142
9 0
9 [ok] 0
9 1
10 0
EOF_OUT
)"
}

# dash has no -N: the expected output is bash 5.2's (the same script run in
# bash here, so a difference shows both).
@test "builtin-read: read -N COUNT takes exactly COUNT bytes, delimiter and all, unsplit (bash)" {
	local script
	script=$(cat <<'EOF_SH'
printf 'a b c\n' >f
read -N 5 A B C <f; echo "1 [$A] [$B] [$C] $?"
read -N 4 A <f; echo "2 [$A] $?"
echo foobar | { read -N 5 -d b; echo "3 [$REPLY] $?"; }
printf ab | { read -N 5 x; echo "4 [$x] $?"; }
printf 'a\\\nbc' | { read -N 3 x; echo "5 [$x] $?"; }
printf 'a\nb\nc' | { read -r -N 3 x; echo "6 [$x] $?"; read y; echo "6 [$y]"; }
printf 'xyz\nw\n' | { read -N 2 x; read y; echo "7 [$x] [$y]"; }
read -N 0 x <f; echo "8 [$x] $?"
EOF_SH
)
	run bash -c "cd '$BATS_TEST_TMPDIR' && $script" 2>/dev/null
	local want=$output
	run_tine -c "cd '$BATS_TEST_TMPDIR' && $script"
	check_status 0
	check_output "$want"
	[[ $want == *"1 [a b c] [] [] 0"* && $want == *"3 [fooba] 0"* ]]
	run_tine -c 'read -N q x </dev/null; echo "n $?"'
	check_output "n 2"
	check_stderr "sh: read: q: invalid number"
}

@test "builtin-read: a bad count or timeout is a usage error" {
	run_tine -c 'read -n x a </dev/null; echo "n $?"; read -t -1 a </dev/null; echo "t $?"; read -t 1x a </dev/null; echo "t $?"'
	check_status 0
	check_output "n 2
t 2
t 2"
	check_stderr "sh: read: x: invalid number
sh: read: -1: invalid timeout specification
sh: read: 1x: invalid timeout specification"
}

# At a terminal, read -n must not wait for a whole line: the terminal
# leaves canonical mode for the read and gets its settings back after.
@test "builtin-read: read -n at a terminal takes bytes as typed, then restores the terminal" {
	PY=$(command -v python3) || skip "python3 is needed for the pseudo-terminal (tests/pty/ptyrun.py)"
	run "$PY" "$TINE_SRCDIR/tests/pty/ptyrun.py" --timeout 10 \
		expect:ready send:ab -- \
		"$TINE" -c 'echo ready; read -n 2 v; echo "[$v] $?"; stty -a | tr " " "\n" | grep -x -- "-\{0,1\}icanon"'
	[[ $status == 0 && $output == *"[ab] 0"*$'\n'icanon* ]] || { echo "status $status: $output" >&2; return 1; }
}

# ---- read from a pipe takes its line and nothing more ----
# From a pipe (or FIFO) read looks at what is waiting without taking it
# (tee(2) into a pipe of the shell's) and takes just the line, so what
# follows stays for the next reader, as with dash's byte-at-a-time reads.
# Lines cross the 4096-byte look of one peek; a backslash-newline sits on
# that boundary.
@test "builtin-read: from a pipe, read leaves the rest for the next reader" {
	diff_sh <<'EOF_SH'
printf 'one\ntwo\nthree\n' | { read a; read b; echo "[$a][$b]"; cat; }
long=$(printf '%05000d' 0)
printf '%s\nnext\n' "$long" | { read a; echo ${#a}; cat; }
printf '%04095d\\\nrest\nnext\n' 0 | { read a; echo ${#a} "${a#*0}"; cat; }
printf '%04094d\n\nx\n' 0 | { read a; read b; echo ${#a} "[$b]"; cat; }
printf 'a b\nc d\n' | { while read x y; do echo "[$x|$y]"; done; }
printf 'no newline' | { read a; echo "$? [$a]"; cat; }
printf 'x\n' | { read a; read b; echo "$? [$a][$b]"; }
mkfifo f
printf 'f1\nf2\nf3\n' >f &
{ read a; echo "[$a]"; cat; } <f
wait
{ echo w1; sleep 0.2; echo w2; } | { read a; read b; echo "[$a][$b]"; }
EOF_SH
}

@test "builtin-read: read -n and -d from a pipe leave the rest" {
	run_tine_script <<'EOF_SH'
printf 'abcdef\n' | { read -n 2 a; echo "[$a]"; cat; }
printf 'a:b:c' | { read -d : a; echo "[$a]"; cat; echo; }
printf 'x\0y\0' | { read -r -d '' a; echo "[$a]"; tr '\0' '|'; echo; }
EOF_SH
	check_status 0
	check_output '[ab]
cdef
[a]
b:c
[x]
y|'
}

# The point of peeking: a long line costs a few system calls, not one per
# byte.  Fails with byte-at-a-time reads (5001 of them).
@test "builtin-read: a long line from a pipe is not read a byte at a time" {
	command -v strace >/dev/null || skip "strace is not installed"
	local d=$BATS_TEST_TMPDIR
	printf '%05000d\nsecond\n' 0 >"$d/in"
	local out
	out=$(cat "$d/in" | strace -o "$d/log" -e trace=read "$TINE" -c 'read a; echo ${#a}; read b; echo $b')
	[[ $out == $'5000\nsecond' ]] || { echo "got: $out" >&2; return 1; }
	local n
	n=$(grep -c '^read(0,' "$d/log")
	(( n < 20 )) || { echo "$n reads of fd 0" >&2; return 1; }
}

# A forked shell (a background job here) gets a private pipe of its own:
# sharing the parent's, two readers at once would see each other's bytes.
# The parent made its own first, with a read from a here-document.
@test "builtin-read: readers in background jobs at once do not mix" {
	run_tine_script <<'EOF_SH'
read x <<EOT
made
EOT
i=1
while [ $i -le 4 ]; do
	seq 1 20000 | while read l; do echo "$l"; done >out$i &
	i=$((i + 1))
done
while read l; do echo "$l"; done <<EOT >out5
$(seq 1 20000)
EOT
wait
seq 1 20000 >want
for i in 1 2 3 4 5; do cmp -s want out$i && echo same$i; done
EOF_SH
	check_status 0
	check_output $'same1\nsame2\nsame3\nsame4\nsame5'
}

# Where tee(2) is not allowed (a seccomp filter here, or a kernel without
# it) read falls back to one byte at a time and still leaves the rest.
@test "builtin-read: without tee, read from a pipe still takes only its line" {
	local d=$BATS_TEST_TMPDIR
	build_denier "$d"
	local out
	out=$(printf 'one\ntwo\n%05000d\nlast\n' 0 |
		"$d/deny" 38 "$(syscall_nr tee)" "$TINE" -c 'read a; read b; read c; echo "$a $b ${#c}"; cat')
	[[ $out == $'one two 5000\nlast' ]] || { echo "got: $out" >&2; return 1; }
}

#!/usr/bin/env bats
# heredoc.bats - differential cases (dash vs tine), see tests/helper.bash.
# Here-documents: << <<- quoted/unquoted delimiters, several per line, nesting.

load helper

@test "heredoc: basic" {
	diff_sh <<'EOF_SH'
cat <<EOF
hello
EOF
EOF_SH
}

@test "heredoc: expansion in body" {
	diff_sh <<'EOF_SH'
x=v; cat <<EOF
x=$x cmd=$(echo c) ar=$((1+1)) bq=`echo b`
EOF
EOF_SH
}

@test "heredoc: quoted delimiter no expansion" {
	diff_sh <<'EOF_SH'
x=v; cat <<'EOF'
$x $(echo c) `b` \$
EOF
EOF_SH
}

@test "heredoc: double quoted delimiter" {
	diff_sh <<'EOF_SH'
x=v; cat <<"EOF"
$x
EOF
EOF_SH
}

@test "heredoc: partially quoted delimiter" {
	diff_sh <<'EOF_SH'
x=v; cat <<E\OF
$x
EOF
EOF_SH
}

@test "heredoc: backslash in unquoted body" {
	diff_sh <<'EOF_SH'
cat <<EOF
a\$b \\ \` \a "q" 'q'
EOF
EOF_SH
}

@test "heredoc: backslash newline in body joins" {
	diff_sh <<'EOF_SH'
cat <<EOF
one\
two
EOF
EOF_SH
}

@test "heredoc: backslash newline in quoted body kept" {
	diff_sh <<'EOF_SH'
cat <<'EOF'
one\
two
EOF
EOF_SH
}

@test "heredoc: dash strips tabs" {
	diff_sh <<'EOF_SH'
cat <<-EOF
	tab1
		tab2
	EOF
EOF_SH
}

@test "heredoc: dash strips tabs not spaces" {
	diff_sh <<'EOF_SH'
cat <<-EOF
  spaces
	EOF
EOF_SH
}

@test "heredoc: two heredocs one line" {
	diff_sh <<'EOF_SH'
cat <<A; cat <<B
first
A
second
B
EOF_SH
}

@test "heredoc: two heredocs one command" {
	diff_sh <<'EOF_SH'
cat <<A 3<<B
to-stdin
A
to-three
B
EOF_SH
}

@test "heredoc: heredoc to fd 3 read" {
	diff_sh <<'EOF_SH'
cat <&3 3<<EOF
via3
EOF
EOF_SH
}

@test "heredoc: empty heredoc" {
	diff_sh <<'EOF_SH'
cat <<EOF
EOF
echo after
EOF_SH
}

@test "heredoc: delimiter with trailing spaces not matched" {
	diff_sh <<'EOF_SH'
cat <<EOF
EOF 
EOF
EOF_SH
}

@test "heredoc: heredoc in function" {
	diff_sh <<'EOF_SH'
f() { cat <<EOF
in function $1
EOF
}; f arg
EOF_SH
}

@test "heredoc: heredoc in loop" {
	diff_sh <<'EOF_SH'
for i in 1 2; do cat <<EOF
loop $i
EOF
done
EOF_SH
}

@test "heredoc: heredoc in cmdsub" {
	diff_sh <<'EOF_SH'
x=$(cat <<EOF
sub
EOF
); echo "[$x]"
EOF_SH
}

@test "heredoc: heredoc with cmdsub containing quotes in param" {
	diff_sh <<'EOF_SH'
x='a b'; cat <<EOF
$(echo "${x%b}" | tr a A) "${x}" '${x#a}'
EOF
EOF_SH
}

@test "heredoc: quoting inside param inside cmdsub inside heredoc" {
	diff_sh <<'EOF_SH'
v=val; cat <<EOF
[$(echo "${v:+"inner ${v%l}"}")]
EOF
EOF_SH
}

@test "heredoc: double quotes literal in heredoc" {
	diff_sh <<'EOF_SH'
cat <<EOF
"$HOME" is not quoted here
EOF
EOF_SH
}

@test "heredoc: heredoc with at" {
	diff_sh <<'EOF_SH'
set -- a b c; cat <<EOF
$@ $* $#
EOF
EOF_SH
}

@test "heredoc: heredoc pipe" {
	diff_sh <<'EOF_SH'
cat <<EOF | tr a-z A-Z
piped
EOF
EOF_SH
}

@test "heredoc: heredoc and redirect output" {
	diff_sh <<'EOF_SH'
cat <<EOF > f
to file
EOF
cat f
EOF_SH
}

@test "heredoc: heredoc in if condition" {
	diff_sh <<'EOF_SH'
if cat <<EOF | grep -q yes
yes
EOF
then echo found; fi
EOF_SH
}

@test "heredoc: heredoc with tabs in quoted dash" {
	diff_sh <<'EOF_SH'
cat <<-'EOF'
	$notexpanded
	EOF
EOF_SH
}

@test "heredoc: heredoc delimiter quoted keeps backslash" {
	diff_sh <<'EOF_SH'
cat <<'E'
\\ \n
E
EOF_SH
}

@test "heredoc: eof in heredoc" {
	# dash warns differently; EOF ends the body per POSIX practice
	diff_sh --no-stderr <<'EOF_SH'
cat <<EOF
no terminator
EOF_SH
}

@test "heredoc: heredoc followed by command on same line" {
	diff_sh <<'EOF_SH'
cat <<EOF; echo next
body
EOF
EOF_SH
}

@test "heredoc: heredoc with arithmetic" {
	diff_sh <<'EOF_SH'
cat <<EOF
$((6*7))
EOF
EOF_SH
}

@test "heredoc: heredoc long body" {
	diff_sh <<'EOF_SH'
cat <<EOF | wc -l | tr -d ' '
1
2
3
4
5
6
7
8
9
10
EOF
EOF_SH
}

@test "heredoc: heredoc with special chars" {
	diff_sh <<'EOF_SH'
cat <<'EOF'
; & | < > ( ) { } # * ? [ ]
EOF
EOF_SH
}

@test "heredoc: heredoc in eval" {
	diff_sh <<'EOF_SH'
eval 'cat <<EOF
from eval
EOF'
EOF_SH
}

@test "heredoc: heredoc in subshell" {
	diff_sh <<'EOF_SH'
(cat <<EOF
subshell
EOF
)
EOF_SH
}

@test "heredoc: heredoc with read loop" {
	diff_sh <<'EOF_SH'
while read a; do echo "<$a>"; done <<EOF
x
y
EOF
EOF_SH
}

@test "heredoc: heredoc delimiter is word with dollar" {
	diff_sh <<'EOF_SH'
cat <<'$X'
body
$X
EOF_SH
}

@test "heredoc: heredoc unquoted with backquote nested" {
	diff_sh <<'EOF_SH'
cat <<EOF
`echo "a \`echo b\`"`
EOF
EOF_SH
}

@test "heredoc: heredoc in cmdsub in heredoc" {
	diff_sh <<'EOF_SH'
cat <<A
outer $(cat <<B
inner
B
)
A
EOF_SH
}

@test "heredoc: heredoc variable assigned later not seen" {
	diff_sh <<'EOF_SH'
x=1; cat <<EOF
$x
EOF
x=2
EOF_SH
}

@test "heredoc: heredoc dash with unquoted expansion" {
	diff_sh <<'EOF_SH'
x=X; cat <<-EOF
	val $x
	EOF
EOF_SH
}

@test "heredoc: heredoc on brace group" {
	diff_sh <<'EOF_SH'
{ cat; } <<EOF
group
EOF
EOF_SH
}

@test "heredoc: heredoc on while loop" {
	diff_sh <<'EOF_SH'
while read l; do echo "$l"; done <<-EOF
	w1
	w2
	EOF
EOF_SH
}

# --- nasty cases: here POSIX decides, dash is the reference ---

@test "heredoc: quoted default word in param in cmdsub in body" {
	diff_sh <<'EOF_SH'
x=
cat <<EOF
[$(echo "${x:-"a  b"}")] [$(printf '%s|' ${x:-"c  d"} e)]
EOF
EOF_SH
}

@test "heredoc: quotes in param word in body stay literal" {
	diff_sh <<'EOF_SH'
unset x; y=v
cat <<EOF
[${x-'q'}] [${y+'p'}] [${x:-'a b'}]
EOF
EOF_SH
}

@test "heredoc: backslashes before special and ordinary chars" {
	diff_sh <<'EOF_SH'
x=X
cat <<EOF
\$x \`y\` \\ \a "\x" '\$x' a\
b
EOF
EOF_SH
}

@test "heredoc: case with bare close paren in cmdsub in body" {
	diff_sh <<'EOF_SH'
cat <<EOF
[$(case a in a) echo match;; b) echo no;; esac)] [$(case x in (x) echo paren;; esac)]
EOF
EOF_SH
}

@test "heredoc: here-doc in cmdsub in here-doc, both expanded" {
	diff_sh <<'EOF_SH'
n=2
cat <<OUT
outer $(cat <<IN
inner $((n+1)) ${n}
IN
) end
OUT
EOF_SH
}

@test "heredoc: function with here-doc called with different args" {
	diff_sh <<'EOF_SH'
f() {
	cat <<EOF
v=$1 count=$#
EOF
}
f a; f b c; f "d  e"
EOF_SH
}

@test "heredoc: here-doc body is expanded at each loop iteration" {
	diff_sh <<'EOF_SH'
i=0
while [ $i -lt 3 ]; do
	i=$((i+1))
	cat <<-EOF
		line $i $(echo sub$i)
	EOF
done
EOF_SH
}

@test "heredoc: two here-docs on a while loop via fds" {
	diff_sh <<'EOF_SH'
while read a && read b <&3; do echo "$a-$b"; done <<A 3<<'B'
1
2
A
x$a
y
B
EOF_SH
}

@test "heredoc: quoted delimiter in function body keeps text" {
	diff_sh <<'EOF_SH'
f() { cat <<'E'
$1 `x` \n
E
}; f arg
EOF_SH
}

@test "heredoc: unquoted here-doc with dollar-single-quote-ish text" {
	diff_sh <<'EOF_SH'
x=1
cat <<EOF
$'x' "$x" '$x' ${x}'
EOF
EOF_SH
}

@test "heredoc: here-doc after && and in pipeline middle" {
	diff_sh <<'EOF_SH'
true && cat <<A | tr a-z A-Z && cat <<B
one
A
two
B
EOF_SH
}

@test "heredoc: pending here-document outside a multi-line command substitution" {
	# The newline inside $( ) reads only the inner here-document; the
	# outer body follows the line the outer << is on (found by the fuzzer).
	diff_sh <<'EOF_SH'
cat <<EOF || echo iF$(cat <<EOF || echo i
inner
EOF
)
outer
EOF
echo done
EOF_SH
}

# <<- strips tabs at the start of each input line; a line joined to the one
# before it by \<newline> does not start a line, so its tabs stay.
@test "heredoc: <<- keeps tabs after a backslash-newline, strips them otherwise" {
	diff_sh <<'EOF_SH'
cat <<-FIN | od -c
	def \
	ghi
	jkl\\
	mno
	x\
	FIN
	FIN
cat <<-\FIN | od -c
	q \
	r
	FIN
EOF_SH
}

# memfd_create missing (old kernels, some sandboxes): a body too big for a
# pipe goes to an unlinked file, in $TMPDIR as for every other tool.  A
# seccomp filter makes memfd_create fail with ENOSYS (an LD_PRELOAD shim
# cannot reach a statically linked tine).
@test "heredoc: without memfd_create a big body goes to a file under TMPDIR" {
	local d=$BATS_TEST_TMPDIR
	build_denier "$d"
	local nr
	nr=$(syscall_nr memfd_create)
	printf '#!/bin/sh\nexec "%s" 38 %s "$@"\n' "$d/deny" "$nr" >"$d/nomemfd"
	chmod +x "$d/nomemfd"
	mkdir -p "$d/tmpdir"
	local body
	body=$(yes 'a line of the here-document' | head -n 400)
	printf 'cat <<END >/dev/null\n%s\nEND\nreadlink /proc/self/fd/0 <<END\n%s\nEND\nwc -l <<END\n%s\nEND\n' \
		"$body" "$body" "$body" >"$d/big.sh"
	local out
	out=$(env TMPDIR="$d/tmpdir" "$d/nomemfd" "$TINE" "$d/big.sh" 2>&1)
	[[ $out == "$d/tmpdir/tine-heredoc"*" (deleted)"$'\n'400 ]] ||
		{ echo "got: $out" >&2; return 1; }
	# The file is gone once the command is done.
	[[ -z $(ls -A "$d/tmpdir") ]]
	out=$(env TMPDIR="$d/missing" "$d/nomemfd" "$TINE" "$d/big.sh" 2>&1) || true
	[[ $out == *"cannot create here-document: No such file or directory"* ]] ||
		{ echo "got: $out" >&2; return 1; }
}

# ---- an expansion error in a body is an error of the redirection ----
# ${x?}, set -u or bad arithmetic in a here-document body fails the
# redirection as an open that fails does (dash, bash, ksh93 and mksh
# agree): the command does not run, its status is that of a failed
# redirection, and the shell goes on, unless the command is a special
# builtin (XCU 2.8.1), which ends a non-interactive shell.

# diff_sh_redir [diff_sh options] <<'EOF': diff_sh, with each line of
# dash's stdout that is a word and a status 2 ("Y 2") read as "Y 1".
# tine-only: status 1 for a failed redirection (dash: 2), as bash and
# ksh say and doc/tine.1 promises; so tine must print "Y 1" there.  The
# scripts print a failed redirection's $? in that form only.
diff_sh_redir() {
	local w=$BATS_TEST_TMPDIR/dash-redir-status
	printf '#!/bin/bash\n%q "$@" | sed -E "s/^([A-Za-z0-9_]+) 2\\$/\\\\1 1/"\nexit "${PIPESTATUS[0]}"\n' \
		"$(command -v "$DASH")" >"$w"
	chmod +x "$w"
	DASH=$w diff_sh "$@"
}

@test "heredoc: an expansion error in the body fails a program, the script goes on" {
	diff_sh_redir <<'EOF_SH'
cat <<EOF
${D?oops}
EOF
echo "Y $?"
/bin/cat <<EOF
x ${D?abs}
EOF
echo "A $?"
cat <<EOF
still ${D-expanded}
EOF
EOF_SH
}

@test "heredoc: body error with a command after it on the line (busybox heredoc_and_cmd)" {
	diff_sh_redir <<'EOF_SH'
cat <<EOF; echo "Y $?"
${D?oops}
EOF
echo Z
M=AAAA
fff() {
date <<000; echo "F $?"
${D?$M$M$M$M}
000
}
fff
echo "after $?"
EOF_SH
}

@test "heredoc: body error fails a regular builtin, a function and command :" {
	diff_sh_redir <<'EOF_SH'
read x <<EOF
${D?read}
EOF
echo "R $?"; echo "[$x]"
f() { echo in-f; cat; }
f <<EOF
${D?func}
EOF
echo "F $?"
command : <<EOF
${D?command}
EOF
echo "C $?"
<<EOF
${D?alone}
EOF
echo "N $?"
EOF_SH
}

@test "heredoc: body error on { }, while and if fails the compound command" {
	diff_sh_redir <<'EOF_SH'
{ echo in-brace; cat; } <<EOF
${D?brace}
EOF
echo "B $?"
while read l; do echo "r $l"; done <<EOF
${D?while}
EOF
echo "W $?"
if cat; then echo then; fi <<EOF
${D?if}
EOF
echo "I $?"
if cat <<EOF; then echo then; else echo "else $?"; fi
${D?cond}
EOF
cat <<EOF || echo "or $?"
${D?or}
EOF
! cat <<EOF
${D?not}
EOF
echo "not $?"
EOF_SH
}

@test "heredoc: body error in a pipeline member fails that member only" {
	diff_sh_redir <<'EOF_SH'
echo x | cat <<EOF
${D?last}
EOF
echo "L $?"
cat <<EOF | cat
${D?first}
EOF
echo "F $?"
cat <<EOF | wc -c | tr -d ' '
${D?middle}
EOF
echo x | { cat; cat; } <<EOF
${D?group}
EOF
echo "G $?"
EOF_SH
}

@test "heredoc: body error inside \$( ) and ( ), both subshell modes" {
	local m
	for m in inline fork; do
		TINE_SUBSHELL=$m diff_sh_redir <<'EOF_SH' || return 1
x=$(cat <<EOF
${D?cmdsub}
EOF
)
echo "S $?"
x=$(echo before; cat <<EOF; echo "in $?"
${D?cmdsub2}
EOF
)
printf '%s\n' "$x"
(cat <<EOF
${D?sub}
EOF
echo "in $?"; exit 3)
echo "P $?"
(f() { cat; }; f <<EOF; echo "fn $?")
${D?subfunc}
EOF
eval 'cat <<EOF
${D?eval}
EOF
echo "E $?"' 2>/dev/null
EOF_SH
	done
}

@test "heredoc: set -u, bad arithmetic and a read-only variable in a body" {
	diff_sh_redir <<'EOF_SH'
cat <<EOF
$((1/0))
EOF
echo "Z $?"
cat <<EOF
$((1+))
EOF
echo "A $?"
readonly R=r
cat <<EOF
${R:=x}
EOF
echo "R $?"
set -u
cat <<EOF
$D
EOF
echo "U $?"
cat <<EOF
${D-set}
EOF
EOF_SH
}

@test "heredoc: an error inside \$( ) in a body fails the substitution only" {
	diff_sh <<'EOF_SH'
cat <<EOF
[$(echo ${x:?})]
EOF
echo "Y $?"
cat <<EOF
$(cat <<EOI
${D?inner}
EOI
) after
EOF
echo "Z $?"
EOF_SH
}

@test "heredoc: body error on a special builtin still ends the shell" {
	diff_sh_redir --error-exit <<'EOF_SH'
cat <<EOF
${D?first}
EOF
echo "Y $?"
: <<EOF
${D?colon}
EOF
echo not reached
EOF_SH
	local sp
	for sp in 'eval cat' 'set --' 'exec cat' 'exec 3' 'export V'; do
		diff_sh_redir --error-exit <<EOF_SH || return 1
cat <<EOF
\${D?first}
EOF
echo "Y \$?"
$sp<<EOF
\${D?special}
EOF
echo not reached
EOF_SH
	done
}

@test "heredoc: body error under set -e ends the script like any failure" {
	diff_sh_redir --error-exit <<'EOF_SH'
set -e
cat <<EOF || echo "handled $?"
${D?tested}
EOF
cat <<EOF
${D?errexit}
EOF
echo not reached
EOF_SH
}

@test "heredoc: a target word's own expansion error still ends the shell" {
	# `cat < ${D?}`: dash and mksh end the shell, bash and ksh93 go on;
	# tine is dash's way.  Only a here-document body fails the command.
	diff_sh_redir --error-exit <<'EOF_SH'
cat <<EOF
${D?body}
EOF
echo "Y $?"
cat < ${D?target}
echo not reached
EOF_SH
}

@test "heredoc: failed bodies leave no fd open" {
	# tine-only: dash leaves an fd open for each here-document that was
	# made before the failed one (fds 4 to 9 after three rounds here).
	run_tine_script <<'EOF_SH'
set -- /proc/$$/fd/*; before=$*
i=0
while [ $i -lt 50 ]; do
	cat <<A <<B 3<<C
a
A
${D?second}
B
c
C
	{ :; } <<EOF 3<<EOI
$((1/0))
EOF
i
EOI
	i=$((i+1))
done 2>/dev/null
set -- /proc/$$/fd/*; [ "$before" = "$*" ] && echo same fds
EOF_SH
	check_status 0
	check_output 'same fds'
	check_stderr_empty
}

# Interactive: a failed body fails its command and the line goes on (dash
# and bash); on a special builtin the rest of the line is dropped and the
# shell goes on (bash; POSIX 2.8.1: an interactive shell does not exit,
# though dash -i does).
t_interactive_body_error() {
	ipty "$P" 'send:cat <<EOF; echo "Y $?"\n' 'expect:> $' 'send:${D?oops}\n' \
		'expect:> $' 'send:EOF\n' "$P" 'send:: <<EOF; echo "S $?"\n' \
		'expect:> $' 'send:${D?special}\n' 'expect:> $' 'send:EOF\n' "$P" \
		'send:echo "after $?"\n' "$P" 'send:exit\n' --
	[[ $status -eq 0 ]] && has $'tine: D: oops\nY 1\n$ ' &&
		has $'tine: D: special\n$ echo "after $?"\nafter 1\n$ exit' &&
		hasnt 'S 1'
}
@test "heredoc: interactive, a body error fails the command and the shell goes on" {
	load interactive
	interactive_setup
	each_strategy t_interactive_body_error
}

# A here-document body belongs to its command: when the command runs in a
# child (a pipeline member, a background job, the program of $( )), the
# body is expanded there and its assignments stay there, as the words'
# do, even when the child is a program launched directly (dash, bash).
@test "heredoc: a child command's body is expanded in the child, both subshell modes" {
	local m
	for m in inline fork; do
		TINE_SUBSHELL=$m diff_sh_redir <<'EOF_SH' || return 1
/bin/cat <<EOF &
bg ${e:=1} $((e2=5))
EOF
wait; echo "e=$e e2=$e2"
x=$(/bin/cat <<EOF
${f:=2}
EOF
); echo "x=$x f=$f"
/bin/cat <<EOF | /bin/cat
first $((g=7))
EOF
echo "g=$g"
echo in | /bin/cat - /dev/fd/3 3<<EOF
last ${g2=8}
EOF
echo "g2=$g2"
cat <<EOF | cat
builtin ${h:=y}
EOF
echo "h=$h"
fn() { cat; }
fn <<EOF | cat
function ${i:=z} $((i2+=1))
EOF
echo "i=$i i2=$i2"
/bin/cat <<EOF >/dev/null &
${q?in bg}
EOF
wait $!; echo "q $?"
/bin/cat <<EOF | /bin/cat
${q?in pipe}
EOF
echo "qp $?"
y=$(/bin/cat <<EOF
${q?in cmdsub}
EOF
); echo "qc $?"; echo "[$y]"
/bin/cat <<'EOF' | /bin/cat
quoted ${j:=1} $((j=2))
EOF
echo "j=$j"
/bin/cat <<EOF
fg ${k:=kept}
EOF
echo "k=$k"
EOF_SH
	done
}

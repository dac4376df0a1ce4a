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
	command -v cc >/dev/null || skip "no C compiler for the seccomp launcher"
	local d=$BATS_TEST_TMPDIR
	cat >"$d/nomemfd.c" <<'EOF_C'
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
/* nomemfd PROGRAM [ARG...]: runs PROGRAM with memfd_create failing ENOSYS. */
int main(int argc, char **argv)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_memfd_create, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof f / sizeof f[0], f };
	if (argc < 2 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		return 99;
	execv(argv[1], argv + 1);
	return 98;
}
EOF_C
	cc -o "$d/nomemfd" "$d/nomemfd.c" || skip "cannot build the seccomp launcher"
	"$d/nomemfd" /bin/true || skip "seccomp filters are not permitted here"
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

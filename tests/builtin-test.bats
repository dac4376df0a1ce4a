#!/usr/bin/env bats
# builtin-test.bats - differential cases (dash vs tine), see tests/helper.bash.

load helper

@test "builtin-test: no args false" {
	diff_sh <<'EOF_SH'
test; echo $?
EOF_SH
}

@test "builtin-test: one arg nonempty" {
	diff_sh <<'EOF_SH'
test a; echo $?; test ''; echo $?
EOF_SH
}

@test "builtin-test: string equality" {
	diff_sh <<'EOF_SH'
[ a = a ]; echo $?; [ a = b ]; echo $?; [ a != b ]; echo $?
EOF_SH
}

@test "builtin-test: n and z" {
	diff_sh <<'EOF_SH'
[ -n x ]; echo $?; [ -z x ]; echo $?; [ -z '' ]; echo $?
EOF_SH
}

@test "builtin-test: integer comparisons" {
	diff_sh <<'EOF_SH'
[ 1 -eq 1 ] && [ 1 -ne 2 ] && [ 1 -lt 2 ] && [ 2 -le 2 ] && [ 3 -gt 2 ] && [ 3 -ge 3 ]; echo $?
EOF_SH
}

@test "builtin-test: negative integers" {
	diff_sh <<'EOF_SH'
[ -5 -lt -2 ]; echo $?
EOF_SH
}

@test "builtin-test: integer error" {
	diff_sh --stderr-nonempty <<'EOF_SH'
[ a -eq 1 ]; echo $?
EOF_SH
}

@test "builtin-test: file tests" {
	diff_sh <<'EOF_SH'
touch f; mkdir d; [ -e f ] && [ -f f ] && [ -d d ] && ! [ -f d ] && ! [ -e nope ]; echo $?
EOF_SH
}

@test "builtin-test: file size" {
	diff_sh <<'EOF_SH'
touch empty; echo x > full; [ -s empty ]; echo $?; [ -s full ]; echo $?
EOF_SH
}

@test "builtin-test: readable writable executable" {
	diff_sh <<'EOF_SH'
touch f; chmod 755 f; [ -r f ] && [ -w f ] && [ -x f ]; echo $?
EOF_SH
}

@test "builtin-test: symlink" {
	diff_sh <<'EOF_SH'
touch t; ln -s t l; [ -h l ] && [ -L l ] && ! [ -h t ]; echo $?
EOF_SH
}

@test "builtin-test: pipe and socket and char device" {
	diff_sh <<'EOF_SH'
[ -c /dev/null ]; echo $?; [ -b /dev/null ]; echo $?; [ -p /dev/null ]; echo $?
EOF_SH
}

@test "builtin-test: fd terminal" {
	diff_sh <<'EOF_SH'
[ -t 0 ]; echo $?
EOF_SH
}

@test "builtin-test: newer older" {
	diff_sh <<'EOF_SH'
touch -d '2000-01-01' old; touch new; [ new -nt old ]; echo $?; [ old -ot new ]; echo $?
EOF_SH
}

@test "builtin-test: not" {
	diff_sh <<'EOF_SH'
[ ! a = b ]; echo $?; [ ! '' ]; echo $?
EOF_SH
}

@test "builtin-test: and or" {
	diff_sh <<'EOF_SH'
[ a -a '' ]; echo $?; [ a -o '' ]; echo $?
EOF_SH
}

@test "builtin-test: parentheses" {
	diff_sh <<'EOF_SH'
[ \( a = a \) ]; echo $?
EOF_SH
}

@test "builtin-test: two args bang" {
	diff_sh <<'EOF_SH'
[ ! x ]; echo $?; [ ! '' ]; echo $?
EOF_SH
}

@test "builtin-test: three args binary first" {
	diff_sh <<'EOF_SH'
[ -n = -n ]; echo $?
EOF_SH
}

@test "builtin-test: three args with bang" {
	diff_sh <<'EOF_SH'
[ ! -z x ]; echo $?
EOF_SH
}

@test "builtin-test: four args bang" {
	diff_sh <<'EOF_SH'
[ ! a = b ]; echo $?; [ ! a = a ]; echo $?
EOF_SH
}

@test "builtin-test: four args parens" {
	diff_sh <<'EOF_SH'
[ \( a \) ]; echo $?; [ \( -n x \) ]; echo $?
EOF_SH
}

@test "builtin-test: string with dash" {
	diff_sh <<'EOF_SH'
[ -x = -x ]; echo $?
EOF_SH
}

@test "builtin-test: bracket missing close" {
	diff_sh --stderr-nonempty <<'EOF_SH'
[ a = a; echo $?
EOF_SH
}

@test "builtin-test: unknown operator" {
	diff_sh --stderr-nonempty <<'EOF_SH'
[ a -xx b ]; echo $?
EOF_SH
}

@test "builtin-test: test with equal string" {
	diff_sh <<'EOF_SH'
test = ; echo $?; test = = =; echo $?
EOF_SH
}

@test "builtin-test: string less than not posix but dash has" {
	diff_sh <<'EOF_SH'
[ a \< b ]; echo $?
EOF_SH
}

@test "builtin-test: empty vs unset quoting" {
	diff_sh <<'EOF_SH'
x=; [ "$x" ]; echo $?; [ -z "$x" ]; echo $?
EOF_SH
}

@test "builtin-test: test numbers with spaces" {
	diff_sh <<'EOF_SH'
[ ' 1' -eq 1 ] 2>/dev/null; echo $?
EOF_SH
}

@test "builtin-test: test -e on directory slash" {
	diff_sh <<'EOF_SH'
[ -d / ] && [ -e /. ]; echo $?
EOF_SH
}

@test "builtin-test: test nonexistent -s" {
	diff_sh <<'EOF_SH'
[ -s nope ]; echo $?
EOF_SH
}

@test "builtin-test: test -S socket false" {
	diff_sh <<'EOF_SH'
[ -S /dev/null ]; echo $?
EOF_SH
}

@test "builtin-test: test -g -u -k" {
	diff_sh <<'EOF_SH'
touch f; [ -u f ]; echo $?; [ -g f ]; echo $?; [ -k f ]; echo $?
EOF_SH
}

@test "builtin-test: test -ef" {
	diff_sh <<'EOF_SH'
touch a; ln a b; [ a -ef b ]; echo $?
EOF_SH
}

@test "builtin-test: status 2 on syntax" {
	diff_sh --stderr-nonempty <<'EOF_SH'
test 1 -eq; echo $?
EOF_SH
}

@test "test: -O and -G: owned by the effective user and group" {
	diff_sh <<'EOF_SH'
mkdir d; : >f
test -O d; echo $?; test -G d; echo $?; [ -O f ]; echo $?; [ -G f ]; echo $?
test -O nosuch; echo $?; test -G nosuch; echo $?
if chown 65534:65534 f 2>/dev/null && [ "$(id -u)" != 65534 ]; then
	test -O f; echo "other $?"; test -G f; echo "other $?"
else
	echo "other 1"; echo "other 1"
fi
test ! -O nosuch; echo $?; test -O d -a -G d; echo $?
EOF_SH
}

# Where dash and bash agree on the shapes that POSIX leaves open.
@test "test: -a as a unary operand, and a group after -a/-o" {
	diff_sh <<'EOF_SH'
[ -a -a ]; echo $?; [ -a -a -a -a ]; echo $?
test x -a "(" = ")"; echo $?; test "(" = ")" -a x; echo $?
test x -o "(" = ")"; echo $?; test "(" = ")"; echo $?
test "(" "(" x ")" ")"; echo $?; test ! "(" = ")"; echo $?
test "(" -n = -n ")"; echo $?; test -n = -n; echo $?
test "(" x ")" -a "(" "" ")"; echo $?
EOF_SH
}

@test "builtin-test: -o NAME tests a shell option, as in bash and ksh; three operands keep -o as or" {
	DASH=bash diff_sh <<'EOF_SH'
[ -o noclobber ]; echo "1 $?"
set -C; [ -o noclobber ]; echo "2 $?"; set +C
test -o nosuch; echo "3 $?"
[ a -o "" ]; echo "4 $?"
[ "" -o "" ]; echo "5 $?"
[ ! -o errexit ]; echo "6 $?"
EOF_SH
}

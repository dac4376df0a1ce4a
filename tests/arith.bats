#!/usr/bin/env bats
# arith.bats - differential cases (dash vs tine), see tests/helper.bash.
# $(( )) on signed long: every operator, assignments, bases, errors.

load helper

@test "arith: add sub" {
	diff_sh <<'EOF_SH'
echo $((1+2)) $((5-7)) $((-3))
EOF_SH
}

@test "arith: mul div mod" {
	diff_sh <<'EOF_SH'
echo $((6*7)) $((7/2)) $((-7/2)) $((7%3)) $((-7%3))
EOF_SH
}

@test "arith: precedence" {
	diff_sh <<'EOF_SH'
echo $((2+3*4)) $(((2+3)*4)) $((10-2-3)) $((2*3%4))
EOF_SH
}

@test "arith: unary" {
	diff_sh <<'EOF_SH'
echo $((+5)) $((-(-5))) $((!0)) $((!5)) $((~0)) $((~5))
EOF_SH
}

@test "arith: comparison" {
	diff_sh <<'EOF_SH'
echo $((1<2)) $((2<1)) $((2<=2)) $((3>2)) $((3>=4)) $((1==1)) $((1!=1))
EOF_SH
}

@test "arith: logical" {
	diff_sh <<'EOF_SH'
echo $((1&&0)) $((1&&2)) $((0||0)) $((0||3))
EOF_SH
}

@test "arith: logical short circuit" {
	diff_sh <<'EOF_SH'
x=0; echo $((0 && (x=5))) $x; echo $((1 || (x=6))) $x
EOF_SH
}

@test "arith: bitwise" {
	diff_sh <<'EOF_SH'
echo $((12&10)) $((12|10)) $((12^10)) $((1<<4)) $((256>>3))
EOF_SH
}

@test "arith: ternary" {
	diff_sh <<'EOF_SH'
echo $((1?2:3)) $((0?2:3)) $((1?0?4:5:6))
EOF_SH
}

@test "arith: ternary short circuit" {
	diff_sh <<'EOF_SH'
x=0; echo $((1?1:(x=9))) $x
EOF_SH
}

@test "arith: assignment" {
	diff_sh <<'EOF_SH'
echo $((x=5)) $x
EOF_SH
}

@test "arith: compound assignment" {
	diff_sh <<'EOF_SH'
x=10; echo $((x+=5)) $((x-=3)) $((x*=2)) $((x/=4)) $((x%=4)) $x
EOF_SH
}

@test "arith: shift assignment" {
	diff_sh <<'EOF_SH'
x=1; echo $((x<<=3)) $((x>>=1)) $x
EOF_SH
}

@test "arith: bitwise assignment" {
	diff_sh <<'EOF_SH'
x=12; echo $((x&=10)) $((x|=1)) $((x^=3)) $x
EOF_SH
}

@test "arith: comma operator" {
	# tine-only: POSIX leaves the comma operator optional; dash lacks it,
	# tine has it (C semantics: left side evaluated first, value of the
	# right side).
	run_tine_script <<'EOF_SH'
echo $((1,2))
echo $((x=3, y=x*2, x+y)) $x $y
EOF_SH
	check_status 0
	check_output $'2\n9 3 6'
	check_stderr ''
}

@test "arith: power operator" {
	# tine-only: ** is not POSIX (dash lacks it); tine has it as in bash,
	# binding tighter than * and grouping to the right.
	run_tine_script <<'EOF_SH'
echo $((2**10)) $((2**3**2)) $((3*2**2)) $((-2**2)) $((x=2, x**x))
EOF_SH
	check_status 0
	check_output '1024 512 12 4 4'
	check_stderr ''
}

@test "arith: empty expression is 0" {
	# tine-only: dash rejects $(( )); tine (like bash and ksh) gives 0.
	run_tine_script <<'EOF_SH'
echo "[$(( ))]" "[$((  ))]" $(( )).
EOF_SH
	check_status 0
	check_output '[0] [0] 0.'
	check_stderr ''
}

@test "arith: hex constant" {
	diff_sh <<'EOF_SH'
echo $((0x10)) $((0xff)) $((0XaB))
EOF_SH
}

@test "arith: octal constant" {
	diff_sh <<'EOF_SH'
echo $((010)) $((0777)) $((00))
EOF_SH
}

@test "arith: variable by name" {
	diff_sh <<'EOF_SH'
x=7; echo $((x*2)) $(($x*2))
EOF_SH
}

@test "arith: variable with expression value" {
	diff_sh <<'EOF_SH'
x='1+2'; echo $(($x*3))
EOF_SH
}

@test "arith: unset variable is zero" {
	diff_sh <<'EOF_SH'
unset x; echo $((x+1))
EOF_SH
}

@test "arith: empty variable is zero" {
	diff_sh <<'EOF_SH'
x=; echo $((x+1))
EOF_SH
}

@test "arith: nested arith" {
	diff_sh <<'EOF_SH'
echo $(( $((2+3)) * 2 ))
EOF_SH
}

@test "arith: parameter expansion inside" {
	diff_sh <<'EOF_SH'
x=3; echo $(( ${x} + ${y:-4} ))
EOF_SH
}

@test "arith: cmdsub inside" {
	diff_sh <<'EOF_SH'
echo $(( $(echo 6) * 7 ))
EOF_SH
}

@test "arith: whitespace" {
	diff_sh <<'EOF_SH'
echo $((   1   +   2   ))
EOF_SH
}

@test "arith: newline inside" {
	diff_sh <<'EOF_SH'
echo $((1 +
2))
EOF_SH
}

@test "arith: parenthesised deep" {
	diff_sh <<'EOF_SH'
echo $(( ((((1+1)))) * 3 )) $(( (((2))) )) $((((1+2))*((3))))
EOF_SH
}

@test "arith: unbalanced parentheses are a syntax error" {
	# The message is not compared: dash names the line where it gave up
	# looking for '))' (end of file, line 2), tine the line where $((
	# began (line 1).
	diff_sh --stderr-nonempty <<'EOF_SH'
echo $((((((1+1)))))*3)
EOF_SH
}

@test "arith: large numbers" {
	diff_sh <<'EOF_SH'
echo $((9223372036854775807)) $((-9223372036854775807-1))
EOF_SH
}

@test "arith: overflow wraps" {
	diff_sh <<'EOF_SH'
echo $((9223372036854775807+1))
EOF_SH
}

@test "arith: negative shift and mod signs" {
	diff_sh <<'EOF_SH'
echo $((-8>>1)) $((-9%4)) $((9%-4))
EOF_SH
}

@test "arith: division by zero" {
	diff_sh --stderr-nonempty <<'EOF_SH'
echo $((1/0)); echo after
EOF_SH
}

@test "arith: modulo by zero" {
	diff_sh --stderr-nonempty <<'EOF_SH'
echo $((5%0))
EOF_SH
}

@test "arith: division by zero in subshell status" {
	diff_sh <<'EOF_SH'
(echo $((1/0))) 2>/dev/null; echo $?
EOF_SH
}

@test "arith: syntax error" {
	diff_sh --stderr-nonempty <<'EOF_SH'
echo $((1+))
EOF_SH
}

@test "arith: syntax error status in subshell" {
	diff_sh <<'EOF_SH'
(echo $((2 3))) 2>/dev/null; echo $?
EOF_SH
}

@test "arith: bad variable value" {
	diff_sh --stderr-nonempty <<'EOF_SH'
x=abc!; echo $((x+1))
EOF_SH
}

@test "arith: assignment to result of expression is error" {
	diff_sh --stderr-nonempty <<'EOF_SH'
echo $((1=2))
EOF_SH
}

@test "arith: increment not required but assignment chains" {
	diff_sh <<'EOF_SH'
x=1; y=2; echo $((x=y=5)) $x $y
EOF_SH
}

@test "arith: quoted expression" {
	diff_sh <<'EOF_SH'
echo $(("1+2"))
EOF_SH
}

@test "arith: single char vars" {
	diff_sh <<'EOF_SH'
a=2 b=3; echo $((a*b+a))
EOF_SH
}

@test "arith: positional in arith" {
	diff_sh <<'EOF_SH'
set -- 4 5; echo $(($1*$2)) $(($#+1))
EOF_SH
}

@test "arith: arith in assignment keeps string" {
	diff_sh <<'EOF_SH'
x=$((3+4)); echo "$x"
EOF_SH
}

@test "arith: arith result not split" {
	diff_sh <<'EOF_SH'
IFS=1; printf '<%s>\n' $((111))
EOF_SH
}

@test "arith: arith in loop counter" {
	diff_sh <<'EOF_SH'
i=0; s=0; while [ $i -lt 10 ]; do s=$((s+i)); i=$((i+1)); done; echo $s
EOF_SH
}

@test "arith: compare negative" {
	diff_sh <<'EOF_SH'
echo $((-1<0)) $((-1>0))
EOF_SH
}

@test "arith: not and bitnot combination" {
	diff_sh <<'EOF_SH'
echo $((!~0)) $((~!0))
EOF_SH
}

@test "arith: equality chain" {
	diff_sh <<'EOF_SH'
echo $((1==1==1)) $((2==2==2))
EOF_SH
}

@test "arith: arith hex variable value" {
	diff_sh <<'EOF_SH'
x=0x1f; echo $((x))
EOF_SH
}

@test "arith: arith octal variable value" {
	diff_sh <<'EOF_SH'
x=017; echo $((x+0))
EOF_SH
}

@test "arith: arith spaces around variable name" {
	diff_sh <<'EOF_SH'
x=4; echo $(( x ))
EOF_SH
}

@test "arith: arith with dollar brace default" {
	diff_sh <<'EOF_SH'
unset n; echo $((${n:-9}+1))
EOF_SH
}

@test "arith: arith assignment to readonly" {
	diff_sh --stderr-nonempty <<'EOF_SH'
readonly r=1; echo $((r=2))
EOF_SH
}

@test "arith: unary minus variable" {
	diff_sh <<'EOF_SH'
x=5; echo $((-x)) $((- x))
EOF_SH
}

@test "arith: mixed precedence bitwise and logical" {
	diff_sh <<'EOF_SH'
echo $((1|2&&0)) $((1<2==1)) $((3&1==1))
EOF_SH
}

# --- nasty cases: here POSIX decides, dash is the reference ---

@test "arith: dollar variable holding an expression is text" {
	diff_sh <<'EOF_SH'
x='1+2'; echo $(($x*3)) $((($x)*3))
EOF_SH
}

@test "arith: dollar variable holding a name" {
	diff_sh <<'EOF_SH'
a=3 b=a; echo $(($b+1)) $(($b*$b))
EOF_SH
}

@test "arith: variable with octal and hex text" {
	diff_sh <<'EOF_SH'
x=010 y=0x1f; echo $((x+0)) $(($x)) $((y)) $((-y))
EOF_SH
}

@test "arith: expression split across variables" {
	diff_sh <<'EOF_SH'
e='2 * (3'; echo $(($e + 1)))
EOF_SH
}

@test "arith: assignment operators update the variable" {
	diff_sh <<'EOF_SH'
n=5; echo $((n+=2)) $n $((n*=3)) $n $((n%=4)) $n $((n<<=3)) $n
EOF_SH
}

@test "arith: short-circuit skips assignments" {
	diff_sh <<'EOF_SH'
x=1; echo $((0 && (x=5))) $x $((1 || (x=6))) $x $((0 ? (x=7) : 9)) $x $((x = x == 1 ? 42 : 0)) $x
EOF_SH
}

@test "arith: a backslash-newline between the two closing parentheses" {
	diff_sh <<'EOF_SH'
echo $((1+2)\
)
echo "$((3+4)\
\
)" $((1+(2)\
)) $( (echo sub)\
)
x=$((5\
*2)\
); echo $x
EOF_SH
}

# BASE#DIGITS constants: not POSIX (dash rejects them), but bash, ksh and
# busybox ash read them; the golden output is bash's.
@test "arith: BASE#DIGITS constants as bash" {
	run_tine -c 'echo $((2#101)) $((16#ff)) $((16#FF)) $((36#Zz)) $((64#_)) $((64#@)) $((62#Z)) $((-8#17)) $((10#010)) $((x=16#10, x+1)); v=2#11; echo $((v * 2))
printf "%x\n" $((16#9876543210abcedfc))'
	check_status 0
	check_output "5 255 255 1295 63 62 61 -15 10 17
6
876543210abcedfc"
}

@test "arith: a bad BASE#DIGITS constant is an error" {
	for e in '2#102' '65#1' '1#1' '16#' '8#9'; do
		run_tine -c "echo \$(($e)); echo not reached"
		[[ $status == 2 && $output == "" && $stderr == *"\"$e\""* ]] ||
			{ echo "$e: status $status [$output] [$stderr]" >&2; return 1; }
	done
}

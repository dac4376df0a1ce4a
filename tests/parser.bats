#!/usr/bin/env bats
# parser.bats - differential cases (dash vs tine), see tests/helper.bash.
# The grammar: lists, pipelines, compound commands, functions, reserved words.

load helper

@test "parser: simple command" {
	diff_sh <<'EOF_SH'
echo a b c
EOF_SH
}

@test "parser: semicolon list" {
	diff_sh <<'EOF_SH'
echo a; echo b; echo c
EOF_SH
}

@test "parser: and list" {
	diff_sh <<'EOF_SH'
true && echo yes; false && echo no; echo $?
EOF_SH
}

@test "parser: or list" {
	diff_sh <<'EOF_SH'
false || echo yes; true || echo no; echo $?
EOF_SH
}

@test "parser: and or left assoc" {
	diff_sh <<'EOF_SH'
false && echo a || echo b
EOF_SH
}

@test "parser: and or chain status" {
	diff_sh <<'EOF_SH'
true || false && echo c
EOF_SH
}

@test "parser: pipeline" {
	diff_sh <<'EOF_SH'
echo abc | tr a-z A-Z
EOF_SH
}

@test "parser: long pipeline" {
	diff_sh <<'EOF_SH'
printf '3\n1\n2\n' | sort | tr '\n' ' ' | sed 's/ $//'
EOF_SH
}

@test "parser: pipeline bang" {
	diff_sh <<'EOF_SH'
! false; echo $?; ! true; echo $?
EOF_SH
}

@test "parser: bang with pipeline" {
	diff_sh <<'EOF_SH'
! echo x | grep -q y; echo $?
EOF_SH
}

@test "parser: bang space required" {
	diff_sh <<'EOF_SH'
! true || echo reached
EOF_SH
}

@test "parser: background and wait" {
	diff_sh <<'EOF_SH'
echo bg > f & wait; cat f
EOF_SH
}

@test "parser: subshell" {
	diff_sh <<'EOF_SH'
x=1; (x=2; echo $x); echo $x
EOF_SH
}

@test "parser: subshell exit status" {
	diff_sh <<'EOF_SH'
(exit 7); echo $?
EOF_SH
}

@test "parser: nested subshells" {
	diff_sh <<'EOF_SH'
( ( echo deep ) )
EOF_SH
}

@test "parser: brace group" {
	diff_sh <<'EOF_SH'
{ echo a; echo b; } | wc -l | tr -d ' '
EOF_SH
}

@test "parser: brace group needs separator" {
	diff_sh <<'EOF_SH'
{ echo a; }; echo b
EOF_SH
}

@test "parser: brace group keeps variables" {
	diff_sh <<'EOF_SH'
{ x=5; }; echo $x
EOF_SH
}

@test "parser: if then" {
	diff_sh <<'EOF_SH'
if true; then echo yes; fi
EOF_SH
}

@test "parser: if else" {
	diff_sh <<'EOF_SH'
if false; then echo yes; else echo no; fi
EOF_SH
}

@test "parser: elif chain" {
	diff_sh <<'EOF_SH'
x=2; if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; elif true; then echo three; else echo other; fi
EOF_SH
}

@test "parser: if status no branch" {
	diff_sh <<'EOF_SH'
if false; then :; fi; echo $?
EOF_SH
}

@test "parser: if condition list" {
	diff_sh <<'EOF_SH'
if false; true; then echo last-counts; fi
EOF_SH
}

@test "parser: while loop" {
	diff_sh <<'EOF_SH'
i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done
EOF_SH
}

@test "parser: until loop" {
	diff_sh <<'EOF_SH'
i=0; until [ $i -ge 2 ]; do echo $i; i=$((i+1)); done
EOF_SH
}

@test "parser: while status zero if no iteration" {
	diff_sh <<'EOF_SH'
while false; do :; done; echo $?
EOF_SH
}

@test "parser: for in list" {
	diff_sh <<'EOF_SH'
for i in a b c; do echo $i; done
EOF_SH
}

@test "parser: for without in uses positional" {
	diff_sh <<'EOF_SH'
set -- x y; for i; do echo $i; done
EOF_SH
}

@test "parser: for with newline before do" {
	diff_sh <<'EOF_SH'
set -- p q
for i
do
	echo $i
done
EOF_SH
}

@test "parser: for in empty" {
	diff_sh <<'EOF_SH'
for i in; do echo never; done; echo done
EOF_SH
}

@test "parser: for variable persists" {
	diff_sh <<'EOF_SH'
for i in 1 2 3; do :; done; echo $i
EOF_SH
}

@test "parser: for in reserved word values" {
	diff_sh <<'EOF_SH'
for i in do done if; do echo $i; done
EOF_SH
}

@test "parser: case basic" {
	diff_sh <<'EOF_SH'
case abc in a*) echo A;; b*) echo B;; esac
EOF_SH
}

@test "parser: case alternatives" {
	diff_sh <<'EOF_SH'
case b in a|b|c) echo hit;; esac
EOF_SH
}

@test "parser: case no match status" {
	diff_sh <<'EOF_SH'
case x in y) echo no;; esac; echo $?
EOF_SH
}

@test "parser: case fallthrough" {
	# tine-only: ;& is POSIX.1-2024 (dash 0.5.12 lacks it): the next
	# clause's commands run without its patterns being tested.
	run_tine_script <<'EOF_SH'
case a in a) echo one;& b) echo two;; c) echo three;; esac
EOF_SH
	check_status 0
	check_output $'one\ntwo'
	check_stderr ''
}

@test "parser: case fallthrough chain" {
	# tine-only, ;& as above; the last clause may end in ;& too.
	run_tine_script <<'EOF_SH'
case a in a) echo 1 ;& b) echo 2 ;& c) echo 3 ;; esac
case b in a) echo no;& b) echo 2 ;& c) echo 3 ;& esac
case z in a) echo no;& *) echo star;& esac; echo "st $?"
EOF_SH
	check_status 0
	check_output $'1\n2\n3\n2\n3\nstar\nst 0'
	check_stderr ''
}

@test "parser: case last item without dsemi" {
	diff_sh <<'EOF_SH'
case a in a) echo last
esac
EOF_SH
}

@test "parser: case pattern with paren" {
	diff_sh <<'EOF_SH'
case x in (x) echo paren;; esac
EOF_SH
}

@test "parser: case empty body" {
	diff_sh <<'EOF_SH'
case a in a) ;; esac; echo $?
EOF_SH
}

@test "parser: case quoted pattern" {
	diff_sh <<'EOF_SH'
case 'a*' in 'a*') echo lit;; esac; case ab in 'a*') echo no;; *) echo glob;; esac
EOF_SH
}

@test "parser: case pattern from variable" {
	diff_sh <<'EOF_SH'
p='a*'; case abc in $p) echo match;; esac; case abc in "$p") echo no;; *) echo quoted;; esac
EOF_SH
}

@test "parser: case newlines everywhere" {
	diff_sh <<'EOF_SH'
case x
in
x)
echo nl
;;
esac
EOF_SH
}

@test "parser: case word is esac" {
	diff_sh <<'EOF_SH'
case esac in esac) echo ok;; esac
EOF_SH
}

@test "parser: case in keyword positions" {
	diff_sh <<'EOF_SH'
case in in in) echo in;; esac
EOF_SH
}

@test "parser: function definition" {
	diff_sh <<'EOF_SH'
f() { echo "f:$1"; }; f arg
EOF_SH
}

@test "parser: function with subshell body" {
	diff_sh <<'EOF_SH'
f() ( echo sub; exit 3 ); f; echo $?
EOF_SH
}

@test "parser: function return status" {
	diff_sh <<'EOF_SH'
f() { return 4; }; f; echo $?
EOF_SH
}

@test "parser: function args local positional" {
	diff_sh <<'EOF_SH'
set -- outer; f() { echo "$1 $#"; }; f a b; echo $1
EOF_SH
}

@test "parser: function redefine" {
	diff_sh <<'EOF_SH'
f() { echo 1; }; f; f() { echo 2; }; f
EOF_SH
}

@test "parser: function with if body" {
	diff_sh <<'EOF_SH'
f() if true; then echo ifbody; fi; f
EOF_SH
}

@test "parser: function with redirection on definition" {
	diff_sh <<'EOF_SH'
f() { echo inside; } > out; f; cat out
EOF_SH
}

@test "parser: function name with underscore" {
	diff_sh <<'EOF_SH'
my_fn_1() { echo ok; }; my_fn_1
EOF_SH
}

@test "parser: function recursion" {
	diff_sh <<'EOF_SH'
f() { if [ $1 -gt 0 ]; then echo $1; f $(($1-1)); fi; }; f 3
EOF_SH
}

# "function NAME [()] compound-command": the ksh form, which POSIX leaves
# unspecified (XCU 2.4) and dash lacks; expected output is bash's (and
# busybox ash's, ash-misc/func_bash1).
@test "parser: function keyword defines a function (bash)" {
	run_tine_script <<'EOF_SH'
function f { echo "brace:$1"; }; f 1
function g() { echo "parens:$1"; }; g 2
function h ( ) ( echo "sub:$1"; exit 3 ); h 3; echo "st:$?"
function i
{ echo "newline:$1"; }; i 4
function j() for k in 5 6; do echo "for:$k"; done; j
function l if true; then echo if; fi; l
function m { echo "to stderr"; } >&2; m 2>/dev/null
function n-o { return 7; }; n-o; echo "st:$?"
p() { function q { echo "inner"; }; }; p; q
EOF_SH
	check_status 0
	check_output $'brace:1\nparens:2\nsub:3\nst:3\nnewline:4\nfor:5\nfor:6\nif\nst:7\ninner'
}

# bash: "function NAME" must go on with a compound command.
@test "parser: function keyword without a compound command is a syntax error (bash)" {
	run_tine -c 'function f; echo not reached'
	check_status 2
	check_stderr_match "syntax error: unexpected ';'"
	check_output ''
	run_tine -c 'function f'
	check_status 2
	check_stderr_match 'syntax error: unexpected end of file'
}

# Anywhere but before a plain function name, "function" is an ordinary
# word (as a command name followed by such a word it starts a definition,
# as in bash).
@test "parser: function is an ordinary word elsewhere" {
	diff_sh <<'EOF_SH'
echo function f
function() { echo "named function:$*"; }; function 'a' "b"; function
x=1 function c
alias function='echo aliased'
eval 'function d'
EOF_SH
}

@test "parser: reserved word as argument" {
	diff_sh <<'EOF_SH'
echo if then fi do done case esac
EOF_SH
}

@test "parser: reserved word after assignment is command" {
	diff_sh <<'EOF_SH'
x=1 echo ok
EOF_SH
}

@test "parser: reserved word quoted not reserved" {
	diff_sh <<'EOF_SH'
"if" 2>/dev/null; echo $?
EOF_SH
}

@test "parser: brace as argument" {
	diff_sh <<'EOF_SH'
echo { } {x}
EOF_SH
}

@test "parser: comment" {
	diff_sh <<'EOF_SH'
echo a # comment here
# full line comment
echo b
EOF_SH
}

@test "parser: hash inside word is not comment" {
	diff_sh <<'EOF_SH'
echo a#b c#
EOF_SH
}

@test "parser: line continuation" {
	diff_sh <<'EOF_SH'
echo a\
b
EOF_SH
}

@test "parser: line continuation in keyword" {
	diff_sh <<'EOF_SH'
i\
f true; th\
en echo cont; fi
EOF_SH
}

@test "parser: continuation inside quotes" {
	diff_sh <<'EOF_SH'
echo "a\
b"
EOF_SH
}

@test "parser: single quote continuation literal" {
	diff_sh <<'EOF_SH'
echo 'a\
b'
EOF_SH
}

@test "parser: empty lines and semicolons" {
	diff_sh <<'EOF_SH'
echo a

echo b
EOF_SH
}

@test "parser: newline after pipe" {
	diff_sh <<'EOF_SH'
echo x |
tr x y
EOF_SH
}

@test "parser: newline after and" {
	diff_sh <<'EOF_SH'
true &&
echo and-nl
EOF_SH
}

@test "parser: newline after or" {
	diff_sh <<'EOF_SH'
false ||
echo or-nl
EOF_SH
}

@test "parser: compound redirect" {
	diff_sh <<'EOF_SH'
{ echo a; echo b; } > out; cat out
EOF_SH
}

@test "parser: while redirect" {
	diff_sh <<'EOF_SH'
printf '1\n2\n' > in; while read l; do echo "<$l>"; done < in
EOF_SH
}

@test "parser: for redirect" {
	diff_sh <<'EOF_SH'
for i in a b; do echo $i; done > out; cat out
EOF_SH
}

@test "parser: if redirect" {
	diff_sh <<'EOF_SH'
if true; then echo x; fi 2>&1 > out; cat out
EOF_SH
}

@test "parser: case redirect" {
	diff_sh <<'EOF_SH'
case a in a) echo y;; esac > out; cat out
EOF_SH
}

@test "parser: subshell redirect" {
	diff_sh <<'EOF_SH'
(echo s) > out; cat out
EOF_SH
}

@test "parser: nested loops break" {
	diff_sh <<'EOF_SH'
for i in 1 2; do for j in a b; do echo $i$j; break; done; done
EOF_SH
}

@test "parser: loop in pipeline" {
	diff_sh <<'EOF_SH'
for i in 3 1 2; do echo $i; done | sort
EOF_SH
}

@test "parser: syntax error unexpected fi" {
	diff_sh --stderr-nonempty <<'EOF_SH'
if true; then echo a; fi fi
EOF_SH
}

@test "parser: syntax error missing done" {
	diff_sh --stderr-nonempty <<'EOF_SH'
while true; do echo x
EOF_SH
}

@test "parser: syntax error unmatched paren" {
	diff_sh --stderr-nonempty <<'EOF_SH'
echo (a
EOF_SH
}

@test "parser: syntax error stops before running" {
	diff_sh --stderr-nonempty <<'EOF_SH'
echo first
if then
EOF_SH
}

@test "parser: syntax error missing close brace" {
	diff_sh --stderr-nonempty <<'EOF_SH'
f() { echo x }
EOF_SH
}

@test "parser: syntax error in eval does not kill shell" {
	diff_sh --stderr-nonempty <<'EOF_SH'
eval 'if'; echo $?
EOF_SH
}

@test "parser: empty brace group is error" {
	diff_sh --stderr-nonempty <<'EOF_SH'
{ }
EOF_SH
}

@test "parser: dsemi outside case" {
	diff_sh --stderr-nonempty <<'EOF_SH'
echo a;;
EOF_SH
}

@test "parser: semicolon alone" {
	diff_sh --stderr-nonempty <<'EOF_SH'
;
EOF_SH
}

@test "parser: pipe at start" {
	diff_sh --stderr-nonempty <<'EOF_SH'
| echo
EOF_SH
}

@test "parser: alias expands" {
	diff_sh <<'EOF_SH'
alias hi='echo hello'
hi there
EOF_SH
}

@test "parser: alias trailing blank chains" {
	diff_sh <<'EOF_SH'
alias say='echo ' w='world'
say w
EOF_SH
}

@test "parser: alias not expanded in quotes" {
	diff_sh <<'EOF_SH'
alias q='echo Q'
'q' 2>/dev/null || echo notalias
EOF_SH
}

@test "parser: alias defined on same line not used" {
	diff_sh <<'EOF_SH'
alias z='echo Z'; z 2>/dev/null || echo "not yet"
EOF_SH
}

@test "parser: alias recursive stops" {
	diff_sh <<'EOF_SH'
alias ls='ls -d'
ls / >/dev/null && echo ok
EOF_SH
}

@test "parser: alias to reserved word" {
	diff_sh <<'EOF_SH'
alias cond='if'
cond true; then echo aliased-if; fi
EOF_SH
}

@test "parser: unalias" {
	diff_sh <<'EOF_SH'
alias u='echo U'
unalias u
u 2>/dev/null || echo gone
EOF_SH
}

@test "parser: alias with semicolon" {
	diff_sh <<'EOF_SH'
alias two='echo 1; echo 2'
two
EOF_SH
}

@test "parser: alias in function body at definition time" {
	diff_sh <<'EOF_SH'
alias a1='echo early'
f() { a1; }
alias a1='echo late'
f
EOF_SH
}

@test "parser: here doc after pipeline" {
	diff_sh <<'EOF_SH'
cat <<E | tr a-z A-Z
abc
E
EOF_SH
}

@test "parser: two here docs on one line" {
	diff_sh <<'EOF_SH'
cat <<A; cat <<B
one
A
two
B
EOF_SH
}

@test "parser: until with break status" {
	diff_sh <<'EOF_SH'
until false; do break; done; echo $?
EOF_SH
}

@test "parser: deep nesting" {
	diff_sh <<'EOF_SH'
if true; then while true; do case x in x) for i in 1; do { ( echo deep ); }; done;; esac; break; done; fi
EOF_SH
}

@test "parser: keyword after semicolon in list" {
	diff_sh <<'EOF_SH'
true; if true; then echo y; fi; while false; do :; done; echo end
EOF_SH
}

@test "parser: bang in middle word is literal" {
	diff_sh <<'EOF_SH'
echo a!b !
EOF_SH
}

# --- nasty cases: here POSIX decides, dash is the reference ---

@test "parser: continue 2 in nested for" {
	diff_sh <<'EOF_SH'
for i in 1 2 3; do for j in a b c; do [ $j = b ] && continue 2; echo $i$j; done; echo never; done
EOF_SH
}

@test "parser: break 2 from nested while" {
	diff_sh <<'EOF_SH'
i=0; while :; do i=$((i+1)); while :; do [ $i -eq 3 ] && break 2; echo "i=$i"; break; done; done; echo "out $i"
EOF_SH
}

@test "parser: break count larger than nesting exits all" {
	diff_sh <<'EOF_SH'
for i in 1 2; do for j in 1 2; do echo $i$j; break 5; done; done; echo "end $?"
EOF_SH
}

@test "parser: continue 3 through until and for" {
	diff_sh <<'EOF_SH'
n=0; until [ $n -ge 2 ]; do n=$((n+1)); for a in x; do for b in y z; do echo $n$a$b; continue 3; done; done; done; echo end
EOF_SH
}

@test "parser: break inside case inside loop" {
	diff_sh <<'EOF_SH'
for w in a b stop c; do case $w in stop) break;; *) echo $w;; esac; done; echo done
EOF_SH
}

@test "parser: case pattern from variable: unquoted globs, quoted is literal" {
	diff_sh <<'EOF_SH'
p='a*'
case abc in $p) echo glob;; esac
case abc in "$p") echo lit;; *) echo nolit;; esac
case 'a*' in "$p") echo lit2;; esac
EOF_SH
}

@test "parser: case bracket pattern from variable" {
	diff_sh <<'EOF_SH'
p='[ab]'
case '[ab]' in $p) echo g;; "$p") echo q;; esac
case b in $p) echo g2;; esac
EOF_SH
}

@test "parser: case backslash in pattern variable" {
	diff_sh <<'EOF_SH'
p='\*'
case x in $p) echo star;; *) echo other;; esac
case '*' in $p) echo lit;; esac
EOF_SH
}

@test "parser: case | inside a variable is not alternation" {
	diff_sh <<'EOF_SH'
p='a|b'
case a in $p) echo alt;; *) echo no;; esac
case 'a|b' in $p) echo whole;; esac
EOF_SH
}

@test "parser: for without in uses positional parameters" {
	diff_sh <<'EOF_SH'
set -- 'a b' c; for i do echo "[$i]"; done; for i
do echo "<$i>"; done
EOF_SH
}

@test "parser: nested loops with break in function body" {
	diff_sh <<'EOF_SH'
f() { for i in 1 2 3; do for j in 1 2; do [ $i = 2 ] && break 2; echo $i$j; done; done; echo "f-end $i"; }; f; f
EOF_SH
}

# After a blank-ending alias the next word is alias-checked, and so is the
# first word of that alias's own value (XCU 2.3.1), however deep.
@test "parser: trailing-blank alias chains through nested aliases" {
	diff_sh <<'EOF_SH'
alias e_="echo " a1="A " a2="a1 " a3="a2 " n="N"
e_ a2 x
e_ a3 n
e_ a1 a1 a1
alias self="self " w="e_ "
e_ self self
w a2 a3
EOF_SH
}

@test "parser: trailing-blank alias chains across backslash-newline" {
	diff_sh <<'EOF_SH'
alias e_="echo " one="ONE "
e_ one \
one
e_ \
\
one
e_ one\
one
e_ one \
 one \
one
EOF_SH
}

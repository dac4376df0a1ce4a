#!/usr/bin/env bats
# cond.bats - [[ expression ]], the test of bash, ksh, zsh and mksh: the
# same script runs in bash and tine (diff_sh with bash in dash's place) and
# stdout, stderr and status must agree.  POSIX leaves [[ unspecified; dash
# has none, so scripts written for dash never meet it in command position.

load helper

# diff_sh against bash instead of dash
diff_bash() {
	DASH=bash diff_sh "$@"
}

@test "cond: string, pattern and regular expression matches, as bash" {
	diff_bash <<'EOF'
x="a b"; star='a*'; r='^a.$'
[[ $x == "a b" ]] && echo 1
[[ $x == a* ]] && echo 2
[[ a* == a ]] || echo 3
[[ ab == "a"* ]] && echo 4
[[ ab == $star ]] && echo 5
[[ ab == "$star" ]] || echo 6
[[ 'a*' == "$star" ]] && echo 7
[[ ab == a\* ]] || echo 8
[[ a == [ab] ]] && echo 9
[[ ab != a? ]] || echo 10
[[ ab = ab ]] && echo 11
[[ b =~ a|b ]] && echo 12
[[ "a b" =~ (a b) ]] && echo 13
[[ ab =~ ^(a|x)b$ ]] && echo 14
[[ a =~ "." ]] || echo 15
[[ a =~ \. ]] || echo 16
[[ ab =~ $r ]] && echo 17
[[ ab =~ "$r" ]] || echo 18
[[ 'a.c' =~ ^a"."c$ ]] && echo 19
[[ abc =~ ^a"."c$ ]] || echo 20
[[ xay =~ a ]] && echo 21
[[ ab =~ [ab]{2} ]] && echo 22
[[ 'a]]' == 'a]]' ]] && echo 23
[[ a < b && b > a ]] && echo 24
[[ B < a ]] && echo 25
EOF
}

@test "cond: file, string and option primaries and arithmetic comparisons, as bash" {
	diff_bash <<'EOF'
: >file; mkdir dir; ln -s file link
[[ -f file && -e file && ! -d file ]] && echo 1
[[ -d dir && -h link && -L link && -s file ]] || echo 2
[[ -n x && -z "" ]] && echo 3
[[ $unset ]] || echo 4
[[ "" ]] || echo 5
[[ a ]] && echo 6
[[ -v HOME && ! -v unset ]] && echo 7
[[ -o errexit ]] || echo 8
set -u; [[ -o nounset ]] && echo 9; set +u
[[ 1+1 -eq 2 ]] && echo 10
[[ "" -eq 0 ]] && echo 11
n=5; [[ n -gt 3 && $n -le 5 && n*2 -ne 9 ]] && echo 12
[[ 010 -eq 8 ]] && echo 13
[[ 2 -lt 10 ]] && echo 14
[[ 2 < 10 ]] || echo 15
[[ file -ef file && ! file -ef dir ]] && echo 16
[[ file -nt /nonexistent ]] && echo 17
[[ ~ == "$HOME" ]] && echo 18
[[ $(echo hi) == hi ]] && echo 19
[[ -t 0 ]] || echo 20
EOF
}

@test "cond: ! over && over ||, parentheses and newlines, as bash" {
	diff_bash <<'EOF'
[[ -n x && ( -z "" || -f /nonexist ) ]] && echo 1
[[ ! -f /nonexist ]] && echo 2
[[ ! ( a == b ) ]] && echo 3
[[ a == b || a == a && b == b ]] && echo 4
[[ ( a == b || a == a ) && b == c ]] || echo 5
[[ ! a == b && ! b == c ]] && echo 6
[[ ( a ) ]] && echo 7
[[ a &&
   b ]] && echo 8
[[
  -n x ]] && echo 9
[[ a ||
  ( b &&
   c ) ]] && echo 10
[[ foo == foo
&& bar == bar
]] && echo 11
[[ -z x
|| a ]] && echo 13
EOF
}

@test "cond: only the words && and || need are expanded" {
	diff_bash <<'EOF'
[[ -z x && $(echo ran1 >&2) ]]
[[ -n x || ${u=set} ]]; echo "u=${u-unset}"
[[ -n x && ${v=set} ]]; echo "v=${v-unset}"
EOF
}

@test "cond: a compound command: in functions, loops, pipelines, with redirections and set -e" {
	diff_bash <<'EOF'
f() [[ -n $1 ]]
f x && echo 1
f "" || echo 2
g() { [[ $1 =~ ^(foo|bar)[0-9]+$ && ${#1} -gt 3 || $1 == "*" ]]; }
g foo12 && echo 3; g '*' && echo 4; g 'x*' || echo 5
while [[ ${n:-0} -lt 3 ]]; do n=$((${n:-0} + 1)); done; echo "n=$n"
[[ -n x ]] >out && echo 6
[[ a == b ]] | cat; echo "7 $?"
v=$([[ a == a ]] && echo 8); echo "$v"
([[ a == b ]]) || echo 9
case x in x) [[ x == x ]] && echo 10 ;; esac
[[ a == a ]] & wait $!; echo "11 $?"
set -e
[[ -z x ]] || echo 12
! [[ a == a ]] || echo 13
if [[ -z x ]]; then :; fi
[[ -z x ]] && echo never
[[ -z x ]]
echo not reached
EOF
}

@test "cond: set -x shows each primary with its words expanded, as bash" {
	diff_bash <<'EOF'
x="a b"
set -x
[[ $x == a* && ( -f /nonexist || ! $x =~ ^a ) ]]
[[ $x ]]
[[ 1 -lt 2 ]]
[[ ! -n $x ]]
EOF
}

@test "cond: syntax errors name the line; a bad regular expression is status 2" {
	run_tine_script <<'EOF'
echo before
[[ a == ]]
EOF
	check_status 2
	check_output "before"
	check_stderr "sh: line 2: syntax error: unexpected ']]'"
	local bad
	for bad in '[[ ]]' '[[ -n ]]' '[[ a' '[[ a ]' '[[ a =~ ]]' '[[ a ; ]]' \
		'[[ a || ]]' '[[ ( a ]]' '[[ a b ]]' '[[ ! ]]' '[[ a =~ ( ]]' \
		'[[ a 3< b ]]' '[[ && ]]'; do
		run_tine -c "$bad"
		[[ $status -eq 2 && $stderr == "sh: syntax error: "* ]] ||
			{ echo "for: $bad"; _fail_show; false; }
	done
	run_tine -c 'r="("; [[ a =~ $r ]]; echo "st $?"'
	check_status 0
	check_output "st 2"
	[[ $stderr == "sh: [[: (: "* ]] || { _fail_show; false; }
}

@test "cond: [[ is reserved only as a command name; ]] alone is no operator" {
	diff_bash <<'EOF'
echo [[ a ]]
x=[[; echo "$x"
echo "$([[ -n x ]] && echo ]])"
'[[' 2>/dev/null; echo "quoted: $?"
EOF
	run_tine -c 'type [['
	check_output "[[ is a shell keyword"
}

@test "cond: a job's text prints [[ ]] back so that it reads the same" {
	run_tine -c 'set -m; [[ x == "y z"* || ( 2 > 1 && ! -f / ) ]] >/dev/null & [[ ( a || b ) && c =~ ^(d|e)$ ]] & jobs; wait'
	check_status 0
	[[ $output == *"[[ x == 'y z'* || 2 > 1 && ! -f / ]] >/dev/null"* &&
		$output == *"[[ ( a || b ) && c =~ ^(d|e)\$ ]]"* ]] || { _fail_show; false; }
	# and the printed text, run, means the same as the original
	run_tine -c "[[ ( a || b ) && c =~ ^(d|e)\$ ]]; echo \$?; [[ ( a || b ) && d =~ ^(d|e)\$ ]]; echo \$?"
	check_output $'1\n0'
}

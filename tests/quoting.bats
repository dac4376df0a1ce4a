#!/usr/bin/env bats
# quoting.bats - differential cases (dash vs tine), see tests/helper.bash.
# Quoting and quote removal.

load helper

@test "quoting: single quotes literal" {
	diff_sh <<'EOF_SH'
echo '$x `y` \n "q"'
EOF_SH
}

@test "quoting: double quotes expand" {
	diff_sh <<'EOF_SH'
x=v; echo "$x `echo c` $(echo d) $((1+1))"
EOF_SH
}

@test "quoting: backslash outside quotes" {
	diff_sh <<'EOF_SH'
echo \$x \\ \' \" a\ b
EOF_SH
}

@test "quoting: backslash in double quotes special only before specials" {
	diff_sh <<'EOF_SH'
echo "\$ \` \" \\ \a \n"
EOF_SH
}

@test "quoting: backslash newline in double quotes removed" {
	diff_sh <<'EOF_SH'
echo "a\
b"
EOF_SH
}

@test "quoting: adjacent quoting concatenates" {
	diff_sh <<'EOF_SH'
echo 'a'"b"c\d
EOF_SH
}

@test "quoting: empty quotes make empty arg" {
	diff_sh <<'EOF_SH'
printf '<%s>\n' '' "" a
EOF_SH
}

@test "quoting: empty quoted var" {
	diff_sh <<'EOF_SH'
x=; printf '<%s>\n' "$x" ''$x
EOF_SH
}

# $'...' is POSIX.1-2024 (XCU 2.2.4); dash 0.5.12 does not have it, so
# the expected output is bash 5.2's for the same script (checked by hand).
@test "quoting: \$'...' escapes (POSIX.1-2024)" {
	run_tine_script <<'EOF_SH'
printf '<%s>' $'a\tb' $'\x41\101\n' "$'x'" $'' ${u:-$'\t'} $'it\'s' $'\q' a$'\\'b; echo
printf '%s' $'\e' $'\cA' $'\a\b\f\v\r' $'\"\?' | od -An -c | tr -s ' '
set -- $''; echo $#; set -- $'a b'; echo $#; x=$'1\n2'; echo "$x"
case $'\t' in $'\t') echo tab;; esac; y=$'\x7e'; echo "$y"
cat <<E
$'no'
E
EOF_SH
	check_status 0
	check_output "<a	b><AA
><\$'x'><><	><it's><\\q><a\\b>
 033 001 \a \b \f \v \r \" ?
1
1
1
2
tab
~
\$'no'"
}

# \u and \U are bash's (and ksh's, zsh's): the script's bytes are compared
# with bash's where both agree on what a character is.
@test "quoting: \$'\\u...' and \$'\\U...' name Unicode characters, written as UTF-8" {
	local script='printf "<%s>" $'"'"'[\u03bc]'"'"' $'"'"'\U0001F600'"'"' $'"'"'\u41\u'"'"' $'"'"'\u20ACz\U7e'"'"' $'"'"'\u00e9t\u00E9'"'"' | od -An -tx1'
	# bash writes UTF-8 only in a UTF-8 locale; tine always does
	run env LC_ALL=C.UTF-8 bash -c "$script"
	local want=$output
	run_tine -c "$script"
	check_status 0
	check_output "$want"
	# not characters: the escape stays as written (bash writes bytes no
	# UTF-8 decoder accepts); U+0000 is dropped, as \x00 is
	run_tine -c "printf '<%s>' \$'\\uD800' \$'\\U110000' \$'a\\u0000b'"
	check_output '<\uD800><\U110000><ab>'
}

@test "quoting: \$'...' is unterminated at the end of input" {
	run_tine -c "echo \$'abc"
	check_status 2
	[[ $stderr == *"unterminated quoted string"* ]]
}

@test "quoting: quote in variable value literal" {
	diff_sh <<'EOF_SH'
x="'q'"; echo $x "$x"
EOF_SH
}

@test "quoting: double quote inside single" {
	diff_sh <<'EOF_SH'
echo '"'
EOF_SH
}

@test "quoting: single quote inside double" {
	diff_sh <<'EOF_SH'
echo "'"
EOF_SH
}

@test "quoting: quote removal of result not done" {
	diff_sh <<'EOF_SH'
x='"a"'; echo $x
EOF_SH
}

@test "quoting: backslash in variable value kept" {
	diff_sh <<'EOF_SH'
x='a\b'; echo "$x"
EOF_SH
}

@test "quoting: echo with backslash escapes dash style" {
	diff_sh <<'EOF_SH'
echo 'a\tb' | od -c | head -1 | tr -s ' '
EOF_SH
}

@test "quoting: quoted dollar at end" {
	diff_sh <<'EOF_SH'
echo "$"
EOF_SH
}

@test "quoting: quoted braces" {
	diff_sh <<'EOF_SH'
echo "{a}" '{b}'
EOF_SH
}

@test "quoting: hash in quotes" {
	diff_sh <<'EOF_SH'
echo "#not" '#comment'
EOF_SH
}

@test "quoting: semicolon quoted" {
	diff_sh <<'EOF_SH'
echo 'a;b' "c;d" e\;f
EOF_SH
}

@test "quoting: pipe quoted" {
	diff_sh <<'EOF_SH'
echo 'a|b' "c&d"
EOF_SH
}

@test "quoting: quoting in assignment" {
	diff_sh <<'EOF_SH'
x='a b'"c d"; echo "$x"
EOF_SH
}

@test "quoting: quoting inside braces default" {
	diff_sh <<'EOF_SH'
unset x; echo "${x:-'a b'}" ${x:-'a  b'}
EOF_SH
}

@test "quoting: quoted word with param in single quotes inside default in dquotes" {
	diff_sh <<'EOF_SH'
unset x; y=Y; echo "${x-'$y'}"
EOF_SH
}

@test "quoting: backslash before newline in word" {
	diff_sh <<'EOF_SH'
echo ab\
cd
EOF_SH
}

@test "quoting: nested quotes in cmdsub in dquotes" {
	diff_sh <<'EOF_SH'
echo "a$(echo "b'c'd")e"
EOF_SH
}

@test "quoting: quotes in arithmetic" {
	diff_sh <<'EOF_SH'
echo $(( 1 + "2" ))
EOF_SH
}

@test "quoting: quoting special parameter" {
	diff_sh <<'EOF_SH'
set -- a b; echo "$#" '$#' "\$#"
EOF_SH
}

@test "quoting: quoted tilde variations" {
	diff_sh <<'EOF_SH'
HOME=/h; echo "~" ~"" \~/a
EOF_SH
}

@test "quoting: quoted newline" {
	diff_sh <<'EOF_SH'
echo 'a
b'
EOF_SH
}

@test "quoting: quoted glob chars in cmdsub output" {
	diff_sh <<'EOF_SH'
touch aa; echo "$(echo 'a*')"
EOF_SH
}

@test "quoting: backquote in single quotes literal" {
	diff_sh <<'EOF_SH'
echo '`date`'
EOF_SH
}

@test "quoting: backslash backquote in dquotes" {
	diff_sh <<'EOF_SH'
echo "\`not\`"
EOF_SH
}

@test "quoting: dollar in single inside dquote inside cmdsub" {
	diff_sh <<'EOF_SH'
x=1; echo $(echo "'$x'")
EOF_SH
}

@test "quoting: quoting heredoc delimiter partially" {
	diff_sh <<'EOF_SH'
cat <<"E"O
$x
EO
EOF_SH
}

@test "quoting: printf with quoted format" {
	diff_sh <<'EOF_SH'
printf "%s-%s\n" 'a b' "c"
EOF_SH
}

@test "quoting: long single quoted" {
	diff_sh <<'EOF_SH'
echo 'a b c d e f g h i j k l m n o p'
EOF_SH
}

@test "quoting: quote after equals in argument" {
	diff_sh <<'EOF_SH'
echo a="b c" 'd'=e
EOF_SH
}

@test "quoting: escaped space in assignment" {
	diff_sh <<'EOF_SH'
x=a\ b; echo "$x"
EOF_SH
}

@test "quoting: double backslash in dquote" {
	diff_sh <<'EOF_SH'
echo "a\\\\b"
EOF_SH
}

@test "quoting: quoted empty in for" {
	diff_sh <<'EOF_SH'
for i in '' ""; do echo "[$i]"; done
EOF_SH
}

@test "quoting: single quote ends immediately" {
	diff_sh <<'EOF_SH'
echo ''a''b''
EOF_SH
}

@test "quoting: quote characters in case patterns" {
	diff_sh <<'EOF_SH'
case '"' in '"') echo dq;; esac; case "'" in "'") echo sq;; esac
EOF_SH
}

@test "quoting: backslash in case pattern" {
	diff_sh <<'EOF_SH'
case 'a\b' in 'a\b') echo bs;; esac
EOF_SH
}

@test "quoting: ifs and quotes combined" {
	diff_sh <<'EOF_SH'
IFS=:; x='a:b'; echo "$x" $x
EOF_SH
}

@test "quoting: unicode bytes passthrough" {
	diff_sh <<'EOF_SH'
echo 'héllo wörld'
EOF_SH
}

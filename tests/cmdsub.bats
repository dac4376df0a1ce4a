#!/usr/bin/env bats
# cmdsub.bats - differential cases (dash vs tine), see tests/helper.bash.
# Command substitution: $( ) and backquotes, nesting, quoting, trailing newlines.

load helper

@test "cmdsub: dollar paren" {
	diff_sh <<'EOF_SH'
echo $(echo hi)
EOF_SH
}

@test "cmdsub: backquote" {
	diff_sh <<'EOF_SH'
echo `echo hi`
EOF_SH
}

@test "cmdsub: trailing newlines stripped" {
	diff_sh <<'EOF_SH'
x=$(printf 'a\n\n\n'); echo "[$x]"
EOF_SH
}

@test "cmdsub: inner newlines kept" {
	diff_sh <<'EOF_SH'
x=$(printf 'a\n\nb\n'); echo "$x"
EOF_SH
}

@test "cmdsub: unquoted result split" {
	diff_sh <<'EOF_SH'
printf '<%s>\n' $(echo 'a  b   c')
EOF_SH
}

@test "cmdsub: quoted result not split" {
	diff_sh <<'EOF_SH'
printf '<%s>\n' "$(echo 'a  b')"
EOF_SH
}

@test "cmdsub: result globbed unquoted" {
	diff_sh <<'EOF_SH'
touch x1 x2; echo $(echo 'x*')
EOF_SH
}

@test "cmdsub: nested dollar paren" {
	diff_sh <<'EOF_SH'
echo $(echo $(echo $(echo deep)))
EOF_SH
}

@test "cmdsub: nested backquotes escaped" {
	diff_sh <<'EOF_SH'
echo `echo \`echo inner\``
EOF_SH
}

@test "cmdsub: backquote with dollar" {
	diff_sh <<'EOF_SH'
x=v; echo `echo $x`
EOF_SH
}

@test "cmdsub: backslash in backquote" {
	diff_sh <<'EOF_SH'
echo `echo '\\'`
EOF_SH
}

@test "cmdsub: backslash dollar in backquote" {
	diff_sh <<'EOF_SH'
echo `echo \$HOME | tr -d /` | sed 's/[a-z]*/w/'
EOF_SH
}

@test "cmdsub: double quotes inside dollar paren inside double quotes" {
	diff_sh <<'EOF_SH'
echo "$(echo "a   b")"
EOF_SH
}

@test "cmdsub: single quote inside cmdsub in dquotes" {
	diff_sh <<'EOF_SH'
echo "$(echo 'x  y')"
EOF_SH
}

@test "cmdsub: case inside dollar paren" {
	diff_sh <<'EOF_SH'
echo $(case a in a) echo matched;; esac)
EOF_SH
}

@test "cmdsub: case with paren pattern inside cmdsub" {
	diff_sh <<'EOF_SH'
echo $(case a in (a) echo p;; esac)
EOF_SH
}

@test "cmdsub: comment with paren inside cmdsub" {
	diff_sh <<'EOF_SH'
echo $(echo a # )
)
EOF_SH
}

@test "cmdsub: here doc inside cmdsub" {
	diff_sh <<'EOF_SH'
x=$(cat <<EOF
inside here
EOF
); echo "$x"
EOF_SH
}

@test "cmdsub: cmdsub status" {
	diff_sh <<'EOF_SH'
x=$(exit 3); echo $?
EOF_SH
}

@test "cmdsub: cmdsub status last of several" {
	diff_sh <<'EOF_SH'
x=$(false)$(true); echo $?
EOF_SH
}

@test "cmdsub: assignment only status is cmdsub status" {
	diff_sh <<'EOF_SH'
x=$(false); echo $?
EOF_SH
}

@test "cmdsub: cmdsub does not affect parent vars" {
	diff_sh <<'EOF_SH'
x=1; y=$(x=2; echo $x); echo $x $y
EOF_SH
}

@test "cmdsub: cmdsub sees functions" {
	diff_sh <<'EOF_SH'
f() { echo fun; }; echo $(f)
EOF_SH
}

@test "cmdsub: cmdsub exit in body" {
	diff_sh <<'EOF_SH'
echo $(echo a; exit; echo b) after
EOF_SH
}

@test "cmdsub: empty cmdsub" {
	diff_sh <<'EOF_SH'
echo "[$( )]" "[`true`]"
EOF_SH
}

@test "cmdsub: cmdsub with redirection only" {
	diff_sh <<'EOF_SH'
echo data > f; x=$(cat < f); echo $x
EOF_SH
}

@test "cmdsub: cmdsub stderr passes through" {
	# only stdout matters here; the inner shell name differs
	diff_sh --no-stderr <<'EOF_SH'
x=$(echo err >&2; echo out); echo $x
EOF_SH
}

@test "cmdsub: cmdsub arithmetic inside" {
	diff_sh <<'EOF_SH'
echo $(echo $((2*21)))
EOF_SH
}

@test "cmdsub: arithmetic vs cmdsub subshell" {
	diff_sh <<'EOF_SH'
echo $( (echo subshell) )
EOF_SH
}

@test "cmdsub: cmdsub in for list" {
	diff_sh <<'EOF_SH'
for i in $(echo 1 2 3); do echo "n$i"; done
EOF_SH
}

@test "cmdsub: cmdsub in case subject" {
	diff_sh <<'EOF_SH'
case $(echo yes) in yes) echo y;; esac
EOF_SH
}

@test "cmdsub: cmdsub in redirection target" {
	diff_sh <<'EOF_SH'
echo data > $(echo file.txt); cat file.txt
EOF_SH
}

@test "cmdsub: cmdsub with pipes" {
	diff_sh <<'EOF_SH'
echo $(echo abc | tr b B | tr c C)
EOF_SH
}

@test "cmdsub: cmdsub of external program" {
	diff_sh <<'EOF_SH'
x=$(printf %s external); echo $x
EOF_SH
}

@test "cmdsub: cmdsub of builtin" {
	diff_sh <<'EOF_SH'
x=$(pwd); [ "$x" = "$PWD" ] && echo same
EOF_SH
}

@test "cmdsub: nested quoting param in cmdsub in dquote" {
	diff_sh <<'EOF_SH'
x='a b'; echo "$(echo "${x%b}end")"
EOF_SH
}

@test "cmdsub: param default containing cmdsub containing quotes" {
	diff_sh <<'EOF_SH'
unset u; echo "${u-$(echo "in  ner")}"
EOF_SH
}

@test "cmdsub: cmdsub containing param with braces" {
	diff_sh <<'EOF_SH'
echo $(x=abc; echo ${x#a})
EOF_SH
}

@test "cmdsub: backquote with double quotes inside dquotes" {
	diff_sh <<'EOF_SH'
echo "`echo "q  q"`"
EOF_SH
}

@test "cmdsub: backquote escaped dquote in dquotes" {
	diff_sh <<'EOF_SH'
echo "`echo \"esc\"`"
EOF_SH
}

@test "cmdsub: cmdsub newline in middle of command" {
	diff_sh <<'EOF_SH'
x=$(echo a
echo b); echo "$x"
EOF_SH
}

@test "cmdsub: cmdsub with semicolons and ampersand" {
	diff_sh <<'EOF_SH'
x=$(echo a; echo b & wait); echo $x
EOF_SH
}

@test "cmdsub: cmdsub large output" {
	diff_sh <<'EOF_SH'
x=$(i=0; while [ $i -lt 2000 ]; do echo line$i; i=$((i+1)); done); echo "${#x}"
EOF_SH
}

@test "cmdsub: cmdsub keeps nul free" {
	diff_sh <<'EOF_SH'
x=$(printf 'a\nb'); echo "$x" | wc -l | tr -d ' '
EOF_SH
}

@test "cmdsub: cmdsub in assignment prefix" {
	diff_sh <<'EOF_SH'
x=$(echo pre) sh -c 'echo $x' 2>/dev/null || true; echo $x
EOF_SH
}

@test "cmdsub: cmdsub trailing carriage stays" {
	diff_sh <<'EOF_SH'
x=$(printf 'a\r'); printf '%s' "$x" | od -c | head -1 | tr -s ' '
EOF_SH
}

@test "cmdsub: dollar paren with case and esac in nested" {
	diff_sh <<'EOF_SH'
x=$(case b in a) echo A;; b) echo $(case c in c) echo C;; esac);; esac); echo $x
EOF_SH
}

@test "cmdsub: cmdsub with backslash newline" {
	diff_sh <<'EOF_SH'
x=$(echo a\
b); echo $x
EOF_SH
}

@test "cmdsub: cmdsub heredoc with quotes" {
	diff_sh <<'EOF_SH'
x=$(cat <<'E'
'single' "double" $notexp
E
); echo "$x"
EOF_SH
}

@test "cmdsub: cmdsub with trap inside" {
	diff_sh <<'EOF_SH'
x=$(trap 'echo trapped' EXIT; echo body); echo "$x"
EOF_SH
}

@test "cmdsub: cmdsub set -e inside" {
	diff_sh <<'EOF_SH'
x=$(set -e; false; echo no); echo "[$x] $?"
EOF_SH
}

@test "cmdsub: deeply nested quoting" {
	diff_sh <<'EOF_SH'
a=1; echo "$(echo "$(echo "$(echo "a=$a")")")"
EOF_SH
}

@test "cmdsub: backquote in dollar paren" {
	diff_sh <<'EOF_SH'
echo $(echo `echo mixed`)
EOF_SH
}

@test "cmdsub: dollar paren in backquote" {
	diff_sh <<'EOF_SH'
echo `echo $(echo mixed2)`
EOF_SH
}

@test "cmdsub: cmdsub with parens in string" {
	diff_sh <<'EOF_SH'
echo $(echo ')(' "(")
EOF_SH
}

@test "cmdsub: cmdsub unbalanced paren in single quotes" {
	diff_sh <<'EOF_SH'
echo "$(echo ')')"
EOF_SH
}

@test "cmdsub: cmdsub with subshell and case" {
	diff_sh <<'EOF_SH'
echo $( (case x in x) echo sc;; esac) )
EOF_SH
}

@test "cmdsub: cmdsub exit status from pipeline" {
	diff_sh <<'EOF_SH'
x=$(true | false); echo $?
EOF_SH
}

@test "cmdsub: word with two cmdsubs" {
	diff_sh <<'EOF_SH'
echo a$(echo b)c$(echo d)e
EOF_SH
}

@test "cmdsub: cmdsub output used as command" {
	diff_sh <<'EOF_SH'
$(echo echo) runs
EOF_SH
}

@test "cmdsub: cmdsub result with IFS whitespace trimmed" {
	diff_sh <<'EOF_SH'
printf '<%s>\n' $(printf '  lead trail  ')
EOF_SH
}

# --- nasty cases: here POSIX decides, dash is the reference ---

@test "cmdsub: three levels of backquotes" {
	diff_sh <<'EOF_SH'
echo `echo \`echo \\\`echo deep\\\`\``
EOF_SH
}

@test "cmdsub: backquotes inside dollar-paren" {
	diff_sh <<'EOF_SH'
echo $(echo `echo a   b`) "$(echo `echo "c   d"`)"
EOF_SH
}

@test "cmdsub: dollar-paren inside backquotes" {
	diff_sh <<'EOF_SH'
x=v; echo `echo $(echo "[$x]")` "`echo $(echo '$x')`"
EOF_SH
}

@test "cmdsub: backslash pairs in backquotes" {
	diff_sh <<'EOF_SH'
echo `echo '\\'` `echo "\\$"` `printf '%s\n' \\\\`
EOF_SH
}

@test "cmdsub: backquote in double quotes with escaped dollar and quote" {
	diff_sh <<'EOF_SH'
x=v; echo "`echo \"\$x\" '\$x'`"
EOF_SH
}

@test "cmdsub: subshell at the start of dollar-paren" {
	diff_sh <<'EOF_SH'
echo $( (echo a; echo b) | tr -d '\n') "$( (echo c) )"
EOF_SH
}

@test "cmdsub: here-doc with close paren in body inside dollar-paren" {
	diff_sh <<'EOF_SH'
x=$(cat <<EOF
a)b ( c
EOF
); echo "[$x]"
EOF_SH
}

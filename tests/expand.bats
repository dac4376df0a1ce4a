#!/usr/bin/env bats
# expand.bats - differential cases (dash vs tine), see tests/helper.bash.
# Tilde, parameters (every ${} form), special parameters.

load helper

@test "expand: tilde alone" {
	diff_sh <<'EOF_SH'
HOME=/h/me; echo ~
EOF_SH
}

@test "expand: tilde slash" {
	diff_sh <<'EOF_SH'
HOME=/h/me; echo ~/x/y
EOF_SH
}

@test "expand: tilde quoted is literal" {
	diff_sh <<'EOF_SH'
HOME=/h/me; echo "~" '~' \~ "~/x"
EOF_SH
}

@test "expand: tilde in middle is literal" {
	diff_sh <<'EOF_SH'
HOME=/h/me; echo a~ x~/y
EOF_SH
}

@test "expand: tilde root user" {
	diff_sh <<'EOF_SH'
echo ~root | sed 's/^\/root$/ok/'
EOF_SH
}

@test "expand: tilde unknown user stays" {
	diff_sh <<'EOF_SH'
echo ~nosuchuser_tine_x/a
EOF_SH
}

@test "expand: tilde in assignment after colon" {
	diff_sh <<'EOF_SH'
HOME=/h; x=~:~/b:c~; echo "$x"
EOF_SH
}

@test "expand: tilde in assignment value start" {
	diff_sh <<'EOF_SH'
HOME=/h; x=~/p; echo "$x"
EOF_SH
}

@test "expand: tilde HOME empty" {
	# tine-only: ~ with HOME empty is one empty field (bash); dash drops
	# the field.  POSIX does not say.
	run_tine_script <<'EOF_SH'
HOME=; echo ~ "[$(echo ~)]"; set -- ~; echo $#; printf '<%s>\n' ~/x
EOF_SH
	check_status 0
	check_output $' []\n1\n</x>'
	check_stderr ''
}

@test "expand: tilde HOME unset" {
	diff_sh <<'EOF_SH'
unset HOME; echo ~ | grep -c .
EOF_SH
}

@test "expand: tilde result not split" {
	diff_sh <<'EOF_SH'
HOME='/a b'; set -- ~; echo $#
EOF_SH
}

@test "expand: tilde in for list" {
	diff_sh <<'EOF_SH'
HOME=/h; for i in ~ ~/a; do echo $i; done
EOF_SH
}

@test "expand: tilde after = in argument not expanded" {
	diff_sh <<'EOF_SH'
HOME=/h; echo a=~ --x=~
EOF_SH
}

@test "expand: tilde in case pattern" {
	diff_sh <<'EOF_SH'
HOME=/h; case /h in ~) echo yes;; *) echo no;; esac
EOF_SH
}

@test "expand: tilde in word of default" {
	diff_sh <<'EOF_SH'
HOME=/h; unset u; echo ${u-~}
EOF_SH
}

@test "expand: tilde in double quoted default is literal" {
	diff_sh <<'EOF_SH'
HOME=/h; unset u; echo "${u-~}"
EOF_SH
}

@test "expand: plain var" {
	diff_sh <<'EOF_SH'
x=abc; echo $x ${x} "$x" "${x}"
EOF_SH
}

@test "expand: braces delimit name" {
	diff_sh <<'EOF_SH'
x=abc; echo ${x}def $xdef.
EOF_SH
}

@test "expand: unset var is empty" {
	diff_sh <<'EOF_SH'
unset x; echo "[$x]" [${x}]
EOF_SH
}

@test "expand: default unset" {
	diff_sh <<'EOF_SH'
unset x; echo ${x-def} ${x:-def}
EOF_SH
}

@test "expand: default empty" {
	diff_sh <<'EOF_SH'
x=; echo "[${x-def}]" "[${x:-def}]"
EOF_SH
}

@test "expand: default set" {
	diff_sh <<'EOF_SH'
x=v; echo ${x-def} ${x:-def}
EOF_SH
}

@test "expand: default word expanded" {
	diff_sh <<'EOF_SH'
unset x; y=Y; echo ${x-$y} ${x:-"$y z"} ${x-$(echo cs)} ${x-$((1+2))}
EOF_SH
}

@test "expand: default not evaluated when set" {
	diff_sh <<'EOF_SH'
x=1; echo ${x-$(echo side >&2)} ${x:-$((y=5))} "[$y]"
EOF_SH
}

@test "expand: assign unset" {
	diff_sh <<'EOF_SH'
unset x; echo ${x=new}; echo $x
EOF_SH
}

@test "expand: assign empty with colon" {
	diff_sh <<'EOF_SH'
x=; echo ${x:=new}; echo $x
EOF_SH
}

@test "expand: assign empty without colon" {
	diff_sh <<'EOF_SH'
x=; echo "[${x=new}]"; echo "[$x]"
EOF_SH
}

@test "expand: assign keeps set" {
	diff_sh <<'EOF_SH'
x=old; echo ${x:=new} $x
EOF_SH
}

@test "expand: assign to positional is error" {
	diff_sh <<'EOF_SH'
set -- a; echo ${1=b}
EOF_SH
}

@test "expand: assign quoted word" {
	diff_sh <<'EOF_SH'
unset x; : "${x=a  b}"; echo "$x"; echo $x
EOF_SH
}

@test "expand: error unset" {
	diff_sh --error-exit <<'EOF_SH'
unset x; echo ${x?custom message}; echo notreached
EOF_SH
}

@test "expand: error unset default message" {
	diff_sh --error-exit <<'EOF_SH'
unset x; (echo ${x?}); [ $? -ne 0 ] && echo "status non-zero"
EOF_SH
}

@test "expand: error empty with colon" {
	diff_sh --error-exit <<'EOF_SH'
x=; (: ${x:?is empty}); [ $? -ne 0 ] && echo "st non-zero"
EOF_SH
}

@test "expand: error empty without colon ok" {
	diff_sh <<'EOF_SH'
x=; echo "[${x?nope}]"
EOF_SH
}

@test "expand: error set passes" {
	diff_sh <<'EOF_SH'
x=v; echo ${x:?no}
EOF_SH
}

@test "expand: error in subshell does not stop parent" {
	diff_sh <<'EOF_SH'
unset x; (echo ${x?gone}); echo after
EOF_SH
}

@test "expand: alternate unset" {
	diff_sh <<'EOF_SH'
unset x; echo "[${x+alt}]" "[${x:+alt}]"
EOF_SH
}

@test "expand: alternate empty" {
	diff_sh <<'EOF_SH'
x=; echo "[${x+alt}]" "[${x:+alt}]"
EOF_SH
}

@test "expand: alternate set" {
	diff_sh <<'EOF_SH'
x=v; echo ${x+alt} ${x:+alt}
EOF_SH
}

@test "expand: alternate quoted inner" {
	diff_sh <<'EOF_SH'
x=v; printf '<%s>\n' ${x+"a b" c}
EOF_SH
}

@test "expand: length" {
	diff_sh <<'EOF_SH'
x=hello; echo ${#x}
EOF_SH
}

@test "expand: length empty and unset" {
	diff_sh <<'EOF_SH'
x=; unset y; echo ${#x} ${#y}
EOF_SH
}

@test "expand: length of positional count" {
	diff_sh <<'EOF_SH'
set -- a b c; echo ${#} ${#1}
EOF_SH
}

@test "expand: length multibyte C locale" {
	diff_sh <<'EOF_SH'
x=abcdef; echo ${#x}
EOF_SH
}

@test "expand: length special" {
	# tine-only: ${#@} and ${#*} are the number of positional parameters
	# (bash, ksh); dash gives the length of "$*".  POSIX leaves it
	# unspecified.
	run_tine_script a b c <<'EOF_SH'
echo ${#@} ${#*} "${#@}"
set -- aa bbb; echo ${#@} ${#*}
set --; echo ${#@} ${#*}
EOF_SH
	check_status 0
	check_output $'3 3 3\n2 2\n0 0'
	check_stderr ''
}

@test "expand: trim suffix shortest" {
	diff_sh <<'EOF_SH'
x=file.tar.gz; echo ${x%.*}
EOF_SH
}

@test "expand: trim suffix longest" {
	diff_sh <<'EOF_SH'
x=file.tar.gz; echo ${x%%.*}
EOF_SH
}

@test "expand: trim prefix shortest" {
	diff_sh <<'EOF_SH'
x=/a/b/c; echo ${x#*/}
EOF_SH
}

@test "expand: trim prefix longest" {
	diff_sh <<'EOF_SH'
x=/a/b/c; echo ${x##*/}
EOF_SH
}

@test "expand: trim no match" {
	diff_sh <<'EOF_SH'
x=abc; echo ${x%z} ${x#z} ${x%%z*} ${x##*z}
EOF_SH
}

@test "expand: trim whole" {
	diff_sh <<'EOF_SH'
x=abc; echo "[${x#abc}]" "[${x%%*}]"
EOF_SH
}

@test "expand: trim with bracket" {
	diff_sh <<'EOF_SH'
x=abc123; echo ${x%%[0-9]*} ${x##*[!0-9]}
EOF_SH
}

@test "expand: trim with question mark" {
	diff_sh <<'EOF_SH'
x=abcd; echo ${x#??} ${x%?}
EOF_SH
}

@test "expand: trim quoted pattern literal" {
	diff_sh <<'EOF_SH'
x='a*b*c'; echo ${x#"a*"} ${x%'*c'} ${x#a*}
EOF_SH
}

@test "expand: trim pattern from variable unquoted" {
	diff_sh <<'EOF_SH'
x=aXbXc; p='X*'; echo ${x%$p} ${x%"$p"}
EOF_SH
}

@test "expand: trim empty pattern" {
	diff_sh <<'EOF_SH'
x=abc; echo ${x#} ${x%}
EOF_SH
}

@test "expand: trim on unset" {
	diff_sh <<'EOF_SH'
unset x; echo "[${x#a}]"
EOF_SH
}

@test "expand: trim star on positional" {
	diff_sh <<'EOF_SH'
set -- one.c two.c; echo ${1%.c} ${2%.c}
EOF_SH
}

@test "expand: trim pattern with escaped star" {
	diff_sh <<'EOF_SH'
x='a*b'; echo ${x#a\*}
EOF_SH
}

@test "expand: trim longest on path" {
	diff_sh <<'EOF_SH'
p=/usr/local/bin/tool; echo ${p%/*} ${p%%/*}x ${p##*/}
EOF_SH
}

@test "expand: nested default in default" {
	diff_sh <<'EOF_SH'
unset a b; c=C; echo ${a-${b-${c}}}
EOF_SH
}

@test "expand: nested alternate in trim" {
	diff_sh <<'EOF_SH'
x=abcabc; y=b; echo ${x%${y}*} ${x%%${y}*}
EOF_SH
}

@test "expand: dollar at end of word" {
	diff_sh <<'EOF_SH'
echo a$ "b$" $
EOF_SH
}

@test "expand: dollar followed by nonname" {
	diff_sh <<'EOF_SH'
echo $% $, "$+"
EOF_SH
}

@test "expand: positional past 9" {
	diff_sh <<'EOF_SH'
set -- 1 2 3 4 5 6 7 8 9 ten eleven; echo ${10} ${11} $10
EOF_SH
}

@test "expand: positional unset" {
	diff_sh <<'EOF_SH'
set -- a; echo "[${2}]" "[${2-u}]"
EOF_SH
}

@test "expand: dollar hash" {
	diff_sh <<'EOF_SH'
set -- a b "c d"; echo $#
EOF_SH
}

@test "expand: dollar question" {
	diff_sh <<'EOF_SH'
false; echo $?; true; echo $?
EOF_SH
}

@test "expand: dollar question after pipeline" {
	diff_sh <<'EOF_SH'
false | true; echo $?; true | false; echo $?
EOF_SH
}

@test "expand: dollar dollar same in subshell" {
	diff_sh <<'EOF_SH'
a=$$; b=$(echo $$); [ "$a" = "$b" ] && echo same
EOF_SH
}

@test "expand: dollar dollar numeric" {
	diff_sh <<'EOF_SH'
case $$ in *[!0-9]*) echo bad;; *) echo ok;; esac
EOF_SH
}

@test "expand: dollar bang" {
	diff_sh <<'EOF_SH'
sleep 0 & p=$!; wait; case $p in ''|*[!0-9]*) echo bad;; *) echo ok;; esac
EOF_SH
}

@test "expand: dollar bang unset before background" {
	diff_sh <<'EOF_SH'
echo "[${!-none}]"
EOF_SH
}

@test "expand: dollar minus has no i" {
	diff_sh <<'EOF_SH'
case $- in *i*) echo interactive;; *) echo not;; esac
EOF_SH
}

@test "expand: dollar minus shows set options" {
	diff_sh <<'EOF_SH'
set -f; case $- in *f*) echo f;; esac; set +f; case $- in *f*) echo still;; *) echo gone;; esac
EOF_SH
}

@test "expand: dollar zero script" {
	diff_sh <<'EOF_SH'
case $0 in */t.sh) echo script;; *) echo "$0";; esac
EOF_SH
}

@test "expand: dollar zero in function" {
	diff_sh <<'EOF_SH'
f() { case $0 in */t.sh) echo ok;; esac; }; f
EOF_SH
}

@test "expand: at unquoted" {
	diff_sh <<'EOF_SH'
set -- 'a b' c; for i in $@; do echo "<$i>"; done
EOF_SH
}

@test "expand: at quoted" {
	diff_sh <<'EOF_SH'
set -- 'a b' c; for i in "$@"; do echo "<$i>"; done
EOF_SH
}

@test "expand: at quoted empty list" {
	diff_sh <<'EOF_SH'
set --; for i in "$@"; do echo "<$i>"; done; echo end
EOF_SH
}

@test "expand: at quoted with prefix and suffix" {
	diff_sh <<'EOF_SH'
set -- a b c; printf '<%s>\n' "x$@y"
EOF_SH
}

@test "expand: at quoted with prefix empty list" {
	diff_sh <<'EOF_SH'
set --; printf '<%s>\n' "x$@y"
EOF_SH
}

@test "expand: at quoted empty args kept" {
	diff_sh <<'EOF_SH'
set -- '' ''; printf '<%s>\n' "$@"; echo $#
EOF_SH
}

@test "expand: star quoted joins with IFS first char" {
	diff_sh <<'EOF_SH'
set -- a b c; IFS=:; echo "$*"
EOF_SH
}

@test "expand: star quoted IFS empty" {
	diff_sh <<'EOF_SH'
set -- a b c; IFS=; echo "$*"
EOF_SH
}

@test "expand: star quoted IFS unset" {
	diff_sh <<'EOF_SH'
set -- a b c; unset IFS; echo "$*"
EOF_SH
}

@test "expand: star unquoted splits" {
	diff_sh <<'EOF_SH'
set -- 'a b' c; printf '<%s>\n' $*
EOF_SH
}

@test "expand: at in assignment" {
	diff_sh <<'EOF_SH'
set -- a b c; x=$@; echo "$x"
EOF_SH
}

@test "expand: star in assignment" {
	diff_sh <<'EOF_SH'
set -- a b c; IFS=-; x=$*; echo "$x"
EOF_SH
}

@test "expand: at in default" {
	diff_sh <<'EOF_SH'
unset u; set -- a 'b c'; printf '<%s>\n' "${u-$@}"
EOF_SH
}

@test "expand: at in alternate" {
	diff_sh <<'EOF_SH'
set -- a 'b c'; printf '<%s>\n' ${1+"$@"}
EOF_SH
}

@test "expand: at length and hash" {
	diff_sh <<'EOF_SH'
set -- a b c d; echo $# ${#}
EOF_SH
}

@test "expand: dollar at in case subject" {
	diff_sh <<'EOF_SH'
set -- a b; case "$@" in 'a b') echo joined;; *) echo other;; esac
EOF_SH
}

@test "expand: dollar at in here string echo" {
	diff_sh <<'EOF_SH'
set -- x y; echo "args: $@"
EOF_SH
}

@test "expand: shift changes at" {
	diff_sh <<'EOF_SH'
set -- a b c; shift; echo "$@"; shift 2; echo "[$*]"
EOF_SH
}

@test "expand: set dash dash resets" {
	diff_sh <<'EOF_SH'
set -- a b; set --; echo $#
EOF_SH
}

@test "expand: unset variable with -u off" {
	diff_sh <<'EOF_SH'
unset nope; echo "[$nope]"
EOF_SH
}

@test "expand: brace param special" {
	diff_sh <<'EOF_SH'
set -- a b; echo ${#} ${?} ${-+dash} ${$+pid}
EOF_SH
}

@test "expand: hash in braces is length not comment" {
	diff_sh <<'EOF_SH'
x=abc; echo ${#x}# x#y
EOF_SH
}

@test "expand: nested quotes in default" {
	diff_sh <<'EOF_SH'
unset x; echo "${x-"a b"}" "${x-'q'}"
EOF_SH
}

@test "expand: single quotes in double quoted default" {
	diff_sh <<'EOF_SH'
unset x; echo "${x-'single'}"
EOF_SH
}

@test "expand: backslash in double quoted default" {
	diff_sh <<'EOF_SH'
unset x; echo "${x-a\"b}" "${x-\$}"
EOF_SH
}

@test "expand: unquoted default with spaces splits" {
	diff_sh <<'EOF_SH'
unset x; printf '<%s>\n' ${x-a   b}
EOF_SH
}

@test "expand: quoted default does not split" {
	diff_sh <<'EOF_SH'
unset x; printf '<%s>\n' "${x-a   b}"
EOF_SH
}

@test "expand: default with glob chars not globbed when quoted" {
	diff_sh <<'EOF_SH'
unset x; touch a1 a2; printf '<%s>\n' "${x-a*}" ${x-a*}
EOF_SH
}

@test "expand: parameter value glob expanded unquoted" {
	diff_sh <<'EOF_SH'
touch f1 f2; x='f*'; echo $x "$x"
EOF_SH
}

@test "expand: parameter with newline" {
	diff_sh <<'EOF_SH'
x='a
b'; echo "$x"; echo $x
EOF_SH
}

@test "expand: assignment no split" {
	diff_sh <<'EOF_SH'
x='a   b'; y=$x; echo "$y"
EOF_SH
}

@test "expand: assignment no glob" {
	diff_sh <<'EOF_SH'
touch g1; x=g*; echo "$x"
EOF_SH
}

@test "expand: multiple assignments left to right" {
	diff_sh <<'EOF_SH'
a=1 b=$a; echo $b
EOF_SH
}

@test "expand: readonly in expansion" {
	diff_sh <<'EOF_SH'
readonly r=5; echo ${r}
EOF_SH
}

@test "expand: braces special names" {
	diff_sh <<'EOF_SH'
set -- p q; echo ${1}${2}
EOF_SH
}

@test "expand: var named with underscore and digits" {
	diff_sh <<'EOF_SH'
_a1=x; echo $_a1 ${_a1}
EOF_SH
}

@test "expand: long var name" {
	diff_sh <<'EOF_SH'
abcdefghijklmnopqrstuvwxyz_0123456789=long; echo $abcdefghijklmnopqrstuvwxyz_0123456789
EOF_SH
}

@test "expand: env var exported seen" {
	diff_sh <<'EOF_SH'
export EV=1; sh -c 'echo $EV' 2>/dev/null || env | grep '^EV='
EOF_SH
}

@test "expand: IFS in length" {
	diff_sh <<'EOF_SH'
IFS=x; y=axbxc; echo ${#y}
EOF_SH
}

@test "expand: expand in here within arith in param" {
	diff_sh <<'EOF_SH'
x=3; echo ${y-$((x*2))}
EOF_SH
}

@test "expand: default with command substitution quotes" {
	diff_sh <<'EOF_SH'
unset x; echo "${x-$(echo "a  b")}"
EOF_SH
}

@test "expand: default with nested braces close" {
	diff_sh <<'EOF_SH'
unset x; echo ${x-a}b} c
EOF_SH
}

@test "expand: error message in expansion status" {
	diff_sh --error-exit <<'EOF_SH'
unset x; ( : ${x?} ) 2>/dev/null; [ $? -ne 0 ] && echo non-zero
EOF_SH
}

@test "expand: error in noninteractive exits script" {
	diff_sh --error-exit <<'EOF_SH'
unset x; echo before; : ${x?bye}; echo after
EOF_SH
}

@test "expand: trim on at" {
	# tine-only: ${@%pat} trims each parameter and stays one field per
	# parameter (bash, ksh); dash trims the joined string.  POSIX leaves
	# it unspecified.
	run_tine_script <<'EOF_SH'
set -- ab.c cd.c 'e f.c'; printf '<%s>\n' "${@%.c}" "${@#?}"
EOF_SH
	check_status 0
	check_output $'<ab>\n<cd>\n<e f>\n<b.c>\n<d.c>\n< f.c>'
	check_stderr ''
}

@test "expand: trim on star" {
	# tine-only: as above; "${*%pat}" trims each parameter, then joins them.
	run_tine_script <<'EOF_SH'
set -- ab.c cd.c; echo "${*%.c}"; IFS=-; echo "${*#?}"
EOF_SH
	check_status 0
	check_output $'ab cd\nb.c-d.c'
	check_stderr ''
}

@test "expand: length of number var" {
	diff_sh <<'EOF_SH'
n=12345; echo ${#n}
EOF_SH
}

@test "expand: positional zero braces" {
	diff_sh <<'EOF_SH'
case ${0} in */t.sh) echo yes;; esac
EOF_SH
}

@test "expand: default colon on at empty" {
	diff_sh <<'EOF_SH'
set --; echo "${@:-empty}"
EOF_SH
}

@test "expand: alternate on at nonempty" {
	diff_sh <<'EOF_SH'
set -- a; echo "${@:+full}"
EOF_SH
}

# --- nasty cases: here POSIX decides, dash is the reference ---

@test "expand: trim with quoted and unquoted pattern from variable" {
	diff_sh <<'EOF_SH'
p='*'; x='*ab*'; echo "${x#"$p"}" "${x#$p}" "${x%"$p"}" "${x%$p}" "${x##$p}".
EOF_SH
}

@test "expand: default word with cmdsub holding braces" {
	diff_sh <<'EOF_SH'
unset u; echo "${u:-$(echo "}{")}" ${u-`echo '}'`}
EOF_SH
}

@test "expand: at with empty list inside words" {
	diff_sh <<'EOF_SH'
set --; printf '<%s>' "x$@y" "$@" "${1+"$@"}"; echo; set -- 'a b'; printf '<%s>' "x$@y" "${1+"$@"}" ${1+"$@"}; echo
EOF_SH
}

# ---- ${x:off:len} and ${x/pat/rep}: not POSIX (dash rejects them), but
# bash, ksh, mksh, zsh and busybox ash have them and scripts use them.
# The golden outputs are bash --posix's (5.2), except that & in the
# replacement is plain text (bash 5.2's patsub_replacement; ksh and
# busybox ash have none).

@test "expand: substring \${x:off:len} as bash" {
	run_tine_script a b c d <<'EOF_SH'
v=abcdef
echo "1 ${v:2} ${v:2:3} ${v::2} ${v: -2} ${v: -2:1} ${v:1:-1} [${v:6}] [${v:9}] [${v: -9}] [${v: -9:-99}]"
o=1 l=2; echo "2 ${v:o:l} ${v:$o+1:l*2} ${v:(1)}"
echo "3 ${v:-x} ${v:=y}"
echo "4 ${@:2} | ${@:2:2} | ${@: -1} | ${*:3}"
[ "${@:0:1}" = "$0" ] && echo "4 \$0 first"
for w in "${@:2:2}"; do echo "5 [$w]"; done
u=; echo "6 [${u:0:1}] [${nosuch:1}]"
i=0; : "${v:$((i+=2))}"; echo "7 $i"
EOF_SH
	check_status 0
	check_output "1 cdef cde ab ef e bcde [] [] [] []
2 bc cdef bcdef
3 abcdef abcdef
4 b c d | b c | d | c d
4 \$0 first
5 [b]
5 [c]
6 [] []
7 2"
}

@test "expand: substring errors" {
	run_tine -c 'x=abc; echo ${x:0:-4}; echo not reached'
	check_status 1
	check_stderr 'sh: x: substring expression < 0'
	run_tine -c 'echo ${x:}'
	check_status 1
	check_stderr 'sh: ${x:}: bad substitution'
	run_tine -c 'set -u; echo ${nosuch:1}'
	check_status 1
	check_stderr_match 'nosuch: parameter not set'
}

# Another shell's ${...} in a branch never taken must not stop the script:
# it is an error when expanded, not when read (dash, bash).
@test "expand: a malformed \${...} is an error only when it is expanded" {
	diff_sh --error-exit --no-stderr <<'EOF_SH'
if [ -n "${BASH_VERSION-}" ]; then y=${!x} z=${a;b} w="${.q}" v=${#x:-1}; fi
echo "not taken: ok"
case x in y) echo ${!x} ${x{a}b} ;; esac; f() { echo "${!x:-d}"; }; echo defined
if false; then echo "${a'}" "${!q}"; fi; echo "inside quotes: it's ok"
x=1; y=${x;}; echo "not reached $y"
EOF_SH
	run_tine -c 'echo ${!x}; echo not reached'
	check_status 1
	check_stderr 'sh: ${!x}: bad substitution'
	run_tine -c 'f() { echo ${!x} "${a;b}"; }; f'
	check_status 1
	check_stderr 'sh: ${!x}: bad substitution'
	# the end of input before the '}' is still a syntax error
	run_tine -c 'echo ${!x'
	check_status 2
	check_stderr "sh: syntax error: missing '}'"
}

@test "expand: pattern replacement \${x/pat/rep} as bash" {
	run_tine_script ab cb <<'EOF_SH'
v=abcabc
echo "1 ${v/b/X} ${v//b/X} ${v/#a/X} ${v/%c/X} ${v/#b/X} ${v/%b/X} ${v/#/P} ${v/%/S}"
echo "2 ${v/b*/X} ${v//[ac]/-} ${v/?/} ${v//b} [${v/}] [${v//}]"
p='b*'; echo "3 ${v/$p/X} ${v/"$p"/X} ${v/'b*'/X}"
s='a*b'; echo "4 ${s/'*'/-} ${s/\*/-} ${s/[*]/-}"
x=xx; f() { for i; do echo "5 |$i|"; done; }; f ${x/x/"y z"}; f "${x//x/'q r'}"
d=/dev/ram; echo "6 ${d////-} ${d///r/-} ${d//\//-}"
e=; echo "7 [${e/*/w}] [${nosuch/*/w}]"
echo "8 ${@/b/X} ${*//[ac]/-}"
r='&'; printf '9 %s %s\n' "${v/b/$r}" ${v/b/\\}
>a1z; >a2z; g='a bz'; echo "10 ${g/a*z/a*z}" ${g/a*z/a*z}
EOF_SH
	check_status 0
	check_output '1 aXcabc aXcaXc Xbcabc abcabX abcabc abcabc Pabcabc abcabcS
2 aX -b--b- bcabc acac [abcabc] [abcabc]
3 aX abcabc abcabc
4 a-b a-b a-b
5 |y|
5 |zx|
5 |q rq r|
6 -dev-ram /dev-am -dev-ram
7 [w] []
8 aX cX -b -b
9 a&cabc a\cabc
10 a*z a1z a2z'
}

# Job texts (and function bodies) print these forms so that they read
# back the same.
@test "expand: substring and replacement print back as written" {
	run_tine_script <<'EOF_SH'
mkfifo p; exec 3<>p; set -m
{ read -r _ <&3; : "${x/a/"'"}" ${x//\//"q r"} ${x/#"'"} ${x/%b} "${x:1:2}" ${x: -1} "${x/b/""}" "${x////}"; } &
jobs; echo >&3; wait
EOF_SH
	check_status 0
	check_output "[1] + Running                    { read -r _ <&3; : \"\${x/a/''\\'''}\" \${x//'/'/'q r'} \${x/#''\\'''} \${x/%b} \"\${x:1:2}\" \${x: -1} \"\${x/b/''}\" \"\${x///}\"; }"
}

# A pattern without * matches a bounded number of bytes, so replacing in
# a long value tries one length per place (not every length: that was
# quadratic, minutes for this value).
@test "expand: pattern replacement in a long value stays linear" {
	run_tine -c 'x=$(printf "%0200000d" 0); y=${x//[0]/ab}; echo ${#y}; z=${x//0/a}; echo ${#z}; w=${x/#*0/}; echo "[$w]${x/%0*/}."'
	check_status 0
	check_output "400000
200000
[]."
}

# Inside "..." and in a here-document, ${x?} with no word still says
# "parameter not set"; only the word's own quotes make an empty message.
@test "expand: \${x?} inside double quotes and a here-document keeps its message" {
	diff_sh <<'EOF_SH'
unset q
(echo "${q?}") || echo failed
(echo "${q:?}") || echo failed
(echo "${q?""}") || echo failed
(echo "${q?msg $0x}") || echo failed
q=; (echo "${q:?}") || echo failed
(cat <<EOF
${r?}
EOF
) || echo failed
q=1; echo "${q?}" "${q:?x}"
EOF_SH
}

#!/usr/bin/env bats
# split.bats - differential cases (dash vs tine), see tests/helper.bash.
# Field splitting by IFS (XCU 2.6.5): whitespace and non-whitespace rules.

load helper

@test "split: default IFS splits on blanks" {
	diff_sh <<'EOF_SH'
x='a b	c
d'; printf '<%s>\n' $x
EOF_SH
}

@test "split: leading trailing whitespace dropped" {
	diff_sh <<'EOF_SH'
x='   a   b   '; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS colon" {
	diff_sh <<'EOF_SH'
IFS=:; x='a:b::c'; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS colon leading empty field" {
	diff_sh <<'EOF_SH'
IFS=:; x=':a'; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS colon trailing separator no empty field" {
	diff_sh <<'EOF_SH'
IFS=:; x='a:'; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS colon two trailing" {
	diff_sh <<'EOF_SH'
IFS=:; x='a::'; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS mixed whitespace and colon" {
	diff_sh <<'EOF_SH'
IFS=' :'; x=' a : b :: c '; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS whitespace around nonwhitespace" {
	diff_sh <<'EOF_SH'
IFS=' ,'; x='a , b,c ,, d'; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS empty no splitting" {
	diff_sh <<'EOF_SH'
IFS=; x='a b c'; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS unset default splitting" {
	diff_sh <<'EOF_SH'
unset IFS; x='a  b'; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS only colon keeps spaces" {
	diff_sh <<'EOF_SH'
IFS=:; x='a b:c d'; printf '<%s>\n' $x
EOF_SH
}

@test "split: empty expansion removed" {
	diff_sh <<'EOF_SH'
x=; printf '<%s>\n' a $x b
EOF_SH
}

@test "split: empty quoted kept" {
	diff_sh <<'EOF_SH'
x=; printf '<%s>\n' a "$x" b
EOF_SH
}

@test "split: only separators" {
	diff_sh <<'EOF_SH'
IFS=:; x=':::'; printf '<%s>\n' $x; echo end
EOF_SH
}

@test "split: single separator" {
	diff_sh <<'EOF_SH'
IFS=:; x=':'; printf '<%s>\n' $x; echo end
EOF_SH
}

@test "split: splitting only of expansions not literals" {
	diff_sh <<'EOF_SH'
IFS=:; printf '<%s>\n' a:b
EOF_SH
}

@test "split: split joins with adjacent literal" {
	diff_sh <<'EOF_SH'
x='1 2'; printf '<%s>\n' pre$x post
EOF_SH
}

@test "split: split cmdsub result with IFS" {
	diff_sh <<'EOF_SH'
IFS=,; printf '<%s>\n' $(echo 'x,y,,z')
EOF_SH
}

@test "split: split arithmetic result" {
	diff_sh <<'EOF_SH'
IFS=2; printf '<%s>\n' $((121))
EOF_SH
}

@test "split: IFS newline only" {
	diff_sh <<'EOF_SH'
IFS='
'; x='a b
c d'; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS tab" {
	diff_sh <<'EOF_SH'
IFS='	'; x='a b	c'; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS letters" {
	diff_sh <<'EOF_SH'
IFS=x; v=axbxxc; printf '<%s>\n' $v
EOF_SH
}

@test "split: IFS set in prefix does not affect expansion of same command" {
	diff_sh <<'EOF_SH'
x='a:b'; IFS=: printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS local to function via prefix for read" {
	diff_sh <<'EOF_SH'
printf 'a:b\n' > f; IFS=: read x y < f; echo "$x|$y"
EOF_SH
}

@test "split: unquoted at splits each param" {
	diff_sh <<'EOF_SH'
set -- 'a b' 'c:d'; IFS=:; printf '<%s>\n' $@
EOF_SH
}

@test "split: unquoted star with IFS colon" {
	diff_sh <<'EOF_SH'
set -- 'a b' c; IFS=:; printf '<%s>\n' $*
EOF_SH
}

@test "split: quoted star with IFS space" {
	diff_sh <<'EOF_SH'
set -- 'a b' c; printf '<%s>\n' "$*"
EOF_SH
}

@test "split: empty IFS unquoted at keeps params" {
	diff_sh <<'EOF_SH'
set -- 'a b' c; IFS=; printf '<%s>\n' $@
EOF_SH
}

@test "split: empty IFS unquoted star" {
	diff_sh <<'EOF_SH'
set -- 'a b' c; IFS=; printf '<%s>\n' $*
EOF_SH
}

@test "split: empty positional params with unquoted at" {
	diff_sh <<'EOF_SH'
set -- '' a ''; printf '<%s>\n' $@; echo end
EOF_SH
}

@test "split: for loop over split" {
	diff_sh <<'EOF_SH'
IFS=:; for p in /bin:/usr/bin:; do echo "[$p]"; done
EOF_SH
}

@test "split: for loop over split var" {
	diff_sh <<'EOF_SH'
IFS=:; path=/bin:/usr/bin:; for p in $path; do echo "[$p]"; done
EOF_SH
}

@test "split: split then glob" {
	diff_sh <<'EOF_SH'
touch a1 a2 b1; x='a* b*'; printf '<%s>\n' $x
EOF_SH
}

@test "split: no split in assignment" {
	diff_sh <<'EOF_SH'
x='a  b'; y=$x; printf '<%s>\n' "$y"
EOF_SH
}

@test "split: no split in case subject" {
	diff_sh <<'EOF_SH'
x='a b'; case $x in 'a b') echo nosplit;; esac
EOF_SH
}

@test "split: no split in redirection target" {
	diff_sh <<'EOF_SH'
x='out file'; echo hi > $x 2>/dev/null; cat 'out file'
EOF_SH
}

@test "split: split of default value word" {
	diff_sh <<'EOF_SH'
unset u; IFS=:; printf '<%s>\n' ${u-a:b}
EOF_SH
}

@test "split: split of default literal text quoted" {
	diff_sh <<'EOF_SH'
unset u; IFS=:; printf '<%s>\n' ${u-"a:b"}
EOF_SH
}

@test "split: backslash protects from split" {
	diff_sh <<'EOF_SH'
x='a\ b'; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS with backslash char" {
	diff_sh <<'EOF_SH'
IFS='\'; x='a\b'; printf '<%s>\n' $x
EOF_SH
}

@test "split: IFS space and newline mixed" {
	diff_sh <<'EOF_SH'
IFS=' 
'; x=' a
 b '; printf '<%s>\n' $x
EOF_SH
}

@test "split: restore IFS" {
	diff_sh <<'EOF_SH'
old=$IFS; IFS=:; IFS=$old; x='a b'; printf '<%s>\n' $x
EOF_SH
}

@test "split: non whitespace IFS consecutive empties" {
	diff_sh <<'EOF_SH'
IFS=,; x='a,,b'; set -- $x; echo $#
EOF_SH
}

@test "split: non whitespace IFS only empties" {
	diff_sh <<'EOF_SH'
IFS=,; x=',,'; set -- $x; echo $#
EOF_SH
}

@test "split: whitespace IFS consecutive" {
	diff_sh <<'EOF_SH'
x='a    b'; set -- $x; echo $#
EOF_SH
}

@test "split: read splits with IFS" {
	diff_sh <<'EOF_SH'
echo 'a  b  c' | { read x y; echo "[$x][$y]"; }
EOF_SH
}

@test "split: read last var gets rest with separators" {
	diff_sh <<'EOF_SH'
echo 'a:b:c:d' | { IFS=: read x y; echo "[$x][$y]"; }
EOF_SH
}

@test "split: read trailing nonwhitespace separator" {
	diff_sh <<'EOF_SH'
echo 'a:b:' | { IFS=: read x y; echo "[$x][$y]"; }
EOF_SH
}

@test "split: read leading whitespace trimmed" {
	diff_sh <<'EOF_SH'
echo '   a b   ' | { read x; echo "[$x]"; }
EOF_SH
}

@test "split: read empty IFS keeps whitespace" {
	diff_sh <<'EOF_SH'
echo '  a  ' | { IFS= read x; echo "[$x]"; }
EOF_SH
}

@test "split: read more vars than fields" {
	diff_sh <<'EOF_SH'
echo 'one' | { read a b c; echo "[$a][$b][$c]"; }
EOF_SH
}

@test "split: split result of nested default and cmdsub" {
	diff_sh <<'EOF_SH'
IFS=:; unset u; printf '<%s>\n' ${u-$(echo 'p:q')}
EOF_SH
}

@test "split: dollar at in quotes inside word with IFS colon" {
	diff_sh <<'EOF_SH'
IFS=:; set -- a b; printf '<%s>\n' "x$@"
EOF_SH
}

@test "split: star in quotes with empty IFS first char" {
	diff_sh <<'EOF_SH'
IFS=''; set -- a b; echo "$*"
EOF_SH
}

@test "split: IFS multibyte ascii punctuation" {
	diff_sh <<'EOF_SH'
IFS='-+'; x='a-b+c'; printf '<%s>\n' $x
EOF_SH
}

# --- nasty cases: here POSIX decides, dash is the reference ---

@test "split: dollar-star joins with first IFS char" {
	diff_sh <<'EOF_SH'
set -- 'a b' c ''
IFS=:-; echo "[$*]"; IFS=; echo "[$*]"; unset IFS; echo "[$*]"
EOF_SH
}

@test "split: quoted at with IFS unset and empty" {
	diff_sh <<'EOF_SH'
set -- 'a b' '' c
unset IFS; printf '<%s>' "$@"; echo
IFS=; printf '<%s>' "$@"; echo; printf '<%s>' $@; echo; printf '<%s>' $*; echo
EOF_SH
}

@test "split: unquoted star with IFS empty keeps params apart" {
	diff_sh <<'EOF_SH'
set -- 'a b' 'c:d' ''
IFS=; printf '<%s>' $*; echo; IFS=:; printf '<%s>' $*; echo; printf '<%s>' $@; echo
EOF_SH
}

@test "split: non-white IFS makes empty fields" {
	diff_sh <<'EOF_SH'
x='a::b:'; IFS=:; set -- $x; echo "$#"; printf '<%s>' "$@"; echo
x=':a'; set -- $x; echo "$#"; x='::'; set -- $x; echo "$#"
EOF_SH
}

@test "split: IFS white around non-white" {
	diff_sh <<'EOF_SH'
x=' a : b :: c '; IFS=' :'; set -- $x; echo "$#"; printf '<%s>' "$@"; echo
EOF_SH
}

@test "split: IFS set only for one command does not split its args" {
	diff_sh <<'EOF_SH'
x='a:b'; IFS=: printf '<%s>' $x; echo; set -- $x; echo $#
EOF_SH
}

@test "split: read last variable keeps inner blanks, drops trailing" {
	diff_sh <<'EOF_SH'
read a b <<EOF
  x   y   z   
EOF
echo "[$a][$b]"; IFS=' ,' read a b <<EOF
x , y , z ,
EOF
echo "[$a][$b]"
EOF_SH
}

# Quotes that enclose nothing stand where they were (XCU 2.6.5): the null
# string next to an expansion is a field, or ends one, exactly there.
@test "split: ''\"\$@\" and \"\$@\"'' with no parameters make one empty field" {
	diff_sh <<'EOF_SH'
set --; set -- ''"$@"; echo $#; set --; set -- "$@"''; echo $#
set --; set -- ""$@; echo $#; set --; for i in ''"$@"; do echo "body[$i]"; done
set -- a b; set -- ''"$@"''; echo $#; printf '<%s>' "$@"; echo
set --; set -- ''"$*"; echo $#; set -- ''${1+"$@"}; echo $#
EOF_SH
}

@test "split: \"\" after an expansion ending in IFS white space is a field of its own" {
	diff_sh <<'EOF_SH'
A="a "; set -- $A""; echo $#
A=" a  b  "; set -- ""$A""; echo $#; printf '<%s>' "$@"; echo
b=' b '; printf '[%s]' $b""; echo; printf '[%s]' ''$b; echo
b=' b '; printf '[%s]' $b''$b; echo; IFS=:; c='x:'; printf '[%s]' $c""; echo
unset IFS; e=''; printf '[%s]' $e""; echo; printf '[%s]' $e$e; echo
EOF_SH
}

@test "split: quoted empty words inside unquoted \${x:+...} and \${x:-...} are fields" {
	diff_sh <<'EOF_SH'
x=1; printf '<%s>' ${x:+"" ""}; echo
x='1 2'; printf '<%s>' ${x:+p $x "" q}; echo
unset y; printf '<%s>' ${y:-'' a ''}; echo; printf '<%s>' ${y-"" ""}; echo
printf '<%s>' "${x:+"" ""}"; echo; printf '<%s>' ${y:+"" ""}; echo
EOF_SH
}

@test "split: empty quotes keep tilde, keyword and assignment rules" {
	diff_sh <<'EOF_SH'
HOME=/h; a=~''; echo "$a"; echo ~"" ''~ ~''/x; b=x:~'':~; echo "$b"
x=''a=b; echo "$x"; ''a=b 2>/dev/null || echo not-assign
(eval "''if true; then echo kw; fi") 2>/dev/null; echo $?
case '' in '') echo empty-pat;; esac; case a in a'') echo pat2;; esac
EOF_SH
}

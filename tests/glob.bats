#!/usr/bin/env bats
# glob.bats - differential cases (dash vs tine), see tests/helper.bash.
# Pathname expansion: sorted, brackets with ! and classes, leading dot rule.

load helper

@test "glob: star sorted" {
	diff_sh <<'EOF_SH'
touch b a c; echo *
EOF_SH
}

@test "glob: no match stays literal" {
	diff_sh <<'EOF_SH'
echo *.nomatch
EOF_SH
}

@test "glob: question mark" {
	diff_sh <<'EOF_SH'
touch a1 a22 b1; echo a?
EOF_SH
}

@test "glob: bracket range" {
	diff_sh <<'EOF_SH'
touch f1 f2 f3 fx; echo f[1-2]
EOF_SH
}

@test "glob: bracket negation" {
	diff_sh <<'EOF_SH'
touch f1 f2 fx; echo f[!1]
EOF_SH
}

@test "glob: bracket caret not required but dash treats" {
	diff_sh <<'EOF_SH'
touch f1 fx; echo f[!0-9]
EOF_SH
}

@test "glob: bracket class digit" {
	diff_sh <<'EOF_SH'
touch f1 fa; echo f[[:digit:]]
EOF_SH
}

@test "glob: bracket class alpha" {
	diff_sh <<'EOF_SH'
touch f1 fa fB; echo f[[:alpha:]]
EOF_SH
}

@test "glob: bracket class upper lower" {
	diff_sh <<'EOF_SH'
touch fa fB; echo f[[:upper:]] f[[:lower:]]
EOF_SH
}

@test "glob: bracket class space punct" {
	diff_sh <<'EOF_SH'
touch 'f ' f. fa; printf '<%s>\n' f[[:punct:]] f[[:space:]]
EOF_SH
}

@test "glob: bracket with closing bracket first" {
	diff_sh <<'EOF_SH'
touch 'f]' fa; echo f[]a]
EOF_SH
}

@test "glob: bracket unterminated literal" {
	diff_sh <<'EOF_SH'
touch 'f[' ; echo f[
EOF_SH
}

@test "glob: dot files hidden" {
	diff_sh <<'EOF_SH'
touch .hidden visible; echo *
EOF_SH
}

@test "glob: dot files with explicit dot" {
	diff_sh <<'EOF_SH'
touch .hidden visible; echo .h*
EOF_SH
}

@test "glob: dot and dotdot not matched by star" {
	diff_sh <<'EOF_SH'
touch .a; echo .* | tr ' ' '\n' | grep -v '^\.\.\?$'
EOF_SH
}

@test "glob: slash must be explicit" {
	diff_sh <<'EOF_SH'
mkdir -p d/sub; touch d/f; echo d/*
EOF_SH
}

@test "glob: star star no recursion" {
	diff_sh <<'EOF_SH'
mkdir -p d/e; touch d/e/f; echo */*
EOF_SH
}

@test "glob: glob in directory component" {
	diff_sh <<'EOF_SH'
mkdir -p d1 d2; touch d1/x d2/x; echo d*/x
EOF_SH
}

@test "glob: quoted star literal" {
	diff_sh <<'EOF_SH'
touch a b; echo "*" '*' \*
EOF_SH
}

@test "glob: partially quoted pattern" {
	diff_sh <<'EOF_SH'
touch ab ac; echo a"*" a* "a"*
EOF_SH
}

@test "glob: glob with variable" {
	diff_sh <<'EOF_SH'
touch aa ab; p='a*'; echo $p
EOF_SH
}

@test "glob: noglob option" {
	diff_sh <<'EOF_SH'
touch a b; set -f; echo *; set +f; echo *
EOF_SH
}

@test "glob: glob in assignment not expanded" {
	diff_sh <<'EOF_SH'
touch aa; x=a*; echo "$x"
EOF_SH
}

@test "glob: glob in case pattern" {
	diff_sh <<'EOF_SH'
case abc in a*c) echo m;; esac
EOF_SH
}

@test "glob: case bracket" {
	diff_sh <<'EOF_SH'
case b in [abc]) echo in;; esac; case d in [!abc]) echo notin;; esac
EOF_SH
}

@test "glob: case class" {
	diff_sh <<'EOF_SH'
case 5 in [[:digit:]]) echo digit;; esac
EOF_SH
}

@test "glob: case escaped star" {
	diff_sh <<'EOF_SH'
case 'a*' in a\*) echo lit;; esac; case ab in a\*) echo no;; *) echo ok;; esac
EOF_SH
}

@test "glob: case question" {
	diff_sh <<'EOF_SH'
case ab in ??) echo two;; esac
EOF_SH
}

@test "glob: glob matches dir names with trailing slash" {
	diff_sh <<'EOF_SH'
mkdir -p dd; touch ff; echo */
EOF_SH
}

@test "glob: glob sorting with C locale" {
	diff_sh <<'EOF_SH'
touch B a C b; echo *
EOF_SH
}

@test "glob: glob special chars in names" {
	diff_sh <<'EOF_SH'
touch 'a b' 'a-c'; printf '<%s>\n' a*
EOF_SH
}

@test "glob: glob from cmdsub result" {
	diff_sh <<'EOF_SH'
touch q1 q2; echo $(echo 'q*')
EOF_SH
}

@test "glob: glob no match in for" {
	diff_sh <<'EOF_SH'
for f in /nonexistent/*; do echo "$f"; done
EOF_SH
}

@test "glob: glob bracket with dash at end" {
	diff_sh <<'EOF_SH'
touch a- ab; echo a[b-]
EOF_SH
}

@test "glob: glob backslash in bracket" {
	diff_sh <<'EOF_SH'
touch 'a\' ab; printf '<%s>\n' a[\\]
EOF_SH
}

@test "glob: glob escaped char in word" {
	diff_sh <<'EOF_SH'
touch 'a?' ab; echo a\?
EOF_SH
}

@test "glob: glob absolute" {
	diff_sh <<'EOF_SH'
echo /bi[n] /et[c]
EOF_SH
}

@test "glob: glob empty dir" {
	diff_sh <<'EOF_SH'
mkdir e; echo e/*
EOF_SH
}

@test "glob: trim pattern bracket class" {
	diff_sh <<'EOF_SH'
x=abc123; echo ${x%%[[:digit:]]*}
EOF_SH
}

@test "glob: trim pattern star in middle" {
	diff_sh <<'EOF_SH'
x=a.b.c; echo ${x#*.} ${x##*.}
EOF_SH
}

@test "glob: case star matches slash" {
	diff_sh <<'EOF_SH'
case a/b in a*b) echo slash;; esac
EOF_SH
}

@test "glob: case dot at start matched by star" {
	diff_sh <<'EOF_SH'
case .x in *x) echo dotok;; esac
EOF_SH
}

@test "glob: glob permission on unreadable dir ignored" {
	diff_sh <<'EOF_SH'
mkdir -p r/s; touch r/s/f; echo r/*/f
EOF_SH
}

@test "glob: many files sorted" {
	diff_sh <<'EOF_SH'
for i in 10 9 1 2 20; do touch n$i; done; echo n*
EOF_SH
}

@test "glob: pattern with bracket range reversed literal" {
	diff_sh <<'EOF_SH'
touch b; echo [b-a] 2>/dev/null; echo done
EOF_SH
}

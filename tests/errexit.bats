#!/usr/bin/env bats
# errexit.bats - differential cases (dash vs tine), see tests/helper.bash.
# set -e exactly as POSIX: not in conditions, not in && || but the last, not under !

load helper

@test "errexit: errexit exits on failure" {
	diff_sh <<'EOF_SH'
set -e; echo a; false; echo b
EOF_SH
}

@test "errexit: errexit status" {
	diff_sh <<'EOF_SH'
set -e; (exit 4); echo no
EOF_SH
}

@test "errexit: not in if condition" {
	diff_sh <<'EOF_SH'
set -e; if false; then :; fi; echo survived
EOF_SH
}

@test "errexit: not in while condition" {
	diff_sh <<'EOF_SH'
set -e; while false; do :; done; echo survived
EOF_SH
}

@test "errexit: not in until condition" {
	diff_sh <<'EOF_SH'
set -e; until true; do :; done; echo survived
EOF_SH
}

@test "errexit: not in and list non last" {
	diff_sh <<'EOF_SH'
set -e; false && true; echo survived
EOF_SH
}

@test "errexit: last of and list exits" {
	diff_sh <<'EOF_SH'
set -e; true && false; echo notreached
EOF_SH
}

@test "errexit: or list" {
	diff_sh <<'EOF_SH'
set -e; false || true; echo survived
EOF_SH
}

@test "errexit: or list last fails" {
	diff_sh <<'EOF_SH'
set -e; false || false; echo notreached
EOF_SH
}

@test "errexit: negated" {
	diff_sh <<'EOF_SH'
set -e; ! true; echo survived
EOF_SH
}

@test "errexit: negated false" {
	diff_sh <<'EOF_SH'
set -e; ! false; echo survived
EOF_SH
}

@test "errexit: pipeline last command counts" {
	diff_sh <<'EOF_SH'
set -e; false | true; echo survived
EOF_SH
}

@test "errexit: pipeline fails" {
	diff_sh <<'EOF_SH'
set -e; true | false; echo notreached
EOF_SH
}

@test "errexit: in function exits" {
	diff_sh <<'EOF_SH'
set -e; f() { false; echo in-f; }; f; echo notreached
EOF_SH
}

@test "errexit: function in condition ignores errexit" {
	diff_sh <<'EOF_SH'
set -e; f() { false; echo in-f; }; if f; then echo t; fi; echo survived
EOF_SH
}

@test "errexit: function in and list" {
	diff_sh <<'EOF_SH'
set -e; f() { false; echo cont; }; f && echo yes; echo survived
EOF_SH
}

@test "errexit: subshell failure exits parent" {
	diff_sh <<'EOF_SH'
set -e; (false); echo notreached
EOF_SH
}

@test "errexit: subshell errexit inside" {
	diff_sh <<'EOF_SH'
set -e; (false; echo no); echo notreached
EOF_SH
}

@test "errexit: subshell in condition" {
	diff_sh <<'EOF_SH'
set -e; if (false; echo in-sub); then echo t; fi; echo survived
EOF_SH
}

@test "errexit: cmdsub failure in assignment exits" {
	diff_sh <<'EOF_SH'
set -e; x=$(false); echo notreached
EOF_SH
}

@test "errexit: cmdsub failure in argument does not exit" {
	diff_sh <<'EOF_SH'
set -e; echo $(false) survived
EOF_SH
}

@test "errexit: errexit in cmdsub inherited" {
	diff_sh <<'EOF_SH'
set -e; x=$(false; echo inherited?); echo "[$x]"
EOF_SH
}

@test "errexit: compound command last fails" {
	diff_sh <<'EOF_SH'
set -e; { true; false; }; echo notreached
EOF_SH
}

@test "errexit: brace in or list" {
	diff_sh <<'EOF_SH'
set -e; { false; echo inside; } || echo handled; echo survived
EOF_SH
}

@test "errexit: errexit and eval" {
	diff_sh <<'EOF_SH'
set -e; eval false; echo notreached
EOF_SH
}

@test "errexit: errexit and dot" {
	diff_sh <<'EOF_SH'
set -e; echo false > s; . ./s; echo notreached
EOF_SH
}

@test "errexit: errexit with case" {
	diff_sh <<'EOF_SH'
set -e; case x in x) false;; esac; echo notreached
EOF_SH
}

@test "errexit: errexit for loop body" {
	diff_sh <<'EOF_SH'
set -e; for i in 1 2; do echo $i; false; done; echo notreached
EOF_SH
}

@test "errexit: errexit with trap EXIT" {
	diff_sh <<'EOF_SH'
set -e; trap 'echo trap $?' EXIT; false; echo no
EOF_SH
}

@test "errexit: errexit disabled in condition of elif" {
	diff_sh <<'EOF_SH'
set -e; if false; then :; elif false; then :; else echo else; fi
EOF_SH
}

@test "errexit: errexit returns status of failed command" {
	diff_sh <<'EOF_SH'
set -e; sh_f() { return 3; }; sh_f; echo no
EOF_SH
}

@test "errexit: errexit set inside function persists" {
	diff_sh <<'EOF_SH'
f() { set -e; }; f; false; echo notreached
EOF_SH
}

@test "errexit: set +e in subshell" {
	diff_sh <<'EOF_SH'
set -e; (set +e; false; echo sub-ok); echo parent-ok
EOF_SH
}

@test "errexit: errexit with while body fail" {
	diff_sh <<'EOF_SH'
set -e; i=0; while [ $i -lt 2 ]; do i=$((i+1)); false; done; echo no
EOF_SH
}

@test "errexit: errexit ignored in ! pipeline" {
	diff_sh <<'EOF_SH'
set -e; ! false | false; echo survived
EOF_SH
}

@test "errexit: errexit in nested function and condition" {
	diff_sh <<'EOF_SH'
set -e; g() { false; echo g-cont; }; f() { g; echo f-cont; }; f || true; echo survived
EOF_SH
}

@test "errexit: errexit readonly assignment special builtin" {
	diff_sh --error-exit --stderr-nonempty <<'EOF_SH'
readonly r=1; r=2; echo notreached
EOF_SH
}

@test "errexit: pipefail golden lives in invocation tests" {
	diff_sh <<'EOF_SH'
set -e; true; echo ok
EOF_SH
}

# --- nasty cases: here POSIX decides, dash is the reference ---

@test "errexit: ignored in function called from && list" {
	diff_sh <<'EOF_SH'
set -e
f() { false; echo still; }
f && echo and; echo end
EOF_SH
}

@test "errexit: ignored in function called left of ||, honoured later" {
	diff_sh <<'EOF_SH'
set -e
f() { false; echo "in-f $1"; }
f one || echo never; f two; echo not-reached
EOF_SH
}

@test "errexit: false in subshell in && list" {
	diff_sh <<'EOF_SH'
set -e
(false; echo sub-continues) && echo and-ran; echo end
EOF_SH
}

@test "errexit: assignment from failing cmdsub exits" {
	diff_sh <<'EOF_SH'
set -e
x=$(echo out; false); echo "not reached [$x]"
EOF_SH
}

@test "errexit: cmdsub inherits -e and stops early" {
	diff_sh <<'EOF_SH'
set -e
x=$(false; echo after-false); echo "[$x] $?"; y=$(echo a; false; echo b) || echo "failed [$y]"
EOF_SH
}

@test "errexit: local command status in function in if" {
	diff_sh <<'EOF_SH'
set -e
f() { false; return 0; }
if f; then echo cond-ok; fi
f; echo unreached
EOF_SH
}

@test "errexit: until loop body failure exits" {
	diff_sh <<'EOF_SH'
set -e
n=0; until [ $n -ge 2 ]; do n=$((n+1)); echo "n=$n"; [ $n -lt 1 ]; done; echo no
EOF_SH
}

@test "errexit: pipeline status is last command" {
	diff_sh <<'EOF_SH'
set -e
false | true; echo after-1; true | false; echo after-2
EOF_SH
}

@test "errexit: eval of failing list" {
	diff_sh <<'EOF_SH'
set -e
eval 'false || echo rescued'; eval 'echo x; false'; echo no
EOF_SH
}

@test "errexit: and list in function body as last command" {
	diff_sh <<'EOF_SH'
set -e
f() { false && true; }
g() { true && false; }
f; echo "f-done"; g; echo unreached
EOF_SH
}

@test "errexit: subshell with set -e in || context" {
	diff_sh <<'EOF_SH'
(set -e; false; echo inside) || echo caught; echo end
EOF_SH
}

@test "errexit: cmdsub failures in for list and case word" {
	diff_sh <<'EOF_SH'
set -e
for x in $(false) a; do echo "x=$x"; done; case $(false) in *) echo in-case;; esac; echo end
EOF_SH
}

@test "errexit: negation and cmdsub in or list" {
	diff_sh <<'EOF_SH'
set -e
! true; echo neg; x=$(false) || echo "or $?"; echo end
EOF_SH
}

@test "errexit: a compound command whose redirection fails ends the shell, unless tested" {
	diff_sh --error-exit --no-stderr <<'EOF_SH'
set -e
{ echo in; } > /nonexistent/x || echo handled
if { :; } > /nonexistent/y; then :; else echo else; fi
! { :; } > /nonexistent/z; echo reached
for i in 1; do echo "loop $i"; done > /nonexistent/w
echo "not reached $?"
EOF_SH
	diff_sh --error-exit --no-stderr <<'EOF_SH'
set -e
while read l; do :; done < /nonexistent/file
echo "not reached"
EOF_SH
	diff_sh --no-stderr <<'EOF_SH'
{ echo in; } > /nonexistent/x; echo "without -e: reached"
EOF_SH
}

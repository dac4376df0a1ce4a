#!/usr/bin/env bats
# tests/launch.bats - one behaviour under four launch strategies.
#
# Each "probe:" scenario is a small script that runs tests/probe (which
# prints what a launched program observes: argv, env, cwd, umask, fds with
# flags and CLOEXEC, signal mask and dispositions, pgid/sid/fg, rlimits).
# The script runs once per strategy (tine -o spawn=S), each time in the same
# fresh directory, and the record of the run (status, stdout, stderr, every
# file left in the directory) must be byte-identical under all four.  On top
# of that each scenario pins what it is about with --expect, checked on the
# fork run, so a scenario that goes wrong the same way everywhere fails too.
#
# The strategy does not depend on TINE_SPAWN from the environment (run-suite
# sets it): every test here tries all four itself.

load helper

STRATEGIES=(fork vfork clone posix_spawn)

setup() {
	: "${TINE_PROBE:=$(dirname "$TINE")/tests/probe}"
	if [[ ! -x $TINE_PROBE ]]; then
		echo "probe not built: $TINE_PROBE (run make tests/probe, or make check)" >&2
		return 1
	fi
}

# same_under_all [OPTIONS] <<'EOF' SCRIPT EOF
#	--expect ERE     the fork record must have a line matching ERE (repeatable)
#	--reject ERE     ... and no line matching ERE (repeatable)
#	--input TEXT     stdin (default: empty file)
#	--ign 'SIG..'    tine starts with these signals ignored (as under a
#	                 parent's `trap '' SIG`): XCU 2.11 "ignored on entry";
#	                 all others start at default
#	--block 'SIG..'  tine starts with these signals blocked
#	--via opt|env|setopt|prefix  how the strategy is chosen: tine -o spawn=S
#	                 (default), TINE_SPAWN=S in tine's environment,
#	                 `setopt spawn=S` as the script's first line, or only
#	                 by the script itself through @S@
#	--no-probe       the script need not run the probe
# In SCRIPT, `probe` is the probe (first on PATH), @S@ is the strategy name
# and ./in holds "line one\nline two\n" before the run.
same_under_all() {
	local -a expect=() reject=()
	local input= ign= block= via=opt need_probe=1
	while [[ $# -gt 0 ]]; do
		case $1 in
		--expect) expect+=("$2"); shift ;;
		--reject) reject+=("$2"); shift ;;
		--input) input=$2; shift ;;
		--ign) ign=$2; shift ;;
		--block) block=$2; shift ;;
		--via) via=$2; shift ;;
		--no-probe) need_probe= ;;
		*) echo "same_under_all: unknown option $1" >&2; return 2 ;;
		esac
		shift
	done
	local script
	script=$(cat; echo x)
	script=${script%x}
	T=$(mktemp -d "${BATS_TEST_TMPDIR:-/tmp}/launch.XXXXXX")
	mkdir -p "$T/bin"
	ln -s "$TINE_PROBE" "$T/bin/probe"
	printf '%s' "$input" >"$T/stdin"

	local s
	for s in "${STRATEGIES[@]}"; do
		local d=$T/run.$s
		mkdir -p "$d"
		rm -rf "$T/w" "$T/home"
		mkdir -p "$T/w/sub" "$T/home"
		printf 'line one\nline two\n' >"$T/w/in"
		local body=${script//@S@/$s}
		[[ $via == setopt ]] && body="setopt spawn=$s
$body"
		printf '%s' "$body" >"$T/t.sh"
		local -a env=(
			"PATH=$T/bin:/usr/local/bin:/usr/bin:/bin"
			"HOME=$T/home" "LC_ALL=C" "TERM=dumb"
		)
		local -a opt=()
		case $via in
		opt) opt=(-o "spawn=$s") ;;
		env) env+=("TINE_SPAWN=$s") ;;
		esac
		# Every signal at default, whatever the harness ignores, then
		# the scenario's own ignores and blocks (after timeout, which
		# sets handlers for INT, TERM, HUP and QUIT).
		local -a pre=(env) sig
		for sig in $ign; do pre+=("--ignore-signal=$sig"); done
		for sig in $block; do pre+=("--block-signal=$sig"); done
		local st=0
		(
			cd "$T/w" || exit 99
			_close_fds
			exec env -i --default-signal "${env[@]}" timeout -k 2 "$TINE_TEST_TIMEOUT" \
				"${pre[@]}" "$TINE" "${opt[@]}" "$T/t.sh" \
				<"$T/stdin" >"$T/out" 2>"$T/err"
		) || st=$?
		# The same paths for every strategy: the probe names its fds.
		mv "$T/out" "$T/err" "$d/"
		{
			echo "status: $st"
			echo "--- stdout"
			cat "$d/out"
			echo "--- stderr"
			cat "$d/err"
			local f
			while IFS= read -r f; do
				echo "--- file $f"
				cat "$T/w/$f"
			done < <(cd "$T/w" && find . -type f | LC_ALL=C sort)
		} >"$d/raw"
		# The one thing that must differ: how the strategy was chosen
		# shows in the environment the programs inherit.
		if [[ $via == env ]]; then
			grep -v "^env: 'TINE_SPAWN=$s'\$" "$d/raw" >"$d/record"
		else
			cp "$d/raw" "$d/record"
		fi
	done

	local bad= s2
	for s2 in "${STRATEGIES[@]:1}"; do
		cmp -s "$T/run.fork/record" "$T/run.$s2/record" || bad+=" $s2"
	done
	local -a missing=() unwanted=()
	local e
	[[ -n $need_probe ]] && expect+=('^argc: ')
	for e in "${expect[@]}"; do
		grep -Eq -- "$e" "$T/run.fork/record" || missing+=("$e")
	done
	for e in "${reject[@]}"; do
		grep -Eq -- "$e" "$T/run.fork/record" && unwanted+=("$e")
	done
	grep -q 'ERROR: AddressSanitizer\|runtime error:\|ERROR: LeakSanitizer' \
		"$T"/run.*/err && bad+=" sanitizer"
	if [[ -z $bad && ${#missing[@]} -eq 0 && ${#unwanted[@]} -eq 0 ]]; then
		return 0
	fi
	{
		echo "-- script:"
		cat -n "$T/t.sh" | sed 's/^/    /'
		[[ -n $bad ]] && echo "== records differ from fork under:$bad"
		for s2 in $bad; do
			[[ $s2 == sanitizer ]] && continue
			echo "-- diff fork $s2:"
			diff -u --label fork --label "$s2" "$T/run.fork/record" \
				"$T/run.$s2/record" | sed 's/^/    /'
		done
		for e in "${missing[@]}"; do echo "== no line matches /$e/"; done
		for e in "${unwanted[@]}"; do echo "== a line matches /$e/"; done
		echo "-- record under fork:"
		sed 's/^/    | /' "$T/run.fork/record"
	} >&2
	return 1
}

# ---------------------------------------------------------------- argv, env

@test "probe: argv words with blanks, quotes, empty and glob characters" {
	same_under_all --expect "^argv\[3\]: ''$" --expect "^argv\[4\]: 'it'\\\\''s'$" <<'EOF'
probe a 'b  c' "" "it's" '*' '$x' "$(printf 'multi\nline')"
EOF
}

@test "probe: many arguments from a glob and \"\$@\"" {
	same_under_all --expect '^argc: 7$' --expect "^argv\[1\]: 'f1'$" --expect "^argv\[6\]: 'z'$" <<'EOF'
touch f1 f2 f3
set -- x y z
probe f* "$@"
EOF
}

@test "probe: exported variable reaches the program" {
	same_under_all --expect "^env: 'FOO=bar baz'$" <<'EOF'
export FOO='bar baz'
probe
EOF
}

@test "probe: unexported variable does not" {
	same_under_all --reject "^env: 'FOO=" <<'EOF'
FOO=bar
probe
EOF
}

@test "probe: prefix assignment is exported for that command only" {
	same_under_all --expect "^env: 'ONCE=1'$" --expect '^after: <>$' <<'EOF'
ONCE=1 probe
echo "after: <$ONCE>"
EOF
}

@test "probe: prefix assignment overrides an exported value, which comes back" {
	same_under_all --expect "^env: 'V=inner'$" --expect '^after: outer$' <<'EOF'
export V=outer
V=inner probe
echo "after: $V"
EOF
}

@test "probe: set -a exports later assignments" {
	same_under_all --expect "^env: 'AUTO=yes'$" <<'EOF'
set -a
AUTO=yes
probe
EOF
}

@test "probe: unset of an exported variable removes it" {
	same_under_all --reject "^env: 'GONE=" <<'EOF'
export GONE=1
unset GONE
probe
EOF
}

@test "probe: prefix PATH= is both searched and passed" {
	same_under_all --expect "^env: 'PATH=/nonexistent:" <<'EOF'
PATH=/nonexistent:$PATH probe
EOF
}

@test "probe: prefix assignment with a newline and a quote in the value" {
	same_under_all --expect "^env: 'NL=a$" <<'EOF'
NL="a
b'c" probe
EOF
}

# ---------------------------------------------------------------- cwd, umask

@test "probe: cd changes the program's working directory" {
	same_under_all --expect '^cwd: .*/w/sub$' --expect "^env: 'PWD=.*/w/sub'$" <<'EOF'
cd sub
probe
EOF
}

@test "probe: cd in a subshell does not leak out" {
	same_under_all --expect '^cwd: .*/w$' <<'EOF'
(cd sub && : )
probe
EOF
}

@test "probe: umask 077" {
	same_under_all --expect '^umask: 0077$' <<'EOF'
umask 077
probe
EOF
}

@test "probe: umask 0 and files the program's redirection creates" {
	same_under_all --expect '^umask: 0000$' --expect '^mode: 666$' <<'EOF'
umask 0
probe >out
echo "mode: $(stat -c %a out)"
EOF
}

@test "probe: umask in a subshell" {
	same_under_all --expect '^umask: 0027$' <<'EOF'
(umask 027; probe)
EOF
}

# ---------------------------------------------------------------- redirections

@test "probe: > file" {
	same_under_all --expect '^fd\.1: w .*/w/out$' --reject '^fd\.1: .*cloexec' <<'EOF'
probe >out
EOF
}

@test "probe: >> file is O_APPEND and keeps the old content" {
	same_under_all --expect '^fd\.1: w,append .*/w/out$' --expect '^old$' <<'EOF'
echo old >out
probe >>out
EOF
}

@test "probe: < file" {
	same_under_all --expect '^fd\.0: r .*/w/in$' <<'EOF'
probe <in
EOF
}

@test "probe: 3<> file opens read-write" {
	same_under_all --expect '^fd\.3: rw .*/w/rw$' <<'EOF'
probe 3<>rw
EOF
}

@test "probe: 2>&1 >file (order matters)" {
	same_under_all --expect '^fd\.1: w .*/w/out$' --expect '^fd\.2: w .*/launch\.[^/]*/out$' <<'EOF'
probe 2>&1 >out
EOF
}

@test "probe: >file 2>&1" {
	same_under_all --expect '^fd\.2: w .*/w/out$' <<'EOF'
probe >out 2>&1
EOF
}

@test "probe: closing stdin, stdout and stderr" {
	same_under_all --reject '^fd\.0:' --reject '^fd\.2:' <<'EOF'
probe <&- 2>&-
EOF
}

@test "probe: closed stdout: the program's write fails" {
	same_under_all --no-probe --expect '^status: 0$' --expect '^st=1$' <<'EOF'
probe >&-
echo "st=$?"
EOF
}

@test "probe: high fds 5> and 7<" {
	same_under_all --expect '^fd\.5: w .*/w/five$' --expect '^fd\.7: r .*/w/in$' <<'EOF'
probe 5>five 7<in
EOF
}

@test "probe: swapping stdout and stderr through fd 3" {
	same_under_all --expect '^fd\.1: w .*/launch\.[^/]*/err$' --expect '^fd\.2: w .*/launch\.[^/]*/out$' --reject '^fd\.3:' <<'EOF'
probe 3>&1 1>&2 2>&3 3>&-
EOF
}

@test "probe: >| overrides noclobber" {
	same_under_all --expect '^fd\.1: w .*/w/out$' <<'EOF'
echo old >out
set -C
probe >|out
EOF
}

@test "probe: noclobber: > onto /dev/null still works" {
	same_under_all --expect '^fd\.4: w /dev/null$' --expect '^st=0$' <<'EOF'
set -C
probe >/dev/null
probe 4>/dev/null
echo "st=$?"
EOF
}

@test "probe: redirection target from an expansion" {
	same_under_all --expect '^fd\.1: w .*/w/x y$' <<'EOF'
name='x y'
probe >"$name"
EOF
}

# ---------------------------------------------------------------- here-documents

@test "probe: here-document on stdin" {
	same_under_all --expect '^fd\.0: r' <<'EOF'
v=expanded
probe <<END
text $v
END
EOF
}

@test "probe: quoted here-document on fd 4, <<- and a big one" {
	same_under_all --expect '^fd\.4: r' --expect '^lines: 20000$' <<'EOF'
probe 4<<'END'
$not expanded
END
	probe <<-END
	tabbed
	END
big=$(i=0; while [ $i -lt 20000 ]; do echo "line $i"; i=$((i+1)); done)
cat <<END | wc -l | sed 's/^ */lines: /'
$big
END
probe <<END | wc -l >/dev/null
$big
END
EOF
}

@test "probe: here-document in a pipeline member" {
	same_under_all --expect '^fd\.0: r' --expect '^fd\.1: w pipe$' <<'EOF'
probe <<END | cat
x
END
EOF
}

# ---------------------------------------------------------------- pipelines

@test "probe: first member of a pipeline" {
	same_under_all --expect '^fd\.1: w pipe$' --reject '^fd\.[3-9]:' <<'EOF'
probe | cat
EOF
}

@test "probe: last member of a pipeline" {
	same_under_all --expect '^fd\.0: r pipe$' --reject '^fd\.[3-9]:' <<'EOF'
echo hi | probe
EOF
}

@test "probe: middle member sees both ends and no stray pipe fds" {
	same_under_all --expect '^fd\.0: r pipe$' --expect '^fd\.1: w pipe$' --reject '^fd\.[3-9]:' <<'EOF'
probe | probe | cat >/dev/null
probe | probe | cat
EOF
}

@test "probe: pipeline with 2>&1 and a redirection overriding the pipe" {
	same_under_all --expect '^fd\.2: w pipe$' --expect '^fd\.1: w .*/w/out$' <<'EOF'
probe 2>&1 | cat
probe >out | cat
EOF
}

@test "probe: pipeline members that are builtins and functions" {
	same_under_all --expect '^fd\.0: r pipe$' <<'EOF'
f() { cat; }
printf 'x\n' | f | probe
EOF
}

@test "probe: ! pipeline and pipefail status" {
	same_under_all --expect '^st=3$' --expect '^neg=0$' <<'EOF'
set -o pipefail
PROBE_EXIT=3 probe | cat
echo "st=$?"
! PROBE_EXIT=4 probe
echo "neg=$?"
EOF
}

# ---------------------------------------------------------------- background

@test "probe: background job: stdin /dev/null, INT and QUIT ignored" {
	same_under_all --expect '^fd\.0: r /dev/null$' --expect '^sig\.ignored: .*INT.*QUIT' <<'EOF'
probe >out &
wait
EOF
}

@test "probe: background job with its own stdin keeps it" {
	same_under_all --expect '^fd\.0: r .*/w/in$' <<'EOF'
probe <in >out &
wait
EOF
}

@test "probe: background pipeline" {
	same_under_all --expect '^fd\.1: w pipe$' --expect '^fd\.0: r /dev/null$' <<'EOF'
probe | cat >out &
wait
EOF
}

@test "probe: background job and \$!, wait status" {
	same_under_all --expect '^wait=5$' --expect '^bang=set$' <<'EOF'
PROBE_EXIT=5 probe >out &
case $! in ''|*[!0-9]*) echo bang=unset ;; *) echo bang=set ;; esac
wait $!
echo "wait=$?"
EOF
}

# ---------------------------------------------------------------- exec redirections

@test "probe: exec 3>f is inherited without CLOEXEC" {
	same_under_all --expect '^fd\.3: w .*/w/f$' <<'EOF'
exec 3>f
probe
EOF
}

@test "probe: exec 4<in, then probe 4<&- closes it for the program only" {
	same_under_all --expect '^fd\.4: r .*/w/in$' --expect '^still: line one$' <<'EOF'
exec 4<in
probe 4<&- >nofd4
probe
read l <&4; echo "still: $l"
EOF
}

@test "probe: exec 3>f 3>&- leaves nothing" {
	same_under_all --reject '^fd\.3:' <<'EOF'
exec 3>f
exec 3>&-
probe
EOF
}

@test "probe: exec 5>&1 and exec >>file for the rest of the script" {
	same_under_all --expect '^fd\.5: w .*/launch\.[^/]*/out$' --expect '^fd\.1: w,append .*/w/log$' <<'EOF'
exec 5>&1
exec >>log
probe
EOF
}

@test "probe: exec 2>/dev/null" {
	same_under_all --expect '^fd\.2: w /dev/null$' <<'EOF'
exec 2>/dev/null
probe
EOF
}

@test "probe: redirection of a compound command: the shell's saved fds do not leak" {
	same_under_all --expect '^fd\.1: w .*/w/out$' --reject '^fd\.([3-9]|[1-9][0-9]+):' <<'EOF'
{ probe; } >out
while read -r l; do probe >"out.$l" ; done <in
if true; then probe; fi 2>err >out2
EOF
}

@test "probe: function with redirections" {
	same_under_all --expect '^fd\.1: w .*/w/fout$' --expect "^argv\[1\]: 'a'$" <<'EOF'
f() { probe "$@"; }
f a b >fout
EOF
}

# ---------------------------------------------------------------- traps and signals

@test "probe: trap '' INT: the program inherits the ignore" {
	same_under_all --expect '^sig\.ignored: INT$' --expect '^sig\.caught: none$' <<'EOF'
trap '' INT
probe
EOF
}

@test "probe: trap 'x' TERM: the program gets TERM at default" {
	same_under_all --expect '^sig\.ignored: none$' --expect '^sig\.caught: none$' <<'EOF'
trap 'echo caught' TERM
probe
EOF
}

@test "probe: several traps set, ignored and reset" {
	same_under_all --expect '^sig\.ignored: HUP,PIPE$' <<'EOF'
trap '' HUP PIPE QUIT
trap 'echo x' USR1 USR2 ALRM
trap - QUIT
probe
EOF
}

@test "probe: a trap set in a function, program launched inside it" {
	same_under_all --expect '^sig\.ignored: .*USR2' <<'EOF'
f() { trap '' USR2; probe; }
f
EOF
}

@test "probe: EXIT trap keeps the last command from exec'ing in place" {
	same_under_all --expect '^bye$' <<'EOF'
trap 'echo bye' EXIT
probe
EOF
}

@test "probe: signals ignored when the shell started stay ignored" {
	same_under_all --ign 'USR1 TERM' --expect '^sig\.ignored: USR1,TERM$' <<'EOF'
probe
EOF
}

@test "probe: ignored at start, trap cannot catch it (XCU 2.11)" {
	same_under_all --ign 'USR1' --expect '^sig\.ignored: .*USR1' --expect '^sig\.caught: none$' <<'EOF'
trap 'echo x' USR1
probe
EOF
}

@test "probe: ignored at start and a background job" {
	same_under_all --ign 'HUP' --expect '^sig\.ignored: HUP,INT,QUIT$' <<'EOF'
probe >out &
wait
EOF
}

@test "probe: signals blocked when the shell started stay blocked" {
	same_under_all --block 'USR2 WINCH' --expect '^sigmask: USR2,WINCH$' <<'EOF'
trap 'echo x' INT
probe
EOF
}

@test "probe: sigmask is empty under a trapping shell" {
	same_under_all --expect '^sigmask: none$' --expect '^sigpending: none$' <<'EOF'
trap 'echo chld' CHLD
trap 'echo int' INT
probe | cat
probe
EOF
}

# ---------------------------------------------------------------- shell constructs

@test "probe: \$(probe) command substitution" {
	same_under_all --expect '^fd\.1: w pipe$' <<'EOF'
x=$(probe)
printf '%s\n' "$x"
EOF
}

@test "probe: \$(probe 2>&1 <in) and \$(probe | cat)" {
	same_under_all --expect '^fd\.2: w pipe$' --expect '^fd\.0: r .*/w/in$' <<'EOF'
x=$(probe 2>&1 <in)
printf '%s\n' "$x"
y=$(probe | cat)
printf '%s\n' "$y"
EOF
}

@test "probe: subshell, last command in the subshell and eval" {
	same_under_all --expect '^sid: parent$' <<'EOF'
( probe )
( : ; probe >sub/o )
eval 'probe >evalout'
EOF
}

@test "probe: last command of the script, and exec probe" {
	same_under_all --expect "^argv\[1\]: 'last'$" --expect "^argv\[1\]: 'execd'$" <<'EOF'
probe first >first
sh -c 'exec "$@"' x true
probe last >last
exec probe execd
echo not reached
EOF
}

@test "probe: command probe and ./probe by path" {
	same_under_all --expect "^argv\[0\]: '\./myprobe'$" <<'EOF'
command probe >cmd
cp "$(command -v probe)" myprobe
./myprobe
rm myprobe
EOF
}

@test "probe: ulimit -n and -c set for the program" {
	same_under_all --expect '^rlimit\.nofile: 100/' --expect '^rlimit\.core: 0/' <<'EOF'
ulimit -c 0
ulimit -n 100
probe
EOF
}

@test "probe: PROBE_EXIT status and \$? after a program" {
	same_under_all --expect '^st=7$' <<'EOF'
PROBE_EXIT=7 probe
echo "st=$?"
EOF
}

# ---------------------------------------------------------------- choosing the strategy

@test "probe: TINE_SPAWN=S chooses (env filtered: it names the strategy)" {
	same_under_all --via env --expect '^fd\.1: w pipe$' <<'EOF'
probe | cat
probe
EOF
}

@test "probe: setopt spawn=S in the script" {
	same_under_all --via setopt --expect '^fd\.3: w .*/w/f$' <<'EOF'
exec 3>f
probe
probe | cat
EOF
}

@test "probe: SPAWN=S probe per command; SPAWN is never in the environment" {
	same_under_all --via prefix --reject "^env: 'SPAWN" --expect '^now: vfork$' <<'EOF'
SPAWN=@S@ probe
SPAWN=@S@ probe | SPAWN=@S@ cat
export SPAWN
SPAWN=@S@ probe >out &
wait
echo "now: $SPAWN"
EOF
}

# ---------------------------------------------------------------- failures read the same

# fail_same [--expect ERE].. <<'EOF': like same_under_all, without a probe.
fail_same() { same_under_all --no-probe "$@"; }

@test "failure: not found is 127" {
	fail_same --expect '^st=127$' --expect '^tine: .*nosuchcmd: not found$' <<'EOF'
nosuchcmd arg
echo "st=$?"
nosuchcmd | cat
x=$(nosuchcmd)
/no/such/path
EOF
}

@test "failure: permission denied is 126" {
	fail_same --expect '^st=126$' --expect '^tine: .*\./noexec: Permission denied$' <<'EOF'
printf '#!/bin/sh\necho ran\n' >noexec
chmod 644 noexec
./noexec
echo "st=$?"
./noexec | cat
echo "pipe=$?"
EOF
}

@test "failure: a directory is 126" {
	fail_same --expect '^st=126$' --expect '^tine: .*\./sub: Is a directory$' <<'EOF'
./sub
echo "st=$?"
x=$(./sub)
echo "sub=$?"
EOF
}

@test "failure: missing #! interpreter" {
	fail_same --expect '^st=127$' --expect 'bad interpreter|not found' <<'EOF'
printf '#!/no/such/interp\necho ran\n' >badint
chmod 755 badint
./badint
echo "st=$?"
./badint | cat
echo "pipe=$?"
EOF
}

@test "failure: a file without #! that execve rejects runs as a tine script" {
	fail_same --expect '^script ran with a b$' --expect '^st=3$' <<'EOF'
printf 'echo "script ran with $1 $2"\nexit 3\n' >plain
chmod 755 plain
./plain a b
echo "st=$?"
./plain a b | cat
y=$(./plain a b)
echo "sub: $y"
EOF
}

@test "failure: failed redirection: cannot create, status 1, nothing run" {
	fail_same --expect '^st=1$' --expect 'tine: .*nodir/out: cannot create' --reject '^RAN$' <<'EOF'
echo RAN >marker
rm marker
sh -c 'echo RAN' >nodir/out
echo "st=$?"
/bin/echo RAN >nodir/out | cat
echo "pipe=$?"
/bin/echo RAN <nosuchfile
echo "in=$?"
EOF
}

@test "failure: cannot create: Permission denied (unwritable directory)" {
	[[ $(id -u) -eq 0 ]] && skip "root can write anywhere"
	fail_same --expect '^st=1$' --expect 'cannot create: Permission denied' <<'EOF'
mkdir ro; chmod 555 ro
/bin/echo RAN >ro/out
echo "st=$?"
EOF
}

@test "failure: noclobber refuses an existing file under every strategy" {
	fail_same --expect '^st=1$' --reject '^RAN$' <<'EOF'
echo old >exists
set -C
/bin/echo RAN >exists
echo "st=$?"
EOF
}

# ---------------------------------------------------------------- the spawn setting

@test "spawn: setopt spawn=NAME, set -o spawn=NAME and \$SPAWN" {
	run_tine -c 'echo $SPAWN; setopt spawn=vfork; echo $SPAWN; set -o spawn=clone; echo $SPAWN; setopt spawn=posix_spawn; echo $SPAWN; set -o spawn=fork; echo $SPAWN'
	check_status 0
	check_output "${TINE_SPAWN:-vfork}
vfork
clone
posix_spawn
fork"
}

@test "spawn: tine -o spawn=NAME and TINE_SPAWN at start" {
	local s
	for s in fork vfork clone posix_spawn; do
		run_tine -o "spawn=$s" -c 'echo $SPAWN'
		check_status 0; check_output "$s"
		TINE_SPAWN=$s run_tine -c 'echo $SPAWN'
		check_status 0; check_output "$s"
	done
	# -o wins over the environment.
	TINE_SPAWN=vfork run_tine -o spawn=clone -c 'echo $SPAWN'
	check_output clone
}

@test "spawn: SPAWN=NAME cmd lasts for that command only" {
	run_tine -o spawn=fork -c 'setopt spawntrace; SPAWN=vfork /bin/true; /bin/true; SPAWN=clone /bin/true | SPAWN=posix_spawn /bin/cat; echo $SPAWN'
	check_status 0
	check_output fork
	[[ $raw_stderr == *"+ vfork /bin/true: "* ]] || { _fail_show; false; }
	[[ $(grep -c '^+ fork /bin/true: ' <<<"$raw_stderr") -eq 1 ]] || { _fail_show; false; }
	[[ $raw_stderr == *"+ clone /bin/true: "* ]] || { _fail_show; false; }
	[[ $raw_stderr == *"+ posix_spawn /bin/cat: "* ]] || { _fail_show; false; }
}

@test "spawn: SPAWN=NAME before a function or builtin, and plain SPAWN=NAME" {
	run_tine -o spawn=fork -c 'f() { echo "in f: $SPAWN"; }; SPAWN=vfork f; echo "after f: $SPAWN"; SPAWN=clone; echo "set: $SPAWN"'
	check_status 0
	check_output 'in f: vfork
after f: fork
set: clone'
}

@test "spawn: SPAWN is never in a program's environment" {
	run_tine -c 'export SPAWN; SPAWN=vfork env; SPAWN=clone; env; export SPAWN=posix_spawn; env | cat; x=$(env); echo "$x"'
	check_status 0
	# (TINE_SPAWN may be there: run-suite chooses the strategy with it)
	! grep -q '^SPAWN=' <<<"$output" || { _fail_show; false; }
	[[ $output == *PATH=* ]] || { _fail_show; false; }
}

@test "spawn: SPAWN is the option, not a stored variable: local, unset, readonly, listings" {
	# local saves the strategy and the function's return puts it back;
	# unset and readonly leave it alone; no listing shows it.
	run_tine -o spawn=fork -c 'f() { local SPAWN=clone; echo "in: $SPAWN"; }; f; echo "out: $SPAWN"
g() { local SPAWN; SPAWN=posix_spawn; }; g; echo "g: $SPAWN"
unset SPAWN; echo "unset: $SPAWN st=$?"
readonly SPAWN; SPAWN=vfork; echo "readonly: $SPAWN"
export SPAWN; set | grep -c "^SPAWN="; export -p | grep -cw SPAWN; readonly -p | grep -cw SPAWN'
	check_status 1
	check_output 'in: clone
out: fork
g: fork
unset: fork st=0
readonly: vfork
0
0
0'
}

@test "spawn: unknown name: error naming the four, status 2, nothing run" {
	local valid='fork, vfork, clone, posix_spawn'
	run_tine -c 'SPAWN=bogus /bin/echo RAN; echo "st=$?"'
	check_output 'st=2'
	check_stderr_match "SPAWN: unknown strategy 'bogus' \\(valid: $valid\\)"

	run_tine -c 'setopt spawn=bogus; echo "st=$?"; echo $SPAWN'
	check_output "st=2
${TINE_SPAWN:-vfork}"
	check_stderr_match "spawn: unknown strategy 'bogus' \\(valid: $valid\\)"

	run_tine -c 'set -o spawn=nope; echo RAN'
	check_status 2
	check_output ''
	check_stderr_match "unknown strategy 'nope' \\(valid: $valid\\)"

	run_tine -o spawn=bogus -c 'echo RAN'
	check_status 2
	check_output ''
	check_stderr_match "unknown strategy 'bogus' \\(valid: $valid\\)"

	run_tine -c 'SPAWN=; echo RAN'
	check_status 2
	check_output ''
	check_stderr_match "unknown strategy '' \\(valid: $valid\\)"

	TINE_SPAWN=bogus run_tine -c 'echo $SPAWN'
	check_stderr_match "TINE_SPAWN: unknown strategy 'bogus' \\(valid: $valid\\)"
}

@test "spawn: setopt alone lists the options with the strategy; set -o and set +o too" {
	run_tine -o spawn=clone -c 'setopt'
	check_status 0
	grep -Eq '^spawn +clone$' <<<"$output" || { _fail_show; false; }
	grep -Eq '^spawntrace +off$' <<<"$output" || { _fail_show; false; }
	grep -Eq '^noclobber +off$' <<<"$output" || { _fail_show; false; }
	run_tine -o spawn=posix_spawn -c 'set -o; set +o'
	grep -Eq '^spawn +posix_spawn$' <<<"$output" || { _fail_show; false; }
	grep -Fxq 'set -o spawn=posix_spawn' <<<"$output" || { _fail_show; false; }
	# set +o output restores the strategy.
	run_tine -c 'setopt spawn=vfork; s=$(set +o); setopt spawn=fork; eval "$s"; echo $SPAWN'
	check_output vfork
}

@test "spawn: unsetopt spawn is an error; unsetopt spawntrace works" {
	run_tine -c 'setopt spawntrace; unsetopt spawntrace; /bin/true; unsetopt spawn; echo "st=$?"'
	check_output 'st=2'
	[[ $raw_stderr != *"/bin/true"* ]] || { _fail_show; false; }
	check_stderr_match 'unsetopt: spawn'
}

#!/bin/bash
# fuzz/hostile-table.sh - hostile inputs and exhausted limits, run by tine,
# dash and bash in one go, counted per category: cases tried, crashes
# (death by SIGSEGV, SIGBUS, SIGABRT, SIGILL or SIGFPE, or a sanitizer
# report), hangs (past the time limit).  A clear error is not a crash.
#
# usage: fuzz/hostile-table.sh [-v] [-t SECONDS] NAME=SHELL...
#   default shells: tine=build/default/tine dash bash
#   -v     one line per case and shell (status, first words of stderr)
#   -t S   time limit per case (default 20)
# Prints a Markdown table.  Needs python3 to generate the deep inputs.
set -u
verbose=0 limit=20
while getopts vt: o; do
	case $o in
	v) verbose=1 ;;
	t) limit=$OPTARG ;;
	*) sed -n '2,12p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ $# -eq 0 ]]; then
	set -- "tine=$here/build/default/tine" dash=dash bash=bash
fi
declare -a names=() shells=()
for a in "$@"; do
	names+=("${a%%=*}")
	s=${a#*=}
	[[ $s == */* ]] || s=$(command -v "$s")
	shells+=("$s")
done

W=$(mktemp -d "${TMPDIR:-/tmp}/hostile.XXXXXX")
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 1

# gen KIND DEPTH: a script nesting KIND DEPTH deep.
gen() {
	python3 - "$1" "$2" <<'PY'
import sys
k, n = sys.argv[1], int(sys.argv[2])
out = {
 'paren':     lambda: '(' * n + 'true' + ')' * n,
 'brace':     lambda: '{ ' * n + 'true;' + ' }' * n,
 'if':        lambda: 'if true; then ' * n + 'echo y' + '; fi' * n,
 'case':      lambda: 'case x in x) ' * n + 'echo y' + ';; esac ' * n,
 'while':     lambda: 'while true; do ' * n + 'break ' + str(n) + '; done' * n,
 'for':       lambda: 'for i in 1; do ' * n + 'echo y' + '; done' * n,
 'bang-pipe': lambda: 'true' + ' | true' * n,
 'and-or':    lambda: 'true' + ' && true' * n,
 'cmdsub':    lambda: 'echo ' + '$(' * n + 'echo x' + ')' * n,
 'dq-default':lambda: 'echo ' + '"${x:-' * n + 'y' + '}"' * n,
 'default':   lambda: 'echo ' + '${x:-' * n + 'y' + '}' * n,
 'arith-paren': lambda: 'echo $((' + '(' * n + '1' + ')' * n + '))',
 'arith-not': lambda: 'echo $((' + '!' * n + '1))',
 'arith-neg': lambda: 'echo $((' + '- ' * n + '1))',
 'arith-var': lambda: ''.join('v%d=v%d\n' % (i, i + 1) for i in range(n)) + 'echo $((v0))',
 'test-paren': lambda: 'test ' + '\\( ' * n + 'x' + ' \\)' * n + '; echo $?',
 'test-not':  lambda: 'test ' + '! ' * n + 'x; echo $?',
 'func-self': lambda: 'f() { f; }; f',
 'func-chain': lambda: ''.join('f%d() { f%d; }\n' % (i, i + 1) for i in range(n)) + 'f%d() { echo end; }\nf0' % n,
 'eval-self': lambda: 'x="eval \\$x"; eval $x',
 'dot-self':  lambda: 'echo ". ./self.sh" > self.sh; . ./self.sh',
 'subsh-self': lambda: 'f() { (f); }; f',
 'cmdsub-self': lambda: 'f() { echo $(f); }; f',
 'trap-self': lambda: 'trap "kill -USR1 \\$\\$" USR1; kill -USR1 $$; echo end',
}[k]()
sys.stdout.write(out + '\n')
PY
}

# Each category: a name and its cases, "kind:depth" for generated ones or
# "@name" for the fixed scripts below.
declare -A cat_cases=(
	[parser nesting]="paren:1000 paren:30000 paren:100000 brace:30000 brace:100000 if:100000 case:100000 while:100000 for:100000 bang-pipe:100000 and-or:100000"
	[expansion nesting]="cmdsub:1000 cmdsub:100000 dq-default:100000 default:10000 default:100000"
	[arithmetic nesting]="arith-paren:10000 arith-paren:100000 arith-not:100000 arith-neg:100000 arith-var:10000"
	[test nesting]="test-paren:10000 test-paren:100000 test-not:100000"
	[unbounded recursion]="func-self:1 func-chain:100000 eval-self:1 dot-self:1 subsh-self:1 cmdsub-self:1"
	[NUL bytes]="@nul-cmdsub @nul-binary @nul-script @nul-heredoc"
	[fds the shell uses]="@fd-exec10 @fd-exec-all @fd-group @fd-heredoc @fd-dup-own"
	[low fd limit]="@nofile-redir @nofile-pipeline @nofile-cmdsub @nofile-heredoc @nofile-exec3"
	[memory and process limits]="@as-bigvar @as-cmdsub @nproc-pipeline @nproc-bg"
	[write errors]="@full-set @full-export @full-echo @full-printf @closed-012"
	[huge input]="@long-word @many-args @long-line @many-heredocs"
)
order=("parser nesting" "expansion nesting" "arithmetic nesting" "test nesting"
	"unbounded recursion" "NUL bytes" "fds the shell uses" "low fd limit"
	"memory and process limits" "write errors" "huge input")

fixed() {
	case $1 in
	nul-cmdsub) printf '%s\n' 'x=$(printf "abc\0def"); echo "$x"' ;;
	nul-binary) printf '%s\n' 'head -c 300000 /dev/urandom >bin; x=$(cat bin); echo ${#x}' ;;
	nul-script) printf 'echo a\0b\necho c\0\n' ;;
	nul-heredoc) printf 'cat <<E\na\0b\nE\n' ;;
	fd-exec10) printf '%s\n' 'exec 10</dev/null' 'echo still'; head -c 20000 /dev/zero | tr '\0' '#'; printf '\necho end\n' ;;
	fd-exec-all) printf '%s\n' 'n=3; while [ $n -lt 64 ]; do eval "exec $n>/dev/null"; n=$((n+1)); done'; head -c 20000 /dev/zero | tr '\0' '#'; printf '\necho end\n' ;;
	fd-group) printf '%s\n' '{ exec 10>/dev/null 11>/dev/null; } >f; echo x' ;;
	fd-heredoc) printf '%s\n' 'cat 10>x <<E' 'hd' 'E' ;;
	fd-dup-own) printf '%s\n' 'n=3; while [ $n -lt 40 ]; do eval "echo x >&$n" 2>/dev/null; n=$((n+1)); done; echo end' ;;
	nofile-redir) printf '%s\n' 'ulimit -n 10' 'exec 3>a 4>a 5>a 6>a 7>a 8>a 9>a' 'echo a >x; echo b; f() { echo c; }; f >x; { echo d; } >x; cat x' ;;
	nofile-pipeline) printf '%s\n' 'ulimit -n 10' 'exec 3>a 4>a 5>a 6>a 7>a 8>a' 'echo a | cat | cat && echo ok' ;;
	nofile-cmdsub) printf '%s\n' 'ulimit -n 10' 'exec 3>a 4>a 5>a 6>a 7>a 8>a 9>a' 'x=$(echo a) && echo "ok $x"' ;;
	nofile-heredoc) printf '%s\n' 'ulimit -n 10' 'exec 3>a 4>a 5>a 6>a 7>a 8>a 9>a' 'cat <<E' 'hd' 'E' ;;
	nofile-exec3) printf '%s\n' 'ulimit -n 10' 'exec 3>/dev/null 4>/dev/null'; head -c 20000 /dev/zero | tr '\0' '#'; printf '\necho end\n' ;;
	as-bigvar) printf '%s\n' 'ulimit -v 60000' 'x=y; i=0; while [ $i -lt 40 ]; do x=$x$x; i=$((i+1)); done; echo ${#x}' ;;
	as-cmdsub) printf '%s\n' 'ulimit -v 60000' 'x=$(head -c 200000000 /dev/zero | tr "\0" a); echo ${#x}' ;;
	nproc-pipeline) printf '%s\n' "ulimit -u $(($(ps -e --no-headers | wc -l) ))" 'true | true | true | true && echo ok' ;;
	nproc-bg) printf '%s\n' "ulimit -u $(($(ps -e --no-headers | wc -l) ))" 'i=0; while [ $i -lt 200 ]; do sleep 1 & i=$((i+1)); done; wait; echo ok' ;;
	full-set) printf '%s\n' 'set >/dev/full; echo "st=$?"' ;;
	full-export) printf '%s\n' 'export -p >/dev/full; echo "st=$?"; readonly -p >/dev/full; echo "st=$?"' ;;
	full-echo) printf '%s\n' 'echo x >/dev/full; echo "st=$?"; { echo a; echo b; } >/dev/full; echo "st=$?"' ;;
	full-printf) printf '%s\n' 'printf "%s\n" a b >/dev/full; echo "st=$?"; printf "%b" >/dev/full; echo "st=$?"' ;;
	closed-012) printf '%s\n' 'echo x >&-; echo "st=$?"; cat <&- >/dev/null; echo "st=$?"; (echo e >&2) 2>&-; echo "st=$?"' ;;
	long-word) printf 'x=%s\necho ${#x}\n' "$(head -c 3000000 /dev/zero | tr '\0' a)" ;;
	many-args) printf '%s\n' 'set -- $(seq 200000); echo $#; printf "%s\n" "$@" | tail -1' ;;
	long-line) printf 'echo %s\n' "$(seq 100000 | tr '\n' ' ')" ;;
	many-heredocs) for i in $(seq 2000); do printf 'cat <<E%d\nline %d\nE%d\n' "$i" "$i" "$i"; done ;;
	esac
}

crash_sig() { # status -> is it a crash signal?
	case $1 in 132|133|134|135|136|139) return 0 ;; esac
	return 1
}

declare -A n_cases n_crash n_hang
printf '| category | cases |'
for nm in "${names[@]}"; do printf ' %s crashes |' "$nm"; done
printf ' hangs (%s) |\n|---|---|' "${names[*]}"
for nm in "${names[@]}"; do printf -- '---|'; done
printf -- '---|\n'
for c in "${order[@]}"; do
	cases=0
	declare -A cr=() hg=()
	for nm in "${names[@]}"; do cr[$nm]=0; hg[$nm]=0; done
	for cs in ${cat_cases[$c]}; do
		cases=$((cases + 1))
		if [[ $cs == @* ]]; then
			fixed "${cs#@}" >case.sh
		else
			gen "${cs%%:*}" "${cs#*:}" >case.sh
		fi
		for i in "${!names[@]}"; do
			nm=${names[$i]}
			rm -rf run; mkdir run
			(cd run && exec timeout -k 2 "$limit" "${shells[$i]}" ../case.sh \
				>../out 2>../err </dev/null)
			st=$?
			kind=
			if crash_sig "$st" || grep -q 'AddressSanitizer\|runtime error:\|LeakSanitizer' err; then
				cr[$nm]=$((cr[$nm] + 1)); kind=CRASH
			elif [[ $st -eq 124 || $st -eq 137 ]]; then
				hg[$nm]=$((hg[$nm] + 1)); kind=HANG
			fi
			if [[ $verbose -eq 1 ]]; then
				printf '%-20s %-18s %-6s st=%-3d %-5s %s\n' "$c" "$cs" "$nm" "$st" \
					"$kind" "$(head -c 90 err | tr '\n' ' ')" >&2
			fi
		done
	done
	printf '| %s | %d |' "$c" "$cases"
	for nm in "${names[@]}"; do printf ' %d |' "${cr[$nm]}"; done
	printf ' %s |\n' "$(for nm in "${names[@]}"; do printf '%d ' "${hg[$nm]}"; done)"
	unset cr hg
done

#!/usr/bin/env bats
# tests/interactive-startup.bats - the small things of interactive
# use: --version, --help, help, logout, ENV parameter-expanded, ignoreeof with
# bash's IGNOREEOF count; through a terminal where it is interactive.

load helper
load interactive

setup() { interactive_setup; }

@test "tine --version and --help print and exit 0" {
	run "$TINE" --version
	[[ $status -eq 0 && $output == "tine "[0-9]* ]]
	run "$TINE" --help
	[[ $status -eq 0 && $output == usage:* && $output == *--version* ]]
}

@test "help lists every builtin with one line; help NAME; an unknown topic is an error" {
	run "$TINE" -c 'help'
	[[ $status -eq 0 ]]
	local n
	n=$("$TINE" -c 'help' | tail -n +2 | wc -l)
	# one line per builtin, the hidden test builtin left out
	same "$n" "$(grep -c '^BUILTIN(' "$TINE_SRCDIR/builtins/builtins.def" | awk '{print $1 - 1}')"
	# in name order, so a reader finds a name where expected
	local names
	names=$("$TINE" -c 'help' | tail -n +2 | awk '{print $1}')
	same "$names" "$(LC_ALL=C sort <<<"$names")"
	run "$TINE" -c 'help fc'
	same "$output" 'fc [-e editor] [-lnr] [first [last]] | fc -s [old=new] [first]: list, edit and rerun history'
	run "$TINE" -c 'help nosuch'
	[[ $status -eq 1 && $output == *"no help topics match"* ]]
	run "$TINE" -c 'help | grep -c __'
	same "$output" 0
}

@test "logout: leaves a login shell; elsewhere an error" {
	run "$TINE" -c 'logout 3; echo after'
	[[ $status -eq 0 && $output == *"not login shell"*after ]]
	run "$TINE" -l -c 'logout 3; echo after'
	[[ $status -eq 3 && $output == "" ]]
}

t_env_expanded() {
	mkdir -p "$H/rc"
	echo 'echo from-rc-$X' >"$H/rc/tinerc"
	ipty --env X=7 --env 'ENV=$HOME/rc/tine$((1))rc' "$P" 'send:exit\n' --
	[[ ${output%%$'\n'*} == *from-rc-7* ]] || { echo "no rc output"; false; }
	echo 'echo wrong' >"$H/rc/tinerc"
	ipty --env 'ENV=$HOME/rc/tinerc' "$P" 'send:exit\n' -- +i -c :
	hasnt wrong
}
@test "ENV is parameter-expanded and read by interactive shells only" {
	each_strategy t_env_expanded
}

t_ignoreeof() {
	ipty "$P" 'send:set -o ignoreeof; IGNOREEOF=2\n' "$P" 'send:\x04' 'expect:Use "exit" to leave the shell.\n\$ $' \
		'send:\x04' 'expect:Use "exit" to leave the shell.\n\$ $' 'send:\x04' --
	[[ $status -eq 0 ]] && same "$(printf '%s\n' "$output" | grep -c 'Use "exit"')" 2
}
t_eof_leaves() {
	ipty "$P" 'send:\x04' --
	[[ $status -eq 0 ]] && hasnt 'Use "exit"'
}
@test "ignoreeof: Ctrl-D is refused IGNOREEOF times with bash's message, then leaves; without it Ctrl-D leaves" {
	each_strategy t_ignoreeof
	each_strategy t_eof_leaves
}

@test "layering: no core file (lexer, parser, expander, executor, jobs, launch, builtins) includes the interactive layer" {
	local f bad=
	for f in "$TINE_SRCDIR"/src/*.[ch] "$TINE_SRCDIR"/builtins/*.[ch]; do
		[[ $f == */src/main.c ]] && continue
		grep -Eq '^[[:space:]]*#[[:space:]]*include.*interactive' "$f" &&
			bad+=" ${f#"$TINE_SRCDIR"/}"
	done
	same "$bad" ''
}

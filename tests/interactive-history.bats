#!/usr/bin/env bats
# tests/interactive-history.bats - the history: HISTFILE
# written at once under a lock, multi-line commands as one entry,
# HISTSIZE/HISTFILESIZE, fc (POSIX) and history (bash), sharehistory, a
# damaged file, and eight shells writing one file at the same time.
# Through a real terminal under every strategy (tests/interactive.bash).

load helper
load interactive

setup() { interactive_setup; }

t_appended_at_once() {
	ipty "$P" 'send:echo one\n' "$P" 'send:cat ~/.tine_history\n' "$P" \
		'send:exit\n' --
	[[ $status -eq 0 ]] && has $'#'
	# the first command is in the file while the shell still runs
	local shown
	shown=$(printf '%s\n' "$output" | sed -n '/^\$ cat/,/^\$ exit/p' | grep -v '^#' | grep -v '^\$')
	same "$shown" "echo one"
	same "$(grep -v '^#' "$H/.tine_history")" $'echo one\ncat ~/.tine_history\nexit'
}
@test "history: each command goes to ~/.tine_history as soon as the next prompt comes" {
	each_strategy t_appended_at_once
}

t_multiline() {
	ipty "$P" 'send:for i in 1 2\n' 'expect:> $' 'send:do echo "n$i"\n' 'expect:> $' \
		'send:done\n' "$P" 'send:cat <<END\n' 'expect:> $' 'send:body\n' \
		'expect:> $' 'send:END\n' "$P" 'send:fc -l\n' "$P" 'send:exit\n' --
	has $'1\tfor i in 1 2\ndo echo "n$i"\ndone\n2\tcat <<END\nbody\nEND\n$ exit' &&
	same "$(grep -c '^#' "$H/.tine_history")" 4
}
@test "history: a command over several lines (PS2, here-document) is one entry, in the file too" {
	each_strategy t_multiline
}

t_histfile_vars() {
	ipty --env HISTFILE="$H/h1" "$P" 'send:echo x\n' "$P" 'send:HISTFILE=\n' "$P" \
		'send:echo not-saved\n' "$P" 'send:exit\n' --
	[[ ! -e $H/.tine_history ]] &&
	# HISTFILE= itself is written when the next prompt comes: not at all
	same "$(grep -v '^#' "$H/h1")" 'echo x'
}
@test "history: HISTFILE names the file; set empty, nothing more is saved" {
	each_strategy t_histfile_vars
}

t_sizes() {
	for i in 1 2 3 4 5 6; do printf '#1\necho old%s\n' "$i"; done >"$H/.tine_history"
	ipty --env HISTSIZE=3 --env HISTFILESIZE=4 "$P" 'send:fc -l 1\n' "$P" 'send:exit\n' --
	# old5 old6 and `fc -l 1` itself are the 3 kept; fc does not list itself
	has $'$ fc -l 1\n5\techo old5\n6\techo old6\n$ exit' &&
	same "$(grep -v '^#' "$H/.tine_history")" $'echo old5\necho old6\nfc -l 1\nexit'
}
@test "history: HISTSIZE bounds the list, HISTFILESIZE trims the file at exit" {
	each_strategy t_sizes
}

t_fc_list() {
	printf '#1\necho alpha\n#1\necho beta\n#1\nls gamma\n#1\necho delta\n' >"$H/.tine_history"
	ipty "$P" 'send:fc -l -3\n' "$P" 'send:fc -lnr 2 3\n' "$P" 'send:fc -l ls\n' "$P" \
		'send:fc -l e l\n' "$P" 'send:exit\n' --
	has $'fc -l -3\n2\techo beta\n3\tls gamma\n4\techo delta\n$ ' &&
	has $'fc -lnr 2 3\n\tls gamma\n\techo beta\n$ ' &&
	has $'fc -l ls\n3\tls gamma\n4\techo delta\n5\tfc -l -3\n6\tfc -lnr 2 3\n$ ' &&
	# first newer than last: listed in reverse (XCU fc)
	has $'fc -l e l\n4\techo delta\n3\tls gamma\n$ '
}
@test "fc -l: ranges by negative offset, number and prefix; -n -r; fc -l itself is not listed" {
	each_strategy t_fc_list
}

t_fc_rerun() {
	printf '#1\necho apple pie\n' >"$H/.tine_history"
	printf '#!/bin/sh\nsed -i s/pie/cake/ "$1"\n' >"$H/bin/ed1"
	chmod +x "$H/bin/ed1"
	ipty "$P" 'send:fc -s pie=tart\n' "$P" 'send:fc -s ech\n' "$P" \
		'send:FCEDIT=ed1 fc 1\n' "$P" 'send:fc -e ed1 -1\n' "$P" 'send:fc -l\n' "$P" 'send:exit\n' --
	has $'echo apple tart\napple tart\n$ ' &&
	has $'fc -s ech\necho apple tart\napple tart\n$ ' &&
	has $'FCEDIT=ed1 fc 1\necho apple cake\napple cake\n$ ' &&
	has $'1\techo apple pie\n2\techo apple tart\n3\techo apple tart\n4\techo apple cake\n5\techo apple cake\n$ '
}
@test "fc -s old=new, fc -s prefix, fc with FCEDIT and -e: rerun commands replace fc in the history" {
	each_strategy t_fc_rerun
}

t_history_builtin() {
	printf '#1\necho a\n#1\necho b\n#1\necho c\n' >"$H/.tine_history"
	ipty "$P" 'send:history 2\n' "$P" 'send:history -d 1\n' "$P" 'send:history\n' "$P" \
		'send:history -c; history\n' "$P" 'send:exit\n' --
	has $'history 2\n    3  echo c\n    4  history 2\n$ ' &&
	# as in bash, the entries after a deleted one move up a number
	has $'$ history\n    1  echo b\n    2  echo c\n    3  history 2\n    4  history -d 1\n    5  history\n$ ' &&
	has $'history -c; history\n$ '
}
@test "history: N, -d, -c" {
	each_strategy t_history_builtin
}

t_damaged() {
	printf '#1\necho good\n#2\necho b\0d\n#3\necho fine\n' >"$H/.tine_history"
	ipty "$P" 'send:fc -l 1\n' "$P" 'send:fc -l 1\n' "$P" 'send:exit\n' --
	[[ $status -eq 0 ]] &&
	same "$(printf '%s\n' "$output" | grep -c 'damaged')" 1 &&
	has $'1\techo good\n2\techo fine\n$ '
}
@test "history: a damaged file gives one warning; the good entries are kept, the shell goes on" {
	each_strategy t_damaged
}

t_share() {
	# another shell appends while this one waits at its prompt
	ipty "$P" 'send:setopt sharehistory\n' "$P" "send:echo 'echo from-other' | $TINE -i 2>/dev/null\n" \
		"$P" 'send:fc -l -2 -1\n' "$P" 'send:exit\n' --
	has $'echo from-other\n' && has $'\techo from-other\n'
	printf '%s\n' "$output" | grep -q $'^[0-9]*\techo from-other$'
}
t_noshare() {
	ipty "$P" "send:echo 'echo from-other' | $TINE -i 2>/dev/null\n" \
		"$P" 'send:fc -l\n' "$P" 'send:exit\n' --
	! printf '%s\n' "$output" | grep -q $'^[0-9]*\techo from-other$'
}
@test "setopt sharehistory: a running shell takes in other shells' commands at its prompt (not without it)" {
	each_strategy t_share
	each_strategy t_noshare
}

@test "fc -l in a script lists HISTFILE as other shells left it" {
	printf '#1\necho one\n#1\nfor x in y\ndo :; done\n' >"$BATS_TEST_TMPDIR/.tine_history"
	run env -i HOME="$BATS_TEST_TMPDIR" "$TINE" -c 'fc -l 1; fc -ln -1'
	[[ $status -eq 0 ]]
	same "$output" $'1\techo one\n2\tfor x in y\ndo :; done\n\tfor x in y\ndo :; done'
	# and a script writes no history of its own
	same "$(grep -c '^#' "$BATS_TEST_TMPDIR/.tine_history")" 2
}

# Each shell types its 200 commands on a terminal of its own (readline,
# through tests/pty/ptyrun.py), 40 at a time, waiting for the echo of the
# last before the next 40; all eight type at the same time.  1600 whole
# entries, and none torn: each counted by its own text.
@test "history: 8 shells x 200 commands typed at once on 8 terminals into one HISTFILE: 1600 whole entries, all listed by a new shell's fc -l 1" {
	local d=$BATS_TEST_TMPDIR s c chunk
	local -a pids=()
	for s in 1 2 3 4 5 6 7 8; do
		local -a steps=("$P")
		chunk=
		for ((c = 1; c <= 200; c++)); do
			if ((c % 20 == 0)); then
				chunk+="if :\\nthen : s$s c$c\\nfi\\n"
			else
				chunk+=": s$s c$c\\n"
			fi
			if ((c % 40 == 0)); then
				steps+=("send:$chunk" "expect:s$s c$c\n")
				chunk=
			fi
		done
		steps+=("$P" 'send:exit\n')
		(cd "$d" && env -i HOME="$d" HISTSIZE=5000 HISTFILESIZE=5000 PATH=/usr/bin:/bin \
			TERM=dumb PS1='$ ' LC_ALL=C ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} \
			"$PY" "$PTYRUN" --timeout 60 "${steps[@]}" -- \
			"$TINE" -o "spawn=${STRATEGIES[s % 4]}" -i >"$d/out$s" 2>&1) &
		pids+=($!)
	done
	local rc=0
	for s in "${pids[@]}"; do wait "$s" || rc=1; done
	if ((rc)); then tail -5 "$d"/out* >&2; false; fi
	grep -h 'tine:' "$d"/out* && false
	local list
	list=$(env -i HOME="$d" HISTSIZE=5000 "$TINE" -c 'fc -l 1')
	# one numbered line per entry, 1..1608 (each shell's exit too), and
	# every command whole
	same "$(printf '%s\n' "$list" | grep -c $'^[0-9]*\t')" 1608
	same "$(printf '%s\n' "$list" | grep $'^[0-9]*\t' | tail -1 | cut -f1)" 1608
	same "$(printf '%s\n' "$list" | grep -c $'^[0-9]*\texit$')" 8
	same "$(printf '%s\n' "$list" | grep -c $'^[0-9]*\t: s[1-8] c[0-9]*$')" 1520
	same "$(printf '%s\n' "$list" | grep -c $'^[0-9]*\tif :$')" 80
	same "$(printf '%s\n' "$list" | grep -c '^then : s[1-8] c[0-9]*0$')" 80
	for s in 1 2 3 4 5 6 7 8; do
		same "$(printf '%s\n' "$list" | grep -c " s$s c")" 200
	done
}

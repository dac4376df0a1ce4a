#!/usr/bin/env bats
# tests/interactive-prompt.bats - prompts: PS1 and PS2 get
# parameter expansion, command substitution, arithmetic and POSIX's `!`,
# bash's escapes, \[ \] hidden from readline, RPS1 on the right; a prompt
# that cannot be expanded prints one message and shows its raw text.

load helper
load interactive

setup() { interactive_setup; }

t_expansions() {
	ipty --env X=one "$P" "send:PS1='[\$X \$(echo cs) \$((6*7))] '\n" 'expect:\] $' \
		'send:X=two\n' 'expect:\] $' "send:PS1='! !! \$ '\n" "$P" \
		'send:exit\n' --
	has '[one cs 42] X=two' && has '[two cs 42] PS1=' && has $'\n4 ! $ exit'
}
@test "prompt: PS1 gets parameter expansion, command substitution, arithmetic, ! and !!, each time" {
	each_strategy t_expansions
}

t_escapes() {
	mkdir -p "$H/a b"
	local user host hostfull
	user=$(id -un); hostfull=$(hostname); host=${hostfull%%.*}
	ipty --env X=1 "$P" 'send:cd ~/a\\ b\n' "$P" \
		"send:PS1='<\\\\u|\\\\h|\\\\H|\\\\w|\\\\W|\\\\\$|\\\\j|\\\\?|\\\\!|\\\\#|\\\\\\\\|\\\\n>'\n" \
		'expect:>' 'send:false\n' 'expect:>' "send:PS1='\\\\t \\\\T \\\\d\\\\$ '\n" 'expect:[$#] $' \
		'send:exit\n' --
	local dollar='$'
	[[ $(id -u) -eq 0 ]] && dollar='#'
	has "<$user|$host|$hostfull|~/a b|a b|$dollar|0|0|3|3|\\|"$'\n'">false" &&
	has "<$user|$host|$hostfull|~/a b|a b|$dollar|0|1|4|4|\\|" &&
	printf '%s\n' "$output" | grep -Eq '^[0-2][0-9]:[0-5][0-9]:[0-6][0-9] [01][0-9]:[0-5][0-9]:[0-6][0-9] [A-Z][a-z]{2} [A-Z][a-z]{2} [0-3][0-9][$#] exit$'
}
@test "prompt: the escapes \\u \\h \\H \\w \\W \\\$ \\j \\? \\! \\# \\\\ \\n \\t \\T \\d" {
	each_strategy t_escapes
}

t_dollar_in_dir() {
	mkdir -p "$H/\$HOME"
	ipty "$P" "send:cd '\$HOME'; PS1='\\\\W> '\n" 'expect:> $' 'send:exit\n' --
	has '$HOME> exit'
}
@test "prompt: what an escape produces is not expanded again (a directory named \$HOME)" {
	each_strategy t_dollar_in_dir
}

t_ps2() {
	ipty "$P" "send:PS2='\$((1+1))\\\\\$> '\n" "$P" 'send:echo "a\n' 'expect:2[$#]> $' \
		'send:b"\n' "$P" 'send:exit\n' --
	has $'a\nb\n'
}
@test "prompt: PS2 is expanded too" {
	each_strategy t_ps2
}

t_invisible() {
	ipty "$P" "send:PS1='\\\\[\\\\e[1m\\\\]bold\\\\[\\\\e[0m\\\\]> '\n" 'expect:> $' 'send:exit\n' --
	has $'\e[1mbold\e[0m> exit' && hasnt $'\001' && hasnt $'\002'
}
@test "prompt: \\[ \\] text reaches the terminal, the markers never do" {
	each_strategy t_invisible
}

t_rps1() {
	ipty --term xterm --env COLUMNS=60 --env LINES=10 "$P" "send:RPS1='<\$((40+2))>'\n" 'expect:<42>' \
		'send:exit\n' --
	has '<42>'
}
@test "prompt: RPS1 is drawn at the right of the line" {
	each_strategy t_rps1
}

t_failure() {
	ipty "$P" "send:PS1='\${x '\n" 'expect:\$\{x $' 'send:echo still here\n' 'expect:\$\{x $' \
		'send:exit\n' --
	[[ $status -eq 0 ]] && has 'still here' &&
	same "$(printf '%s\n' "$output" | grep -c 'tine:')" 2
}
@test "prompt: one that fails prints one message and shows its raw text; the shell goes on" {
	each_strategy t_failure
}

t_status_kept() {
	ipty "$P" "send:PS1='\$(exit 3)\$ '\n" "$P" 'send:true\n' "$P" \
		'send:echo st=$?\n' "$P" 'send:false\n' "$P" 'send:echo st=$?\n' "$P" 'send:exit\n' --
	has $'st=0\n' && has $'st=1\n'
}
@test "prompt: a command substitution in PS1 leaves \$? alone" {
	each_strategy t_status_kept
}

# The screen itself, through tmux (a real terminal emulator, 40 columns):
# a coloured PS1 with its escapes inside \[ \] takes six columns, so a
# line longer than the screen wraps where the terminal wraps, and Ctrl-A
# then X puts the X right after the prompt.  Counting the escapes as
# text, readline would wrap early and draw the X in the wrong place.
# tscreen WANT: polls the pane (no fixed sleeps) until its first two
# rows are WANT; fails after 10 seconds, showing the screen.
tscreen() {
	local i got
	for ((i = 0; i < 200; i++)); do
		got=$(tmux -S "$TSOCK" capture-pane -p 2>/dev/null | head -2)
		[[ $got == "$1" ]] && return 0
		sleep 0.05
	done
	printf '== screen:\n%s\n== wanted:\n%s\n' "$got" "$1" >&2
	return 1
}
t_width() {
	local a50 rc=0
	a50=$(printf 'a%.0s' {1..50})
	TSOCK=$BATS_TEST_TMPDIR/tmux.$S
	tmux -S "$TSOCK" -f /dev/null new-session -d -x 40 -y 8 \
		env -i PATH=/usr/bin:/bin HOME="$H" TERM=xterm LC_ALL=C INPUTRC="$H/.inputrc" \
		PS1='\[\e[1;32m\]tine> \[\e[0m\]' "$TINE" -o "spawn=$S" -i || return 1
	tscreen 'tine>' &&
		tmux -S "$TSOCK" send-keys -l "echo $a50" &&
		tscreen "tine> echo ${a50:0:29}"$'\n'"${a50:29}" &&
		tmux -S "$TSOCK" send-keys C-a X &&
		tscreen "tine> Xecho ${a50:0:28}"$'\n'"${a50:28}" || rc=1
	tmux -S "$TSOCK" kill-server 2>/dev/null
	return $rc
}
@test "prompt: with \\[ \\] around its escapes a long line wraps and edits at the right columns (tmux screen)" {
	command -v tmux >/dev/null || skip "tmux is needed to look at the screen"
	each_strategy t_width
}

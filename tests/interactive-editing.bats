#!/usr/bin/env bats
# tests/interactive-editing.bats - line editing with readline: set -o vi / emacs switch readline, inputrc's editing-mode shows
# in set -o, readline's name is "tine" ($if tine), bracketed paste, a
# resize redraws the line, a multi-line command is one history entry.

load helper
load interactive

setup() { interactive_setup; }

t_vi_emacs() {
	ipty "$P" 'send:set -o vi\n' "$P" 'send:echo xyz\x1bbDAabc\n' "$P" \
		'send:set -o emacs\n' "$P" 'send:cho hi\x01e\n' "$P" 'send:exit\n' --
	has $'\nabc\n' && has $'\nhi\n' && hasnt $'\nxyz\n' && hasnt 'cho: not found'
}
@test "editing: set -o vi makes readline a vi, set -o emacs an emacs" {
	each_strategy t_vi_emacs
}

t_inputrc() {
	printf 'set editing-mode vi\n$if tine\n"\\C-xq": "echo from-inputrc"\n$endif\n$if bash\n"\\C-xw": "echo wrong-name"\n$endif\n' >"$H/.inputrc"
	ipty "$P" 'send:set -o | grep -E "^(vi|emacs) "\n' "$P" 'send:\x18q\n' "$P" \
		'send:\x18w\n' "$P" 'send:exit\n' --
	has $'emacs           off\nvi              on\n' && has $'\nfrom-inputrc\n' &&
	hasnt $'\nwrong-name'
}
@test "editing: inputrc's editing-mode shows in set -o; \$if tine blocks apply (readline's name is tine)" {
	each_strategy t_inputrc
}

t_paste() {
	ipty --term xterm "$P" 'send:\x1b[200~echo p1\necho p2\x1b[201~' 'expect:p2' 'send:\n' \
		'expect:p1\n.*p2\n.*\$ $' 'send:fc -l -1\n' "$P" 'send:exit\n' --
	has $'\e[?2004h' && has $'1\techo p1\necho p2\n'
}
@test "editing: bracketed paste is on: pasted lines run only on Enter, as one history entry" {
	each_strategy t_paste
}

t_resize() {
	ipty --term xterm "$P" 'send:echo abcdef' 'expect:abcdef' 'resize:20,40' \
		'expect:\$ echo abcdef' 'send:\n' "$P" 'send:exit\n' --
	[[ $status -eq 0 ]]
}
@test "editing: a window resize redraws the line being edited at once" {
	each_strategy t_resize
}

t_multiline_recall() {
	ipty "$P" 'send:if true\n' 'expect:> $' 'send:then echo yes\n' 'expect:> $' 'send:fi\n' "$P" \
		'send:\x1b[A\n' "$P" 'send:fc -l\n' "$P" 'send:exit\n' --
	has $'1\tif true\nthen echo yes\nfi\n2\tif true\nthen echo yes\nfi\n$ '
}
@test "editing: Up recalls a multi-line command whole, and it runs again as one entry" {
	each_strategy t_multiline_recall
}

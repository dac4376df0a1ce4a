#!/usr/bin/env bats
# tests/interactive-complete.bats - completion by context, both through a terminal (TAB in readline) and by calling the
# completer directly (the hidden builtin __tine_complete LINE prints the
# candidates, one a line, with what a listing shows after a tab when it
# differs).  Completing never runs anything.

load helper
load interactive

setup() {
	interactive_setup
	D=$BATS_TEST_TMPDIR/d
	mkdir -p "$D/dir one" "$D/dir2" "$D/bin"
	touch "$D/file with space.txt" "$D/it's" "$D/g*lob" "$D/plain.c"
	printf '#!/bin/sh\n' >"$D/bin/zzprog"
	chmod +x "$D/bin/zzprog"
}

# comp LINE: the completer's candidates for LINE, run in $D
comp() {
	(cd "$D" && env -i HOME="$D" PATH="$D/bin:/usr/bin:/bin" XVAR1=1 XVAR2=2 \
		"$TINE" -c 'alias zzal=x; zzfn() { :; }; '"$1")
}

@test "complete: command position: builtins, aliases, functions, reserved words, PATH programs" {
	same "$(comp '__tine_complete ech')" echo
	same "$(comp '__tine_complete zz')" $'zzal\nzzfn\nzzprog'
	same "$(comp '__tine_complete "zzfn; zzf"')" zzfn
	# a function named like a builtin or program is one candidate
	same "$(comp 'zzprog() { :; }; echo() { :; }; __tine_complete zzp; __tine_complete ech')" $'zzprog\necho'
	same "$(comp '__tine_complete whil')" while
	same "$(comp '__tine_complete "ls | zzp"')" zzprog
	same "$(comp '__tine_complete "if zzp"')" zzprog
	same "$(comp '__tine_complete "X=1 zzp"')" zzprog
	# a hidden builtin stays hidden
	same "$(comp '__tine_complete __')" ''
}

@test "complete: PATH programs are cached and refreshed when PATH or a directory changes" {
	same "$(comp '__tine_complete zzp; mkdir b2; printf "#!/bin/sh\n" >b2/zzpnew; chmod +x b2/zzpnew; PATH=$PWD/b2:$PATH; __tine_complete zzp; touch bin/zzpx; chmod +x bin/zzpx; __tine_complete zzp')" \
		$'zzprog\nzzpnew\nzzprog\nzzpnew\nzzprog\nzzpx'
}

@test "complete: file names come back quoted for spaces, quotes and glob characters" {
	same "$(comp '__tine_complete "ls fi"')" $'file\\ with\\ space.txt\tfile with space.txt'
	same "$(comp "__tine_complete \"ls 'fi\"")" $'\'file with space.txt\'\tfile with space.txt'
	same "$(comp '__tine_complete "ls \"fi"')" $'"file with space.txt"\tfile with space.txt'
	same "$(comp '__tine_complete "ls it"')" $'it\\\'s\tit\'s'
	same "$(comp '__tine_complete "ls g"')" $'g\\*lob\tg*lob'
	same "$(comp '__tine_complete "ls file\\ w"')" $'file\\ with\\ space.txt\tfile with space.txt'
	same "$(comp '__tine_complete "cat <pl"')" $'plain.c'
}

@test "complete: only directories after cd; a directory takes a slash" {
	same "$(comp '__tine_complete "cd "')" $'bin/\ndir2/\ndir\\ one/\tdir one/'
}

@test "complete: \$VAR and \${VAR, ~user" {
	same "$(comp '__tine_complete "echo \$XVA"')" $'$XVAR1\tXVAR1\n$XVAR2\tXVAR2'
	same "$(comp '__tine_complete "echo \"\${XVAR1"')" $'"${XVAR1}\tXVAR1'
	same "$(comp '__tine_complete "ls ~roo"')" $'~root/\troot'
}

@test "complete: strategy names after SPAWN=, spawn= and spawnbench -s; option names; signal names" {
	same "$(comp '__tine_complete SPAWN=v')" $'SPAWN=vfork\tvfork'
	same "$(comp '__tine_complete "setopt spawn=p"')" $'spawn=posix_spawn\tposix_spawn'
	same "$(comp '__tine_complete "set -o spawn=c"')" $'spawn=clone\tclone'
	same "$(comp '__tine_complete "spawnbench -s fork,cl"')" $'fork,clone\tclone'
	same "$(comp '__tine_complete "set -o nocl"')" noclobber
	same "$(comp '__tine_complete "unsetopt shareh"')" sharehistory
	same "$(comp '__tine_complete "kill -TE"')" $'-TERM\tTERM'
	same "$(comp '__tine_complete "kill -s HU"')" HUP
	same "$(comp '__tine_complete "trap \"echo x\" EX"')" EXIT
}

@test "complete: job specs with their text after fg bg jobs kill wait disown" {
	same "$(comp 'set -m; sleep 5 & sleep 6 & __tine_complete "fg %"; __tine_complete "kill %2"; kill %1 %2')" \
		$'%1\t%1  sleep 5\n%2\t%2  sleep 6\n%2\t%2  sleep 6'
}

@test "complete: completing runs nothing (no command substitution, no program)" {
	same "$(comp '__tine_complete "echo \$(touch ran)" >/dev/null; __tine_complete "echo \`touch ran2\`" >/dev/null; __tine_complete "echo \${x:=y}" >/dev/null; echo "x=$x"; ls ran ran2 2>/dev/null | wc -l')" $'x=\n0'
	[[ ! -e $D/ran && ! -e $D/ran2 ]]
}

t_tab() {
	cp -r "$D"/. "$H"/
	ipty --env PATH="$H/bin:/usr/bin:/bin" "$P" 'send:ech\t' 'expect:echo $' 'send:hi\n' "$P" \
		'send:echo fi\t' 'expect:space.txt $' 'send:\n' "$P" 'send:cd di\t' 'expect:cd di.?r' \
		'send:\t\t' 'expect:dir2/ +dir one/' 'send:2\t\n' "$P" 'send:pwd\n' "$P" \
		'send:echo $HO\t\n' "$P" 'send:SPAWN=cl\t' 'expect:clone $' 'send:zzpr\t\n' "$P" \
		'send:exit\n' --
	has $'hi\n' && has 'echo file\ with\ space.txt '$'\n''file with space.txt' &&
	has "$H/dir2" && has "$H"$'\n' && has 'SPAWN=clone zzprog'
}
@test "complete: TAB through the terminal: commands, quoted file names, cd dirs with a listing, \$VAR, strategies" {
	each_strategy t_tab
}

# Function names (unique, then two sharing a prefix listed with a double
# TAB), and a function defined at the prompt just before.
t_tab_functions() {
	ipty "$P" 'send:qqone() { echo ran-one; }; qqtwo() { echo ran-two; }\n' "$P" \
		'send:qqo\t' 'expect:qqone $' 'send:\n' 'expect:ran-one\n\$ $' \
		'send:qq\t\t' 'expect:qqone +qqtwo' 'send:t\t\n' 'expect:ran-two\n\$ $' \
		'send:exit\n' --
	[[ $status == 0 ]] && has $'\nran-one\n' && has $'\nran-two\n'
}
@test "complete: TAB in command position completes shell function names" {
	each_strategy t_tab_functions
}

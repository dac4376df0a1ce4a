#!/usr/bin/env bats
# tests/jobcontrol-pty.bats - the launch side of job control
# through a real pseudo-terminal, under every strategy: with job control
# each job gets its own process group, a foreground job gets the terminal,
# the shell takes it back after (also when the job stops on Ctrl-Z), and
# the plan carries this out in the child.
#
# tests/pty/ptyrun.py starts tine as the session leader of a new pty (a tiny
# expect).  The probe writes to files, read back here, so what it reports
# is not mixed with the terminal's echo:
#	pgid: self    leads its own process group
#	pgid: other   in a group that is neither its own nor the shell's
#	fg: self      its group has the terminal
#	fg: parent    the shell's group has it

load helper
load interactive

setup() {
	interactive_setup
	: "${TINE_PROBE:=$(dirname "$TINE")/tests/probe}"
	if [[ ! -x $TINE_PROBE ]]; then
		echo "probe not built: $TINE_PROBE (run make tests/probe, or make check)" >&2
		return 1
	fi
}

# field FILE KEY: the value of the probe's KEY line in $T/w/FILE
field() { sed -n "s/^$2: //p" "$T/w/$1"; }

# want STRATEGY FILE KEY VALUE
want() {
	local got
	got=$(field "$2" "$3")
	if [[ $got != "$4" ]]; then
		echo "== $1: $2: '$3: $got', wanted '$3: $4'" >&2
		echo "-- terminal (status $status):" >&2
		printf '%s\n' "$output" | sed 's/^/    | /' >&2
		[[ -f $T/w/$2 ]] && sed 's/^/    '"$2"': /' "$T/w/$2" >&2
		return 1
	fi
}

@test "pty: the probe sees the terminal as stdin and its controlling tty" {
	local s
	for s in "${STRATEGIES[@]}"; do
		tine_pty "$s" -- -c 'probe >out'
		[[ $status -eq 0 ]] || { echo "$s: status $status: $output" >&2; false; }
		[[ $(field out fd.0) == "rw /dev/pts/"* ]] || { echo "$s: $(field out fd.0)" >&2; false; }
		want "$s" out fg self  # no job control: all in the shell's group
		want "$s" out pgid parent
	done
}

@test "pty: tine -m: a foreground pipeline is its own group and has the terminal" {
	local s
	for s in "${STRATEGIES[@]}"; do
		tine_pty "$s" -- -m -c 'probe >p1 | probe >p2'
		want "$s" p1 pgid self
		want "$s" p1 fg self
		want "$s" p2 pgid other   # joined the first member's group
		want "$s" p2 fg self
		# The job's signals are at default: no TSTP/TTIN/TTOU ignore
		# leaks from the shell.
		want "$s" p1 sig.ignored none
		want "$s" p1 sigmask none
	done
}

@test "pty: tine -m: a lone foreground program is its own group and has the terminal" {
	local s
	for s in "${STRATEGIES[@]}"; do
		tine_pty "$s" -- -m -c 'probe >out'
		want "$s" out pgid self
		want "$s" out fg self
		want "$s" out sig.ignored none
	done
}

@test "pty: tine -m: the shell takes the terminal back after a foreground job" {
	local s
	for s in "${STRATEGIES[@]}"; do
		tine_pty "$s" -- -m -c 'probe >p1 | cat; probe >bg1 & wait; probe >fg2; probe >bg2 & wait'
		want "$s" bg1 fg parent
		want "$s" bg2 fg parent
	done
}

@test "pty: tine -m: a background job is its own group; the shell keeps the terminal" {
	local s
	for s in "${STRATEGIES[@]}"; do
		tine_pty "$s" -- -m -c 'probe >bg & wait; probe >q1 | probe >q2 & wait'
		want "$s" bg pgid self
		want "$s" bg fg parent
		# With job control a background job is not made deaf to INT and
		# QUIT, nor given /dev/null: its group keeps it from the tty.
		want "$s" bg sig.ignored none
		[[ $(field bg fd.0) == "rw /dev/pts/"* ]] || { echo "$s: bg fd.0 $(field bg fd.0)" >&2; false; }
		want "$s" q1 pgid self
		want "$s" q2 pgid other
		want "$s" q2 fg parent
	done
}

@test "pty: set -m at run time gives the same groups, and (subshell) jobs work" {
	local s
	for s in "${STRATEGIES[@]}"; do
		tine_pty "$s" -- -c 'set -m; probe >p1 | probe >p2; probe >one; (probe >sub); probe >bg & wait; echo "end $?"'
		[[ $status -eq 0 && $output == *"end 0"* ]] ||
			{ echo "$s: status $status, terminal: $output" >&2; false; }
		want "$s" p1 pgid self
		want "$s" p1 fg self
		want "$s" p2 pgid other
		want "$s" one pgid self
		want "$s" one fg self
		want "$s" sub fg self
		want "$s" bg fg parent
	done
}

@test "pty: set -m: the plan carries setpgid and tcsetpgrp, with the chosen strategy" {
	local s
	for s in "${STRATEGIES[@]}"; do
		tine_pty "$s" -- -m -c 'setopt spawntrace; /bin/true | /bin/true; /bin/true; /bin/true & wait'
		local -a l
		mapfile -t l < <(grep '^+ ' <<<"$output")
		[[ ${l[0]} =~ ^"+ $s /bin/true: ".*" setpgid(0) tcsetpgrp -> pid "([0-9]+)$ ]] ||
			{ echo "$s: pipeline first: ${l[0]}" >&2; echo "$output" >&2; false; }
		local lead=${BASH_REMATCH[1]}
		[[ ${l[1]} =~ ^"+ $s /bin/true: ".*" setpgid($lead) -> pid "[0-9]+$ ]] ||
			{ echo "$s: pipeline second: ${l[1]}" >&2; echo "$output" >&2; false; }
		[[ ${l[2]} =~ ^"+ $s /bin/true: ".*" setpgid(0) tcsetpgrp -> pid "[0-9]+$ ]] ||
			{ echo "$s: lone program: ${l[2]}" >&2; echo "$output" >&2; false; }
		[[ ${l[3]} =~ ^"+ $s /bin/true: ".*" setpgid(0) -> pid "[0-9]+$ ]] ||
			{ echo "$s: background job: ${l[3]}" >&2; echo "$output" >&2; false; }
	done
}

@test "pty: tine -m: Ctrl-Z stops a foreground sleep; Stopped line, status 148, terminal back" {
	local s
	for s in "${STRATEGIES[@]}"; do
		tine_pty "$s" 'expect:-> pid [0-9]+\n' 'fg:cat' 'send:\x1a' 'expect:Stopped' \
			-- -m -c 'setopt spawntrace; /bin/sleep 30 | /bin/cat; echo "after $?"; unsetopt spawntrace; probe >bg & wait $!; echo end'
		[[ $output =~ $'\n'"[1] + Stopped "+[^$'\n']*sleep ]] ||
			{ echo "$s: no Stopped line: $output" >&2; false; }
		[[ $output == *"after 148"* ]] || { echo "$s: status: $output" >&2; false; }
		want "$s" bg fg parent
		# (the stopped job is left behind: when the shell exits its
		# group is orphaned and the kernel sends it SIGHUP and SIGCONT)
		[[ $output == *end* ]] || { echo "$s: did not finish: $output" >&2; false; }
	done
}

@test "pty: tine -i: Ctrl-Z on cat reading the terminal; the prompt comes back" {
	local s
	for s in "${STRATEGIES[@]}"; do
		tine_pty "$s" 'expect:[$#] $' 'send:setopt spawntrace\n' 'expect:[$#] $' \
			'send:/bin/cat\n' 'expect:-> pid [0-9]+\n' 'fg:cat' 'send:\x1a' \
			'expect:Stopped' 'expect:[$#] $' 'send:echo "back $?"\n' 'expect:back [0-9]+' \
			'expect:[$#] $' 'send:probe >bg & wait\n' 'expect:[$#] $' \
			'send:exit\n' 'expect:There are stopped jobs' 'send:exit\n' \
			-- -i
		[[ $output == *"+ $s /bin/cat: "*" setpgid(0) tcsetpgrp -> pid "* ]] ||
			{ echo "$s: plan line: $output" >&2; false; }
		[[ $output =~ "[1] + Stopped"" "+"/bin/cat" ]] || { echo "$s: $output" >&2; false; }
		[[ $output == *"back 148"* ]] || { echo "$s: $output" >&2; false; }
		want "$s" bg fg parent
		want "$s" bg pgid self
	done
}

@test "pty: tine -m: Ctrl-C kills the foreground job, not the shell" {
	local s
	for s in "${STRATEGIES[@]}"; do
		tine_pty "$s" 'expect:-> pid [0-9]+\n' 'fg:sleep' 'send:\x03' 'expect:after' \
			-- -m -c 'setopt spawntrace; /bin/sleep 30; echo "after $?"'
		[[ $status -eq 0 && $output == *"after 130"* ]] ||
			{ echo "$s: status $status: $output" >&2; false; }
	done
}

@test "pty: tine -i: Ctrl-C at the prompt drops the line being typed" {
	# The shell's SIGINT handler interrupts readline, which then ends the
	# line empty; without that the next line would be glued to it.
	tine_pty vfork 'expect:[$#] $' 'send:echo partial' 'expect:echo partial' 'send:\x03' \
		'expect:[$#] $' 'send:echo "fresh $?"\n' 'expect:fresh [0-9]+' \
		'send:exit\n' -- -i
	[[ $output == *"fresh "* ]] || { echo "no fresh line: $output" >&2; false; }
	[[ $output != *"partialecho"* && $output != *"partial fresh"* ]] ||
		{ echo "the dropped line ran: $output" >&2; false; }
	[[ $output != *$'\npartial'* ]] || { echo "the dropped line ran: $output" >&2; false; }
}

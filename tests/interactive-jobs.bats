#!/usr/bin/env bats
# tests/interactive-jobs.bats - job control at the prompt (issue 8 part
# 6), through a real terminal under every strategy: kill of a stopped job,
# "There are stopped jobs.", stopped background jobs announced, set -b,
# wait on a stopped job, ambiguous and selecting job specs, disown.

load helper
load interactive

setup() { interactive_setup; }

# z: the steps that start `sleep 50` in the foreground and stop it
Z=('send:sleep 50\n' 'expect:sleep 50\n' 'fg:sleep' 'send:\x1a' 'expect:Stopped +sleep 50\n\$ $')

t_kill_stopped() {
	ipty "$P" "${Z[@]}" 'send:kill %1\n' "$P" 'send:sleep 0.3; jobs\n' "$P" 'send:exit\n' --
	has 'Terminated' && hasnt $'Stopped                    sleep 50\n$ exit'
}
@test "jobs: kill %1 of a stopped job kills it (SIGCONT follows the signal)" {
	each_strategy t_kill_stopped
}

t_stopped_exit() {
	ipty "$P" "${Z[@]}" 'send:exit\n' 'expect:There are stopped jobs.\n\$ $' 'send:exit\n' --
	# it left (the status is the refused exit's 1, as in bash)
	[[ $status -eq 1 ]] && same "$(printf '%s\n' "$output" | grep -c 'There are stopped')" 1
}
t_stopped_eof() {
	ipty "$P" "${Z[@]}" 'send:\x04' 'expect:There are stopped jobs.\n\$ $' 'send:\x04' --
	[[ $status -ne 124 ]]
}
t_stopped_exit_later() {
	# a command in between: the next exit warns again
	ipty "$P" "${Z[@]}" 'send:exit\n' 'expect:There are stopped jobs.\n\$ $' 'send:echo between\n' "$P" \
		'send:exit\n' 'expect:There are stopped jobs.\n\$ $' 'send:exit\n' --
	[[ $status -eq 1 ]] && same "$(printf '%s\n' "$output" | grep -c 'There are stopped')" 2
}
t_stopped_exit_status() {
	# $? after a refused exit is 1, also after `true; exit 3`; a
	# refused Ctrl-D leaves $? alone (bash 5.2)
	ipty "$P" "${Z[@]}" 'send:true; exit 3\n' 'expect:There are stopped jobs.\n\$ $' \
		'send:echo st=$?\n' "$P" 'send:(exit 7)\n' "$P" 'send:\x04' \
		'expect:There are stopped jobs.\n\$ $' 'send:echo st=$?\n' "$P" \
		'send:kill -9 %1\n' "$P" 'send:exit\nexit\n' --
	has $'\nst=1\n' && has $'\nst=7\n'
}
@test "jobs: exit or Ctrl-D with stopped jobs says \"There are stopped jobs.\" once, and leaves on the next try" {
	each_strategy t_stopped_exit
	each_strategy t_stopped_eof
	each_strategy t_stopped_exit_later
	each_strategy t_stopped_exit_status
}

t_bg_stop_announced() {
	# the notice comes at the prompt after & or after sleep, whichever
	# follows the stop
	ipty "$P" 'send:sh -c "kill -STOP \$\$" &\n' 'send:sleep 0.3\n' 'expect:Stopped +sh -c' \
		'send:jobs\n' "$P" 'send:kill %1\n' "$P" 'send:exit\nexit\n' --
	has $'[1] + Stopped'
}
@test "jobs: a background job that stops is announced at the next prompt" {
	each_strategy t_bg_stop_announced
}

t_notify() {
	ipty "$P" 'send:set -b\n' "$P" 'send:sleep 0.2 &\n' "$P" 'send:echo typed' \
		'expect:Done +sleep 0.2\n\$ echo typed' 'send:-on\n' 'expect:typed-on\n\$ $' 'send:exit\n' --
	[[ $status -eq 0 ]]
}
@test "jobs: set -b announces a finished job at once, and draws the line being edited again" {
	each_strategy t_notify
}

# set -b: also while a foreground command runs (the wait is for any
# child), for a job that ends and one that stops; without it, the news
# waits until the foreground command is over (bash 5.2 both).
t_notify_running() {
	ipty "$P" 'send:set -b\n' "$P" 'send:sleep 0.1 & sh -c "sleep 1; echo mid"; echo x\n' \
		'expect:Done +sleep 0.1\nmid\nx\n\$ $' \
		'send:sh -c "kill -STOP \$\$" & sleep 30\n' 'expect:Stopped +sh -c' 'send:\x03' "$P" \
		'send:kill %1; wait %1\n' 'expect:Terminated' "$P" 'send:set +b\n' "$P" \
		'send:sleep 0.1 & sh -c "sleep 1; echo mid"; echo x\n' 'expect:mid\n\[[0-9]\]\+ +Done +sleep 0.1\nx\n\$ $' \
		'send:exit\n' --
	[[ $status -eq 0 ]]
}
@test "jobs: set -b announces at once while a foreground command runs; without it after the command" {
	each_strategy t_notify_running
}

# Interactive (bash): the jobs `wait` saw end are announced when it
# returns and leave the table, so the next job is %1 again.
t_wait_announces() {
	ipty "$P" 'send:sleep 0.1 & wait; echo w\n' 'expect:\[1\]\+ +Done +sleep 0.1\nw\n\$ $' \
		'send:sleep 0.1 & sleep 0.2 & wait $!; echo w2\n' \
		'expect:\[1\] [0-9]+\n\[2\] [0-9]+\n\[1\]\+ +Done +sleep 0.1\n\[2\]\+ +Done +sleep 0.2\nw2\n\$ $' \
		'send:sleep 0.1 & wait %1; jobs; echo w3\n' 'expect:\[1\] [0-9]+\n\[1\]\+ +Done +sleep 0.1\nw3\n\$ $' \
		'send:exit\n' --
	[[ $status -eq 0 ]]
}
@test "jobs: an interactive wait announces the jobs it saw end, and frees their numbers" {
	each_strategy t_wait_announces
}

t_wait_stopped() {
	ipty "$P" "${Z[@]}" 'send:wait %1; echo st=$?\n' "$P" 'send:kill -9 %1\n' "$P" 'send:exit\nexit\n' --
	has 'job 1 is stopped' && has 'st=148'
}
@test "jobs: wait on a stopped job warns and returns 148 (bash) instead of hanging" {
	each_strategy t_wait_stopped
}

t_specs() {
	ipty "$P" 'send:sleep 50 &\n' "$P" 'send:sleep 60 &\n' "$P" 'send:fg %sl\n' "$P" \
		'send:jobs %?60\n' "$P" 'send:jobs %-\n' "$P" 'send:jobs %+\n' "$P" \
		'send:kill %?5 %?6\n' "$P" 'send:exit\n' --
	has 'fg: %sl: ambiguous job spec' &&
	has $'jobs %?60\n[2] + Running                    sleep 60\n$ ' &&
	has $'jobs %-\n[1] - Running                    sleep 50\n$ ' &&
	has $'jobs %+\n[2] + Running                    sleep 60\n$ '
}
@test "jobs: an ambiguous %str is an error; jobs %?str, %+ and %- select one job" {
	each_strategy t_specs
}

t_disown() {
	ipty "$P" 'send:sleep 50 &\n' "$P" 'send:echo pid=$!\n' "$P" 'send:disown %1\n' "$P" \
		'send:jobs; echo jobs-done\n' "$P" 'send:disown %1\n' "$P" 'send:exit\n' --
	has $'jobs; echo jobs-done\njobs-done\n' && has 'disown: %1: no such job'
	local pid
	pid=$(printf '%s\n' "$output" | sed -n 's/^pid=//p' | tr -d '\r')
	kill -0 "$pid" && kill "$pid"
}
@test "jobs: disown forgets a job, which goes on running" {
	each_strategy t_disown
}

t_ctrlz_loop() {
	ipty "$P" 'send:for i in 1 2 3; do sleep 50; echo "iter$i"; done; echo after-loop\n' 'expect:done; echo after-loop\n' \
		'fg:sleep' 'send:\x1a' 'expect:Stopped +sleep 50\n' 'send:echo back\n' 'expect:\nback\n\$ $' \
		'send:jobs\n' "$P" 'send:kill %1\n' "$P" 'send:exit\nexit\n' --
	# bash: the loop is abandoned (no iter1, no second sleep); the list
	# after the loop still runs; one stopped job, not one per Ctrl-Z
	hasnt 'iter1' && same "$(printf '%s\n' "$output" | grep -c 'Stopped')" 2
}
@test "jobs: Ctrl-Z of a foreground loop stops the program, abandons the loop, gives the prompt back (bash)" {
	each_strategy t_ctrlz_loop
}

t_ctrlz_list() {
	ipty "$P" 'send:sleep 50; echo after-list\n' 'expect:after-list\n' 'fg:sleep' 'send:\x1a' \
		'expect:Stopped +sleep 50\n' "$P" 'send:kill %1\n' "$P" 'send:exit\nexit\n' --
	has $'\nafter-list\n'
}
@test "jobs: Ctrl-Z in a plain list stops the program; the rest of the list runs (bash)" {
	each_strategy t_ctrlz_list
}

# ^C at the prompt's command abandons the whole command line, as bash and
# dash do: a loop around a program, a list, and a loop of builtins only
# (then the shell itself gets the ^C).  $? is 130; an INT trap runs
# instead, and the list goes on.
t_ctrlc_line() {
	ipty "$P" 'send:for i in 1 2; do sleep 30; echo "iter$i"; done\n' 'fg:sleep' 'send:\x03' "$P" \
		'send:echo "st=$?"\n' "$P" 'send:sleep 30; echo after-list\n' 'fg:sleep' 'send:\x03' "$P" \
		'send:while :; do :; done\n' 'expect:done\n' 'send:\x03' "$P" 'send:echo "st2=$?"\n' "$P" \
		'send:trap "echo trapped" INT; sleep 30; echo after-trap\n' 'fg:sleep' 'send:\x03' \
		'expect:trapped\nafter-trap\n\$ $' 'send:exit\n' --
	[[ $status -eq 0 ]] && hasnt iter1 && hasnt $'\nafter-list' && has $'\nst=130\n' &&
		has $'\nst2=130\n'
}
@test "jobs: ^C ends the command line at the prompt, loops and lists too (bash); an INT trap runs instead" {
	each_strategy t_ctrlc_line
}

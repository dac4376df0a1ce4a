#!/usr/bin/env bats
# tests/startup.bats - start-up does only what the first command needs:
# no signal disposition is read or set and the shell's
# own path is not resolved until something asks for it; what those lazy
# readings feed (signals ignored at entry, the ENOEXEC relaunch) still
# behaves as before.

load helper

# syscalls_of ARGS...: the system calls `tine ARGS` makes, one name a line.
syscalls_of() {
	command -v strace >/dev/null || skip "strace not installed"
	strace -f -qq -o /dev/null /bin/true 2>/dev/null ||
		skip "strace cannot trace here (ptrace not permitted)"
	local log=$BATS_TEST_TMPDIR/strace.log
	env -i PATH=/usr/bin:/bin LC_ALL=C \
		${ASAN_OPTIONS:+"ASAN_OPTIONS=$ASAN_OPTIONS"} \
		timeout -k 2 20 strace -qq -o "$log" "$@" </dev/null >/dev/null 2>&1
	sed -E 's/^([a-z_0-9]+)\(.*/\1/' "$log"
}

@test "startup: tine -c true touches no signal disposition and no /proc/self/exe" {
	[[ $TINE != *asan* ]] || skip "the sanitizer runtime sets its own handlers"
	local calls
	calls=$(syscalls_of "$TINE" -c true)
	[[ -n $calls ]]
	# A static glibc resolves /proc/self/exe once before main (for
	# dlopen's $ORIGIN): that one is the C library's, any other tine's.
	local allowed=0 n
	tine_is_static && allowed=1
	n=$(grep -cx readlink <<<"$calls" || true)
	if grep -qxE 'rt_sigaction|rt_sigprocmask' <<<"$calls" || [[ $n -gt $allowed ]]; then
		echo "tine -c true made:" >&2
		grep -xE 'rt_sigaction|rt_sigprocmask|readlink' <<<"$calls" | sort | uniq -c >&2
		return 1
	fi
}

@test "startup: a script with a trap reads only the signals it traps" {
	[[ $TINE != *asan* ]] || skip "the sanitizer runtime sets its own handlers"
	local calls n
	calls=$(syscalls_of "$TINE" -c 'trap "echo x" USR1; trap - USR1; echo ok')
	n=$(grep -cx rt_sigaction <<<"$calls" || true)
	# trap USR1: one read of what was inherited, one set; trap -: one set.
	[[ $n -le 3 ]] || { echo "rt_sigaction made $n times" >&2; return 1; }
}

@test "startup: signals ignored at entry stay ignored, others can be trapped" {
	diff_sh <<'EOF_SH'
me=/proc/$$/exe
trap '' USR1 TERM
"$me" -c 'trap "echo caught" USR1; kill -USR1 $$; echo alive
trap - TERM; kill -TERM $$; echo still
trap "echo c2" USR2; kill -USR2 $$; trap - USR2'
echo "status $?"
EOF_SH
}

@test "startup: ignored at entry, then a subshell and a program" {
	diff_sh <<'EOF_SH'
me=/proc/$$/exe
trap '' INT
"$me" -c '(kill -INT $$; echo sub); sh -c "kill -INT \$\$; echo prog"; echo end'
trap - INT
"$me" -c 'trap "echo int" INT; kill -INT $$; (kill -INT $$; echo no) ; echo "sub died: $?"'
EOF_SH
}

@test "startup: ENOEXEC relaunch resolves the shell's path on demand" {
	run_tine_script <<'EOF_SH'
printf 'echo "as script: $#"\n' > noshebang
chmod +x noshebang
./noshebang a b
x=$(./noshebang c); echo "$x"
(./noshebang)
EOF_SH
	check_status 0
	check_output "as script: 2
as script: 1
as script: 0"
}

@test "startup: the loader copies none of tine's data pages to relocate them" {
	# A PIE's loader writes every relocated pointer (readline's keymaps,
	# tine's own tables) at start, copying ~36 kB of the binary's own
	# mappings before the first command; linked position-dependent, only
	# what the shell itself writes is copied (~16 kB: .data, GOT).
	# Anonymous counts the copies (Private_Dirty would also count the page
	# cache of a binary the linker has just written).
	[[ $TINE != *asan* ]] || skip "the sanitizer runtime writes its own data"
	local exe kb
	exe=$(readlink -f "$TINE")
	kb=$("$TINE" -c 'cat /proc/$$/smaps' | awk -v exe="$exe" '
		/^[0-9a-f]+-[0-9a-f]+ / { mine = ($6 == exe) }
		mine && $1 == "Anonymous:" { kb += $2 }
		END { print kb + 0 }')
	[[ $kb -le 24 ]] || {
		echo "tine's own mappings have $kb kB copied after start (PIE?)" >&2
		return 1
	}
}

@test "startup: tine -c true reads no /proc file (the stack guard finds the stack without /proc/self/maps)" {
	[[ $TINE != *asan* ]] || skip "the sanitizer runtime reads /proc/self/maps itself"
	syscalls_of "$TINE" -c 'case x in x) true ;; esac' >/dev/null
	local log=$BATS_TEST_TMPDIR/strace.log
	grep -q '^execve' "$log"
	# The static C library's one readlink of /proc/self/exe before main
	# (see above) is not tine's.
	local procs
	procs=$(grep -n '"/proc/' "$log" || true)
	if tine_is_static; then
		procs=$(awk 'NR == 1 && /readlink\("\/proc\/self\/exe"/ { next } { print }' <<<"$procs")
	fi
	[[ -z $procs ]] || { echo "$procs" >&2; return 1; }
}

@test "startup: the stack guard still turns deep nesting into an error with a small stack and a large environment" {
	local big
	big=$(head -c 100000 /dev/zero | tr '\0' x)
	run env BIG="$big" bash -c "ulimit -s 1024; exec '$TINE' -c 'eval \"\$(printf \"%0.s(\" \$(seq 20000))\"'"
	echo "$output" | head -5
	[ "$status" -eq 2 ]
	[[ $output == *"too deeply nested"* ]]
}

#!/usr/bin/env bats
# valgrind.bats - the launch strategies under valgrind's memcheck.
#
# AddressSanitizer cannot follow a child that shares the shell's memory
# (vfork, and clone with CLONE_VM): the child runs on the parent's shadow
# memory, so launch_clone.c keeps instrumentation out of its child function
# and the ASan build proves only the parent's side.  memcheck proves the
# rest: it runs vfork and CLONE_VM|CLONE_VFORK children as ordinary forked
# processes under full checking, so every byte the child code reads must be
# initialised by the parent and nothing it touches may be freed.

load helper

memcheck() {
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	# memcheck and AddressSanitizer cannot share a process: the plain
	# (-Werror) build is the one checked here.
	if ldd "$TINE" 2>/dev/null | grep -q libasan; then
		skip "an ASan build: memcheck runs on the plain build"
	fi
	# memcheck follows malloc only in a dynamically linked program: a
	# static tine (configure's default) is checked through its dynamic
	# twin, which build.sh --check builds and names in TINE_MEMCHECK.
	local TINE=${TINE_MEMCHECK:-$TINE}
	tine_is_static && skip "a static tine and no TINE_MEMCHECK (configure --disable-static-link)"
	local T
	T=$(mktemp -d "${BATS_TEST_TMPDIR:-/tmp}/vg.XXXXXX")
	cd "$T"
	run valgrind -q --error-exitcode=99 --trace-children=no \
		"$TINE" -c "$1"
	cd /
	rm -rf "$T"
}

# Launches that exercise every part of a plan: fd operations of each kind,
# a here-document, a pipeline, $(prog), a background job, a failed open, a
# missing program and an ENOEXEC script.
SCRIPT='
printf "echo script-ran\n" > noexec; chmod +x noexec
for s in fork vfork clone posix_spawn; do
	SPAWN=$s /bin/echo "$s" > out 2>&1 3<&- 4>>log <> rw
	SPAWN=$s /bin/cat < out
	SPAWN=$s /bin/cat <<END
here $s
END
	SPAWN=$s /bin/echo pipe | SPAWN=$s /bin/cat
	x=$(SPAWN=$s /bin/echo sub-$s); echo "$x"
	SPAWN=$s /bin/true & wait $!
	SPAWN=$s /bin/echo x > /nonexistent/dir/f
	SPAWN=$s nosuchprogram 2>/dev/null
	SPAWN=$s ./noexec
done
echo done'

@test "valgrind: every strategy's launch path is clean under memcheck" {
	memcheck "$SCRIPT"
	[ "$status" -eq 0 ] || { echo "status $status: $output" >&2; false; }
	[[ $output == *"sub-clone"* && $output == *"here posix_spawn"* ]]
	[[ $output == *"script-ran"* && $output == *done ]]
	! grep -q "Invalid\|uninitialised\|Syscall param" <<<"$output"
}

#!/usr/bin/env bats
# userdb.bats - the user database behind ~user, \u and ~user completion.
# A statically linked tine (configure's default) answers from /etc/passwd
# and then getent(1) (src/passwd_static.c): a static glibc that loaded an
# NSS module for a user /etc/passwd lacks took a second libc.so with it
# and crashed the shell.

load helper

@test "userdb: ~user of an unknown user stays as written and the shell goes on" {
	run_tine -c 'echo ~no_such_user_tine ~no_such_user_tine/x; cd ~no_such_user_tine 2>/dev/null; echo "cd $?"; echo end'
	check_status 0
	check_output $'~no_such_user_tine ~no_such_user_tine/x\ncd 1\nend'
}

@test "userdb: ~user gives the home directory the system gives" {
	local home_root home_nobody
	home_root=$(getent passwd root | cut -d: -f6)
	home_nobody=$(getent passwd nobody | cut -d: -f6)
	run_tine -c 'echo ~root ~root/sub ~nobody; x=~root; echo "$x"'
	check_status 0
	check_output "$home_root $home_root/sub $home_nobody
$home_root"
}

@test "userdb: a lookup loads no shared library into a static tine" {
	tine_is_static || {
		# A dynamic tine has glibc's own NSS: ~user works as tested above.
		run_tine -c 'echo ~root'
		check_status 0
		[[ $output == /* ]]
		return 0
	}
	command -v strace >/dev/null || skip "strace not installed"
	local log=$BATS_TEST_TMPDIR/strace.log
	run strace -qq -e trace=openat -o "$log" "$TINE" -c 'echo ~no_such_user_tine ~root'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "~no_such_user_tine $(getent passwd root | cut -d: -f6)" ]
	! grep -n '\.so' "$log"
}

# A user /etc/passwd does not list (LDAP, sss, systemd's dynamic users)
# comes from getent: a fake getent bound over the real one in a private
# mount namespace stands in for such a source.
@test "userdb: a user only getent knows resolves in a static tine" {
	[[ $(id -u) -eq 0 ]] && command -v unshare >/dev/null ||
		skip "needs root and unshare for a private mount namespace"
	unshare -m true 2>/dev/null || skip "unshare -m is not permitted here"
	local d=$BATS_TEST_TMPDIR getent
	getent=$(command -v getent)
	cat >"$d/fake-getent" <<EOF_G
#!/bin/sh
# getent passwd [KEY]: one extra user, ghost, uid 4242.
[ "\$1" = passwd ] || exit 1
case \${2-} in
ghost|4242|'') echo 'ghost:x:4242:4242:Ghost:/srv/ghost-home:/bin/sh' ;;
*) exit 2 ;;
esac
EOF_G
	chmod +x "$d/fake-getent"
	run unshare -m sh -c "mount --bind '$d/fake-getent' '$getent' &&
		exec '$TINE' -c 'echo ~ghost ~ghost/x; echo ~nosuch_ghost'"
	[ "$status" -eq 0 ]
	if tine_is_static; then
		[ "${lines[0]}" = "/srv/ghost-home /srv/ghost-home/x" ]
	else
		# glibc's NSS reads nsswitch.conf's sources, never getent.
		[ "${lines[0]}" = "~ghost ~ghost/x" ]
	fi
	[ "${lines[1]}" = "~nosuch_ghost" ]
}

#!/usr/bin/env bats
# builtin-getopts.bats - differential cases (dash vs tine), see tests/helper.bash.

load helper

@test "builtin-getopts: simple flags" {
	diff_sh <<'EOF_SH'
set -- -a -b arg; while getopts ab o; do echo "opt $o"; done; echo "OPTIND $OPTIND"
EOF_SH
}

@test "builtin-getopts: option with argument" {
	# tine-only: POSIX says getopts unsets OPTARG for an option that takes
	# no argument; dash leaves the last value behind.
	run_tine_script <<'EOF_SH'
set -- -f file -v; while getopts f:v o; do echo "$o ${OPTARG-none}"; done
EOF_SH
	check_status 0
	check_output $'f file\nv none'
	check_stderr ''
}

@test "builtin-getopts: option argument value" {
	diff_sh <<'EOF_SH'
set -- -f file -ggg -hx -- -v; while getopts f:gh: o; do echo "$o $OPTARG $OPTIND"; done; echo "end $OPTIND"
EOF_SH
}

@test "builtin-getopts: attached argument" {
	diff_sh <<'EOF_SH'
set -- -ffile; getopts f: o; echo "$o $OPTARG"
EOF_SH
}

@test "builtin-getopts: grouped flags" {
	diff_sh <<'EOF_SH'
set -- -abc; while getopts abc o; do echo $o; done
EOF_SH
}

@test "builtin-getopts: unknown option" {
	diff_sh --stderr-nonempty <<'EOF_SH'
set -- -z; getopts ab o; echo "$o [${OPTARG-unset}]"
EOF_SH
}

@test "builtin-getopts: silent mode unknown" {
	diff_sh <<'EOF_SH'
set -- -z; getopts :ab o; echo "$o $OPTARG"
EOF_SH
}

@test "builtin-getopts: silent missing argument" {
	diff_sh <<'EOF_SH'
set -- -f; getopts :f: o; echo "$o $OPTARG"
EOF_SH
}

@test "builtin-getopts: missing argument verbose" {
	diff_sh --stderr-nonempty <<'EOF_SH'
set -- -f; getopts f: o; echo "$o"
EOF_SH
}

@test "builtin-getopts: double dash ends" {
	diff_sh <<'EOF_SH'
set -- -a -- -b; while getopts ab o; do echo $o; done; echo $OPTIND
EOF_SH
}

@test "builtin-getopts: non option ends" {
	diff_sh <<'EOF_SH'
set -- -a file -b; while getopts ab o; do echo $o; done; shift $((OPTIND-1)); echo "$@"
EOF_SH
}

@test "builtin-getopts: status at end" {
	diff_sh <<'EOF_SH'
set -- x; getopts a o; echo "$? $o"
EOF_SH
}

@test "builtin-getopts: explicit args" {
	diff_sh <<'EOF_SH'
getopts ab o -b; echo $o
EOF_SH
}

@test "builtin-getopts: OPTIND reset" {
	diff_sh <<'EOF_SH'
set -- -a; getopts a o; OPTIND=1; getopts a o; echo "$o $OPTIND"
EOF_SH
}

@test "builtin-getopts: in function" {
	diff_sh <<'EOF_SH'
f() { local OPTIND=1; while getopts x o; do echo "f:$o"; done; }; f -x
EOF_SH
}

# XCU getopts: at the end of the options OPTIND is the first operand's
# index or $#+1, even when it pointed past the list before the call.
# (OPTIND set by hand past $#+1 is left out: dash reads beyond its argument
# array there; bash and tine give $#+1.)
@test "builtin-getopts: OPTIND is \$#+1 when the options end with no operand" {
	diff_sh <<'EOF_SH'
set -- -a b; while getopts a o; do :; done; echo $OPTIND
set --; getopts a o; echo "$? $OPTIND"
set -- -a -- x; while getopts a o; do :; done; echo $OPTIND
OPTIND=3; getopts a o -a b c d; echo "$? $OPTIND"
OPTIND=1; getopts a o -a; getopts a o -a; echo "$? $OPTIND"
EOF_SH
}

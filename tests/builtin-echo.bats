#!/usr/bin/env bats
# builtin-echo.bats - differential cases (dash vs tine), see tests/helper.bash.

load helper

@test "builtin-echo: echo plain" {
	diff_sh <<'EOF_SH'
echo a b  c
EOF_SH
}

@test "builtin-echo: echo no args" {
	diff_sh <<'EOF_SH'
echo
EOF_SH
}

@test "builtin-echo: echo dash n" {
	diff_sh <<'EOF_SH'
echo -n abc; echo
EOF_SH
}

@test "builtin-echo: echo backslash escapes like dash" {
	diff_sh <<'EOF_SH'
echo 'a\nb'
EOF_SH
}

@test "builtin-echo: echo c stops output" {
	diff_sh <<'EOF_SH'
echo 'ab\cde'; echo
EOF_SH
}

@test "builtin-echo: echo octal" {
	diff_sh <<'EOF_SH'
echo '\0101'
EOF_SH
}

@test "builtin-echo: echo dash e literal" {
	diff_sh <<'EOF_SH'
echo -e x
EOF_SH
}

@test "builtin-echo: echo double dash literal" {
	diff_sh <<'EOF_SH'
echo -- x
EOF_SH
}

@test "builtin-echo: echo tab" {
	diff_sh <<'EOF_SH'
echo 'a\tb' | od -c | head -1 | tr -s ' '
EOF_SH
}

@test "builtin-echo: echo backslash backslash" {
	diff_sh <<'EOF_SH'
echo 'a\\b'
EOF_SH
}

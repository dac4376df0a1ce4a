# Reference solution, exercise 2 (for instructors).
# One external command with plain words: launched directly.
direct=$(uname -s)
# An expansion that assigns (${y:=...}) must not change this shell, so the
# words are expanded in a forked child, which then launches the program.
fallback=$(uname ${y:=-s})
# A builtin: shell code, run in a fork of the shell under subshell=fork
# (in the shell itself under the default, inline); no program at all.
shellcode=$(echo hi)

#!/bin/sh
# fuzz/seed-from-tests.sh TESTS-DIR OUT-DIR - seeds for fuzz-exec: the body
# of every quoted here-document script in the bats files (diff_sh and
# run_tine_script cases), one file each, named after file and line.
set -eu
tests=$1 out=$2
mkdir -p "$out"
for f in "$tests"/*.bats; do
	awk -v out="$out" -v base="$(basename "$f" .bats)" '
		!body && /<<.?EOF[A-Z_]*.?[ \t]*$/ {
			d = $0; sub(/.*<</, "", d); gsub(/[\047"]/, "", d)
			gsub(/[ \t]/, "", d)
			body = 1; name = out "/" base "-" NR ".sh"; next
		}
		body && $0 == d { body = 0; close(name); next }
		body { print > name }
	' "$f"
done
echo "seed-from-tests: $(ls "$out" | wc -l) seeds in $out"

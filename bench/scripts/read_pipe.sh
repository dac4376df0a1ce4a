# read_pipe.sh - `while read` from a pipe over the same 100k-line file: on
# a pipe a shell cannot seek back, so it must read byte by byte (or keep
# the buffer to itself).  Also splits each line into fields.
cat "$BENCH_DATA" | {
	n=0 sum=0
	while read -r a b rest; do
		n=$((n + 1))
		sum=$((sum + ${#a} + ${#b}))
	done
	echo "$n $sum"
}

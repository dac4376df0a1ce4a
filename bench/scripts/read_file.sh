# read_file.sh - `while read` over a 100k-line regular file (redirected, so
# a shell may read in blocks and seek back).  $BENCH_DATA names the file.
n=0 len=0
while IFS= read -r line; do
	n=$((n + 1))
	len=$((len + ${#line}))
done < "$BENCH_DATA"
echo "$n $len"

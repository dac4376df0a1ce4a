# strcat.sh - building a long string by repeated concatenation (quadratic
# copying in a naive shell), and a second one grown by append-and-strip.
n=$((20000 / ${BENCH_DIV:-1}))
s= t=
i=0
while [ $i -lt $n ]; do
	s="$s$i,"
	t="${t}ab"
	t=${t#?}
	i=$((i + 1))
done
echo "${#s} ${#t}"

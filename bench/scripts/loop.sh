# loop.sh - a counting loop of builtins: `[` and $((...)) and assignment.
# BENCH_DIV (set by bench/run-scripts --quick) shortens every workload.
n=$((300000 / ${BENCH_DIV:-1}))
i=0
while [ $i -lt $n ]; do
	i=$((i + 1))
done
echo "$i"

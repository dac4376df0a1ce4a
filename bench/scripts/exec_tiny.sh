# exec_tiny.sh - launching a tiny static program (bench/tiny.c: _start calls
# exit_group) many times: the launch itself, without the program's own
# dynamic loading.  $BENCH_TINY names it (bench/run-scripts builds it).
n=$((2000 / ${BENCH_DIV:-1}))
i=0 ok=0
while [ $i -lt $n ]; do
	"$BENCH_TINY" && ok=$((ok + 1))
	i=$((i + 1))
done
echo "$ok"

# startup.sh - start-up cost: run `SHELL -c true` many times, where SHELL is
# the command given as this script's arguments (bench/run-scripts passes
# the shell under test, so dash launches dash and tine launches tine).
n=$((1000 / ${BENCH_DIV:-1}))
[ $# -gt 0 ] || set -- sh
i=0 ok=0
while [ $i -lt $n ]; do
	"$@" -c true && ok=$((ok + 1))
	i=$((i + 1))
done
echo "$ok"

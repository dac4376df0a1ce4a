# cmdsub.sh - command substitution of builtins in a loop; each one forks a
# subshell (no shell here avoids that for $(echo ...)).
n=$((2000 / ${BENCH_DIV:-1}))
i=0 len=0
while [ $i -lt $n ]; do
	x=$(echo "x$i")
	len=$((len + ${#x}))
	i=$((i + 1))
done
echo "$len"

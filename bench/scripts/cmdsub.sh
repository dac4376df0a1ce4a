# cmdsub.sh - $(builtin): command substitution of a builtin in a loop.  A
# shell that forks for it pays a fork per iteration; ksh93 and tine (with
# subshell=inline) run the body in the shell itself.
n=$((2000 / ${BENCH_DIV:-1}))
i=0 len=0
while [ $i -lt $n ]; do
	x=$(echo "x$i")
	len=$((len + ${#x}))
	i=$((i + 1))
done
echo "$len"

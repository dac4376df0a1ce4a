# cmdsub_func.sh - $(function): command substitution of a shell function
# that reads its arguments and a global and prints with printf.
n=$((2000 / ${BENCH_DIV:-1}))
pre=item
f() { printf '%s-%s\n' "$pre" "$1"; }
i=0 len=0
while [ $i -lt $n ]; do
	x=$(f "$i")
	len=$((len + ${#x}))
	i=$((i + 1))
done
echo "$len"

# subshell.sh - ( ) in a loop: the body changes a variable and the working
# directory, and neither change may reach the parent.
n=$((2000 / ${BENCH_DIV:-1}))
i=0 x=0
while [ $i -lt $n ]; do
	(x=1; cd /)
	i=$((i + 1))
done
echo "$i $x $PWD" | sed 's|/.*|dir|'

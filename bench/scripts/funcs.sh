# funcs.sh - shell function calls with positional parameters and return.
n=$((100000 / ${BENCH_DIV:-1}))
add() { r=$(($1 + $2)); return 0; }
even() { [ $(($1 % 2)) -eq 0 ]; }
i=0 sum=0 evens=0
while [ $i -lt $n ]; do
	add "$sum" "$i"
	sum=$r
	if even "$i"; then evens=$((evens + 1)); fi
	i=$((i + 1))
done
echo "$sum $evens"

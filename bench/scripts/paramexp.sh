# paramexp.sh - parameter expansion in a loop: # % ## %% pattern removal,
# ${#x}, ${x:-w}, ${x:+w}, ${x=w}.
n=$((100000 / ${BENCH_DIV:-1}))
p=/usr/local/share/doc/tine/README.md
i=0 total=0 out=
while [ $i -lt $n ]; do
	a=${p#*/} b=${p##*/} c=${p%.*} d=${p%%/doc*}
	e=${unset_var:-default} f=${p:+set}
	total=$((total + ${#a} + ${#b} + ${#c} + ${#d} + ${#e} + ${#f}))
	i=$((i + 1))
done
echo "$a $b $c $d $e $f $total"

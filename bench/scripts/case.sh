# case.sh - case matching with literal, glob and bracket patterns.
n=$((100000 / ${BENCH_DIV:-1}))
i=0 a=0 b=0 c=0 d=0
while [ $i -lt $n ]; do
	for w in foo.c bar.h README.md x$i Makefile; do
		case $w in
		*.c|*.h) a=$((a + 1)) ;;
		[A-Z]*.md) b=$((b + 1)) ;;
		x[0-9]*) c=$((c + 1)) ;;
		*) d=$((d + 1)) ;;
		esac
	done
	i=$((i + 5))
done
echo "$a $b $c $d"

# split.sh - field splitting of unquoted expansions with default and
# custom IFS, counted with set -- and $#.
n=$((30000 / ${BENCH_DIV:-1}))
words="alpha beta  gamma	delta epsilon zeta eta theta iota kappa"
path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
i=0 total=0
while [ $i -lt $n ]; do
	set -- $words
	total=$((total + $#))
	old=$IFS IFS=:
	set -- $path
	IFS=$old
	total=$((total + $#))
	for f in $words; do total=$((total + 1)); done
	i=$((i + 1))
done
echo "$total $1"

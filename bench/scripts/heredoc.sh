# heredoc.sh - here-documents with expansions, read by a builtin, in a loop.
n=$((20000 / ${BENCH_DIV:-1}))
i=0 sum=0
while [ $i -lt $n ]; do
	read -r a b <<EOT
$i value-$i
EOT
	read -r c <<'EOT'
literal $text
EOT
	sum=$((sum + a + ${#b} + ${#c}))
	i=$((i + 1))
done
echo "$sum"

cat <<EOF; cat <<-'X'
a $b `c` $(d "$e")
EOF
	literal $x
	X

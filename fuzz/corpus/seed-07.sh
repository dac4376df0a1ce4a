while read -r a b; do printf "%s\n" "$a"; done < file 3<>rw 4>&- 2>|clob

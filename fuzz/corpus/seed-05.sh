f() { local x=$((1+2*3)); echo "${#x}" "${x%%[0-9]}"; } ; f | cat & wait $!

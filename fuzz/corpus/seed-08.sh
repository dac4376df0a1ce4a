x=$(echo "$(echo "${y:+"inner $z"}")") ; (cd /tmp && { echo a; echo b; }) || until true; do break; done

for i in a "b c" $(ls) `pwd`; do echo "$i" >>out 2>&1; done

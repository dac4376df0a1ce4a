case $1 in a|b) echo ab;; c*) echo c ;& d) echo d;; *) ;; esac

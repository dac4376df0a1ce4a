if test -n "${x:-def}"; then x=${y#*/}; elif ! false; then :; else exit 3; fi

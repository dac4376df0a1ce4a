a=1 b=~/x:~root c= env; echo ${a=1} ${b?msg} ${c:=3} ${10} "$@" $* $# $? $$ $! $- $0

alias ll="ls -l"
ll; echo \
continued # comment

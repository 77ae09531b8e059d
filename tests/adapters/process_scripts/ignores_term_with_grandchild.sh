#!/bin/sh
# Ignores SIGTERM and starts a grandchild (a `sleep`) that ignores it too: an
# ignored signal stays ignored across fork and exec. Prints the grandchild's
# pid, then waits for it. Only SIGKILL ends them.
trap '' TERM
sleep 1000 &
echo $!
wait

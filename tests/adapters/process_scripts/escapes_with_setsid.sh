#!/bin/sh
# Ignores SIGTERM and starts a grandchild (a `sleep`, ignoring SIGTERM too)
# that leaves the process group for a session of its own. Prints the
# grandchild's pid, then waits for it, so the grandchild keeps its parent.
trap '' TERM
setsid sleep 1000 &
echo $!
wait

#!/usr/bin/env bash
# Runs the test command, passing its output through, and stops it when it prints nothing for LIMIT
# seconds: a test that waits without end then fails the run at once, with the stacks of every
# thread of the test process (gdb) printed first, instead of holding the run until an outside
# time limit ends it with nothing to go on.
# Usage: Tools/test_watch.sh LIMIT COMMAND [ARGUMENTS...]; exits with the command's status, or 124.
set -u
limit=$1
shift
log=$(mktemp)
# A session of its own, so that the command and everything it started are stopped together (by
# session: the test process leads a process group of its own).
setsid "$@" >"$log" 2>&1 &
pid=$!
trap 'pkill -TERM -s "$pid"; rm -f "$log"; exit 130' INT TERM
tail -n +1 -f --pid="$pid" "$log" &
follower=$!
size=-1 silent=0
while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    now=$(stat -c %s "$log")
    if [ "$now" != "$size" ]; then size=$now silent=0; continue; fi
    silent=$((silent + 5))
    [ "$silent" -lt "$limit" ] && continue
    sleep 1
    echo "test_watch: no output for $limit s; the stacks of the test processes follow, then they are stopped"
    for test in $(pgrep -s "$pid" -f 'PackageTests\.xctest'); do
        gdb -p "$test" -batch -ex 'thread apply all bt' 2>&1 | grep -v '^\[New LWP\|^\[Thread debugging\|^Using host libthread'
    done
    pkill -KILL -s "$pid"
    wait "$pid" 2>/dev/null
    wait "$follower" 2>/dev/null
    rm -f "$log"
    exit 124
done
wait "$pid"
status=$?
wait "$follower" 2>/dev/null
rm -f "$log"
exit "$status"

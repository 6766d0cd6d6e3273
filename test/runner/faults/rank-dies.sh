#!/usr/bin/env bash
# A data-parallel run whose rank dies (SIGKILL) or hangs (SIGSTOP) must end
# on every rank within a bounded time, with a clear error, and leave the
# last checkpoint intact and resumable.
# usage: rank-dies.sh RUNNER_DIR EXAMPLES_DIR WORKDIR kill|stop
set -uo pipefail
bin=$1 examples=$2 dir=$3 how=$4
rm -rf "$dir"; mkdir -p "$dir"
ck="$dir/ck.npz"
start=$(date +%s)
NGRAPH_BIN=$bin EPOCHS=100000 mpirun --oversubscribe --bind-to none -x LSAN_OPTIONS=detect_leaks=0 -np 2 \
  "$examples/run-digits.sh" --checkpoint "$ck" --comm-timeout 5 \
  > "$dir/out.txt" 2> "$dir/err.txt" &
launcher=$!
# Wait for a checkpoint: training is under way on both ranks.
for _ in $(seq 1 600); do [ -f "$ck" ] && break; sleep 0.1; done
[ -f "$ck" ] || { echo "no checkpoint after 60 s"; cat "$dir/err.txt"; exit 1; }
# Rank 1 is the ngraph-runner whose environment says so.
victim=""
for p in $(pgrep -f "ngraph-runner.*$ck"); do
  if tr '\0' '\n' < /proc/$p/environ 2>/dev/null | grep -qx 'OMPI_COMM_WORLD_RANK=1'; then victim=$p; fi
done
[ -n "$victim" ] || { echo "rank 1 not found"; exit 1; }
t0=$(date +%s)
if [ "$how" = kill ]; then kill -KILL "$victim"; else kill -STOP "$victim"; fi
# Bounded: the run must be over within 60 s (the collective timeout is 5 s).
for _ in $(seq 1 600); do kill -0 $launcher 2>/dev/null || break; sleep 0.1; done
if kill -0 $launcher 2>/dev/null; then
  echo "still running 60 s after rank 1 was stopped"; kill -KILL "$victim" $launcher; exit 1
fi
wait $launcher; rc=$?
echo "mpirun exit status nonzero: $([ $rc -ne 0 ] && echo yes || echo no)"
echo "ended within 60 s: yes ($(( $(date +%s) - t0 )) s)"
pgrep -f "ngraph-runner.*$ck" > /dev/null && echo "ranks left running" || echo "no rank left running"
cat "$dir/err.txt" > /dev/stderr
# The last checkpoint is complete: numpy reads it and training resumes from it.
/usr/bin/python3 -c "
import numpy as np
c = np.load('$ck')
assert int(c['__epoch__']) >= 1 and c['W1'].shape == (64, 64)
print('checkpoint intact at epoch', int(c['__epoch__']) > 0)"
e=$(/usr/bin/python3 -c "import numpy as np; print(int(np.load('$ck')['__epoch__']))")
NGRAPH_BIN=$bin EPOCHS=$((e + 1)) "$examples/run-digits.sh" --resume "$ck" | tail -1 | sed 's/[0-9.]\+/N/g'

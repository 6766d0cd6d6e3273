#!/usr/bin/env bash
# Kills ngraph-runner (SIGKILL) while it writes a 512 MiB checkpoint over an
# existing one, then checks the old checkpoint is byte-for-byte intact.
set -euo pipefail
runner=$1 graph=$2 dir=$3
rm -rf "$dir"; mkdir -p "$dir"
ck="$dir/ck.npz"
/usr/bin/python3 -c "import numpy as np; np.savez('$ck', W=np.full((16384, 8192), 0.25, np.float32))"
before=$(sha256sum "$ck" | cut -d' ' -f1)
"$runner" "$graph" --save "$ck" &
pid=$!
# Wait until the temporary file appears: the write is under way.
for _ in $(seq 1 3000); do
  if compgen -G "$ck.tmp.*" > /dev/null; then break; fi
  sleep 0.01
done
if ! kill -0 $pid 2>/dev/null; then echo "runner finished before it could be killed"; exit 1; fi
kill -9 $pid
wait $pid 2>/dev/null || true
after=$(sha256sum "$ck" | cut -d' ' -f1)
[ "$before" = "$after" ] && echo "old checkpoint intact" || { echo "old checkpoint CHANGED"; exit 1; }
/usr/bin/python3 -c "import numpy as np; w=np.load('$ck')['W']; assert w.shape == (16384, 8192) and (w == 0.25).all(); print('numpy reads it')"

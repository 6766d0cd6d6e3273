#!/usr/bin/env bash
# Data-parallel scaling of the large MLP training step (784-1024-1024-10,
# global batch 256):
#   bash bench/distributed.sh [--rounds R] [--ranks "1 2"]
# P = 1 is one process on one core without MPI (the normal path); P > 1 is
# mpirun -np P with one core per rank, each rank computing its shard of the
# batch and allreducing the gradients. Rounds are interleaved and each
# configuration keeps its best round. For comparison the same step with
# OpenMP threads (--num-threads) on as many cores, and P ranks with
# --overlap-comm (non-blocking allreduces). Raw JSON lines go to
# bench/results/distributed-latest.jsonl.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
rounds=3
ranks="1 2"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --ranks) ranks="$2"; shift ;;
    *) echo "usage: bench/distributed.sh [--rounds R] [--ranks \"1 2\"]" >&2; exit 2 ;;
  esac
  shift
done
[ -n "${NGRAPH_BENCH_BUILT:-}" ] || bash "$root/scripts/ngraph.sh" build >&2
[ -f "$here/graphs/mlp_large.mlir" ] || /usr/bin/python3 "$here/gen_graphs.py"
if [ "$(id -u)" -eq 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
bench="$root/build/bin/ngraph-bench"
graph="$here/graphs/mlp_large.mlir"
mkdir -p "$here/results"
out="$here/results/distributed-latest.jsonl.tmp"
: > "$out"
record() { # label json
  echo "$2" | /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); d["label"]=sys.argv[1]; print(json.dumps(d))' "$1" >> "$out"
}
for round in $(seq "$rounds"); do
  for p in $ranks; do
    echo "bench: round $round: $p rank(s)" >&2
    if [ "$p" = 1 ]; then
      line=$(taskset -c 0 "$bench" "$graph" --num-threads 1 --call step --min-time 2 | tail -1)
    else
      line=$(mpirun --oversubscribe --bind-to core -np "$p" "$bench" "$graph" --call step --min-time 2 | tail -1)
      record "mpi $p ranks, overlap" "$(mpirun --oversubscribe --bind-to core -np "$p" "$bench" "$graph" --num-threads 1 --call step --min-time 2 --overlap-comm | tail -1)"
      record "openmp $p threads" "$(taskset -c "0-$((p - 1))" "$bench" "$graph" --num-threads "$p" --call step --min-time 2 | tail -1)"
    fi
    record "mpi $p ranks" "$line"
  done
done
mv "$out" "$here/results/distributed-latest.jsonl"
/usr/bin/python3 - "$here/results/distributed-latest.jsonl" <<'PY'
import json, sys
best = {}
for line in open(sys.argv[1]):
    d = json.loads(line)
    if d["label"] not in best or d["step_s"] < best[d["label"]]["step_s"]:
        best[d["label"]] = d
one = best["mpi 1 ranks"]["step_s"]
print("Large MLP training step, global batch 256 (best of the rounds; median step time)")
print("%-18s %10s %10s %9s %11s %12s" % ("configuration", "step ms", "steps/s", "speedup", "efficiency", "comm ms"))
for label in sorted(best, key=lambda l: (l.split()[0] != "mpi", int(l.split()[1]))):
    d = best[label]
    n = int(label.split()[1])
    s = one / d["step_s"]
    print("%-18s %10.2f %10.1f %8.2fx %10.0f%% %12s" % (
        label, d["step_s"] * 1e3, 1 / d["step_s"], s, 100 * s / n,
        "%.2f" % (d["comm_s_per_step"] * 1e3) if label.startswith("mpi") and n > 1 else "-"))
PY

#!/usr/bin/env bash
# Runs every benchmark of docs/performance.md and prints the tables:
#   bash bench/run.sh [--quick] [--threads N] [--rounds R] [--suite all|mlp|cnn|lstm|start|python]
# ngraph-mlir (build/bin/ngraph-bench, code for this machine: --target host)
# against numpy, PyTorch, JAX and IREE (JAX's StableHLO export compiled for
# llvm-cpu, single-threaded local-sync driver) from PyPI (a virtualenv in
# bench/.venv, created on first use) and Debian's numpy and PyTorch
# (/usr/bin/python3), all measured in this run, pinned to the
# same cores. Every system runs once per round, rounds interleaved, and the
# table keeps each system's best round (this 2-core VM's timings swing by
# tens of percent when a neighbour is busy). Raw JSON lines go to
# bench/results/latest.jsonl.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
quick=0
threads=1
rounds=3
suite=all
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --threads) threads="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --suite) suite="$2"; shift ;;
    *) echo "usage: bench/run.sh [--quick] [--threads N] [--rounds R] [--suite all|mlp|cnn|lstm|start|python]" >&2; exit 2 ;;
  esac
  shift
done

# The product's build (incremental) and the peers' environments.
[ -n "${NGRAPH_BENCH_BUILT:-}" ] || bash "$root/scripts/ngraph.sh" build >&2
if [ ! -x "$here/.venv/bin/python" ]; then
  echo "bench: creating bench/.venv with current numpy, PyTorch and JAX" >&2
  /usr/bin/python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install -q --upgrade pip
  "$here/.venv/bin/pip" install -q numpy torch jax iree-base-compiler iree-base-runtime
fi
# Venvs made before IREE joined the peers get it too.
"$here/.venv/bin/python" -c 'import iree.compiler, iree.runtime' 2>/dev/null ||
  "$here/.venv/bin/pip" install -q iree-base-compiler iree-base-runtime
if ! /usr/bin/python3 -c 'import numpy, torch' 2>/dev/null; then
  echo "bench: Debian's python3-torch is missing (apt-get install python3-torch); skipping the Debian peers" >&2
  debian=0
else
  debian=1
fi

# Same threads for everyone; OpenBLAS picks its own (AVX-512/AVX2) kernels.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads MKL_NUM_THREADS=$threads
export XLA_FLAGS="--xla_cpu_multi_thread_eigen=$([ "$threads" = 1 ] && echo false || echo true) intra_op_parallelism_threads=$threads"
cpus="0-$((threads - 1))"
mt=$([ $quick = 1 ] && echo 0.5 || echo 1)
smt=$([ $quick = 1 ] && echo 0.25 || echo 0.5)
shapes=$(/usr/bin/python3 -c 'import json,sys; print(" ".join(c["name"] for c in json.load(open(sys.argv[1]))))' "$here/graphs/shapes/shapes.json")
[ $quick = 0 ] || rounds=1

mkdir -p "$here/results"
out="$here/results/latest.jsonl.tmp"
: > "$out"
run() { # label command...
  local label="$1"; shift
  if line=$(taskset -c "$cpus" "$@" 2>/dev/null | tail -1) && [ -n "$line" ]; then
    echo "$line" | /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); d["label"]=sys.argv[1]; d["bench"]=sys.argv[2]; print(json.dumps(d))' "$label" "$bench" >> "$out"
  else
    echo "bench: $label on $bench failed" >&2
  fi
}

case "$suite" in all|mlp|cnn|lstm|start|python) ;; *) echo "bench: --suite is all, mlp, cnn, lstm, start or python" >&2; exit 2 ;; esac
declare -A graph=( [matmul1024]="$here/graphs/matmul1024.mlir mm"
                   [matmul2048]="$here/graphs/matmul2048.mlir mm"
                   [mlp_large]="$here/graphs/mlp_large.mlir step"
                   [mlp_small]="$here/graphs/mlp_small.mlir step"
                   [mlp_large_opt]="$here/graphs/mlp_large_opt.mlir step"
                   [mlp_small_opt]="$here/graphs/mlp_small_opt.mlir step"
                   [logreg]="$root/examples/logreg.mlir update_fun"
                   [cnn_step]="$root/examples/fashion_cnn.mlir train_step"
                   [lstm_step]="$here/graphs/lstm/lstm_step.mlir step" )
for layer in conv1 conv2; do
  for pass in fwd dgrad wgrad; do
    graph[${layer}_$pass]="$here/graphs/cnn/$layer.mlir $pass"
  done
done
# The *_opt steps are the MLP steps with ng.optimize: ngraph only, against
# the hand-written form.
mlp_benches="matmul1024 matmul2048 mlp_large mlp_small mlp_large_opt mlp_small_opt logreg"
cnn_benches="cnn_step conv1_fwd conv1_dgrad conv1_wgrad conv2_fwd conv2_dgrad conv2_wgrad"
lstm_benches="lstm_step"
case "$suite" in
  cnn) benches="$cnn_benches" ;;
  mlp) benches="$mlp_benches" ;;
  lstm) benches="$lstm_benches" ;;
  # The seed's step from C++, from Python (bench/python_step.py) and in the peers.
  python) benches="logreg" ;;
  start) benches="" ;;
  *) benches="$mlp_benches $cnn_benches $lstm_benches" ;;
esac
# One core's FMA peak, before and after (this VM's speed drifts).
peak() {
  if [ -x "$root/build/bin/ngraph-fma-peak" ]; then
    taskset -c 0 "$root/build/bin/ngraph-fma-peak" | /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); d.update(label="fma peak", bench="fma_peak", when=sys.argv[1]); print(json.dumps(d))' "$1" >> "$out"
  fi
}
peak start
for round in $(seq "$rounds"); do
for bench in $benches; do
  echo "bench: round $round: $bench" >&2
  set -- ${graph[$bench]}
  run "ngraph" "$root/build/bin/ngraph-bench" "$1" --num-threads "$threads" --call "$2" --min-time "$mt"
  # The seed's step built and called from Python (docs/python.md).
  if [ "$bench" = logreg ] && [ -d "$root/build/python/ngraph" ]; then
    run "ngraph (Python)" env PYTHONPATH="$root/build/python" /usr/bin/python3 "$here/python_step.py" --threads "$threads" --min-time "$mt"
  fi
  # numpy has no convolution; the CNN's peers are the frameworks.
  fws="numpy torch jax iree"
  case "$bench" in cnn_*|conv*) fws="torch jax iree" ;; lstm_*) fws="torch jax" ;; *_opt) fws="" ;; esac
  for fw in $fws; do
    run "$fw (PyPI)" "$here/.venv/bin/python" "$here/peers.py" --framework $fw --bench $bench --min-time "$mt"
  done
  if [ $debian = 1 ]; then
    dfws="numpy torch"
    case "$bench" in cnn_*|conv*|lstm_*) dfws="torch" ;; *_opt) dfws="" ;; esac
    for fw in $dfws; do
      run "$fw (Debian)" /usr/bin/python3 "$here/peers.py" --framework $fw --bench $bench --min-time "$mt"
    done
  fi
done
# Each contraction of the MLP steps alone, against numpy's matmul of the
# same product (OpenBLAS: the contraction target's reference).
{ [ "$suite" = all ] || [ "$suite" = mlp ]; } || shapes=""
for bench in $shapes; do
  echo "bench: round $round: $bench" >&2
  run "ngraph" "$root/build/bin/ngraph-bench" "$here/graphs/shapes/$bench.mlir" --num-threads "$threads" --call dot --min-time "$smt"
  run "numpy (PyPI)" "$here/.venv/bin/python" "$here/peers.py" --framework numpy --bench $bench --min-time "$smt"
  [ $debian = 0 ] || run "numpy (Debian)" /usr/bin/python3 "$here/peers.py" --framework numpy --bench $bench --min-time "$smt"
done
done
# Starting a training process: the large MLP's step called 20 times by a
# fresh process (wall time of the whole process, peak resident set), ngraph
# compiling (empty compile cache), ngraph loading the cached object, and
# numpy (import and all).
start_process() { # label command...
  local label="$1"; shift
  local t0 t1 rss
  t0=$(date +%s.%N)
  if /usr/bin/time -o "$out.rss" -f '%M' taskset -c "$cpus" "$@" > /dev/null 2>&1; then
    t1=$(date +%s.%N)
    rss=$(tail -1 "$out.rss")
    /usr/bin/python3 -c 'import json,sys; print(json.dumps({"bench": "start_mlp_large", "label": sys.argv[1], "wall_s": float(sys.argv[3]) - float(sys.argv[2]), "rss_peak_mb": int(sys.argv[4]) / 1024.0}))' "$label" "$t0" "$t1" "$rss" >> "$out"
  else
    echo "bench: $label start failed" >&2
  fi
}
if [ "$suite" = all ] || [ "$suite" = start ]; then
  [ -x /usr/bin/time ] || apt-get install -y -qq time >&2
  cache="$(mktemp -d)"
  # One batch of the large MLP (X: [C:784, N:256], one-hot T: [Y:10, N:256]).
  /usr/bin/python3 -c 'import numpy as np, sys; r = np.random.default_rng(0); np.savez(sys.argv[1], X=r.random((784, 256), dtype=np.float32), T=np.ascontiguousarray(np.eye(10, dtype=np.float32)[:, r.integers(0, 10, 256)]))' "$cache.npz"
  for round in $(seq "$rounds"); do
    echo "bench: round $round: start_mlp_large" >&2
    rm -rf "$cache"/*
    # The training process users start (ngraph-runner: 20 epochs of one
    # batch, the peers' data volume), then the C++ API (ngraph-bench, which
    # links the compiler even when it loads from the cache).
    start_process "ngraph-runner compiling" "$root/build/bin/ngraph-runner" "$here/graphs/mlp_large.mlir" --train step --epochs 20 --data "npz:$cache.npz" --feed X=data:X --feed T=data:T --num-threads "$threads" --cache-dir "$cache"
    start_process "ngraph-runner cached" "$root/build/bin/ngraph-runner" "$here/graphs/mlp_large.mlir" --train step --epochs 20 --data "npz:$cache.npz" --feed X=data:X --feed T=data:T --num-threads "$threads" --cache-dir "$cache"
    rm -rf "$cache"/*
    start_process "ngraph-bench compiling" "$root/build/bin/ngraph-bench" "$here/graphs/mlp_large.mlir" --call step --steps 20 --warmup 0 --num-threads "$threads" --cache-dir "$cache"
    start_process "ngraph-bench cached" "$root/build/bin/ngraph-bench" "$here/graphs/mlp_large.mlir" --call step --steps 20 --warmup 0 --num-threads "$threads" --cache-dir "$cache"
    start_process "numpy (PyPI)" "$here/.venv/bin/python" "$here/peers.py" --framework numpy --bench mlp_large --steps 20
    [ $debian = 0 ] || start_process "numpy (Debian)" /usr/bin/python3 "$here/peers.py" --framework numpy --bench mlp_large --steps 20
  done
  rm -rf "$cache" "$cache.npz"
fi
# Memory over a long run: resident set after warm-up and after 10,000 steps.
if [ $quick = 0 ] && { [ "$suite" = all ] || [ "$suite" = mlp ]; }; then
  bench=mlp_small
  run "ngraph 10k steps" "$root/build/bin/ngraph-bench" "$here/graphs/mlp_small.mlir" --num-threads "$threads" --call step --steps 10000
fi
peak end
mv "$out" "$here/results/latest.jsonl"
/usr/bin/python3 "$here/report.py" "$here/results/latest.jsonl" --threads "$threads"

#!/usr/bin/env bash
# One entry point for the README's quick start and for CI.
#   scripts/ngraph.sh example   install what is missing, build, train the seed's logistic regression
#   scripts/ngraph.sh test      install what is missing, build, run every test; last line "N passed, M failed"
#   scripts/ngraph.sh build     install what is missing, build
#   scripts/ngraph.sh bench [--quick] [--threads N]
#                               build, then run bench/run.sh (the performance table)
#                               and bench/distributed.sh (MPI scaling)
# "test" runs the lit and unit tests, then the same suite again in an
# ASan + UBSan build (build-san/, clang 22), replays the fuzzers' regression
# inputs and runs each fuzzer for a bounded time. NGRAPH_QUICK=1 skips the
# sanitizer and fuzzing stages; NGRAPH_FUZZ_SECONDS sets the fuzzing time
# per target (default 60).
# Both are incremental: apt only runs when a package is missing, and the
# build directories are reused.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NGRAPH_BUILD_DIR:-$root/build}"
sanbuild="${NGRAPH_SAN_BUILD_DIR:-$root/build-san}"
llvm=/usr/lib/llvm-22

# What building and running needs; the tests also need the NumPy reference,
# scikit-learn's and Fashion-MNIST's data sets, the fortunes' text, clang for
# the sanitizer and fuzzing build, and a C compiler and binutils for the C
# programs built on ngraph-compile's libraries.
# The Python package builds against Debian's Python and pybind11 and runs
# with its NumPy.
packages=(cmake ninja-build g++ llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
          libgtest-dev zlib1g-dev libomp-22-dev libopenmpi-dev openmpi-bin
          python3-dev pybind11-dev python3-numpy)
test_packages=(python3-numpy libopenblas0-pthread python3-sklearn dataset-fashion-mnist fortunes
               clang-22 libclang-rt-22-dev gcc binutils python3-pytest)

install_missing() {
  local missing=()
  for p in "${packages[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

configure_and_build() {
  if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DMLIR_DIR="$llvm/lib/cmake/mlir" -DLLVM_EXTERNAL_LIT="$llvm/bin/lit"
  fi
  cmake --build "$build"
}

configure_and_build_sanitized() {
  if [ ! -f "$sanbuild/build.ninja" ]; then
    CC=clang-22 CXX=clang++-22 cmake -S "$root" -B "$sanbuild" -G Ninja \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNGRAPH_SANITIZE=ON -DNGRAPH_FUZZ=ON \
      -DMLIR_DIR="$llvm/lib/cmake/mlir" -DLLVM_EXTERNAL_LIT="$llvm/bin/lit"
  fi
  cmake --build "$sanbuild"
}

passed=0 failed=0

# Runs lit and the unit tests of one build directory and adds up the results.
suite() {
  local dir=$1 label=$2 log lp lf up uf
  log="$(mktemp)"
  set +e
  "$llvm/bin/lit" -sv "$dir/test" 2>&1 | tee "$log"
  for t in "$dir"/unittests/*-tests; do
    [ -x "$t" ] && "$t" 2>&1 | tee -a "$log"
  done
  set -e
  # lit: Passed/Expectedly Failed count as passed; the rest as failed.
  lp=$(awk '/^ *(Passed|Expectedly Failed):/ {s+=$2} END {print s+0}' "$log")
  lf=$(awk '/^ *(Failed|Unexpectedly Passed|Unresolved|Timed Out):/ {s+=$2} END {print s+0}' "$log")
  grep -q "^ *Passed:" "$log" || lf=$((lf + 1))
  up=$(awk '/\[  PASSED  \]/ {s+=$4} END {print s+0}' "$log")
  uf=$(awk '/\[  FAILED  \] [0-9]+ test/ {s+=$4} END {print s+0}' "$log")
  echo "$label: lit $lp passed, $lf failed; unit $up passed, $uf failed"
  passed=$((passed + lp + up)); failed=$((failed + lf + uf))
}

# The Python package's pytest suite, against the build's package.
pytest_suite() {
  local log pp pf
  log="$(mktemp)"
  set +e
  NGRAPH_BUILD_DIR="$build" PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -m pytest -q \
    -p no:cacheprovider "$root/python/tests" 2>&1 | tee "$log"
  set -e
  # (grep finds nothing in a clean run: that must not stop the script.)
  pp=$( { grep -oE '[0-9]+ passed' "$log" || true; } | tail -1 | awk '{print $1}')
  pf=$( { grep -oE '[0-9]+ (failed|error|errors)' "$log" || true; } | awk '{s+=$1} END {print s+0}')
  grep -qE '[0-9]+ passed' "$log" || pf=$((pf + 1))
  echo "python: pytest ${pp:-0} passed, $pf failed"
  passed=$((passed + ${pp:-0})); failed=$((failed + pf))
}

# Each fuzzer: replay the regression inputs, then fuzz from the seed corpus
# (copied, so the repository is not modified) for a bounded time.
fuzz() {
  local secs="${NGRAPH_FUZZ_SECONDS:-60}" name corpus work
  for name in parse data graph runner; do
    corpus="$root/fuzz/corpus/$name"
    work="$(mktemp -d)"
    cp -r "$corpus/." "$work/"
    if [ -d "$root/fuzz/regressions/$name" ]; then
      if "$sanbuild/fuzz/${name}_fuzzer" "$root/fuzz/regressions/$name"/* > "$work.replay.log" 2>&1; then
        echo "fuzz $name: regression inputs pass"
        passed=$((passed + 1))
      else
        echo "fuzz $name: a regression input fails again:"; tail -30 "$work.replay.log"
        failed=$((failed + 1))
      fi
    fi
    if "$sanbuild/fuzz/${name}_fuzzer" "$work" -max_total_time="$secs" -timeout=60 \
         -rss_limit_mb=6000 -artifact_prefix="$work/" > "$work.log" 2>&1; then
      echo "fuzz $name: $(grep -E '^Done' "$work.log")"
      passed=$((passed + 1))
    else
      echo "fuzz $name: FOUND A BUG (artifact and log in $work):"; tail -40 "$work.log"
      failed=$((failed + 1))
    fi
  done
}

run_tests() {
  suite "$build" "release"
  pytest_suite
  if [ -z "${NGRAPH_QUICK:-}" ]; then
    configure_and_build_sanitized
    # libMLIR.so is not instrumented: its allocator poisoning and container
    # annotations would be half-applied, so those checks are off.
    export ASAN_OPTIONS=detect_leaks=1:detect_container_overflow=0:allow_user_poisoning=0
    export UBSAN_OPTIONS=print_stacktrace=1
    suite "$sanbuild" "asan+ubsan"
    ASAN_OPTIONS=detect_leaks=0:detect_container_overflow=0:allow_user_poisoning=0 fuzz
  fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

case "${1:-}" in
  example)
    install_missing
    configure_and_build
    if [ -x "$build/bin/ngraph-runner" ]; then
      "$root/examples/run-logreg.sh" "$build/bin"
    else
      "$build/bin/ngraph-opt" "$root/examples/logreg.mlir" --ng-lower-to-llvm
    fi
    ;;
  test)
    install_missing "${test_packages[@]}"
    configure_and_build
    run_tests
    ;;
  build)
    install_missing
    configure_and_build
    ;;
  bench)
    # The peers: Debian's numpy and PyTorch, and a venv for the PyPI ones.
    install_missing python3-numpy libopenblas0-pthread python3-venv python3-torch
    configure_and_build
    NGRAPH_BENCH_BUILT=1 bash "$root/bench/run.sh" "${@:2}"
    # Data-parallel scaling (MPI) of the large MLP.
    NGRAPH_BENCH_BUILT=1 exec bash "$root/bench/distributed.sh"
    ;;
  *)
    echo "usage: $0 example|test|build|bench" >&2
    exit 2
    ;;
esac

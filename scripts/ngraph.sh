#!/usr/bin/env bash
# One entry point for the README's quick start and for CI.
#   scripts/ngraph.sh example   install what is missing, build, train the seed's logistic regression
#   scripts/ngraph.sh test      install what is missing, build, run every test; last line "N passed, M failed"
# Both are incremental: apt only runs when a package is missing, and the
# build directory is reused.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NGRAPH_BUILD_DIR:-$root/build}"
llvm=/usr/lib/llvm-22

packages=(cmake ninja-build g++ llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
          libgtest-dev zlib1g-dev python3-numpy libopenblas0-pthread python3-sklearn)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
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

run_tests() {
  local lit_log unit_log lit_pass=0 lit_fail=0 unit_pass=0 unit_fail=0
  lit_log="$(mktemp)"; unit_log="$(mktemp)"
  set +e
  "$llvm/bin/lit" -sv "$build/test" 2>&1 | tee "$lit_log"
  for t in "$build"/unittests/*-tests; do
    [ -x "$t" ] && "$t" 2>&1 | tee -a "$unit_log"
  done
  set -e
  # lit: Passed/Expectedly Failed count as passed; Failed/Unexpectedly Passed/Unresolved as failed.
  lit_pass=$(awk '/^ *(Passed|Expectedly Failed):/ {s+=$NF ~ /%/ ? $(NF-1) : $NF} END {print s+0}' "$lit_log")
  lit_fail=$(awk '/^ *(Failed|Unexpectedly Passed|Unresolved|Timed Out):/ {s+=$NF ~ /%/ ? $(NF-1) : $NF} END {print s+0}' "$lit_log")
  if grep -q "^ *Passed:" "$lit_log"; then :; else lit_fail=$((lit_fail + 1)); fi
  unit_pass=$(awk '/\[  PASSED  \]/ {s+=$4} END {print s+0}' "$unit_log")
  unit_fail=$(awk '/\[  FAILED  \] [0-9]+ test/ {s+=$4} END {print s+0}' "$unit_log")
  echo "lit: $lit_pass passed, $lit_fail failed; unit: $unit_pass passed, $unit_fail failed"
  echo "$((lit_pass + unit_pass)) passed, $((lit_fail + unit_fail)) failed"
  [ $((lit_fail + unit_fail)) -eq 0 ]
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
    install_missing
    configure_and_build
    run_tests
    ;;
  *)
    echo "usage: $0 example|test" >&2
    exit 2
    ;;
esac

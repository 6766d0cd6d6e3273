#!/usr/bin/env bash
# The seed's x + 1: prints 1 to 5 for x = 0 to 4.
set -euo pipefail
bin="${1:-$(dirname "$0")/../build/bin}"
for x in 0 1 2 3 4; do
  "$bin/ngraph-runner" "$(dirname "$0")/plus_one.mlir" --call plus_one --input x=$x
done

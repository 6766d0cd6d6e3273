#!/usr/bin/env bash
# Interestingness test for ngraph-reduce: does ng-data-parallel still reject
# the graph with the argmax-over-the-batch error? MLIR's reducer keeps a
# candidate when this script exits NON-ZERO (the reverse of the usual
# convention), so it ends with `exit 1` when the error is still there.
if ngraph-opt "$1" --ng-autodiff --ng-data-parallel="ranks=2 rank=0" -o /dev/null 2>&1 |
    grep -q "needs every sample at once"; then
  exit 1
fi
exit 0

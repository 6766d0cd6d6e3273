#!/usr/bin/env bash
# Breast cancer (569 samples, 30 features): logistic regression with SGD and
# momentum (ng.optimize). Seeded split with 114 test samples, standardized
# features, shuffled every epoch.
# Extra arguments go to ngraph-runner (e.g. --metrics-log m.jsonl --plot
# curve.svg --checkpoint c.npz).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/sklearn-data.sh"
bin="${NGRAPH_BIN:-$here/../build/bin}"
data="$(sklearn_data breast_cancer.csv)"
exec "$bin/ngraph-runner" "$here/breast_cancer.mlir" --train train_step --batch-size 35 --epochs "${EPOCHS:-20}" \
  --data "csv:$data;header=skip;label=last;test=114;seed=0;standardize=1" --feed X=data:x --feed Y=data:y \
  --eval evaluate --eval-feed X=data:test_x --eval-feed Y=data:test_y --shuffle 0 \
  --print-epoch 'epoch {epoch}: train loss {loss}, test loss {eval0}, test accuracy {eval1}' "$@"

#!/usr/bin/env bash
# Iris (150 samples, 4 features, 3 classes): softmax regression with plain SGD. Seeded split with 30 test samples, standardized features, shuffled every epoch.
# Extra arguments go to ngraph-runner (e.g. --metrics-log m.jsonl --plot
# curve.svg --checkpoint c.npz).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/sklearn-data.sh"
bin="${NGRAPH_BIN:-$here/../build/bin}"
data="$(sklearn_data iris.csv)"
exec "$bin/ngraph-runner" "$here/iris.mlir" --train train_step --batch-size 20 --epochs "${EPOCHS:-30}" \
  --data "csv:$data;header=skip;label=last;test=30;seed=0;standardize=1" --feed X=data:x --feed L=data:y \
  --eval evaluate --eval-feed X=data:test_x --eval-feed L=data:test_y --shuffle 0 \
  --print-epoch 'epoch {epoch}: train loss {loss}, test loss {eval0}, test accuracy {eval1}' "$@"

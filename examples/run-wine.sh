#!/usr/bin/env bash
# Wine (178 samples, 13 features, 3 classes): a 13-32-16-3 MLP with Nesterov
# momentum (ng.optimize) and a step schedule (the learning rate halves every
# 10 epochs). Seeded split with 38 test samples, standardized features,
# shuffled every epoch. Extra arguments go to ngraph-runner (e.g. --save
# wine.npz, then --predict as in docs/tutorial.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/sklearn-data.sh"
bin="${NGRAPH_BIN:-$here/../build/bin}"
data="$(sklearn_data wine_data.csv)"
exec "$bin/ngraph-runner" "$here/wine_mlp.mlir" --train train_step --batch-size 20 --epochs "${EPOCHS:-20}" \
  --data "csv:$data;header=skip;label=last;test=38;seed=0;standardize=1" \
  --feed 'lr=0.05 * 0.5^floor(epoch / 10)' --feed X=data:x --feed L=data:y \
  --eval evaluate --eval-feed X=data:test_x --eval-feed L=data:test_y --shuffle 0 \
  --print-epoch 'epoch {epoch}: train loss {loss}, test loss {eval0}, test accuracy {eval1}' "$@"

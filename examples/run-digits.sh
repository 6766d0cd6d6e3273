#!/usr/bin/env bash
# Digits (1797 8x8 images, 10 classes): a 64-64-10 MLP with relu, softmax and
# cross_entropy_multi, trained with Adam on batches of 32 (the graph's batch
# axis is N:?). Seeded 80/20 split (359 test samples, evaluated in one call),
# standardized pixels, shuffled every epoch. Extra arguments go to
# ngraph-runner (e.g. --metrics-log m.jsonl --plot curve.svg --checkpoint c.npz).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/sklearn-data.sh"
bin="${NGRAPH_BIN:-$here/../build/bin}"
data="$(sklearn_data digits.csv.gz)"
exec "$bin/ngraph-runner" "$here/digits_mlp.mlir" --train train_step --batch-size 32 --epochs "${EPOCHS:-20}" \
  --data "csv:$data;header=none;label=last;test=359;seed=0;standardize=1" \
  --feed X=data:x --feed L=data:y --shuffle 0 \
  --eval evaluate --eval-feed X=data:test_x --eval-feed L=data:test_y \
  --print-epoch 'epoch {epoch}: train loss {loss}, test loss {eval0}, test accuracy {eval1}' "$@"

#!/usr/bin/env bash
# Digits (1797 8x8 images, 10 classes): a 64-128-10 MLP with batch
# normalization (running statistics kept in variables for evaluation) and
# dropout (keep 0.8 in training; evaluation feeds 1 to the same op), Adam.
# digits_bn.mlir is written by digits_bn_graph.py 32 359 128 0.003. Seeded
# 80/20 split (359 test samples), standardized pixels, shuffled every epoch.
# Extra arguments go to ngraph-runner (e.g. --checkpoint c.npz --save m.npz).
# Measured: 97.2% test accuracy after 20 epochs, 1.3 s in all.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/sklearn-data.sh"
bin="${NGRAPH_BIN:-$here/../build/bin}"
data="$(sklearn_data digits.csv.gz)"
exec "$bin/ngraph-runner" "$here/digits_bn.mlir" --train train_step --epochs "${EPOCHS:-20}" \
  --data "csv:$data;header=none;label=last;test=359;seed=0;standardize=1" \
  --feed X=data:x --feed L=data:y --feed keep=0.8 --shuffle 0 \
  --eval evaluate --eval-feed eX=data:test_x --eval-feed eL=data:test_y --eval-feed ekeep=1 \
  --print-epoch 'epoch {epoch}: train loss {loss}, test loss {eval0}, test accuracy {eval1}' "$@"

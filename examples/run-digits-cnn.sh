#!/usr/bin/env bash
# Digits (1797 8x8 images, 10 classes) with a small conv net (digits_cnn.mlir:
# two 3x3 conv + relu + 2x2 max-pool stages of 16 and 32 channels, a dense
# layer of 64), softmax and cross_entropy_multi, trained with Adam. Seeded 80/20 split (359 test
# samples), standardized pixels, shuffled every epoch. Extra arguments go to
# ngraph-runner (e.g. --metrics-log m.jsonl --plot curve.svg --checkpoint c.npz).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/sklearn-data.sh"
bin="${NGRAPH_BIN:-$here/../build/bin}"
data="$(sklearn_data digits.csv.gz)"
exec "$bin/ngraph-runner" "$here/digits_cnn.mlir" --train train_step --epochs "${EPOCHS:-20}" \
  --data "csv:$data;header=none;label=last;test=359;seed=0;standardize=1" \
  --feed X=data:x --feed L=data:y --shuffle 0 \
  --eval evaluate --eval-feed Xe=data:test_x --eval-feed Le=data:test_y \
  --print-epoch 'epoch {epoch}: train loss {loss}, test loss {eval0}, test accuracy {eval1}' "$@"

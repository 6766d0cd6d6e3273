#!/usr/bin/env bash
# A character-level LSTM language model on the fortune files of Debian's
# fortunes package (char_lstm.mlir: one LSTM layer of 256, 64 steps x 32
# streams per batch, Adam 0.002), trained by truncated backpropagation
# through time; the last 5% of the text is held out. Prints the training
# and held-out cross-entropy in bits per character each epoch, then LENGTH
# (default 500) characters the trained model writes after PRIME (default
# "The "), drawn at TEMPERATURE (default 0.7). Installs fortunes when
# missing (as root). EPOCHS (default 5) and extra ngraph-runner arguments
# (--save model.npz, --metrics-log m.jsonl, ...) are passed on; a saved
# model writes more text with
#   ngraph-runner examples/char_lstm.mlir --load model.npz --generate sample \
#     --prime "The " --length 500 --input temperature=0.7
# Measured (one core): held-out 3.14, 2.84, 2.67, 2.58, 2.52 bits/char
# after epochs 1-5; 4 min 28 s, 44 ms a step on an Intel Xeon
# (emeraldrapids) host (2026-12-04; earlier the same day 57 ms, before
# the gates were vectorized 85 ms, and 75 ms on an AMD EPYC (znver4)). The text it then
# writes reads like "The Mart at the dignce of by the things of
# perfection?" (mostly words, some invented).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/fortunes-data.sh"
bin="${NGRAPH_BIN:-$here/../build/bin}"
data="$(fortunes_spec 'seq=64;streams=32;holdout=0.05')"
exec "$bin/ngraph-runner" "$here/char_lstm.mlir" --train train --epochs "${EPOCHS:-5}" \
  --data "$data" --feed x=data:x:records --feed y=data:y:records \
  --eval evaluate --eval-feed ex=data:eval_x:records --eval-feed ey=data:eval_y:records \
  --print-epoch 'epoch {epoch}: train {loss} bits/char, held-out {eval} bits/char' \
  --generate sample --prime "${PRIME:-The }" --length "${LENGTH:-500}" \
  --input temperature="${TEMPERATURE:-0.7}" "$@"

#!/usr/bin/env bash
# The seed's logistic regression, part 2: W over (W, H), a bias b, and the
# average evaluation loss on 4 held-out batches after each epoch (the seed's
# avg_loss divides the summed batch losses by the batch size).
set -euo pipefail
bin="${1:-$(dirname "$0")/../build/bin}"
exec "$bin/ngraph-runner" "$(dirname "$0")/logreg2.mlir" --train update_fun --epochs 10 \
  --data 'mixture:pvals=0.5,0.5;shape=2,2;batch=128;batches=10;eval_batches=4;seed=0' \
  --feed 'alpha=5.0/(1+epoch)' --feed X=data:x --feed Y=data:y \
  --eval eval_fun --eval-feed X=data:eval_x --eval-feed Y=data:eval_y --eval-divisor batch-size \
  --print-start 'Starting avg loss: {eval}' \
  --print-epoch 'After epoch {epoch}: W: {W}, b: {b}, avg loss {eval}'

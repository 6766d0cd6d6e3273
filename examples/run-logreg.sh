#!/usr/bin/env bash
# The seed's logistic regression, part 1: 10 epochs over 10 batches of 128
# samples from gendata.MixtureGenerator([.5, .5], (4,)), alpha = 5/(1+epoch),
# printing W and the loss after every call, as the seed does.
set -euo pipefail
bin="${1:-$(dirname "$0")/../build/bin}"
exec "$bin/ngraph-runner" "$(dirname "$0")/logreg.mlir" --train update_fun --epochs 10 \
  --data 'mixture:pvals=0.5,0.5;shape=4;batch=128;batches=10;seed=0' \
  --feed 'alpha=5.0/(1+epoch)' --feed X=data:x --feed Y=data:y \
  --print 'W: {W}, loss {0}'

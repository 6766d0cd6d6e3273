#!/usr/bin/env bash
# Fashion-MNIST (60,000 training and 10,000 test 28x28 images, 10 classes):
# the LeNet-style network of fashion_cnn.mlir (two conv + relu + max-pool
# stages, a dense layer of 128, softmax cross-entropy, Adam), batches of
# 64 shuffled every epoch, evaluated on all 10,000 test images after each
# epoch. Installs Debian's dataset-fashion-mnist when missing (as root).
# EPOCHS (default 10) and extra ngraph-runner arguments (--num-threads 2,
# --save model.npz, --metrics-log m.jsonl, ...) are passed on. Measured:
# 91.26% test accuracy after 10 epochs, 2 min 37 s on one AVX-512 core
# (1 min 34 s with --num-threads 2; docs/performance.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/fashion-mnist-data.sh"
bin="${NGRAPH_BIN:-$here/../build/bin}"
data="$(fashion_mnist_spec)"
exec "$bin/ngraph-runner" "$here/fashion_cnn.mlir" --train train_step --epochs "${EPOCHS:-10}" \
  --data "$data" --feed X=data:x --feed L=data:y --shuffle 0 \
  --eval evaluate --eval-feed Xe=data:test_x --eval-feed Le=data:test_y \
  --print-epoch 'epoch {epoch}: train loss {loss}, test loss {eval0}, test accuracy {eval1}' "$@"

// A two-layer MLP on scikit-learn's handwritten digits (8x8 pixels, 10
// classes), trained with Adam (ng.optimize; digits_mlp_manual.mlir writes
// the same updates out by hand).
//   h = relu(W1 . x + b1);  y = softmax(W2 . h + b2)
//   L = cross_entropy_multi(y, one_hot(labels)) / batch_size
// The batch axis's length is given at call time (N:?): the same forward
// pass trains on batches of 32 (--batch-size 32), evaluates the whole test
// split in one call and predicts any number of images. Train with
// examples/run-digits.sh.
ng.graph @digits {
  // 64 pixels by any number of images, and their labels.
  %X = ng.placeholder "X" : !ng.tensor<[P:64, N:? batch], f32>
  %L = ng.placeholder "L" : !ng.tensor<[N:? batch], i32>

  %W1 = ng.variable "W1" init normal(0.0, 0.18, seed 1) : !ng.tensor<[P:64, H:64], f32>
  %b1 = ng.variable "b1" init 0.0 : !ng.tensor<[H:64], f32>
  %W2 = ng.variable "W2" init normal(0.0, 0.18, seed 2) : !ng.tensor<[H:64, K:10], f32>
  %b2 = ng.variable "b2" init 0.0 : !ng.tensor<[K:10], f32>

  %h0 = ng.dot %W1, %X : !ng.tensor<[P:64, H:64], f32>, !ng.tensor<[P:64, N:? batch], f32>
  %h1 = ng.add %h0, %b1 : !ng.tensor<[H:64, N:? batch], f32>, !ng.tensor<[H:64], f32>
  %h = ng.relu %h1 : !ng.tensor<[H:64, N:? batch], f32>
  %z0 = ng.dot %W2, %h : !ng.tensor<[H:64, K:10], f32>, !ng.tensor<[H:64, N:? batch], f32>
  %z = ng.add %z0, %b2 : !ng.tensor<[K:10, N:? batch], f32>, !ng.tensor<[K:10], f32>
  %y = ng.softmax %z : !ng.tensor<[K:10, N:? batch], f32>
  %t = ng.one_hot %L : !ng.tensor<[N:? batch], i32> -> !ng.tensor<[K:10, N:? batch], f32>
  %ce = ng.cross_entropy_multi %y, %t out [] : !ng.tensor<[K:10, N:? batch], f32>, !ng.tensor<[K:10, N:? batch], f32>
  %bs = ng.batch_size %y : !ng.tensor<[K:10, N:? batch], f32>
  %loss = ng.divide %ce, %bs : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  // Adam (lr 0.003, beta1 0.9, beta2 0.999, eps 1e-8, PyTorch's form); its
  // state (W1.adam_m, W1.adam_v, ..., adam_step) becomes variables.
  %lr = ng.constant 0.003 : !ng.tensor<[], f32>
  %updates = ng.optimize adam %loss lr %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  // Evaluation: the loss and the accuracy over whatever batch is given.
  %pred = ng.argmax %z : !ng.tensor<[K:10, N:? batch], f32>
  %hit = ng.equal %pred, %L : !ng.tensor<[N:? batch], i32>, !ng.tensor<[N:? batch], i32>
  %hitf = ng.convert %hit : !ng.tensor<[N:? batch], i32> -> !ng.tensor<[N:? batch], f32>
  %acc = ng.mean %hitf out [] : !ng.tensor<[N:? batch], f32>

  ng.computation @train_step outputs(%loss, %updates : !ng.tensor<[], f32>, !ng.effect)
      inputs(%X, %L : !ng.tensor<[P:64, N:? batch], f32>, !ng.tensor<[N:? batch], i32>)
  ng.computation @evaluate outputs(%loss, %acc : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
      inputs(%X, %L : !ng.tensor<[P:64, N:? batch], f32>, !ng.tensor<[N:? batch], i32>)
  // Classes and their probabilities, for a deployed model (examples/c).
  ng.computation @predict outputs(%pred, %y : !ng.tensor<[N:? batch], i32>, !ng.tensor<[K:10, N:? batch], f32>)
      inputs(%X : !ng.tensor<[P:64, N:? batch], f32>)
}

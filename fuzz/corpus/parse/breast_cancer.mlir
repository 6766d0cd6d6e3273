// Logistic regression on scikit-learn's breast cancer data (30 features,
// benign or malignant), trained with SGD with momentum (ng.optimize: one op
// for every variable the loss depends on; its velocities become variables
// named W.momentum_momentum and b.momentum_momentum).
// The batch axis has any length (N:?): the training step takes batches of
// 35 (--batch-size 35), the evaluation the whole held-out split in one
// call, and predict any number of samples.
// Train with examples/run-breast-cancer.sh; predict with its --save
// checkpoint and ngraph-runner --predict predict (docs/tutorial.md).
ng.graph @breast_cancer {
  %X = ng.placeholder "X" : !ng.tensor<[F:30, N:? batch], f32>
  %Y = ng.placeholder "Y" : !ng.tensor<[N:? batch], f32>
  %W = ng.variable "W" init 0.0 : !ng.tensor<[F:30], f32>
  %b = ng.variable "b" init 0.0 : !ng.tensor<[], f32>

  %z0 = ng.dot %W, %X : !ng.tensor<[F:30], f32>, !ng.tensor<[F:30, N:? batch], f32>
  %z = ng.add %z0, %b : !ng.tensor<[N:? batch], f32>, !ng.tensor<[], f32>
  %p = ng.sigmoid %z : !ng.tensor<[N:? batch], f32>
  %ce = ng.cross_entropy_binary %p, %Y out [] : !ng.tensor<[N:? batch], f32>, !ng.tensor<[N:? batch], f32>
  %bs = ng.batch_size %p : !ng.tensor<[N:? batch], f32>
  %loss = ng.divide %ce, %bs : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  %lr = ng.constant 0.05 : !ng.tensor<[], f32>
  %updates = ng.optimize momentum %loss lr %lr {momentum = 0.9} : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  // Per sample the class (1: benign) and its probability; the accuracy.
  %half = ng.constant 0.5 : !ng.tensor<[], f32>
  %pred = ng.greater %p, %half : !ng.tensor<[N:? batch], f32>, !ng.tensor<[], f32>
  %hit = ng.equal %pred, %Y : !ng.tensor<[N:? batch], f32>, !ng.tensor<[N:? batch], f32>
  %acc = ng.mean %hit out [] : !ng.tensor<[N:? batch], f32>

  ng.computation @train_step outputs(%loss, %updates : !ng.tensor<[], f32>, !ng.effect)
      inputs(%X, %Y : !ng.tensor<[F:30, N:? batch], f32>, !ng.tensor<[N:? batch], f32>)
  ng.computation @evaluate outputs(%loss, %acc : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
      inputs(%X, %Y : !ng.tensor<[F:30, N:? batch], f32>, !ng.tensor<[N:? batch], f32>)
  ng.computation @predict outputs(%pred, %p : !ng.tensor<[N:? batch], f32>, !ng.tensor<[N:? batch], f32>)
      inputs(%X : !ng.tensor<[F:30, N:? batch], f32>)
}

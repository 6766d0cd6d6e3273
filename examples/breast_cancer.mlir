// Logistic regression on scikit-learn's breast cancer data (30 features,
// benign or malignant), trained with SGD with momentum (ng.optimize: one op
// for every variable the loss depends on; its velocities become variables
// named W.momentum_momentum and b.momentum_momentum).
// Train with examples/run-breast-cancer.sh; predict with its --save
// checkpoint and ngraph-runner --predict predict (docs/tutorial.md).
ng.graph @breast_cancer {
  %X = ng.placeholder "X" : !ng.tensor<[F:30, N:35 batch], f32>
  %Y = ng.placeholder "Y" : !ng.tensor<[N:35 batch], f32>
  %W = ng.variable "W" init 0.0 : !ng.tensor<[F:30], f32>
  %b = ng.variable "b" init 0.0 : !ng.tensor<[], f32>

  %z0 = ng.dot %W, %X : !ng.tensor<[F:30], f32>, !ng.tensor<[F:30, N:35 batch], f32>
  %z = ng.add %z0, %b : !ng.tensor<[N:35 batch], f32>, !ng.tensor<[], f32>
  %p = ng.sigmoid %z : !ng.tensor<[N:35 batch], f32>
  %ce = ng.cross_entropy_binary %p, %Y out [] : !ng.tensor<[N:35 batch], f32>, !ng.tensor<[N:35 batch], f32>
  %bs = ng.batch_size %p : !ng.tensor<[N:35 batch], f32>
  %loss = ng.divide %ce, %bs : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  %lr = ng.constant 0.05 : !ng.tensor<[], f32>
  %updates = ng.optimize momentum %loss lr %lr {momentum = 0.9} : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  // The 114 held-out samples at once: loss, accuracy, and per sample the
  // class (1: benign) with its probability.
  %Xe = ng.placeholder "Xe" : !ng.tensor<[F:30, T:114 batch], f32>
  %Ye = ng.placeholder "Ye" : !ng.tensor<[T:114 batch], f32>
  %ez0 = ng.dot %W, %Xe : !ng.tensor<[F:30], f32>, !ng.tensor<[F:30, T:114 batch], f32>
  %ez = ng.add %ez0, %b : !ng.tensor<[T:114 batch], f32>, !ng.tensor<[], f32>
  %ep = ng.sigmoid %ez : !ng.tensor<[T:114 batch], f32>
  %ece = ng.cross_entropy_binary %ep, %Ye : !ng.tensor<[T:114 batch], f32>, !ng.tensor<[T:114 batch], f32>
  %eloss = ng.mean %ece out [] : !ng.tensor<[T:114 batch], f32>
  %half = ng.constant 0.5 : !ng.tensor<[], f32>
  %pred = ng.greater %ep, %half : !ng.tensor<[T:114 batch], f32>, !ng.tensor<[], f32>
  %hit = ng.equal %pred, %Ye : !ng.tensor<[T:114 batch], f32>, !ng.tensor<[T:114 batch], f32>
  %acc = ng.mean %hit out [] : !ng.tensor<[T:114 batch], f32>

  ng.computation @train_step outputs(%loss, %updates : !ng.tensor<[], f32>, !ng.effect)
      inputs(%X, %Y : !ng.tensor<[F:30, N:35 batch], f32>, !ng.tensor<[N:35 batch], f32>)
  ng.computation @evaluate outputs(%eloss, %acc : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
      inputs(%Xe, %Ye : !ng.tensor<[F:30, T:114 batch], f32>, !ng.tensor<[T:114 batch], f32>)
  ng.computation @predict outputs(%pred, %ep : !ng.tensor<[T:114 batch], f32>, !ng.tensor<[T:114 batch], f32>)
      inputs(%Xe : !ng.tensor<[F:30, T:114 batch], f32>)
}

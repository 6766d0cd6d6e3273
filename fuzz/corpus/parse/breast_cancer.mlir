// Logistic regression on scikit-learn's breast cancer data (30 features,
// benign or malignant), trained with SGD with momentum written as graph
// updates: v <- mu v - lr g;  w <- w + v.
// Train with examples/run-breast-cancer.sh.
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
  %gW = ng.deriv %loss wrt %W : !ng.tensor<[], f32>, !ng.tensor<[F:30], f32>
  %gb = ng.deriv %loss wrt %b : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  // SGD with momentum (lr 0.05, mu 0.9); the velocities are variables.
  %lr = ng.constant 0.05 : !ng.tensor<[], f32>
  %mu = ng.constant 0.9 : !ng.tensor<[], f32>
  %vW = ng.variable "v_W" init 0.0 : !ng.tensor<[F:30], f32>
  %vb = ng.variable "v_b" init 0.0 : !ng.tensor<[], f32>
  %vWa = ng.multiply %mu, %vW : !ng.tensor<[], f32>, !ng.tensor<[F:30], f32>
  %vWb = ng.multiply %lr, %gW : !ng.tensor<[], f32>, !ng.tensor<[F:30], f32>
  %vWn = ng.subtract %vWa, %vWb : !ng.tensor<[F:30], f32>, !ng.tensor<[F:30], f32>
  %Wn = ng.add %W, %vWn : !ng.tensor<[F:30], f32>, !ng.tensor<[F:30], f32>
  %vba = ng.multiply %mu, %vb : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %vbb = ng.multiply %lr, %gb : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %vbn = ng.subtract %vba, %vbb : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %bn = ng.add %b, %vbn : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %u1 = ng.assign %W, %Wn : !ng.tensor<[F:30], f32>, !ng.tensor<[F:30], f32>
  %u2 = ng.assign %vW, %vWn : !ng.tensor<[F:30], f32>, !ng.tensor<[F:30], f32>
  %u3 = ng.assign %b, %bn : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %u4 = ng.assign %vb, %vbn : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %updates = ng.doall %u1, %u2, %u3, %u4

  // Evaluation on the 114 held-out samples at once.
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
}

// A two-layer MLP on scikit-learn's handwritten digits (8x8 pixels, 10
// classes), trained with Adam written as graph updates: what
// `ng.optimize adam` in digits_mlp.mlir expands to, by hand (with Adam's
// bias corrections folded into the step size, as the original paper's
// efficient form does).
//   h = relu(W1 . x + b1);  y = softmax(W2 . h + b2)
//   L = cross_entropy_multi(y, one_hot(labels)) / batch_size
// Train with examples/run-digits.sh.
ng.graph @digits {
  // Training batch: 64 pixels by 32 samples, and their labels.
  %X = ng.placeholder "X" : !ng.tensor<[P:64, N:32 batch], f32>
  %L = ng.placeholder "L" : !ng.tensor<[N:32 batch], i32>

  %W1 = ng.variable "W1" init normal(0.0, 0.18, seed 1) : !ng.tensor<[P:64, H:64], f32>
  %b1 = ng.variable "b1" init 0.0 : !ng.tensor<[H:64], f32>
  %W2 = ng.variable "W2" init normal(0.0, 0.18, seed 2) : !ng.tensor<[H:64, K:10], f32>
  %b2 = ng.variable "b2" init 0.0 : !ng.tensor<[K:10], f32>

  %h0 = ng.dot %W1, %X : !ng.tensor<[P:64, H:64], f32>, !ng.tensor<[P:64, N:32 batch], f32>
  %h1 = ng.add %h0, %b1 : !ng.tensor<[H:64, N:32 batch], f32>, !ng.tensor<[H:64], f32>
  %h = ng.relu %h1 : !ng.tensor<[H:64, N:32 batch], f32>
  %z0 = ng.dot %W2, %h : !ng.tensor<[H:64, K:10], f32>, !ng.tensor<[H:64, N:32 batch], f32>
  %z = ng.add %z0, %b2 : !ng.tensor<[K:10, N:32 batch], f32>, !ng.tensor<[K:10], f32>
  %y = ng.softmax %z : !ng.tensor<[K:10, N:32 batch], f32>
  %t = ng.one_hot %L : !ng.tensor<[N:32 batch], i32> -> !ng.tensor<[K:10, N:32 batch], f32>
  %ce = ng.cross_entropy_multi %y, %t out [] : !ng.tensor<[K:10, N:32 batch], f32>, !ng.tensor<[K:10, N:32 batch], f32>
  %bs = ng.batch_size %y : !ng.tensor<[K:10, N:32 batch], f32>
  %loss = ng.divide %ce, %bs : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  %gW1 = ng.deriv %loss wrt %W1 : !ng.tensor<[], f32>, !ng.tensor<[P:64, H:64], f32>
  %gb1 = ng.deriv %loss wrt %b1 : !ng.tensor<[], f32>, !ng.tensor<[H:64], f32>
  %gW2 = ng.deriv %loss wrt %W2 : !ng.tensor<[], f32>, !ng.tensor<[H:64, K:10], f32>
  %gb2 = ng.deriv %loss wrt %b2 : !ng.tensor<[], f32>, !ng.tensor<[K:10], f32>

  // Adam (lr 0.003, beta1 0.9, beta2 0.999, eps 1e-8); its state is variables.
  %step = ng.variable "adam_t" init 0.0 : !ng.tensor<[], f32>
  %one = ng.constant 1.0 : !ng.tensor<[], f32>
  %b1c = ng.constant 0.9 : !ng.tensor<[], f32>
  %b2c = ng.constant 0.999 : !ng.tensor<[], f32>
  %nb1 = ng.constant 0.1 : !ng.tensor<[], f32>
  %nb2 = ng.constant 0.001 : !ng.tensor<[], f32>
  %lr = ng.constant 0.003 : !ng.tensor<[], f32>
  %eps = ng.constant 1.0e-8 : !ng.tensor<[], f32>
  %t1 = ng.add %step, %one : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %p1 = ng.power %b1c, %t1 : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %p2 = ng.power %b2c, %t1 : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %c1 = ng.subtract %one, %p1 : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %c2 = ng.subtract %one, %p2 : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %sc2 = ng.sqrt %c2 : !ng.tensor<[], f32>
  %lrc = ng.multiply %lr, %sc2 : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %lr_t = ng.divide %lrc, %c1 : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %ut = ng.assign %step, %t1 : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  // W1
  %mW1 = ng.variable "m_W1" init 0.0 : !ng.tensor<[P:64, H:64], f32>
  %vW1 = ng.variable "v_W1" init 0.0 : !ng.tensor<[P:64, H:64], f32>
  %mW1a = ng.multiply %b1c, %mW1 : !ng.tensor<[], f32>, !ng.tensor<[P:64, H:64], f32>
  %mW1b = ng.multiply %nb1, %gW1 : !ng.tensor<[], f32>, !ng.tensor<[P:64, H:64], f32>
  %mW1n = ng.add %mW1a, %mW1b : !ng.tensor<[P:64, H:64], f32>, !ng.tensor<[P:64, H:64], f32>
  %gW1s = ng.square %gW1 : !ng.tensor<[P:64, H:64], f32>
  %vW1a = ng.multiply %b2c, %vW1 : !ng.tensor<[], f32>, !ng.tensor<[P:64, H:64], f32>
  %vW1b = ng.multiply %nb2, %gW1s : !ng.tensor<[], f32>, !ng.tensor<[P:64, H:64], f32>
  %vW1n = ng.add %vW1a, %vW1b : !ng.tensor<[P:64, H:64], f32>, !ng.tensor<[P:64, H:64], f32>
  %sW1 = ng.sqrt %vW1n : !ng.tensor<[P:64, H:64], f32>
  %dW1 = ng.add %sW1, %eps : !ng.tensor<[P:64, H:64], f32>, !ng.tensor<[], f32>
  %qW1 = ng.divide %mW1n, %dW1 : !ng.tensor<[P:64, H:64], f32>, !ng.tensor<[P:64, H:64], f32>
  %kW1 = ng.multiply %lr_t, %qW1 : !ng.tensor<[], f32>, !ng.tensor<[P:64, H:64], f32>
  %W1n = ng.subtract %W1, %kW1 : !ng.tensor<[P:64, H:64], f32>, !ng.tensor<[P:64, H:64], f32>
  %u1 = ng.assign %W1, %W1n : !ng.tensor<[P:64, H:64], f32>, !ng.tensor<[P:64, H:64], f32>
  %u2 = ng.assign %mW1, %mW1n : !ng.tensor<[P:64, H:64], f32>, !ng.tensor<[P:64, H:64], f32>
  %u3 = ng.assign %vW1, %vW1n : !ng.tensor<[P:64, H:64], f32>, !ng.tensor<[P:64, H:64], f32>

  // b1
  %mb1 = ng.variable "m_b1" init 0.0 : !ng.tensor<[H:64], f32>
  %vb1 = ng.variable "v_b1" init 0.0 : !ng.tensor<[H:64], f32>
  %mb1a = ng.multiply %b1c, %mb1 : !ng.tensor<[], f32>, !ng.tensor<[H:64], f32>
  %mb1b = ng.multiply %nb1, %gb1 : !ng.tensor<[], f32>, !ng.tensor<[H:64], f32>
  %mb1n = ng.add %mb1a, %mb1b : !ng.tensor<[H:64], f32>, !ng.tensor<[H:64], f32>
  %gb1s = ng.square %gb1 : !ng.tensor<[H:64], f32>
  %vb1a = ng.multiply %b2c, %vb1 : !ng.tensor<[], f32>, !ng.tensor<[H:64], f32>
  %vb1b = ng.multiply %nb2, %gb1s : !ng.tensor<[], f32>, !ng.tensor<[H:64], f32>
  %vb1n = ng.add %vb1a, %vb1b : !ng.tensor<[H:64], f32>, !ng.tensor<[H:64], f32>
  %sb1 = ng.sqrt %vb1n : !ng.tensor<[H:64], f32>
  %db1 = ng.add %sb1, %eps : !ng.tensor<[H:64], f32>, !ng.tensor<[], f32>
  %qb1 = ng.divide %mb1n, %db1 : !ng.tensor<[H:64], f32>, !ng.tensor<[H:64], f32>
  %kb1 = ng.multiply %lr_t, %qb1 : !ng.tensor<[], f32>, !ng.tensor<[H:64], f32>
  %b1n = ng.subtract %b1, %kb1 : !ng.tensor<[H:64], f32>, !ng.tensor<[H:64], f32>
  %u4 = ng.assign %b1, %b1n : !ng.tensor<[H:64], f32>, !ng.tensor<[H:64], f32>
  %u5 = ng.assign %mb1, %mb1n : !ng.tensor<[H:64], f32>, !ng.tensor<[H:64], f32>
  %u6 = ng.assign %vb1, %vb1n : !ng.tensor<[H:64], f32>, !ng.tensor<[H:64], f32>

  // W2
  %mW2 = ng.variable "m_W2" init 0.0 : !ng.tensor<[H:64, K:10], f32>
  %vW2 = ng.variable "v_W2" init 0.0 : !ng.tensor<[H:64, K:10], f32>
  %mW2a = ng.multiply %b1c, %mW2 : !ng.tensor<[], f32>, !ng.tensor<[H:64, K:10], f32>
  %mW2b = ng.multiply %nb1, %gW2 : !ng.tensor<[], f32>, !ng.tensor<[H:64, K:10], f32>
  %mW2n = ng.add %mW2a, %mW2b : !ng.tensor<[H:64, K:10], f32>, !ng.tensor<[H:64, K:10], f32>
  %gW2s = ng.square %gW2 : !ng.tensor<[H:64, K:10], f32>
  %vW2a = ng.multiply %b2c, %vW2 : !ng.tensor<[], f32>, !ng.tensor<[H:64, K:10], f32>
  %vW2b = ng.multiply %nb2, %gW2s : !ng.tensor<[], f32>, !ng.tensor<[H:64, K:10], f32>
  %vW2n = ng.add %vW2a, %vW2b : !ng.tensor<[H:64, K:10], f32>, !ng.tensor<[H:64, K:10], f32>
  %sW2 = ng.sqrt %vW2n : !ng.tensor<[H:64, K:10], f32>
  %dW2 = ng.add %sW2, %eps : !ng.tensor<[H:64, K:10], f32>, !ng.tensor<[], f32>
  %qW2 = ng.divide %mW2n, %dW2 : !ng.tensor<[H:64, K:10], f32>, !ng.tensor<[H:64, K:10], f32>
  %kW2 = ng.multiply %lr_t, %qW2 : !ng.tensor<[], f32>, !ng.tensor<[H:64, K:10], f32>
  %W2n = ng.subtract %W2, %kW2 : !ng.tensor<[H:64, K:10], f32>, !ng.tensor<[H:64, K:10], f32>
  %u7 = ng.assign %W2, %W2n : !ng.tensor<[H:64, K:10], f32>, !ng.tensor<[H:64, K:10], f32>
  %u8 = ng.assign %mW2, %mW2n : !ng.tensor<[H:64, K:10], f32>, !ng.tensor<[H:64, K:10], f32>
  %u9 = ng.assign %vW2, %vW2n : !ng.tensor<[H:64, K:10], f32>, !ng.tensor<[H:64, K:10], f32>

  // b2
  %mb2 = ng.variable "m_b2" init 0.0 : !ng.tensor<[K:10], f32>
  %vb2 = ng.variable "v_b2" init 0.0 : !ng.tensor<[K:10], f32>
  %mb2a = ng.multiply %b1c, %mb2 : !ng.tensor<[], f32>, !ng.tensor<[K:10], f32>
  %mb2b = ng.multiply %nb1, %gb2 : !ng.tensor<[], f32>, !ng.tensor<[K:10], f32>
  %mb2n = ng.add %mb2a, %mb2b : !ng.tensor<[K:10], f32>, !ng.tensor<[K:10], f32>
  %gb2s = ng.square %gb2 : !ng.tensor<[K:10], f32>
  %vb2a = ng.multiply %b2c, %vb2 : !ng.tensor<[], f32>, !ng.tensor<[K:10], f32>
  %vb2b = ng.multiply %nb2, %gb2s : !ng.tensor<[], f32>, !ng.tensor<[K:10], f32>
  %vb2n = ng.add %vb2a, %vb2b : !ng.tensor<[K:10], f32>, !ng.tensor<[K:10], f32>
  %sb2 = ng.sqrt %vb2n : !ng.tensor<[K:10], f32>
  %db2 = ng.add %sb2, %eps : !ng.tensor<[K:10], f32>, !ng.tensor<[], f32>
  %qb2 = ng.divide %mb2n, %db2 : !ng.tensor<[K:10], f32>, !ng.tensor<[K:10], f32>
  %kb2 = ng.multiply %lr_t, %qb2 : !ng.tensor<[], f32>, !ng.tensor<[K:10], f32>
  %b2n = ng.subtract %b2, %kb2 : !ng.tensor<[K:10], f32>, !ng.tensor<[K:10], f32>
  %u10 = ng.assign %b2, %b2n : !ng.tensor<[K:10], f32>, !ng.tensor<[K:10], f32>
  %u11 = ng.assign %mb2, %mb2n : !ng.tensor<[K:10], f32>, !ng.tensor<[K:10], f32>
  %u12 = ng.assign %vb2, %vb2n : !ng.tensor<[K:10], f32>, !ng.tensor<[K:10], f32>

  %updates = ng.doall %ut, %u1, %u2, %u3, %u4, %u5, %u6, %u7, %u8, %u9, %u10, %u11, %u12

  // Evaluation on the whole test split at once (359 samples: its own axis).
  %Xe = ng.placeholder "Xe" : !ng.tensor<[P:64, T:359 batch], f32>
  %Le = ng.placeholder "Le" : !ng.tensor<[T:359 batch], i32>
  %eh0 = ng.dot %W1, %Xe : !ng.tensor<[P:64, H:64], f32>, !ng.tensor<[P:64, T:359 batch], f32>
  %eh1 = ng.add %eh0, %b1 : !ng.tensor<[H:64, T:359 batch], f32>, !ng.tensor<[H:64], f32>
  %eh = ng.relu %eh1 : !ng.tensor<[H:64, T:359 batch], f32>
  %ez0 = ng.dot %W2, %eh : !ng.tensor<[H:64, K:10], f32>, !ng.tensor<[H:64, T:359 batch], f32>
  %ez = ng.add %ez0, %b2 : !ng.tensor<[K:10, T:359 batch], f32>, !ng.tensor<[K:10], f32>
  %ey = ng.softmax %ez : !ng.tensor<[K:10, T:359 batch], f32>
  %et = ng.one_hot %Le : !ng.tensor<[T:359 batch], i32> -> !ng.tensor<[K:10, T:359 batch], f32>
  %ece = ng.cross_entropy_multi %ey, %et : !ng.tensor<[K:10, T:359 batch], f32>, !ng.tensor<[K:10, T:359 batch], f32>
  %eloss = ng.mean %ece out [] : !ng.tensor<[T:359 batch], f32>
  %pred = ng.argmax %ez : !ng.tensor<[K:10, T:359 batch], f32>
  %hit = ng.equal %pred, %Le : !ng.tensor<[T:359 batch], i32>, !ng.tensor<[T:359 batch], i32>
  %hitf = ng.convert %hit : !ng.tensor<[T:359 batch], i32> -> !ng.tensor<[T:359 batch], f32>
  %acc = ng.mean %hitf out [] : !ng.tensor<[T:359 batch], f32>

  ng.computation @train_step outputs(%loss, %updates : !ng.tensor<[], f32>, !ng.effect)
      inputs(%X, %L : !ng.tensor<[P:64, N:32 batch], f32>, !ng.tensor<[N:32 batch], i32>)
  ng.computation @evaluate outputs(%eloss, %acc : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
      inputs(%Xe, %Le : !ng.tensor<[P:64, T:359 batch], f32>, !ng.tensor<[T:359 batch], i32>)
  // Classes and their probabilities, for a deployed model (examples/c).
  ng.computation @predict outputs(%pred, %ey : !ng.tensor<[T:359 batch], i32>, !ng.tensor<[K:10, T:359 batch], f32>)
      inputs(%Xe : !ng.tensor<[P:64, T:359 batch], f32>)
}

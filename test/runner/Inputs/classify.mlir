// A small softmax classifier (3 features, 3 classes, batches of 3) for the
// command-line tests: its feature and batch lengths are equal on purpose,
// so that a (3, 3) array is ambiguous.
ng.graph @classify {
  %X = ng.placeholder "X" : !ng.tensor<[F:3, N:3 batch], f32>
  %L = ng.placeholder "L" : !ng.tensor<[N:3 batch], i32>
  %W = ng.variable "W" init 0.0 : !ng.tensor<[F:3, K:3], f32>
  %z = ng.dot %W, %X : !ng.tensor<[F:3, K:3], f32>, !ng.tensor<[F:3, N:3 batch], f32>
  %y = ng.softmax %z : !ng.tensor<[K:3, N:3 batch], f32>
  %t = ng.one_hot %L : !ng.tensor<[N:3 batch], i32> -> !ng.tensor<[K:3, N:3 batch], f32>
  %ce = ng.cross_entropy_multi %y, %t : !ng.tensor<[K:3, N:3 batch], f32>, !ng.tensor<[K:3, N:3 batch], f32>
  %loss = ng.mean %ce out [] : !ng.tensor<[N:3 batch], f32>
  %gW = ng.deriv %loss wrt %W : !ng.tensor<[], f32>, !ng.tensor<[F:3, K:3], f32>
  %lr = ng.constant 0.5 : !ng.tensor<[], f32>
  %sW = ng.multiply %lr, %gW : !ng.tensor<[], f32>, !ng.tensor<[F:3, K:3], f32>
  %Wn = ng.subtract %W, %sW : !ng.tensor<[F:3, K:3], f32>, !ng.tensor<[F:3, K:3], f32>
  %u = ng.assign %W, %Wn : !ng.tensor<[F:3, K:3], f32>, !ng.tensor<[F:3, K:3], f32>
  ng.computation @step outputs(%loss, %u : !ng.tensor<[], f32>, !ng.effect)
      inputs(%X, %L : !ng.tensor<[F:3, N:3 batch], f32>, !ng.tensor<[N:3 batch], i32>)
  ng.computation @evaluate outputs(%loss, %loss : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
      inputs(%X, %L : !ng.tensor<[F:3, N:3 batch], f32>, !ng.tensor<[N:3 batch], i32>)
}

// Softmax regression on scikit-learn's iris data (4 features, 3 classes),
// plain SGD over every parameter (ng.optimize sgd). Train with
// examples/run-iris.sh; `predict` gives each sample's class and the
// three class probabilities.
ng.graph @iris {
  %X = ng.placeholder "X" : !ng.tensor<[F:4, N:20 batch], f32>
  %L = ng.placeholder "L" : !ng.tensor<[N:20 batch], i32>
  %W = ng.variable "W" init 0.0 : !ng.tensor<[F:4, K:3], f32>
  %b = ng.variable "b" init 0.0 : !ng.tensor<[K:3], f32>

  %z0 = ng.dot %W, %X : !ng.tensor<[F:4, K:3], f32>, !ng.tensor<[F:4, N:20 batch], f32>
  %z = ng.add %z0, %b : !ng.tensor<[K:3, N:20 batch], f32>, !ng.tensor<[K:3], f32>
  %y = ng.softmax %z : !ng.tensor<[K:3, N:20 batch], f32>
  %t = ng.one_hot %L : !ng.tensor<[N:20 batch], i32> -> !ng.tensor<[K:3, N:20 batch], f32>
  %ce = ng.cross_entropy_multi %y, %t : !ng.tensor<[K:3, N:20 batch], f32>, !ng.tensor<[K:3, N:20 batch], f32>
  %loss = ng.mean %ce out [] : !ng.tensor<[N:20 batch], f32>
  %lr = ng.constant 0.2 : !ng.tensor<[], f32>
  %updates = ng.optimize sgd %loss lr %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  %Xe = ng.placeholder "Xe" : !ng.tensor<[F:4, T:30 batch], f32>
  %Le = ng.placeholder "Le" : !ng.tensor<[T:30 batch], i32>
  %ez0 = ng.dot %W, %Xe : !ng.tensor<[F:4, K:3], f32>, !ng.tensor<[F:4, T:30 batch], f32>
  %ez = ng.add %ez0, %b : !ng.tensor<[K:3, T:30 batch], f32>, !ng.tensor<[K:3], f32>
  %ey = ng.softmax %ez : !ng.tensor<[K:3, T:30 batch], f32>
  %et = ng.one_hot %Le : !ng.tensor<[T:30 batch], i32> -> !ng.tensor<[K:3, T:30 batch], f32>
  %ece = ng.cross_entropy_multi %ey, %et : !ng.tensor<[K:3, T:30 batch], f32>, !ng.tensor<[K:3, T:30 batch], f32>
  %eloss = ng.mean %ece out [] : !ng.tensor<[T:30 batch], f32>
  %pred = ng.argmax %ez : !ng.tensor<[K:3, T:30 batch], f32>
  %hit = ng.equal %pred, %Le : !ng.tensor<[T:30 batch], i32>, !ng.tensor<[T:30 batch], i32>
  %hitf = ng.convert %hit : !ng.tensor<[T:30 batch], i32> -> !ng.tensor<[T:30 batch], f32>
  %acc = ng.mean %hitf out [] : !ng.tensor<[T:30 batch], f32>

  ng.computation @train_step outputs(%loss, %updates : !ng.tensor<[], f32>, !ng.effect)
      inputs(%X, %L : !ng.tensor<[F:4, N:20 batch], f32>, !ng.tensor<[N:20 batch], i32>)
  ng.computation @evaluate outputs(%eloss, %acc : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
      inputs(%Xe, %Le : !ng.tensor<[F:4, T:30 batch], f32>, !ng.tensor<[T:30 batch], i32>)
  ng.computation @predict outputs(%pred, %ey : !ng.tensor<[T:30 batch], i32>, !ng.tensor<[K:3, T:30 batch], f32>)
      inputs(%Xe : !ng.tensor<[F:4, T:30 batch], f32>)
}

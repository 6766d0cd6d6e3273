// Softmax regression on scikit-learn's iris data (4 features, 3 classes),
// plain SGD over every parameter (ng.optimize sgd). The batch axis has any
// length (N:?): training takes batches of 20 (--batch-size 20), the
// evaluation the 30 held-out samples in one call. Train with
// examples/run-iris.sh; `predict` gives each sample's class and the three
// class probabilities.
ng.graph @iris {
  %X = ng.placeholder "X" : !ng.tensor<[F:4, N:? batch], f32>
  %L = ng.placeholder "L" : !ng.tensor<[N:? batch], i32>
  %W = ng.variable "W" init 0.0 : !ng.tensor<[F:4, K:3], f32>
  %b = ng.variable "b" init 0.0 : !ng.tensor<[K:3], f32>

  %z0 = ng.dot %W, %X : !ng.tensor<[F:4, K:3], f32>, !ng.tensor<[F:4, N:? batch], f32>
  %z = ng.add %z0, %b : !ng.tensor<[K:3, N:? batch], f32>, !ng.tensor<[K:3], f32>
  %y = ng.softmax %z : !ng.tensor<[K:3, N:? batch], f32>
  %t = ng.one_hot %L : !ng.tensor<[N:? batch], i32> -> !ng.tensor<[K:3, N:? batch], f32>
  %ce = ng.cross_entropy_multi %y, %t : !ng.tensor<[K:3, N:? batch], f32>, !ng.tensor<[K:3, N:? batch], f32>
  %loss = ng.mean %ce out [] : !ng.tensor<[N:? batch], f32>
  %lr = ng.constant 0.2 : !ng.tensor<[], f32>
  %updates = ng.optimize sgd %loss lr %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  %pred = ng.argmax %z : !ng.tensor<[K:3, N:? batch], f32>
  %hit = ng.equal %pred, %L : !ng.tensor<[N:? batch], i32>, !ng.tensor<[N:? batch], i32>
  %hitf = ng.convert %hit : !ng.tensor<[N:? batch], i32> -> !ng.tensor<[N:? batch], f32>
  %acc = ng.mean %hitf out [] : !ng.tensor<[N:? batch], f32>

  ng.computation @train_step outputs(%loss, %updates : !ng.tensor<[], f32>, !ng.effect)
      inputs(%X, %L : !ng.tensor<[F:4, N:? batch], f32>, !ng.tensor<[N:? batch], i32>)
  ng.computation @evaluate outputs(%loss, %acc : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
      inputs(%X, %L : !ng.tensor<[F:4, N:? batch], f32>, !ng.tensor<[N:? batch], i32>)
  ng.computation @predict outputs(%pred, %y : !ng.tensor<[N:? batch], i32>, !ng.tensor<[K:3, N:? batch], f32>)
      inputs(%X : !ng.tensor<[F:4, N:? batch], f32>)
}

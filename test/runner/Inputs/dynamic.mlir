// Softmax regression whose batch axis has no fixed length: z = W . x + b.
ng.graph @dyn {
  %X = ng.placeholder "X" : !ng.tensor<[F:3, N:? batch], f32>
  %L = ng.placeholder "L" : !ng.tensor<[N:? batch], i32>
  %W = ng.variable "W" init uniform(-0.5, 0.5, seed 4) : !ng.tensor<[F:3, K:2], f32>
  %b = ng.variable "b" init [0.25, -0.25] : !ng.tensor<[K:2], f32>
  %z0 = ng.dot %W, %X : !ng.tensor<[F:3, K:2], f32>, !ng.tensor<[F:3, N:? batch], f32>
  %z = ng.add %z0, %b : !ng.tensor<[K:2, N:? batch], f32>, !ng.tensor<[K:2], f32>
  %y = ng.softmax %z : !ng.tensor<[K:2, N:? batch], f32>
  %t = ng.one_hot %L : !ng.tensor<[N:? batch], i32> -> !ng.tensor<[K:2, N:? batch], f32>
  %ce = ng.cross_entropy_multi %y, %t : !ng.tensor<[K:2, N:? batch], f32>, !ng.tensor<[K:2, N:? batch], f32>
  %loss = ng.mean %ce out [] : !ng.tensor<[N:? batch], f32>
  %lr = ng.constant 0.5 : !ng.tensor<[], f32>
  %upd = ng.optimize sgd %loss lr %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %sq = ng.multiply %y, %z : !ng.tensor<[K:2, N:? batch], f32>, !ng.tensor<[K:2, N:? batch], f32>
  %e = ng.sum %sq out [] : !ng.tensor<[K:2, N:? batch], f32>
  %gX = ng.deriv %e wrt %X : !ng.tensor<[], f32>, !ng.tensor<[F:3, N:? batch], f32>
  ng.computation @train outputs(%loss, %upd : !ng.tensor<[], f32>, !ng.effect)
      inputs(%X, %L : !ng.tensor<[F:3, N:? batch], f32>, !ng.tensor<[N:? batch], i32>)
  ng.computation @evaluate outputs(%loss : !ng.tensor<[], f32>)
      inputs(%X, %L : !ng.tensor<[F:3, N:? batch], f32>, !ng.tensor<[N:? batch], i32>)
  ng.computation @probs outputs(%y : !ng.tensor<[K:2, N:? batch], f32>)
      inputs(%X : !ng.tensor<[F:3, N:? batch], f32>)
  ng.computation @grad outputs(%e, %gX : !ng.tensor<[], f32>, !ng.tensor<[F:3, N:? batch], f32>)
      inputs(%X : !ng.tensor<[F:3, N:? batch], f32>)
}

// A 13-32-16-3 MLP on scikit-learn's wine data (13 chemical measurements,
// 3 cultivars), trained with momentum SGD and a step learning-rate
// schedule fed by the runner (--feed 'lr=...'). The forward pass, the loss
// and one ng.optimize are all the training needs. The batch axis has any
// length (N:?): training takes batches of 20 (--batch-size 20), and
// evaluation and prediction run the same layers over all the samples they
// are given (the 38 held out) in one call.
// Train with examples/run-wine.sh.
ng.graph @wine {
  %X = ng.placeholder "X" : !ng.tensor<[F:13, N:? batch], f32>
  %L = ng.placeholder "L" : !ng.tensor<[N:? batch], i32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>

  %W1 = ng.variable "W1" init normal(0.0, 0.28, seed 1) : !ng.tensor<[F:13, H1:32], f32>
  %b1 = ng.variable "b1" init 0.0 : !ng.tensor<[H1:32], f32>
  %W2 = ng.variable "W2" init normal(0.0, 0.25, seed 2) : !ng.tensor<[H1:32, H2:16], f32>
  %b2 = ng.variable "b2" init 0.0 : !ng.tensor<[H2:16], f32>
  %W3 = ng.variable "W3" init normal(0.0, 0.35, seed 3) : !ng.tensor<[H2:16, K:3], f32>
  %b3 = ng.variable "b3" init 0.0 : !ng.tensor<[K:3], f32>

  %a0 = ng.dot %W1, %X : !ng.tensor<[F:13, H1:32], f32>, !ng.tensor<[F:13, N:? batch], f32>
  %a1 = ng.add %a0, %b1 : !ng.tensor<[H1:32, N:? batch], f32>, !ng.tensor<[H1:32], f32>
  %h1 = ng.relu %a1 : !ng.tensor<[H1:32, N:? batch], f32>
  %c0 = ng.dot %W2, %h1 : !ng.tensor<[H1:32, H2:16], f32>, !ng.tensor<[H1:32, N:? batch], f32>
  %c1 = ng.add %c0, %b2 : !ng.tensor<[H2:16, N:? batch], f32>, !ng.tensor<[H2:16], f32>
  %h2 = ng.relu %c1 : !ng.tensor<[H2:16, N:? batch], f32>
  %z0 = ng.dot %W3, %h2 : !ng.tensor<[H2:16, K:3], f32>, !ng.tensor<[H2:16, N:? batch], f32>
  %z = ng.add %z0, %b3 : !ng.tensor<[K:3, N:? batch], f32>, !ng.tensor<[K:3], f32>
  %y = ng.softmax %z : !ng.tensor<[K:3, N:? batch], f32>
  %t = ng.one_hot %L : !ng.tensor<[N:? batch], i32> -> !ng.tensor<[K:3, N:? batch], f32>
  %ce = ng.cross_entropy_multi %y, %t : !ng.tensor<[K:3, N:? batch], f32>, !ng.tensor<[K:3, N:? batch], f32>
  %loss = ng.mean %ce out [] : !ng.tensor<[N:? batch], f32>
  %updates = ng.optimize momentum %loss lr %lr {momentum = 0.9, nesterov} : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  %pred = ng.argmax %z : !ng.tensor<[K:3, N:? batch], f32>
  %hit = ng.equal %pred, %L : !ng.tensor<[N:? batch], i32>, !ng.tensor<[N:? batch], i32>
  %hitf = ng.convert %hit : !ng.tensor<[N:? batch], i32> -> !ng.tensor<[N:? batch], f32>
  %acc = ng.mean %hitf out [] : !ng.tensor<[N:? batch], f32>

  ng.computation @train_step outputs(%loss, %updates : !ng.tensor<[], f32>, !ng.effect)
      inputs(%lr, %X, %L : !ng.tensor<[], f32>, !ng.tensor<[F:13, N:? batch], f32>, !ng.tensor<[N:? batch], i32>)
  ng.computation @evaluate outputs(%loss, %acc : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
      inputs(%X, %L : !ng.tensor<[F:13, N:? batch], f32>, !ng.tensor<[N:? batch], i32>)
  ng.computation @predict outputs(%pred, %y : !ng.tensor<[N:? batch], i32>, !ng.tensor<[K:3, N:? batch], f32>)
      inputs(%X : !ng.tensor<[F:13, N:? batch], f32>)
}

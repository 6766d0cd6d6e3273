// MLP 784-1024-1024-10, batch 256: relu hidden layers,
// softmax cross-entropy, one SGD step on every weight and bias (ng.optimize).
ng.graph @mlp_large {
  %X = ng.placeholder "X" : !ng.tensor<[C:784, N:256 batch], f32>
  %T = ng.placeholder "T" : !ng.tensor<[Y:10, N:256 batch], f32>
  %lr = ng.constant 0.01 : !ng.tensor<[], f32>
  %W1 = ng.variable "W1" init normal(0.0, 0.050508, seed 1) : !ng.tensor<[C:784, H1:1024], f32>
  %b1 = ng.variable "b1" init 0.0 : !ng.tensor<[H1:1024], f32>
  %W2 = ng.variable "W2" init normal(0.0, 0.044194, seed 2) : !ng.tensor<[H1:1024, H2:1024], f32>
  %b2 = ng.variable "b2" init 0.0 : !ng.tensor<[H2:1024], f32>
  %W3 = ng.variable "W3" init normal(0.0, 0.044194, seed 3) : !ng.tensor<[H2:1024, Y:10], f32>
  %b3 = ng.variable "b3" init 0.0 : !ng.tensor<[Y:10], f32>
  %z10 = ng.dot %W1, %X : !ng.tensor<[C:784, H1:1024], f32>, !ng.tensor<[C:784, N:256 batch], f32>
  %z1 = ng.add %z10, %b1 : !ng.tensor<[H1:1024, N:256 batch], f32>, !ng.tensor<[H1:1024], f32>
  %h1 = ng.relu %z1 : !ng.tensor<[H1:1024, N:256 batch], f32>
  %z20 = ng.dot %W2, %h1 : !ng.tensor<[H1:1024, H2:1024], f32>, !ng.tensor<[H1:1024, N:256 batch], f32>
  %z2 = ng.add %z20, %b2 : !ng.tensor<[H2:1024, N:256 batch], f32>, !ng.tensor<[H2:1024], f32>
  %h2 = ng.relu %z2 : !ng.tensor<[H2:1024, N:256 batch], f32>
  %z30 = ng.dot %W3, %h2 : !ng.tensor<[H2:1024, Y:10], f32>, !ng.tensor<[H2:1024, N:256 batch], f32>
  %z3 = ng.add %z30, %b3 : !ng.tensor<[Y:10, N:256 batch], f32>, !ng.tensor<[Y:10], f32>
  %y = ng.softmax %z3 : !ng.tensor<[Y:10, N:256 batch], f32>
  %ce = ng.cross_entropy_multi %y, %T out [] : !ng.tensor<[Y:10, N:256 batch], f32>, !ng.tensor<[Y:10, N:256 batch], f32>
  %bs = ng.batch_size %y : !ng.tensor<[Y:10, N:256 batch], f32>
  %loss = ng.divide %ce, %bs : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %step = ng.optimize sgd %loss lr %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  ng.computation @step outputs(%loss, %step : !ng.tensor<[], f32>, !ng.effect) inputs(%X, %T : !ng.tensor<[C:784, N:256 batch], f32>, !ng.tensor<[Y:10, N:256 batch], f32>)
}

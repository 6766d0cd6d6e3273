// MLP 784-1024-1024-10, batch 256: relu hidden layers,
// softmax cross-entropy, one SGD step on every weight and bias.
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
  %gW1 = ng.deriv %loss wrt %W1 : !ng.tensor<[], f32>, !ng.tensor<[C:784, H1:1024], f32>
  %sW1 = ng.multiply %lr, %gW1 : !ng.tensor<[], f32>, !ng.tensor<[C:784, H1:1024], f32>
  %nW1 = ng.subtract %W1, %sW1 : !ng.tensor<[C:784, H1:1024], f32>, !ng.tensor<[C:784, H1:1024], f32>
  %uW1 = ng.assign %W1, %nW1 : !ng.tensor<[C:784, H1:1024], f32>, !ng.tensor<[C:784, H1:1024], f32>
  %gb1 = ng.deriv %loss wrt %b1 : !ng.tensor<[], f32>, !ng.tensor<[H1:1024], f32>
  %sb1 = ng.multiply %lr, %gb1 : !ng.tensor<[], f32>, !ng.tensor<[H1:1024], f32>
  %nb1 = ng.subtract %b1, %sb1 : !ng.tensor<[H1:1024], f32>, !ng.tensor<[H1:1024], f32>
  %ub1 = ng.assign %b1, %nb1 : !ng.tensor<[H1:1024], f32>, !ng.tensor<[H1:1024], f32>
  %gW2 = ng.deriv %loss wrt %W2 : !ng.tensor<[], f32>, !ng.tensor<[H1:1024, H2:1024], f32>
  %sW2 = ng.multiply %lr, %gW2 : !ng.tensor<[], f32>, !ng.tensor<[H1:1024, H2:1024], f32>
  %nW2 = ng.subtract %W2, %sW2 : !ng.tensor<[H1:1024, H2:1024], f32>, !ng.tensor<[H1:1024, H2:1024], f32>
  %uW2 = ng.assign %W2, %nW2 : !ng.tensor<[H1:1024, H2:1024], f32>, !ng.tensor<[H1:1024, H2:1024], f32>
  %gb2 = ng.deriv %loss wrt %b2 : !ng.tensor<[], f32>, !ng.tensor<[H2:1024], f32>
  %sb2 = ng.multiply %lr, %gb2 : !ng.tensor<[], f32>, !ng.tensor<[H2:1024], f32>
  %nb2 = ng.subtract %b2, %sb2 : !ng.tensor<[H2:1024], f32>, !ng.tensor<[H2:1024], f32>
  %ub2 = ng.assign %b2, %nb2 : !ng.tensor<[H2:1024], f32>, !ng.tensor<[H2:1024], f32>
  %gW3 = ng.deriv %loss wrt %W3 : !ng.tensor<[], f32>, !ng.tensor<[H2:1024, Y:10], f32>
  %sW3 = ng.multiply %lr, %gW3 : !ng.tensor<[], f32>, !ng.tensor<[H2:1024, Y:10], f32>
  %nW3 = ng.subtract %W3, %sW3 : !ng.tensor<[H2:1024, Y:10], f32>, !ng.tensor<[H2:1024, Y:10], f32>
  %uW3 = ng.assign %W3, %nW3 : !ng.tensor<[H2:1024, Y:10], f32>, !ng.tensor<[H2:1024, Y:10], f32>
  %gb3 = ng.deriv %loss wrt %b3 : !ng.tensor<[], f32>, !ng.tensor<[Y:10], f32>
  %sb3 = ng.multiply %lr, %gb3 : !ng.tensor<[], f32>, !ng.tensor<[Y:10], f32>
  %nb3 = ng.subtract %b3, %sb3 : !ng.tensor<[Y:10], f32>, !ng.tensor<[Y:10], f32>
  %ub3 = ng.assign %b3, %nb3 : !ng.tensor<[Y:10], f32>, !ng.tensor<[Y:10], f32>
  %step = ng.doall %uW1, %ub1, %uW2, %ub2, %uW3, %ub3
  ng.computation @step outputs(%loss, %step : !ng.tensor<[], f32>, !ng.effect) inputs(%X, %T : !ng.tensor<[C:784, N:256 batch], f32>, !ng.tensor<[Y:10, N:256 batch], f32>)
}

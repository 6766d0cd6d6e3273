
// ng.optimize with each rule, its hyper-parameters, and `only` / `exclude`,
// printed and reparsed.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:3, N:4 batch], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  %W = ng.variable "W" init 0.5 : !ng.tensor<[C:3], f32>
  %b = ng.variable "b" init 0.0 : !ng.tensor<[], f32>
  %d = ng.dot %W, %x : !ng.tensor<[C:3], f32>, !ng.tensor<[C:3, N:4 batch], f32>
  %y = ng.add %d, %b : !ng.tensor<[N:4 batch], f32>, !ng.tensor<[], f32>
  %l = ng.sum %y out [] : !ng.tensor<[N:4 batch], f32>
  %u0 = ng.optimize sgd %l lr %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %u1 = ng.optimize momentum %l lr %lr {momentum = 0.5, nesterov, weight_decay = 1.0e-4} : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %u2 = ng.optimize adam %l lr %lr only [%W : !ng.tensor<[C:3], f32>] {beta1 = 0.8, clip_norm = 1.0, name = "second"} : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %u3 = ng.optimize adamw %l lr %lr exclude [%b : !ng.tensor<[], f32>] : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %u4 = ng.optimize rmsprop %l lr %lr {rho = 0.99, eps = 1.0e-6, clip_value = 1.0} : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %u5 = ng.optimize adagrad %l lr %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  ng.computation @step outputs(%u0 : !ng.effect) inputs(%x, %lr : !ng.tensor<[C:3, N:4 batch], f32>, !ng.tensor<[], f32>)
}

// Logistic regression, part 2 of the seed walk-through: a (W, H) feature
// space, a bias, updates of every variable grouped with doall, and an
// evaluation computation.
//   Y_hat = ng.sigmoid(ng.dot(W, X) + b)
//   L = ng.cross_entropy_binary(Y_hat, Y, out_axes=())
//   updates = [ng.assign(v, v - alpha * ng.deriv(L, v) / ng.batch_size(Y_hat))
//              for v in L.variables()]
//   update_fun = transformer.computation([L, W, b, all_updates], alpha, X, Y)
//   eval_fun = transformer.computation(L, X, Y)
ng.graph @logreg2 {
  %alpha = ng.placeholder "alpha" : !ng.tensor<[], f32>
  %X = ng.placeholder "X" : !ng.tensor<[ax_W:2, ax_H:2, N:128 batch], f32>
  %Y = ng.placeholder "Y" : !ng.tensor<[N:128 batch], f32>
  %W = ng.variable "W" init 0.0 : !ng.tensor<[ax_W:2, ax_H:2], f32>
  %b = ng.variable "b" init 0.0 : !ng.tensor<[], f32>

  %z = ng.dot %W, %X : !ng.tensor<[ax_W:2, ax_H:2], f32>, !ng.tensor<[ax_W:2, ax_H:2, N:128 batch], f32>
  %zb = ng.add %z, %b : !ng.tensor<[N:128 batch], f32>, !ng.tensor<[], f32>
  %Y_hat = ng.sigmoid %zb : !ng.tensor<[N:128 batch], f32>
  %L = ng.cross_entropy_binary %Y_hat, %Y out [] : !ng.tensor<[N:128 batch], f32>, !ng.tensor<[N:128 batch], f32>
  %bs = ng.batch_size %Y_hat : !ng.tensor<[N:128 batch], f32>

  %gW = ng.deriv %L wrt %W : !ng.tensor<[], f32>, !ng.tensor<[ax_W:2, ax_H:2], f32>
  %sW = ng.multiply %alpha, %gW : !ng.tensor<[], f32>, !ng.tensor<[ax_W:2, ax_H:2], f32>
  %dW = ng.divide %sW, %bs : !ng.tensor<[ax_W:2, ax_H:2], f32>, !ng.tensor<[], f32>
  %W_new = ng.subtract %W, %dW : !ng.tensor<[ax_W:2, ax_H:2], f32>, !ng.tensor<[ax_W:2, ax_H:2], f32>
  %uW = ng.assign %W, %W_new : !ng.tensor<[ax_W:2, ax_H:2], f32>, !ng.tensor<[ax_W:2, ax_H:2], f32>

  %gb = ng.deriv %L wrt %b : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %sb = ng.multiply %alpha, %gb : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %db = ng.divide %sb, %bs : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %b_new = ng.subtract %b, %db : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %ub = ng.assign %b, %b_new : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  %all_updates = ng.doall %uW, %ub

  ng.computation @update_fun
      outputs(%L, %W, %b, %all_updates : !ng.tensor<[], f32>, !ng.tensor<[ax_W:2, ax_H:2], f32>, !ng.tensor<[], f32>, !ng.effect)
      inputs(%alpha, %X, %Y : !ng.tensor<[], f32>, !ng.tensor<[ax_W:2, ax_H:2, N:128 batch], f32>, !ng.tensor<[N:128 batch], f32>)
  ng.computation @eval_fun
      outputs(%L : !ng.tensor<[], f32>)
      inputs(%X, %Y : !ng.tensor<[ax_W:2, ax_H:2, N:128 batch], f32>, !ng.tensor<[N:128 batch], f32>)
}

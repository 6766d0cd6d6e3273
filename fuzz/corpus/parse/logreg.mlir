// Logistic regression, part 1 of the seed walk-through.
//   N = ng.make_axis(length=128, name='N')  (batch)
//   C = ng.make_axis(length=4)
//   Y_hat = ng.sigmoid(ng.dot(W, X))
//   L = ng.cross_entropy_binary(Y_hat, Y, out_axes=()) / ng.batch_size(Y_hat)
//   grad = ng.deriv(L, W)
//   update = ng.assign(W, W - alpha * grad / ng.tensor_size(Y_hat))
//   update_fun = transformer.computation([L, W, update], alpha, X, Y)
ng.graph @logreg {
  %alpha = ng.placeholder "alpha" : !ng.tensor<[], f32>
  %X = ng.placeholder "X" : !ng.tensor<[C:4, N:128 batch], f32>
  %Y = ng.placeholder "Y" : !ng.tensor<[N:128 batch], f32>
  %W = ng.variable "W" init 0.0 : !ng.tensor<[C:4], f32>

  %z = ng.dot %W, %X : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:128 batch], f32>
  %Y_hat = ng.sigmoid %z : !ng.tensor<[N:128 batch], f32>
  %ce = ng.cross_entropy_binary %Y_hat, %Y out [] : !ng.tensor<[N:128 batch], f32>, !ng.tensor<[N:128 batch], f32>
  %bs = ng.batch_size %Y_hat : !ng.tensor<[N:128 batch], f32>
  %L = ng.divide %ce, %bs : !ng.tensor<[], f32>, !ng.tensor<[], f32>

  %grad = ng.deriv %L wrt %W : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>
  %ag = ng.multiply %alpha, %grad : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>
  %ts = ng.tensor_size %Y_hat : !ng.tensor<[N:128 batch], f32>
  %step = ng.divide %ag, %ts : !ng.tensor<[C:4], f32>, !ng.tensor<[], f32>
  %W_new = ng.subtract %W, %step : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>
  %update = ng.assign %W, %W_new : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>

  ng.computation @update_fun
      outputs(%L, %W, %update : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>, !ng.effect)
      inputs(%alpha, %X, %Y : !ng.tensor<[], f32>, !ng.tensor<[C:4, N:128 batch], f32>, !ng.tensor<[N:128 batch], f32>)
}

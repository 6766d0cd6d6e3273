// Found by graph_fuzzer: dot of scalars lowered to a generic that read its
// init; elementwise fusion then accumulated it across the consumer's loops
// and doubled the gradient. Checked through the fused and unfused pipelines.
ng.graph @g {
  %in0 = ng.placeholder "in0" : !ng.tensor<[A:2, B:3], f64>
  %v0 = ng.dot %in0, %in0 : !ng.tensor<[A:2, B:3], f64>, !ng.tensor<[A:2, B:3], f64>
  %v4 = ng.dot %v0, %v0 : !ng.tensor<[], f64>, !ng.tensor<[], f64>
  %v5 = ng.tanh %v4 : !ng.tensor<[], f64>
  %v6 = ng.constant -0.25 : !ng.tensor<[], f64>
  %loss = ng.multiply %v5, %v6 : !ng.tensor<[], f64>, !ng.tensor<[], f64>
  %d0 = ng.deriv %loss wrt %in0 : !ng.tensor<[], f64>, !ng.tensor<[A:2, B:3], f64>
  ng.computation @f outputs(%loss, %d0 : !ng.tensor<[], f64>, !ng.tensor<[A:2, B:3], f64>) inputs(%in0 : !ng.tensor<[A:2, B:3], f64>)
}



func.func @f(%y: !ng.tensor<[N:8 batch], f32>, %t: !ng.tensor<[N:8 batch], f64>) {
  // expected-error@+1 {{prediction and target have different element types}}
  %0 = ng.cross_entropy_binary %y, %t : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[N:8 batch], f64>
  return
}


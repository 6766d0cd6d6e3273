

func.func @f(%a: !ng.tensor<[C:4], f32>, %b: !ng.tensor<[C:5], f32>) {
  // expected-error@+1 {{axis 'C' is used with different lengths or roles: [C:4] and [C:5]}}
  %0 = ng.multiply %a, %b : !ng.tensor<[C:4], f32>, !ng.tensor<[C:5], f32>
  return
}


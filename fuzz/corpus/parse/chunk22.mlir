

func.func @f(%a: !ng.tensor<[C:4, N:8 batch], f32>) {
  // expected-error@+1 {{axis 'C' is listed twice}}
  %0 = ng.mean %a out [C, C] : !ng.tensor<[C:4, N:8 batch], f32>
  return
}


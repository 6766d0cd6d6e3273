

func.func @f(%a: !ng.tensor<[CH:12, N:8], f32>) {
  // expected-error@+1 {{axis [CH:12] does not match the product of a run of adjacent axes of [N:8, C:4, H:3]}}
  %0 = ng.unflatten %a : !ng.tensor<[CH:12, N:8], f32> -> !ng.tensor<[N:8, C:4, H:3], f32>
  return
}


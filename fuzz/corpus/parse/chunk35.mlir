

func.func @f(%a: !ng.tensor<[C:4, H:3, N:8], f32>) {
  // expected-error@+1 {{axes [N:8] are not accounted for by [CH:12]}}
  %0 = ng.flatten %a : !ng.tensor<[C:4, H:3, N:8], f32> -> !ng.tensor<[CH:12], f32>
  return
}




func.func @f(%a: !ng.tensor<[C:4, H:3, N:8], f32>) {
  // expected-error@+1 {{axis [CH:10] does not match the product of a run of adjacent axes of [C:4, H:3, N:8]}}
  %0 = ng.flatten %a : !ng.tensor<[C:4, H:3, N:8], f32> -> !ng.tensor<[CH:10, N:8], f32>
  return
}


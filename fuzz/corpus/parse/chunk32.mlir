

func.func @f(%a: !ng.tensor<[C:4], f32>) {
  // expected-error@+1 {{cannot cast 1 axes to 2}}
  %0 = ng.cast_axes %a : !ng.tensor<[C:4], f32> -> !ng.tensor<[D:2, E:2], f32>
  return
}


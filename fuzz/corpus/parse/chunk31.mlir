

func.func @f(%a: !ng.tensor<[C:4], f32>) {
  // expected-error@+1 {{cannot cast axis [C:4] to [D:5]: lengths differ}}
  %0 = ng.cast_axes %a : !ng.tensor<[C:4], f32> -> !ng.tensor<[D:5], f32>
  return
}


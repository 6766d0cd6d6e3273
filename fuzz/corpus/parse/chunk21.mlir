

func.func @f(%a: !ng.tensor<[C:4, N:8 batch], f32>) {
  // expected-error@+1 {{give either 'reduce' or 'out' axes, not both}}
  %0 = ng.max %a reduce [C] out [N] : !ng.tensor<[C:4, N:8 batch], f32>
  return
}


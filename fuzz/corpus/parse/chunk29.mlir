

func.func @f(%a: !ng.tensor<[C:4, N:8], f32>) {
  // expected-error@+1 {{cannot broadcast [C:4, N:8] to [C:4, H:2]: the result must contain every operand axis}}
  %0 = ng.broadcast %a : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[C:4, H:2], f32>
  return
}




func.func @f(%a: !ng.tensor<[C:4, N:8 batch], f32>) {
  // expected-error@+1 {{axis 'H' is not an axis of the operand [C:4, N:8 batch]}}
  %0 = ng.sum %a reduce [H] : !ng.tensor<[C:4, N:8 batch], f32>
  return
}


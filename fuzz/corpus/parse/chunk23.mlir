

func.func @f(%a: !ng.tensor<[C:4, N:8 batch], f32>) {
  // expected-error@+1 {{axis 'K' is not an axis of the operand}}
  %0 = ng.softmax %a over [K] : !ng.tensor<[C:4, N:8 batch], f32>
  return
}




func.func @f(%y: !ng.tensor<[N:8 batch], i32>) {
  // expected-error@+1 {{operand #0 must be ng tensor of floats}}
  %0 = ng.exp %y : !ng.tensor<[N:8 batch], i32>
  return
}




func.func @f(%l: !ng.tensor<[N:8 batch], f32>) {
  // expected-error@+1 {{operand #0 must be ng tensor of integers}}
  %0 = ng.one_hot %l : !ng.tensor<[N:8 batch], f32> -> !ng.tensor<[K:10, N:8 batch], f32>
  return
}


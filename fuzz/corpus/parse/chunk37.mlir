

func.func @f(%a: !ng.tensor<[C:4], i32>) {
  // expected-error@+1 {{convert keeps the axes: [C:4] vs [D:4]}}
  %0 = ng.convert %a : !ng.tensor<[C:4], i32> -> !ng.tensor<[D:4], f32>
  return
}


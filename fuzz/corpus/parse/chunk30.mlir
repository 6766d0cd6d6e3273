

func.func @f(%a: !ng.tensor<[C:4], f32>) {
  // expected-error@+1 {{element type changes from 'f32' to 'f64'; use ng.convert}}
  %0 = ng.broadcast %a : !ng.tensor<[C:4], f32> -> !ng.tensor<[C:4, H:2], f64>
  return
}


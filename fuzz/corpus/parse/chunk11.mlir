

func.func @f() {
  // expected-error@+1 {{'ng.placeholder' op expects parent op 'ng.graph'}}
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  return
}


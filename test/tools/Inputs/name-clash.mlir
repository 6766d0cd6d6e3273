// A computation whose C name is a variable's reader.
ng.graph @clash {
  %W = ng.variable "W" init 1.0 : !ng.tensor<[C:2], f32>
  %x = ng.placeholder "x" : !ng.tensor<[C:2], f32>
  %y = ng.add %W, %x : !ng.tensor<[C:2], f32>, !ng.tensor<[C:2], f32>
  ng.computation @read_W outputs(%y : !ng.tensor<[C:2], f32>) inputs(%x : !ng.tensor<[C:2], f32>)
}

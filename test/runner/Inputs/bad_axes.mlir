// A graph file with a type error, for errors.test.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:4, C:4], f32>
}

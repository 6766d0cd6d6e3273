// A graph with 512 MiB of variables, so that writing a checkpoint takes long
// enough to be interrupted.
ng.graph @big {
  %W = ng.variable "W" init 0.5 : !ng.tensor<[A:16384, B:8192], f32>
  ng.computation @peek outputs(%W : !ng.tensor<[A:16384, B:8192], f32>) inputs()
}

// RUN: ngraph-opt %s | ngraph-opt | FileCheck %s
// RUN: ngraph-opt %s --mlir-print-op-generic | ngraph-opt | FileCheck %s

// A recurrence prints its params, sequences and carries, the result types
// and its body; the body's argument names are its own.

// CHECK-LABEL: ng.graph @rnn
ng.graph @rnn {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f32>
  %w = ng.variable "w" init 0.1 : !ng.tensor<[C:3, H:4], f32>
  // CHECK: ng.recurrence over T reverse params(%{{.*}} : !ng.tensor<[C:3, H:4], f32>) sequences(%{{.*}} : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) carries(%{{.*}} : !ng.tensor<[H:4, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, T:6 recurrent, N:2 batch], f32>) {
  // CHECK-NEXT: ^bb0(%{{.*}}: !ng.tensor<[C:3, H:4], f32>, %{{.*}}: !ng.tensor<[C:3, N:2 batch], f32>, %{{.*}}: !ng.tensor<[H:4, N:2 batch], f32>):
  // CHECK: ng.yield %{{.*}}, %{{.*}} : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
  %hT, %hs = ng.recurrence over T reverse params(%w : !ng.tensor<[C:3, H:4], f32>)
      sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>)
      carries(%h0 : !ng.tensor<[H:4, N:2 batch], f32>)
      -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, T:6 recurrent, N:2 batch], f32>) {
  ^bb0(%w: !ng.tensor<[C:3, H:4], f32>, %x: !ng.tensor<[C:3, N:2 batch], f32>, %h: !ng.tensor<[H:4, N:2 batch], f32>):
    %a = ng.dot %w, %x : !ng.tensor<[C:3, H:4], f32>, !ng.tensor<[C:3, N:2 batch], f32>
    %s = ng.add %a, %h : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
    %n = ng.tanh %s : !ng.tensor<[H:4, N:2 batch], f32>
    ng.yield %n, %n : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
  }
  // No sequence: the stacked output says how long T is.
  // CHECK: ng.recurrence over T carries(%{{.*}} : !ng.tensor<[H:4, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[T:6 recurrent, H:4, N:2 batch], f32>) {
  %last, %gen = ng.recurrence over T carries(%h0 : !ng.tensor<[H:4, N:2 batch], f32>)
      -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[T:6 recurrent, H:4, N:2 batch], f32>) {
  ^bb0(%h: !ng.tensor<[H:4, N:2 batch], f32>):
    %n = ng.sigmoid %h : !ng.tensor<[H:4, N:2 batch], f32>
    // CHECK: ng.yield %{{.*}}, %{{.*}} : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
    ng.yield %n, %h : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
  }
}

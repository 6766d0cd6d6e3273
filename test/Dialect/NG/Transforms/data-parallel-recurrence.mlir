// RUN: ngraph-opt %s --ng-data-parallel="ranks=2 rank=1" --split-input-file --verify-diagnostics | FileCheck %s

// A recurrence's step runs on this rank's samples: its arguments and the
// values inside it are retyped with the batch axis; the weight gradient
// summed over the batch after the loop is combined across ranks.
// CHECK-LABEL: ng.graph @rnn
// CHECK: ng.recurrence over T params(%{{.*}} : !ng.tensor<[C:3, H:3], f32>) sequences(%{{.*}} : !ng.tensor<[T:5 recurrent, C:3, N:2 batch], f32>) carries(%{{.*}} : !ng.tensor<[H:3, N:2 batch], f32>) -> (!ng.tensor<[H:3, N:2 batch], f32>, !ng.tensor<[T:5 recurrent, H:3, N:2 batch], f32>)
// CHECK-NEXT: ^bb0(%{{.*}}: !ng.tensor<[C:3, H:3], f32>, %{{.*}}: !ng.tensor<[C:3, N:2 batch], f32>, %{{.*}}: !ng.tensor<[H:3, N:2 batch], f32>):
// CHECK-NEXT: ng.dot {{.*}} : !ng.tensor<[C:3, H:3], f32>, !ng.tensor<[C:3, N:2 batch], f32>
// CHECK: %[[L:.*]] = ng.sum
// CHECK-NEXT: ng.allreduce sum %[[L]]
ng.graph @rnn {
  %w = ng.variable "w" init 0.5 : !ng.tensor<[C:3, H:3], f32>
  %x = ng.placeholder "x" : !ng.tensor<[T:5 recurrent, C:3, N:4 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:3, N:4 batch], f32>
  %hT, %hs = ng.recurrence over T params(%w : !ng.tensor<[C:3, H:3], f32>)
      sequences(%x : !ng.tensor<[T:5 recurrent, C:3, N:4 batch], f32>)
      carries(%h0 : !ng.tensor<[H:3, N:4 batch], f32>)
      -> (!ng.tensor<[H:3, N:4 batch], f32>, !ng.tensor<[T:5 recurrent, H:3, N:4 batch], f32>) {
  ^bb0(%a: !ng.tensor<[C:3, H:3], f32>, %xt: !ng.tensor<[C:3, N:4 batch], f32>, %h: !ng.tensor<[H:3, N:4 batch], f32>):
    %p = ng.dot %a, %xt : !ng.tensor<[C:3, H:3], f32>, !ng.tensor<[C:3, N:4 batch], f32>
    %s = ng.add %p, %h : !ng.tensor<[H:3, N:4 batch], f32>, !ng.tensor<[H:3, N:4 batch], f32>
    %n = ng.tanh %s : !ng.tensor<[H:3, N:4 batch], f32>
    ng.yield %n, %n : !ng.tensor<[H:3, N:4 batch], f32>, !ng.tensor<[H:3, N:4 batch], f32>
  }
  %L = ng.sum %hs out [] : !ng.tensor<[T:5 recurrent, H:3, N:4 batch], f32>
  ng.computation @loss outputs(%L : !ng.tensor<[], f32>) inputs(%x, %h0 : !ng.tensor<[T:5 recurrent, C:3, N:4 batch], f32>, !ng.tensor<[H:3, N:4 batch], f32>)
}

// -----

// A step that combines samples would need an allreduce at every step.
ng.graph @mixes_samples {
  %x = ng.placeholder "x" : !ng.tensor<[T:5 recurrent, C:3, N:4 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[C:3], f32>
  %hT = ng.recurrence over T sequences(%x : !ng.tensor<[T:5 recurrent, C:3, N:4 batch], f32>)
      carries(%h0 : !ng.tensor<[C:3], f32>) -> (!ng.tensor<[C:3], f32>) {
  ^bb0(%xt: !ng.tensor<[C:3, N:4 batch], f32>, %h: !ng.tensor<[C:3], f32>):
    // expected-error@+1 {{removes batch axis 'N' inside a recurrence; a data-parallel run keeps each step's samples apart}}
    %s = ng.sum %xt reduce [N] : !ng.tensor<[C:3, N:4 batch], f32>
    %n = ng.add %s, %h : !ng.tensor<[C:3], f32>, !ng.tensor<[C:3], f32>
    ng.yield %n : !ng.tensor<[C:3], f32>
  }
  ng.computation @f outputs(%hT : !ng.tensor<[C:3], f32>) inputs(%x, %h0 : !ng.tensor<[T:5 recurrent, C:3, N:4 batch], f32>, !ng.tensor<[C:3], f32>)
}

// RUN: ngraph-opt %s --canonicalize | FileCheck %s

// A recurrence passes and stacks only what is read: stacked outputs nobody
// reads are dropped, two stacks of one step value are one, a stack of a
// sequence's own step is the sequence, a carry the step yields unchanged
// becomes a param (its final value is its initial one), and params and
// sequences the step does not read are not passed.

// CHECK-LABEL: func @simplified
// CHECK-SAME: (%[[W:[^:]*]]: {{.*}}, %[[U:[^:]*]]: {{.*}}, %[[XS:[^:]*]]: {{.*}}, %[[YS:[^:]*]]: {{.*}}, %[[H0:[^:]*]]: {{.*}}, %[[K0:[^:]*]]: {{.*}})
func.func @simplified(%w: !ng.tensor<[C:3, H:2], f32>, %u: !ng.tensor<[H:2, H2:2], f32>,
                      %xs: !ng.tensor<[T:4 recurrent, C:3, N:2 batch], f32>,
                      %ys: !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>,
                      %h0: !ng.tensor<[H:2, N:2 batch], f32>, %k0: !ng.tensor<[C:3, H:2], f32>)
    -> (!ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[C:3, H:2], f32>,
        !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>, !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>,
        !ng.tensor<[T:4 recurrent, C:3, N:2 batch], f32>) {
  // CHECK: %[[R:.*]]:2 = ng.recurrence over T reverse params(%[[W]], %[[K0]] : !ng.tensor<[C:3, H:2], f32>, !ng.tensor<[C:3, H:2], f32>) sequences(%[[XS]] : !ng.tensor<[T:4 recurrent, C:3, N:2 batch], f32>) carries(%[[H0]] : !ng.tensor<[H:2, N:2 batch], f32>) -> (!ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>) {
  // CHECK-NEXT: ^bb0(%[[A:.*]]: !ng.tensor<[C:3, H:2], f32>, %[[K:.*]]: !ng.tensor<[C:3, H:2], f32>, %[[X:.*]]: !ng.tensor<[C:3, N:2 batch], f32>, %[[H:.*]]: !ng.tensor<[H:2, N:2 batch], f32>):
  // CHECK: %[[S:.*]] = ng.add %[[A]], %[[K]]
  // CHECK: %[[P:.*]] = ng.dot %[[S]], %[[X]]
  // CHECK: %[[N:.*]] = ng.tanh
  // CHECK-NEXT: ng.yield %[[N]], %[[N]] : !ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[H:2, N:2 batch], f32>
  // CHECK: return %[[R]]#0, %[[K0]], %[[R]]#1, %[[R]]#1, %[[XS]]
  %r:6 = ng.recurrence over T reverse params(%w, %u : !ng.tensor<[C:3, H:2], f32>, !ng.tensor<[H:2, H2:2], f32>)
      sequences(%xs, %ys : !ng.tensor<[T:4 recurrent, C:3, N:2 batch], f32>, !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>)
      carries(%h0, %k0 : !ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[C:3, H:2], f32>)
      -> (!ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[C:3, H:2], f32>,
          !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>, !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>,
          !ng.tensor<[T:4 recurrent, C:3, N:2 batch], f32>, !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>) {
  ^bb0(%a: !ng.tensor<[C:3, H:2], f32>, %b: !ng.tensor<[H:2, H2:2], f32>, %x: !ng.tensor<[C:3, N:2 batch], f32>,
       %y: !ng.tensor<[H:2, N:2 batch], f32>, %h: !ng.tensor<[H:2, N:2 batch], f32>, %k: !ng.tensor<[C:3, H:2], f32>):
    %s = ng.add %a, %k : !ng.tensor<[C:3, H:2], f32>, !ng.tensor<[C:3, H:2], f32>
    %p = ng.dot %s, %x : !ng.tensor<[C:3, H:2], f32>, !ng.tensor<[C:3, N:2 batch], f32>
    %q = ng.add %p, %h : !ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[H:2, N:2 batch], f32>
    %n = ng.tanh %q : !ng.tensor<[H:2, N:2 batch], f32>
    ng.yield %n, %k, %n, %n, %x, %q : !ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[C:3, H:2], f32>, !ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[C:3, N:2 batch], f32>, !ng.tensor<[H:2, N:2 batch], f32>
  }
  return %r#0, %r#1, %r#2, %r#3, %r#4 : !ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[C:3, H:2], f32>, !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>, !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>, !ng.tensor<[T:4 recurrent, C:3, N:2 batch], f32>
}



// Nothing to drop: left alone.
// CHECK-LABEL: func @kept
func.func @kept(%xs: !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>, %h0: !ng.tensor<[H:2, N:2 batch], f32>)
    -> (!ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>) {
  // CHECK: ng.recurrence over T sequences(%{{.*}} : {{.*}}) carries(%{{.*}} : {{.*}}) -> (!ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>)
  %r:2 = ng.recurrence over T sequences(%xs : !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>)
      carries(%h0 : !ng.tensor<[H:2, N:2 batch], f32>)
      -> (!ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>) {
  ^bb0(%x: !ng.tensor<[H:2, N:2 batch], f32>, %h: !ng.tensor<[H:2, N:2 batch], f32>):
    %q = ng.add %x, %h : !ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[H:2, N:2 batch], f32>
    ng.yield %q, %q : !ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[H:2, N:2 batch], f32>
  }
  return %r#0, %r#1 : !ng.tensor<[H:2, N:2 batch], f32>, !ng.tensor<[T:4 recurrent, H:2, N:2 batch], f32>
}

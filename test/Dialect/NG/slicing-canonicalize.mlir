// RUN: ngraph-opt %s --canonicalize | FileCheck %s

// A slice that keeps everything is its operand; a slice of a splat is a
// splat; slicing back what slice_backprop placed gives the placed value;
// a concat of one operand is that operand.

// CHECK-LABEL: ng.graph @folds
ng.graph @folds {
  %x = ng.placeholder "x" : !ng.tensor<[T:4, C:3], f32>
  %full = ng.slice %x [T[0:4] -> T] : !ng.tensor<[T:4, C:3], f32> -> !ng.tensor<[T:4, C:3], f32>
  %one = ng.constant 1.5 : !ng.tensor<[T:4, C:3], f32>
  %part = ng.slice %one [T[1:3] -> T2] : !ng.tensor<[T:4, C:3], f32> -> !ng.tensor<[T2:2, C:3], f32>
  %v = ng.placeholder "v" : !ng.tensor<[T2:2, C:3], f32>
  %placed = ng.slice_backprop %v [T[1:3] -> T2] : !ng.tensor<[T2:2, C:3], f32> -> !ng.tensor<[T:4, C:3], f32>
  %back = ng.slice %placed [T[1:3] -> T2] : !ng.tensor<[T:4, C:3], f32> -> !ng.tensor<[T2:2, C:3], f32>
  %same = ng.concat %x along [T] -> T : !ng.tensor<[T:4, C:3], f32> -> !ng.tensor<[T:4, C:3], f32>
  // CHECK-DAG: %[[X:.*]] = ng.placeholder "x"
  // CHECK-DAG: %[[SPLAT:.*]] = ng.constant 1.5{{.*}} : !ng.tensor<[T2:2, C:3], f32>
  // CHECK-DAG: %[[V:.*]] = ng.placeholder "v"
  // CHECK-NOT: ng.slice
  // CHECK-NOT: ng.concat
  // CHECK: ng.computation @f outputs(%[[X]], %[[SPLAT]], %[[V]], %[[X]] :
  ng.computation @f outputs(%full, %part, %back, %same : !ng.tensor<[T:4, C:3], f32>, !ng.tensor<[T2:2, C:3], f32>, !ng.tensor<[T2:2, C:3], f32>, !ng.tensor<[T:4, C:3], f32>) inputs(%x, %v : !ng.tensor<[T:4, C:3], f32>, !ng.tensor<[T2:2, C:3], f32>)
}

// Parts placed end to end along one axis and added up are their concat
// (autodiff of an LSTM's four gate slices); the parts may come in any order
// and the sum may nest either way. A sum that leaves a gap, overlaps, or
// also reads a partial sum stays a sum.

// CHECK-LABEL: ng.graph @placed_parts
ng.graph @placed_parts {
  %a = ng.placeholder "a" : !ng.tensor<[H:2, N:3], f32>
  %b = ng.placeholder "b" : !ng.tensor<[H:2, N:3], f32>
  %c = ng.placeholder "c" : !ng.tensor<[H:2, N:3], f32>
  %pc = ng.slice_backprop %c [Z[4:6] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[Z:6, N:3], f32>
  %pa = ng.slice_backprop %a [Z[0:2] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[Z:6, N:3], f32>
  %pb = ng.slice_backprop %b [Z[2:4] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[Z:6, N:3], f32>
  %s1 = ng.add %pc, %pa : !ng.tensor<[Z:6, N:3], f32>, !ng.tensor<[Z:6, N:3], f32>
  %s2 = ng.add %pb, %s1 : !ng.tensor<[Z:6, N:3], f32>, !ng.tensor<[Z:6, N:3], f32>
  // CHECK-DAG: %[[A:.*]] = ng.placeholder "a"
  // CHECK-DAG: %[[B:.*]] = ng.placeholder "b"
  // CHECK-DAG: %[[C:.*]] = ng.placeholder "c"
  // CHECK-NOT: ng.slice_backprop
  // CHECK-NOT: ng.add
  // CHECK: ng.concat %[[A]], %[[B]], %[[C]] along [H, H, H] -> Z : {{.*}} -> !ng.tensor<[Z:6, N:3], f32>
  ng.computation @f outputs(%s2 : !ng.tensor<[Z:6, N:3], f32>) inputs(%a, %b, %c : !ng.tensor<[H:2, N:3], f32>, !ng.tensor<[H:2, N:3], f32>, !ng.tensor<[H:2, N:3], f32>)
}

// CHECK-LABEL: ng.graph @not_a_concat
ng.graph @not_a_concat {
  %a = ng.placeholder "a" : !ng.tensor<[H:2, N:3], f32>
  %b = ng.placeholder "b" : !ng.tensor<[H:2, N:3], f32>
  // A gap: positions 2 and 3 are zeros.
  %ga = ng.slice_backprop %a [Z[0:2] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[Z:6, N:3], f32>
  %gb = ng.slice_backprop %b [Z[4:6] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[Z:6, N:3], f32>
  %gap = ng.add %ga, %gb : !ng.tensor<[Z:6, N:3], f32>, !ng.tensor<[Z:6, N:3], f32>
  // Overlapping parts add up where they meet.
  %oa = ng.slice_backprop %a [Y[0:2] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[Y:3, N:3], f32>
  %ob = ng.slice_backprop %b [Y[1:3] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[Y:3, N:3], f32>
  %overlap = ng.add %oa, %ob : !ng.tensor<[Y:3, N:3], f32>, !ng.tensor<[Y:3, N:3], f32>
  // Steps leave positions between.
  %sa = ng.slice_backprop %a [X[0:4:2] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[X:4, N:3], f32>
  %sb = ng.slice_backprop %b [X[1:4:2] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[X:4, N:3], f32>
  %strided = ng.add %sa, %sb : !ng.tensor<[X:4, N:3], f32>, !ng.tensor<[X:4, N:3], f32>
  // The partial sum is read too.
  %pa = ng.slice_backprop %a [W[0:2] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[W:6, N:3], f32>
  %pb = ng.slice_backprop %b [W[2:4] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[W:6, N:3], f32>
  %pc = ng.slice_backprop %a [W[4:6] -> H] : !ng.tensor<[H:2, N:3], f32> -> !ng.tensor<[W:6, N:3], f32>
  %pab = ng.add %pa, %pb : !ng.tensor<[W:6, N:3], f32>, !ng.tensor<[W:6, N:3], f32>
  %all = ng.add %pab, %pc : !ng.tensor<[W:6, N:3], f32>, !ng.tensor<[W:6, N:3], f32>
  // CHECK-COUNT-9: ng.slice_backprop
  // CHECK-NOT: ng.concat
  ng.computation @f outputs(%gap, %overlap, %strided, %pab, %all : !ng.tensor<[Z:6, N:3], f32>, !ng.tensor<[Y:3, N:3], f32>, !ng.tensor<[X:4, N:3], f32>, !ng.tensor<[W:6, N:3], f32>, !ng.tensor<[W:6, N:3], f32>) inputs(%a, %b : !ng.tensor<[H:2, N:3], f32>, !ng.tensor<[H:2, N:3], f32>)
}

// RUN: ngraph-opt %s --ng-autodiff --canonicalize --cse --split-input-file | FileCheck %s

// Logistic regression: d/dz of CE(sigmoid(z), t) is sigmoid(z) - t, and the
// adjoint of dot(W, X) with respect to W is a dot with X over N.
// CHECK-LABEL: func @logreg
// CHECK-SAME: (%[[W:.*]]: !ng.tensor<[C:4], f32>, %[[X:.*]]: !ng.tensor<[C:4, N:8 batch], f32>, %[[T:.*]]: !ng.tensor<[N:8 batch], f32>)
func.func @logreg(%W: !ng.tensor<[C:4], f32>, %X: !ng.tensor<[C:4, N:8 batch], f32>, %t: !ng.tensor<[N:8 batch], f32>) -> !ng.tensor<[C:4], f32> {
  // CHECK: %[[Z:.*]] = ng.dot %[[W]], %[[X]]
  // CHECK: %[[Y:.*]] = ng.sigmoid %[[Z]]
  // CHECK: %[[D:.*]] = ng.subtract %[[Y]], %[[T]]
  // CHECK: %[[G:.*]] = ng.dot %[[D]], %[[X]] : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK-NOT: ng.deriv
  // CHECK: return %[[G]]
  %z = ng.dot %W, %X : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  %y = ng.sigmoid %z : !ng.tensor<[N:8 batch], f32>
  %L = ng.cross_entropy_binary %y, %t out [] : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[N:8 batch], f32>
  %g = ng.deriv %L wrt %W : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>
  return %g : !ng.tensor<[C:4], f32>
}

// -----

// Two derivatives of one loss share one sweep: sigmoid - t is built once.
// CHECK-LABEL: func @shared_sweep
func.func @shared_sweep(%W: !ng.tensor<[C:4], f32>, %b: !ng.tensor<[], f32>, %X: !ng.tensor<[C:4, N:8 batch], f32>, %t: !ng.tensor<[N:8 batch], f32>) -> (!ng.tensor<[C:4], f32>, !ng.tensor<[], f32>) {
  // CHECK-COUNT-1: ng.subtract
  // CHECK-NOT: ng.subtract
  // CHECK: ng.sum %{{.*}} reduce [N] : !ng.tensor<[N:8 batch], f32>
  %z = ng.dot %W, %X : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  %zb = ng.add %z, %b : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[], f32>
  %y = ng.sigmoid %zb : !ng.tensor<[N:8 batch], f32>
  %L = ng.cross_entropy_binary %y, %t out [] : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[N:8 batch], f32>
  %gW = ng.deriv %L wrt %W : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>
  %gb = ng.deriv %L wrt %b : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  return %gW, %gb : !ng.tensor<[C:4], f32>, !ng.tensor<[], f32>
}

// -----

// softmax + cross_entropy_multi: y * sum_K(t) - t (y - t for one-hot t).
// CHECK-LABEL: func @softmax_ce
// CHECK-SAME: (%[[Z:.*]]: !ng.tensor<[K:3, N:8 batch], f32>, %[[T:.*]]: !ng.tensor<[K:3, N:8 batch], f32>)
func.func @softmax_ce(%z: !ng.tensor<[K:3, N:8 batch], f32>, %t: !ng.tensor<[K:3, N:8 batch], f32>) -> !ng.tensor<[K:3, N:8 batch], f32> {
  // CHECK: %[[Y:.*]] = ng.softmax %[[Z]]
  // CHECK: %[[S:.*]] = ng.sum %[[T]] reduce [K]
  // CHECK: %[[YS:.*]] = ng.multiply %[[Y]], %[[S]]
  // CHECK: %[[G:.*]] = ng.subtract %[[YS]], %[[T]]
  // CHECK: return %[[G]]
  %y = ng.softmax %z : !ng.tensor<[K:3, N:8 batch], f32>
  %L = ng.cross_entropy_multi %y, %t out [] : !ng.tensor<[K:3, N:8 batch], f32>, !ng.tensor<[K:3, N:8 batch], f32>
  %g = ng.deriv %L wrt %z : !ng.tensor<[], f32>, !ng.tensor<[K:3, N:8 batch], f32>
  return %g : !ng.tensor<[K:3, N:8 batch], f32>
}

// -----

// A broadcast operand's adjoint is summed over the broadcast axes; a
// reduction's adjoint is broadcast back; reorder's is reordered back.
// CHECK-LABEL: func @axes_adjoints
// CHECK-SAME: (%[[B:.*]]: !ng.tensor<[H:3], f32>, %[[X:.*]]: !ng.tensor<[H:3, N:8 batch], f32>)
func.func @axes_adjoints(%b: !ng.tensor<[H:3], f32>, %x: !ng.tensor<[H:3, N:8 batch], f32>) -> (!ng.tensor<[H:3], f32>, !ng.tensor<[H:3, N:8 batch], f32>) {
  %r = ng.reorder %x : !ng.tensor<[H:3, N:8 batch], f32> -> !ng.tensor<[N:8 batch, H:3], f32>
  %s = ng.add %r, %b : !ng.tensor<[N:8 batch, H:3], f32>, !ng.tensor<[H:3], f32>
  %q = ng.square %s : !ng.tensor<[N:8 batch, H:3], f32>
  %L = ng.sum %q out [] : !ng.tensor<[N:8 batch, H:3], f32>
  // CHECK: %[[Q:.*]] = ng.multiply %{{.*}}, %{{.*}} : !ng.tensor<[N:8 batch, H:3], f32>, !ng.tensor<[], f32>
  // CHECK-DAG: %[[GB:.*]] = ng.sum %[[Q]] reduce [N] : !ng.tensor<[N:8 batch, H:3], f32>
  // CHECK-DAG: %[[GX:.*]] = ng.reorder %[[Q]] : !ng.tensor<[N:8 batch, H:3], f32> -> !ng.tensor<[H:3, N:8 batch], f32>
  // CHECK: return %[[GB]], %[[GX]]
  %gb = ng.deriv %L wrt %b : !ng.tensor<[], f32>, !ng.tensor<[H:3], f32>
  %gx = ng.deriv %L wrt %x : !ng.tensor<[], f32>, !ng.tensor<[H:3, N:8 batch], f32>
  return %gb, %gx : !ng.tensor<[H:3], f32>, !ng.tensor<[H:3, N:8 batch], f32>
}

// -----

// Comparisons pass no gradient; relu's is a mask.
// CHECK-LABEL: func @relu
func.func @relu(%x: !ng.tensor<[H:3], f32>) -> !ng.tensor<[H:3], f32> {
  // CHECK: %[[M:.*]] = ng.greater %{{.*}}, %{{.*}} : !ng.tensor<[H:3], f32>, !ng.tensor<[], f32>
  // CHECK: return %[[M]]
  %r = ng.relu %x : !ng.tensor<[H:3], f32>
  %L = ng.sum %r out [] : !ng.tensor<[H:3], f32>
  %g = ng.deriv %L wrt %x : !ng.tensor<[], f32>, !ng.tensor<[H:3], f32>
  return %g : !ng.tensor<[H:3], f32>
}

// -----

// No dead adjoints: nothing is built for values wrt does not reach.
// CHECK-LABEL: func @pruned
func.func @pruned(%w: !ng.tensor<[H:3], f32>, %x: !ng.tensor<[H:3], f32>) -> !ng.tensor<[H:3], f32> {
  // CHECK-NOT: ng.cos
  // CHECK: %[[E:.*]] = ng.exp
  // CHECK: %[[T:.*]] = ng.tanh
  // CHECK-NOT: ng.multiply %[[E]]
  // CHECK: return
  %e = ng.exp %x : !ng.tensor<[H:3], f32>
  %t = ng.tanh %e : !ng.tensor<[H:3], f32>
  %p = ng.multiply %w, %t : !ng.tensor<[H:3], f32>, !ng.tensor<[H:3], f32>
  %L = ng.sum %p out [] : !ng.tensor<[H:3], f32>
  %g = ng.deriv %L wrt %w : !ng.tensor<[], f32>, !ng.tensor<[H:3], f32>
  return %g : !ng.tensor<[H:3], f32>
}

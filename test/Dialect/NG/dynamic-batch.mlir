// RUN: ngraph-opt %s | ngraph-opt | FileCheck %s
// RUN: ngraph-opt %s --mlir-print-op-generic | ngraph-opt | FileCheck %s
// RUN: ngraph-opt %s --canonicalize | FileCheck %s --check-prefix=CANON

// A batch axis of length `?`: printed as written, carried by type
// inference, never folded into a number.

// CHECK-LABEL: ng.graph @softmax_regression
ng.graph @softmax_regression {
  // CHECK: ng.placeholder "X" : !ng.tensor<[F:4, N:? batch], f32>
  %X = ng.placeholder "X" : !ng.tensor<[F:4, N:? batch], f32>
  // CHECK: ng.placeholder "L" : !ng.tensor<[N:? batch], i32>
  %L = ng.placeholder "L" : !ng.tensor<[N:? batch], i32>
  %W = ng.variable "W" init 0.0 : !ng.tensor<[F:4, K:3], f32>
  // CHECK: ng.dot %{{.*}}, %{{.*}} : !ng.tensor<[F:4, K:3], f32>, !ng.tensor<[F:4, N:? batch], f32>
  %z = ng.dot %W, %X : !ng.tensor<[F:4, K:3], f32>, !ng.tensor<[F:4, N:? batch], f32>
  %y = ng.softmax %z : !ng.tensor<[K:3, N:? batch], f32>
  %t = ng.one_hot %L : !ng.tensor<[N:? batch], i32> -> !ng.tensor<[K:3, N:? batch], f32>
  %ce = ng.cross_entropy_multi %y, %t : !ng.tensor<[K:3, N:? batch], f32>, !ng.tensor<[K:3, N:? batch], f32>
  %loss = ng.mean %ce out [] : !ng.tensor<[N:? batch], f32>
  // CHECK: ng.batch_size %{{.*}} : !ng.tensor<[N:? batch], f32>
  // CANON: ng.batch_size
  %n = ng.batch_size %ce : !ng.tensor<[N:? batch], f32>
  // CANON: ng.tensor_size
  %m = ng.tensor_size %ce reduce [N] : !ng.tensor<[N:? batch], f32>
  %s = ng.sum %ce out [] : !ng.tensor<[N:? batch], f32>
  %avg = ng.divide %s, %n : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %avg2 = ng.divide %s, %m : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  // A constant broadcast to a `?` axis stays a broadcast (no constant of
  // unknown size is made).
  // CANON: ng.broadcast
  %one = ng.constant 1.0 : !ng.tensor<[], f32>
  %ones = ng.broadcast %one : !ng.tensor<[], f32> -> !ng.tensor<[K:3, N:? batch], f32>
  %q = ng.multiply %y, %ones : !ng.tensor<[K:3, N:? batch], f32>, !ng.tensor<[K:3, N:? batch], f32>
  %pred = ng.argmax %z : !ng.tensor<[K:3, N:? batch], f32>
  // CHECK: ng.computation @step outputs({{.*}} : !ng.tensor<[], f32>, !ng.tensor<[], f32>, !ng.tensor<[], f32>, !ng.tensor<[K:3, N:? batch], f32>)
  ng.computation @step outputs(%loss, %avg, %avg2, %q : !ng.tensor<[], f32>, !ng.tensor<[], f32>, !ng.tensor<[], f32>, !ng.tensor<[K:3, N:? batch], f32>)
      inputs(%X, %L : !ng.tensor<[F:4, N:? batch], f32>, !ng.tensor<[N:? batch], i32>)
  ng.computation @predict outputs(%pred : !ng.tensor<[N:? batch], i32>)
      inputs(%X : !ng.tensor<[F:4, N:? batch], f32>)
}

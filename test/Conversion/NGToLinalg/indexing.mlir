// RUN: ngraph-opt %s --ng-outline-computations --convert-ng-to-linalg --reconcile-unrealized-casts | FileCheck %s

// lookup: a loop reports indices outside the table to the runtime (with a
// description of the op in a constant string), then a gather reads rows at
// clamped indices, zeros where the index was bad. lookup_backprop: a
// sequential loop adds each row of dy into its table row (an index used
// twice adds twice). random_uniform: Philox computed per element.

// CHECK: memref.global "private" constant @ng_lookup_site_0 : memref<{{[0-9]+}}xi8>
// CHECK: func.func private @ngraph_rt_index_error(i64, i64, i64)
// CHECK-LABEL: func.func @ng_fn_f
// CHECK: memref.get_global @ng_lookup_site_0
// CHECK: memref.extract_aligned_pointer_as_index
// CHECK: scf.for
// CHECK: scf.for
// CHECK: tensor.extract
// CHECK: scf.if
// CHECK: func.call @ngraph_rt_index_error
// CHECK: linalg.generic
// CHECK: arith.select
// CHECK: tensor.extract %{{.*}}[%{{.*}}, %{{.*}}] : tensor<10x4xf32>
// CHECK: linalg.yield
// CHECK: scf.for {{.*}} iter_args
// CHECK: scf.for {{.*}} iter_args
// CHECK: scf.if {{.*}} -> (tensor<10x4xf32>)
// CHECK: tensor.extract_slice {{.*}} to tensor<4xf32>
// CHECK: linalg.add
// CHECK: tensor.insert_slice {{.*}} into tensor<10x4xf32>
// CHECK: linalg.generic
// CHECK: arith.fptosi
// CHECK-COUNT-20: arith.muli %{{.*}}, %{{.*}} : i64
// CHECK: arith.uitofp
ng.graph @g {
  %t = ng.placeholder "t" : !ng.tensor<[V:10, E:4], f32>
  %i = ng.placeholder "i" : !ng.tensor<[T:3, N:2 batch], i32>
  %dy = ng.placeholder "dy" : !ng.tensor<[T:3, N:2 batch, E:4], f32>
  %c = ng.placeholder "c" : !ng.tensor<[], f32>
  %e = ng.lookup %t[%i] : !ng.tensor<[V:10, E:4], f32>, !ng.tensor<[T:3, N:2 batch], i32>
  %d = ng.lookup_backprop %dy[%i] : !ng.tensor<[T:3, N:2 batch, E:4], f32>, !ng.tensor<[T:3, N:2 batch], i32> -> !ng.tensor<[V:10, E:4], f32>
  %u = ng.random_uniform seed 1 counter %c : !ng.tensor<[], f32> -> !ng.tensor<[E:4], f32>
  ng.computation @f outputs(%e, %d, %u : !ng.tensor<[T:3, N:2 batch, E:4], f32>, !ng.tensor<[V:10, E:4], f32>, !ng.tensor<[E:4], f32>) inputs(%t, %i, %dy, %c : !ng.tensor<[V:10, E:4], f32>, !ng.tensor<[T:3, N:2 batch], i32>, !ng.tensor<[T:3, N:2 batch, E:4], f32>, !ng.tensor<[], f32>)
}

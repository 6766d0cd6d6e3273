// RUN: ngraph-opt %s --ng-lower-to-linalg="ranks=2 rank=0 overlap=true" | FileCheck %s
// RUN: ngraph-opt %s --ng-lower-to-linalg="ranks=2 rank=0" | FileCheck %s --check-prefix=BLOCK
// After bufferization the partial sum is combined in its own buffer: no copy.
// RUN: ngraph-opt %s --ng-lower-to-linalg="ranks=2 rank=0" --one-shot-bufferize="bufferize-function-boundaries" | FileCheck %s --check-prefix=BUF
// RUN: ngraph-opt %s --ng-lower-to-linalg="ranks=2 rank=0 overlap=true" --one-shot-bufferize="bufferize-function-boundaries" | FileCheck %s --check-prefix=BUF

// CHECK-DAG: func.func private @ngraph_rt_allreduce(i64, i64, i32, i32)
// CHECK-DAG: func.func private @ngraph_rt_allreduce_start(i64, i64, i32, i32) -> i64
// CHECK-DAG: func.func private @ngraph_rt_allreduce_wait(i64)
// CHECK-LABEL: func.func @ng_fn_grad
// CHECK-DAG: %[[N:.*]] = arith.constant 3 : i64
// CHECK-DAG: %[[Z:.*]] = arith.constant 0 : i32
// The weight gradient: started as soon as it is computed ...
// CHECK: linalg.matmul {{.*}} -> tensor<3x1xf32>
// CHECK: %[[B:.*]] = bufferization.to_buffer %{{.*}} : tensor<3xf32> to memref<3xf32>
// CHECK: %[[P:.*]] = memref.extract_aligned_pointer_as_index %[[B]]
// CHECK: %[[A:.*]] = arith.index_cast %[[P]] : index to i64
// Three f32 (code 0) elements, summed (code 0).
// CHECK: %[[H:.*]] = call @ngraph_rt_allreduce_start(%[[A]], %[[N]], %[[Z]], %[[Z]])
// ... the loss's partial sum is computed while it is under way ...
// CHECK: linalg.generic
// CHECK: call @ngraph_rt_allreduce_start
// ... and it is waited for where it is first used.
// CHECK: call @ngraph_rt_allreduce_wait(%[[H]])
// CHECK: bufferization.to_tensor %[[B]] restrict writable : memref<3xf32> to tensor<3xf32>

// BLOCK-LABEL: func.func @ng_fn_grad
// BLOCK: %[[B:.*]] = bufferization.to_buffer %{{.*}} : tensor<3xf32> to memref<3xf32>
// BLOCK: call @ngraph_rt_allreduce(
// BLOCK-NEXT: bufferization.to_tensor %[[B]] restrict writable
// BLOCK-NOT: allreduce_start

// BUF-LABEL: func.func @ng_fn_grad
// BUF-NOT: memref.copy
// BUF: call @ngraph_rt_allreduce
// BUF-NOT: memref.copy
// BUF: return
ng.graph @g {
  %X = ng.placeholder "X" : !ng.tensor<[C:3, N:8 batch], f32>
  %Y = ng.placeholder "Y" : !ng.tensor<[N:8 batch], f32>
  %g = ng.dot %X, %Y : !ng.tensor<[C:3, N:8 batch], f32>, !ng.tensor<[N:8 batch], f32>
  %sq = ng.square %Y : !ng.tensor<[N:8 batch], f32>
  %l = ng.sum %sq out [] : !ng.tensor<[N:8 batch], f32>
  ng.computation @grad outputs(%g, %l : !ng.tensor<[C:3], f32>, !ng.tensor<[], f32>)
      inputs(%X, %Y : !ng.tensor<[C:3, N:8 batch], f32>, !ng.tensor<[N:8 batch], f32>)
}

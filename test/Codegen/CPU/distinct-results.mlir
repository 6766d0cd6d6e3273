// RUN: ngraph-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline="builtin.module(func.func(ng-distinct-results))" | FileCheck %s
// RUN: ngraph-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline="builtin.module(func.func(ng-distinct-results),buffer-results-to-out-params{hoist-static-allocs modify-public-functions})" | FileCheck %s --check-prefix=OUT

// The second and third return of %a get copies of their own; %b, returned
// once, is left alone.
// CHECK-LABEL: func.func @twice
// CHECK: %[[A:.*]] = memref.alloc() : memref<4xf32>
// CHECK: %[[B:.*]] = memref.alloc() : memref<2xf32>
// CHECK: %[[C1:.*]] = memref.alloc() : memref<4xf32>
// CHECK: memref.copy %[[A]], %[[C1]]
// CHECK: %[[C2:.*]] = memref.alloc() : memref<4xf32>
// CHECK: memref.copy %[[A]], %[[C2]]
// CHECK: return %[[A]], %[[B]], %[[C1]], %[[C2]]
// Then every result is computed in its output buffer: %a in the first, the
// copies in the others.
// OUT-LABEL: func.func @twice(
// OUT-SAME: %[[O0:[^:]*]]: memref<4xf32>, %[[O1:[^:]*]]: memref<2xf32>, %[[O2:[^:]*]]: memref<4xf32>, %[[O3:[^:]*]]: memref<4xf32>)
// OUT-NOT: memref.alloc
// OUT: "test.fill"(%[[O0]], %[[O1]])
// OUT: memref.copy %[[O0]], %[[O2]]
// OUT: memref.copy %[[O0]], %[[O3]]
// OUT: return
func.func @twice() -> (memref<4xf32>, memref<2xf32>, memref<4xf32>, memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  %b = memref.alloc() : memref<2xf32>
  "test.fill"(%a, %b) : (memref<4xf32>, memref<2xf32>) -> ()
  return %a, %b, %a, %a : memref<4xf32>, memref<2xf32>, memref<4xf32>, memref<4xf32>
}

// -----

// Dynamic shapes are copied with the repeated buffer's sizes.
// CHECK-LABEL: func.func @dynamic
// CHECK: %[[D:.*]] = memref.dim %[[A:.*]], %c0
// CHECK: %[[C:.*]] = memref.alloc(%[[D]]) : memref<?xf32>
// CHECK: memref.copy %[[A]], %[[C]]
func.func @dynamic(%n: index) -> (memref<?xf32>, memref<?xf32>) {
  %a = memref.alloc(%n) : memref<?xf32>
  return %a, %a : memref<?xf32>, memref<?xf32>
}

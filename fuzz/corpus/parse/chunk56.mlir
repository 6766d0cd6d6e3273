// RUN: ngraph-opt %s --convert-ng-to-linalg --reconcile-unrealized-casts --split-input-file | FileCheck %s

// Broadcasting by axis identity: each operand reads through its projection.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[D1:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @broadcast_add
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8xf32>) -> tensor<4x8xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[D1]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[B]] : tensor<4x8xf32>, tensor<8xf32>) outs(%[[E]] : tensor<4x8xf32>)
// CHECK: arith.addf
func.func @broadcast_add(%x: !ng.tensor<[C:4, N:8], f32>, %b: !ng.tensor<[N:8], f32>) -> !ng.tensor<[C:4, N:8], f32> {
  %0 = ng.add %x, %b : !ng.tensor<[C:4, N:8], f32>, !ng.tensor<[N:8], f32>
  return %0 : !ng.tensor<[C:4, N:8], f32>
}


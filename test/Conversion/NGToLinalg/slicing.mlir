// RUN: ngraph-opt %s --convert-ng-to-linalg --reconcile-unrealized-casts | FileCheck %s

// A slice is a strided, rank-reducing extract_slice (an index is a size-1,
// dropped dimension); slice_backprop and pad insert into zeros; concat and
// stack insert each operand into its place of an empty tensor, which every
// insert together covers once.

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  %y = ng.slice %x [T[2:10:2] -> T4, N[1]] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T4:4 recurrent, C:3], f32>
  %z = ng.slice_backprop %y [T[2:10:2] -> T4, N[1]] : !ng.tensor<[T4:4 recurrent, C:3], f32> -> !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  %p = ng.pad %x [C(1, 2) -> C6] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T:12 recurrent, C6:6, N:2 batch], f32>
  %a = ng.placeholder "a" : !ng.tensor<[C:3, E:5], f32>
  %b = ng.placeholder "b" : !ng.tensor<[C:3, E2:2], f32>
  %c = ng.concat %a, %b along [E, E2] -> E7 : !ng.tensor<[C:3, E:5], f32>, !ng.tensor<[C:3, E2:2], f32> -> !ng.tensor<[C:3, E7:7], f32>
  %s = ng.stack %a, %a along S : !ng.tensor<[C:3, E:5], f32>, !ng.tensor<[C:3, E:5], f32> -> !ng.tensor<[C:3, S:2, E:5], f32>
  ng.computation @f outputs(%y, %z, %p, %c, %s : !ng.tensor<[T4:4 recurrent, C:3], f32>, !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>, !ng.tensor<[T:12 recurrent, C6:6, N:2 batch], f32>, !ng.tensor<[C:3, E7:7], f32>, !ng.tensor<[C:3, S:2, E:5], f32>) inputs(%x, %a, %b : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>, !ng.tensor<[C:3, E:5], f32>, !ng.tensor<[C:3, E2:2], f32>)
}
// CHECK-LABEL: ng.graph @g
// CHECK: tensor.extract_slice %{{.*}}[2, 0, 1] [4, 3, 1] [2, 1, 1] : tensor<12x3x2xf32> to tensor<4x3xf32>
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<12x3x2xf32>)
// CHECK: tensor.insert_slice %{{.*}} into %[[Z]][2, 0, 1] [4, 3, 1] [2, 1, 1] : tensor<4x3xf32> into tensor<12x3x2xf32>
// CHECK: %[[P:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<12x6x2xf32>)
// CHECK: tensor.insert_slice %{{.*}} into %[[P]][0, 1, 0] [12, 3, 2] [1, 1, 1] : tensor<12x3x2xf32> into tensor<12x6x2xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3x7xf32>
// CHECK: %[[C0:.*]] = tensor.insert_slice %{{.*}} into %[[E]][0, 0] [3, 5] [1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %[[C0]][0, 5] [3, 2] [1, 1] : tensor<3x2xf32> into tensor<3x7xf32>
// CHECK: %[[S:.*]] = tensor.empty() : tensor<3x2x5xf32>
// CHECK: %[[S0:.*]] = tensor.insert_slice %{{.*}} into %[[S]][0, 0, 0] [3, 1, 5] [1, 1, 1] : tensor<3x5xf32> into tensor<3x2x5xf32>
// CHECK: tensor.insert_slice %{{.*}} into %[[S0]][0, 1, 0] [3, 1, 5] [1, 1, 1] : tensor<3x5xf32> into tensor<3x2x5xf32>

// RUN: ngraph-opt %s | ngraph-opt | FileCheck %s
// RUN: ngraph-opt %s --mlir-print-op-generic | ngraph-opt | FileCheck %s

// Slicing, its transpose, padding, concatenation and stacking, printed and
// reparsed. A step of 1 is not printed; an index has no result axis.

// CHECK-LABEL: ng.graph @slicing
ng.graph @slicing {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // CHECK: ng.slice %{{.*}} [T[2:10:2] -> T4, N[0]] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T4:4 recurrent, C:3], f32>
  %y = ng.slice %x [T[2:10:2] -> T4, N[0]] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T4:4 recurrent, C:3], f32>
  // CHECK: ng.slice %{{.*}} [T[0:3] -> T1] :
  %a = ng.slice %x [T[0:3:1] -> T1] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T1:3 recurrent, C:3, N:2 batch], f32>
  // CHECK: ng.slice %{{.*}} ["t 2"[3:8] -> "t 5"] :
  %q = ng.placeholder "q" : !ng.tensor<["t 2":9, C:3], f32>
  %r = ng.slice %q ["t 2"[3:8] -> "t 5"] : !ng.tensor<["t 2":9, C:3], f32> -> !ng.tensor<["t 5":5, C:3], f32>
  // CHECK: ng.slice_backprop %{{.*}} [T[2:10:2] -> T4, N[0]] : !ng.tensor<[T4:4 recurrent, C:3], f32> -> !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  %z = ng.slice_backprop %y [T[2:10:2] -> T4, N[0]] : !ng.tensor<[T4:4 recurrent, C:3], f32> -> !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // CHECK: ng.pad %{{.*}} [C(1, 2) -> C6] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T:12 recurrent, C6:6, N:2 batch], f32>
  %p = ng.pad %x [C(1, 2) -> C6] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T:12 recurrent, C6:6, N:2 batch], f32>
  %b = ng.slice %x [T[3:8] -> T2] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T2:5 recurrent, C:3, N:2 batch], f32>
  // CHECK: ng.concat %{{.*}}, %{{.*}} along [T1, T2] -> T8 : !ng.tensor<[T1:3 recurrent, C:3, N:2 batch], f32>, !ng.tensor<[T2:5 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T8:8 recurrent, C:3, N:2 batch], f32>
  %c = ng.concat %a, %b along [T1, T2] -> T8 : !ng.tensor<[T1:3 recurrent, C:3, N:2 batch], f32>, !ng.tensor<[T2:5 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T8:8 recurrent, C:3, N:2 batch], f32>
  // CHECK: ng.stack %{{.*}}, %{{.*}} along S : !ng.tensor<[T4:4 recurrent, C:3], f32>, !ng.tensor<[T4:4 recurrent, C:3], f32> -> !ng.tensor<[T4:4 recurrent, S:2, C:3], f32>
  %s = ng.stack %y, %y along S : !ng.tensor<[T4:4 recurrent, C:3], f32>, !ng.tensor<[T4:4 recurrent, C:3], f32> -> !ng.tensor<[T4:4 recurrent, S:2, C:3], f32>
}

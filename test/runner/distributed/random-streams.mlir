// Random numbers in a data-parallel run are the single process's: each rank
// draws its rows of the whole batch (ng-data-parallel's stream offsets), so
// dropout masks and uniform draws are bit-identical over 1, 2 and 3 ranks
// (N:7 splits as 4+3 and 3+2+2).
// RUN: rm -rf %t && mkdir -p %t
// RUN: ngraph-runner %s --call f --input x=1 --input c=5 --output %t/p1.npz
// RUN: %mpirun -np 2 ngraph-runner %s --call f --input x=1 --input c=5 --output %t/p2.npz
// RUN: %mpirun -np 3 ngraph-runner %s --call f --input x=1 --input c=5 --output %t/p3.npz
// RUN: %python %S/../Inputs/compare_npz.py %t/p2.npz %t/p1.npz 0 0 | FileCheck %s
// RUN: %python %S/../Inputs/compare_npz.py %t/p3.npz %t/p1.npz 0 0 | FileCheck %s
// CHECK: OK
// A different counter draws different numbers.
// RUN: ngraph-runner %s --call f --input x=1 --input c=6 --output %t/q1.npz
// RUN: not %python %S/../Inputs/compare_npz.py %t/q1.npz %t/p1.npz 0 0
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[H:8, N:7 batch], f32>
  %c = ng.placeholder "c" : !ng.tensor<[], f32>
  %keep = ng.constant 0.5 : !ng.tensor<[], f32>
  %y = ng.dropout %x keep %keep seed 42 counter %c : !ng.tensor<[H:8, N:7 batch], f32>, !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %u = ng.random_uniform seed 43 counter %c : !ng.tensor<[], f32> -> !ng.tensor<[N:7 batch, K:3], f64>
  ng.computation @f outputs(%y, %u : !ng.tensor<[H:8, N:7 batch], f32>, !ng.tensor<[N:7 batch, K:3], f64>) inputs(%x, %c : !ng.tensor<[H:8, N:7 batch], f32>, !ng.tensor<[], f32>)
}

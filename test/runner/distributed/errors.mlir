// Graphs and options a data-parallel run cannot honour are refused with a
// diagnostic and a non-zero exit by every rank, without hanging.
// RUN: rm -rf %t && mkdir -p %t
// RUN: not %mpirun -np 2 ngraph-runner %s --call f --input x=0 2>&1 | FileCheck %s --check-prefix=ARGMAX
// ARGMAX: errors.mlir:[[# @LINE + 4]]:8: error: 'ng.argmax' op over batch axis "N" needs every sample at once
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:3, N:4 batch], f32>
  %s = ng.sum %x : !ng.tensor<[K:3, N:4 batch], f32>
  %a = ng.argmax %x reduce ["N"] : !ng.tensor<[K:3, N:4 batch], f32>
  ng.computation @f outputs(%a, %s : !ng.tensor<[K:3], i32>, !ng.tensor<[N:4 batch], f32>) inputs(%x : !ng.tensor<[K:3, N:4 batch], f32>)
  ng.computation @g outputs(%s : !ng.tensor<[N:4 batch], f32>) inputs(%x : !ng.tensor<[K:3, N:4 batch], f32>)
}
// A batch shorter than the number of ranks:
// RUN: not %mpirun -np 5 ngraph-runner %s --list 2>&1 | FileCheck %s --check-prefix=SHORT
// SHORT: errors.mlir:7:8: error: 'ng.placeholder' op batch axis "N" has 4 samples, fewer than the 5 ranks to split it over
// Finite differences perturb one process's inputs:
// RUN: not %mpirun -np 2 ngraph-runner %examples/logreg.mlir --gradcheck update_fun 2>&1 | FileCheck %s --check-prefix=GRADCHECK
// GRADCHECK: ngraph-runner: error: rank {{[01]}} of 2: --gradcheck runs in one process; start it without mpirun
// A --call input of the wrong shape is reported whole, before it is split:
// RUN: %python -c "import numpy as np; np.save('%t/bad.npy', np.zeros((5,), np.float32))"
// RUN: not %mpirun -np 2 ngraph-runner %S/call-gather.mlir --call f --input x=@%t/bad.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: ngraph-runner: error: rank {{[01]}} of 2: --input x: placeholder x [K:3, N:7 batch] f32 needs shape (3, 7), got (5,)
// One rank is one process: --gradcheck runs, and the rank finalizes MPI.
// RUN: %python %S/../Inputs/gradcheck_graphs.py axes > %t/gc.mlir
// RUN: %mpirun -np 1 ngraph-runner %t/gc.mlir --gradcheck broadcast 2>&1 | FileCheck %s --check-prefix=ONE
// ONE: gradcheck broadcast: ok
// ONE-NOT: finalize

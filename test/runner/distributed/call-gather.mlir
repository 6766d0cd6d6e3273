// --call under mpirun: each rank gets its share of the batch inputs, and
// outputs with a batch axis are gathered whole on rank 0 (printed and
// written like one process's).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r=np.random.RandomState(0); np.save('%t/x.npy', r.randn(3, 7).astype(np.float32))"
// RUN: ngraph-runner %s --call f --input x=@%t/x.npy --output %t/p1.npz
// RUN: %mpirun -np 2 ngraph-runner %s --call f --input x=@%t/x.npy --output %t/p2.npz
// RUN: %mpirun -np 3 ngraph-runner %s --call f --input x=@%t/x.npy > %t/p3.txt
// RUN: ngraph-runner %s --call f --input x=@%t/x.npy > %t/p1.txt
// RUN: %python %S/../Inputs/compare_npz.py %t/p2.npz %t/p1.npz 1e-6 1e-6 | FileCheck %s
// RUN: %python %S/../Inputs/compare.py %t/p3.txt %t/p1.txt 1e-6 1e-6 | FileCheck %s --check-prefix=TEXT
// The reference: numpy on the whole batch.
// RUN: %python -c "import numpy as np; x=np.load('%t/x.npy').astype(np.float64); o=np.load('%t/p2.npz'); \
// RUN:   e=np.exp(x - x.max(0)); sm=e/e.sum(0); \
// RUN:   assert np.allclose(o['out0'], sm, rtol=1e-5, atol=1e-6); \
// RUN:   assert np.allclose(o['out1'], x.mean(1), rtol=1e-5, atol=1e-6); \
// RUN:   assert np.allclose(o['out2'], x.max(), rtol=1e-6); print('numpy agrees')" | FileCheck %s --check-prefix=NUMPY
// CHECK: OK 3 arrays
// TEXT: OK {{[0-9]+}} lines
// NUMPY: numpy agrees
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:3, N:7 batch], f32>
  // Sharded: softmax over K for every sample.
  %sm = ng.softmax %x : !ng.tensor<[K:3, N:7 batch], f32>
  // Replicated: statistics over the batch.
  %m = ng.mean %x reduce ["N"] : !ng.tensor<[K:3, N:7 batch], f32>
  %mx = ng.max %x out [] : !ng.tensor<[K:3, N:7 batch], f32>
  ng.computation @f outputs(%sm, %m, %mx : !ng.tensor<[K:3, N:7 batch], f32>, !ng.tensor<[K:3], f32>, !ng.tensor<[], f32>)
      inputs(%x : !ng.tensor<[K:3, N:7 batch], f32>)
}
// A graph without batch axes runs replicated; rank 0 alone prints.
// RUN: %mpirun -np 3 ngraph-runner %examples/plus_one.mlir --call plus_one --input x=1 | FileCheck %s --check-prefix=REPL
// REPL: 2.0
// REPL-NOT: 2.0

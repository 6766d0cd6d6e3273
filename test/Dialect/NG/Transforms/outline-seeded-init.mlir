// RUN: ngraph-opt %s --ng-outline-computations | FileCheck %s
// RUN: %python -c "import numpy as np; print(', '.join(str(v) for v in np.random.RandomState(7).uniform(-1, 1, 3).astype(np.float32).tolist()))" | FileCheck %s --check-prefix=NUMPY

// A seeded initializer produces NumPy's numbers: the same digits are checked
// in our output and in NumPy's RandomState(7).uniform(-1, 1, 3).
// CHECK: memref.global "public" @ng_var_U : memref<3xf32> = dense<[-0.847383{{[0-9]*}}, 0.559837{{[0-9]*}}, -0.123181{{[0-9]*}}]>
// NUMPY: -0.847383{{[0-9]*}}, 0.559837{{[0-9]*}}, -0.123181{{[0-9]*}}
ng.graph @g {
  %U = ng.variable "U" init uniform(-1.0, 1.0, seed 7) : !ng.tensor<[K:3], f32>
  ng.computation @peek outputs(%U : !ng.tensor<[K:3], f32>) inputs()
}

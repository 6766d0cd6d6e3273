// RUN: ngraph-opt %s --ng-specialize-axes="lengths=N=128" | FileCheck %s
// RUN: ngraph-opt %s --ng-specialize-axes="batch-size=7" | FileCheck %s --check-prefix=SEVEN
// The specialized graph lowers like any other; the `?` one does not.
// RUN: ngraph-opt %s --ng-lower-to-llvm="batch-size=5" -o /dev/null
// RUN: not ngraph-opt %s --ng-lower-to-llvm 2>&1 | FileCheck %s --check-prefix=UNSPECIALIZED
// Errors: an unknown name, a length missing, a bad length, a malformed item.
// RUN: not ngraph-opt %s --ng-specialize-axes="lengths=M=4" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not ngraph-opt %s --ng-specialize-axes 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not ngraph-opt %s --ng-specialize-axes="lengths=N=0" 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: not ngraph-opt %s --ng-specialize-axes="lengths=N" 2>&1 | FileCheck %s --check-prefix=MALFORMED
// RUN: not ngraph-opt %s --ng-specialize-axes="lengths=N=2,N=3" 2>&1 | FileCheck %s --check-prefix=TWICE

// UNSPECIALIZED: error: 'ng.placeholder' op uses axis [N:? batch], whose length is given at call time; ng-autodiff needs fixed lengths (run ng-specialize-axes first)
// UNKNOWN: error: no axis 'M' of length ? to specialize (the graph's ? axes: [N:? batch])
// MISSING: error: axis [N:? batch] needs a length (N=LENGTH)
// ZERO: error: axis 'N' needs a positive length, got 0
// MALFORMED: error: ng-specialize-axes: 'N' is not NAME=LENGTH
// TWICE: error: ng-specialize-axes: axis 'N' is given twice

// CHECK-LABEL: ng.graph @g
// CHECK: ng.placeholder "X" : !ng.tensor<[F:4, N:128 batch], f32>
// CHECK: ng.placeholder "L" : !ng.tensor<[N:128 batch], i32>
// CHECK: ng.cross_entropy_multi {{.*}} : !ng.tensor<[K:3, N:128 batch], f32>, !ng.tensor<[K:3, N:128 batch], f32>
// CHECK: ng.computation @step {{.*}} inputs({{.*}} : !ng.tensor<[F:4, N:128 batch], f32>, !ng.tensor<[N:128 batch], i32>)
// CHECK-NOT: N:?
// SEVEN: !ng.tensor<[F:4, N:7 batch], f32>
// SEVEN-NOT: N:?
ng.graph @g {
  %X = ng.placeholder "X" : !ng.tensor<[F:4, N:? batch], f32>
  %L = ng.placeholder "L" : !ng.tensor<[N:? batch], i32>
  %W = ng.variable "W" init 0.0 : !ng.tensor<[F:4, K:3], f32>
  %z = ng.dot %W, %X : !ng.tensor<[F:4, K:3], f32>, !ng.tensor<[F:4, N:? batch], f32>
  %y = ng.softmax %z : !ng.tensor<[K:3, N:? batch], f32>
  %t = ng.one_hot %L : !ng.tensor<[N:? batch], i32> -> !ng.tensor<[K:3, N:? batch], f32>
  %ce = ng.cross_entropy_multi %y, %t : !ng.tensor<[K:3, N:? batch], f32>, !ng.tensor<[K:3, N:? batch], f32>
  %loss = ng.mean %ce out [] : !ng.tensor<[N:? batch], f32>
  %lr = ng.constant 0.1 : !ng.tensor<[], f32>
  %upd = ng.optimize sgd %loss lr %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  ng.computation @step outputs(%loss, %upd : !ng.tensor<[], f32>, !ng.effect)
      inputs(%X, %L : !ng.tensor<[F:4, N:? batch], f32>, !ng.tensor<[N:? batch], i32>)
}

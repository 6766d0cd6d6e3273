// RUN: ngraph-opt %s --ng-data-parallel="ranks=2 rank=0" | FileCheck %s --check-prefixes=CHECK,R0
// RUN: ngraph-opt %s --ng-data-parallel="ranks=2 rank=1" | FileCheck %s --check-prefixes=CHECK,R1
// One rank is the identity.
// RUN: ngraph-opt %s --ng-data-parallel="ranks=1" | FileCheck %s --check-prefix=ONE
// ONE: ng.placeholder "X" : !ng.tensor<[C:2, N:5 batch], f32>
// ONE-NOT: ng.allreduce

// A batch of 5 over 2 ranks: rank 0 holds samples 0-2, rank 1 samples 3-4.
// CHECK-LABEL: ng.graph @train
// The mean's count and batch_size are the whole batch on every rank.
// CHECK-DAG: %[[FIVE:.*]] = ng.constant 5.000000e+00 : !ng.tensor<[], f32>
// A dense constant along the batch keeps this rank's entries.
// R0-DAG: ng.constant [1.000000e+00, 2.000000e+00, 3.000000e+00] : !ng.tensor<[N:3 batch], f32>
// R1-DAG: ng.constant [4.000000e+00, 5.000000e+00] : !ng.tensor<[N:2 batch], f32>
// R0-DAG: ng.placeholder "X" : !ng.tensor<[C:2, N:3 batch], f32>
// R1-DAG: ng.placeholder "X" : !ng.tensor<[C:2, N:2 batch], f32>
// The mean divides the combined sum by the global count.
// CHECK: %[[S:.*]] = ng.sum %{{.*}} out []
// CHECK-NEXT: %[[SA:.*]] = ng.allreduce sum %[[S]] : !ng.tensor<[], f32>
// CHECK-NEXT: %[[M:.*]] = ng.divide %[[SA]], %[[FIVE]]
// CHECK-NEXT: ng.multiply %[[M]], %[[FIVE]]
// A maximum over the batch combines with max.
// CHECK-NEXT: %[[MX:.*]] = ng.max %{{.*}} out []
// CHECK-NEXT: ng.allreduce max %[[MX]] : !ng.tensor<[], f32>
// The weight gradient contracts the batch: a partial sum on each rank.
// R0-NEXT: %[[G:.*]] = ng.dot %{{.*}}, %{{.*}} : !ng.tensor<[N:3 batch], f32>, !ng.tensor<[C:2, N:3 batch], f32>
// R1-NEXT: %[[G:.*]] = ng.dot %{{.*}}, %{{.*}} : !ng.tensor<[N:2 batch], f32>, !ng.tensor<[C:2, N:2 batch], f32>
// CHECK-NEXT: %[[GA:.*]] = ng.allreduce sum %[[G]] : !ng.tensor<[C:2], f32>
// CHECK-NEXT: ng.subtract %{{.*}}, %[[GA]]
// Sums over non-batch axes stay local.
// CHECK: ng.sum %{{.*}} reduce [C]
// CHECK-NOT: ng.allreduce
// CHECK: ng.computation @step
ng.graph @train {
  %X = ng.placeholder "X" : !ng.tensor<[C:2, N:5 batch], f32>
  %W = ng.variable "W" init 0.5 : !ng.tensor<[C:2], f32>
  %w = ng.constant [1.0, 2.0, 3.0, 4.0, 5.0] : !ng.tensor<[N:5 batch], f32>
  %z = ng.dot %W, %X : !ng.tensor<[C:2], f32>, !ng.tensor<[C:2, N:5 batch], f32>
  %zw = ng.multiply %z, %w : !ng.tensor<[N:5 batch], f32>, !ng.tensor<[N:5 batch], f32>
  %m = ng.mean %zw out [] : !ng.tensor<[N:5 batch], f32>
  %bs = ng.batch_size %X : !ng.tensor<[C:2, N:5 batch], f32>
  %l = ng.multiply %m, %bs : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %mx = ng.max %z out [] : !ng.tensor<[N:5 batch], f32>
  %g = ng.dot %zw, %X : !ng.tensor<[N:5 batch], f32>, !ng.tensor<[C:2, N:5 batch], f32>
  %Wn = ng.subtract %W, %g : !ng.tensor<[C:2], f32>, !ng.tensor<[C:2], f32>
  %u = ng.assign %W, %Wn : !ng.tensor<[C:2], f32>, !ng.tensor<[C:2], f32>
  %cs = ng.sum %X reduce ["C"] : !ng.tensor<[C:2, N:5 batch], f32>
  ng.computation @step outputs(%l, %mx, %cs, %u : !ng.tensor<[], f32>, !ng.tensor<[], f32>, !ng.tensor<[N:5 batch], f32>, !ng.effect)
      inputs(%X : !ng.tensor<[C:2, N:5 batch], f32>)
}

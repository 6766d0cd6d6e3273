// RUN: ngraph-opt %s -split-input-file --ng-expand-optimizers -verify-diagnostics | FileCheck %s

// Momentum with Nesterov and weight decay, as a user would write it: the
// derivative, L2 decay, the velocity (a new variable named after its
// parameter, zero at first) and both assigns in one doall.
// CHECK-LABEL: ng.graph @momentum
// CHECK: %[[W:.*]] = ng.variable "W"
// CHECK: %[[G:.*]] = ng.deriv %[[L:.*]] wrt %[[W]]
// CHECK: %[[WD:.*]] = ng.multiply %{{.*}}, %[[W]]
// CHECK: %[[G2:.*]] = ng.add %[[G]], %[[WD]]
// CHECK: %[[V:.*]] = ng.variable "W.momentum_momentum" init 0.000000e+00 : !ng.tensor<[C:3], f32>
// CHECK: %[[MV:.*]] = ng.multiply %{{.*}}, %[[V]]
// CHECK: %[[V1:.*]] = ng.add %[[MV]], %[[G2]]
// CHECK: %[[A1:.*]] = ng.assign %[[V]], %[[V1]]
// CHECK: %[[N:.*]] = ng.multiply %{{.*}}, %[[V1]]
// CHECK: %[[S:.*]] = ng.add %[[G2]], %[[N]]
// CHECK: %[[U:.*]] = ng.multiply %[[LR:.*]], %[[S]]
// CHECK: %[[W1:.*]] = ng.subtract %[[W]], %[[U]]
// CHECK: %[[A2:.*]] = ng.assign %[[W]], %[[W1]]
// CHECK: %[[ALL:.*]] = ng.doall %[[A1]], %[[A2]]
// CHECK-NOT: ng.optimize
// CHECK: ng.computation @step outputs(%[[ALL]] : !ng.effect)
ng.graph @momentum {
  %x = ng.placeholder "x" : !ng.tensor<[C:3, N:4 batch], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  %W = ng.variable "W" init 0.5 : !ng.tensor<[C:3], f32>
  %d = ng.dot %W, %x : !ng.tensor<[C:3], f32>, !ng.tensor<[C:3, N:4 batch], f32>
  %l = ng.sum %d out [] : !ng.tensor<[N:4 batch], f32>
  %u = ng.optimize momentum %l lr %lr {nesterov, weight_decay = 0.01} : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  ng.computation @step outputs(%u : !ng.effect) inputs(%x, %lr : !ng.tensor<[C:3, N:4 batch], f32>, !ng.tensor<[], f32>)
}

// -----

// Integer variables and variables the loss does not read are not updated;
// Adam's step counter is shared.
// CHECK-LABEL: ng.graph @trainable
// CHECK: ng.variable "adam_step"
// CHECK: ng.variable "W.adam_m"
// CHECK: ng.variable "W.adam_v"
// CHECK-NOT: ng.variable "count.adam_m"
// CHECK-NOT: ng.variable "unused.adam_m"
ng.graph @trainable {
  %x = ng.placeholder "x" : !ng.tensor<[C:3], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  %W = ng.variable "W" init 0.5 : !ng.tensor<[C:3], f32>
  %unused = ng.variable "unused" init 0.5 : !ng.tensor<[C:3], f32>
  %count = ng.variable "count" init 0 : !ng.tensor<[C:3], i32>
  %c = ng.convert %count : !ng.tensor<[C:3], i32> -> !ng.tensor<[C:3], f32>
  %p = ng.multiply %W, %c : !ng.tensor<[C:3], f32>, !ng.tensor<[C:3], f32>
  %l = ng.dot %p, %x : !ng.tensor<[C:3], f32>, !ng.tensor<[C:3], f32>
  %u = ng.optimize adam %l lr %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  ng.computation @step outputs(%u : !ng.effect) inputs(%x, %lr : !ng.tensor<[C:3], f32>, !ng.tensor<[], f32>)
}

// -----

ng.graph @clash {
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  %W = ng.variable "W" init 0.5 : !ng.tensor<[], f32>
  %m = ng.variable "W.adam_m" init 0.5 : !ng.tensor<[], f32>
  %l = ng.multiply %W, %m : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  // expected-error @+1 {{'ng.optimize' op its state variable 'W.adam_m' would have the name of another variable; give the optimizer a name = "..."}}
  %u = ng.optimize adam %l lr %lr exclude [%m : !ng.tensor<[], f32>] : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  ng.computation @step outputs(%u : !ng.effect) inputs(%lr : !ng.tensor<[], f32>)
}

// -----

ng.graph @nothing {
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  %l = ng.square %x : !ng.tensor<[], f32>
  // expected-error @+1 {{'ng.optimize' op the loss depends on no variable to update}}
  %u = ng.optimize sgd %l lr %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  ng.computation @step outputs(%u : !ng.effect) inputs(%x, %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
}

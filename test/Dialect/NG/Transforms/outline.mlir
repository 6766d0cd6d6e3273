// RUN: ngraph-opt %s --ng-outline-computations | FileCheck %s

// Variables become globals; loads come first (reads see the value at
// entry), stores last (assigns take effect at return), and a variable
// listed as an output returns its value after the call.
// CHECK: memref.global "public" @ng_var_W : memref<2xf32> = dense<[1.000000e+00, 2.000000e+00]>
// CHECK-LABEL: func.func @ng_fn_step(
// CHECK-SAME: %[[X:.*]]: !ng.tensor<[K:2], f32> {ng.name = "x"}) -> (!ng.tensor<[K:2], f32>, !ng.tensor<[K:2], f32>) attributes {llvm.emit_c_interface, ng.computation = "step"}
// CHECK: %[[M:.*]] = memref.get_global @ng_var_W : memref<2xf32>
// CHECK: %[[G:.*]] = bufferization.to_tensor %[[M]] restrict : memref<2xf32> to tensor<2xf32>
// CHECK: %[[W:.*]] = builtin.unrealized_conversion_cast %[[G]] : tensor<2xf32> to !ng.tensor<[K:2], f32>
// CHECK: %[[SUM:.*]] = ng.add %[[W]], %[[X]]
// CHECK: %[[NEW:.*]] = ng.multiply %[[W]], %[[X]]
// CHECK: %[[T:.*]] = builtin.unrealized_conversion_cast %[[NEW]] : !ng.tensor<[K:2], f32> to tensor<2xf32>
// CHECK: %[[M2:.*]] = memref.get_global @ng_var_W
// CHECK: bufferization.materialize_in_destination %[[T]] in restrict writable %[[M2]]
// CHECK: return %[[SUM]], %[[NEW]]
// CHECK-LABEL: func.func @ng_fn_peek() -> !ng.tensor<[K:2], f32>
// CHECK: memref.get_global @ng_var_W
// CHECK-NOT: materialize_in_destination
// CHECK-NOT: ng.graph
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:2], f32>
  %W = ng.variable "W" init [1.0, 2.0] : !ng.tensor<[K:2], f32>
  %sum = ng.add %W, %x : !ng.tensor<[K:2], f32>, !ng.tensor<[K:2], f32>
  %new = ng.multiply %W, %x : !ng.tensor<[K:2], f32>, !ng.tensor<[K:2], f32>
  %upd = ng.assign %W, %new : !ng.tensor<[K:2], f32>, !ng.tensor<[K:2], f32>
  ng.computation @step outputs(%sum, %W, %upd : !ng.tensor<[K:2], f32>, !ng.tensor<[K:2], f32>, !ng.effect) inputs(%x : !ng.tensor<[K:2], f32>)
  ng.computation @peek outputs(%W : !ng.tensor<[K:2], f32>) inputs()
}

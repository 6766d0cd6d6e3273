// RUN: ngraph-opt %s --allow-unregistered-dialect | ngraph-opt --allow-unregistered-dialect | FileCheck %s
// RUN: ngraph-opt %s --allow-unregistered-dialect --mlir-print-op-generic | ngraph-opt --allow-unregistered-dialect | FileCheck %s

// Every op of the dialect, printed and reparsed.

// CHECK-LABEL: ng.graph @all_ops
ng.graph @all_ops {
  // CHECK: ng.placeholder "x" : !ng.tensor<[C:4, N:8 batch], f32>
  %x = ng.placeholder "x" : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.placeholder "s" : !ng.tensor<[], f32>
  %s = ng.placeholder "s" : !ng.tensor<[], f32>
  // CHECK: ng.placeholder "labels" : !ng.tensor<[N:8 batch], i32>
  %labels = ng.placeholder "labels" : !ng.tensor<[N:8 batch], i32>
  // CHECK: ng.placeholder "seq" : !ng.tensor<[T:3 recurrent, N:8 batch], f64>
  %seq = ng.placeholder "seq" : !ng.tensor<[T:3 recurrent, N:8 batch], f64>
  // CHECK: ng.placeholder "q" : !ng.tensor<["odd name":2], f32>
  %q = ng.placeholder "q" : !ng.tensor<["odd name":2], f32>

  // CHECK: ng.variable "W" init 0.000000e+00 : !ng.tensor<[C:4], f32>
  %W = ng.variable "W" init 0.0 : !ng.tensor<[C:4], f32>
  // CHECK: ng.variable "V" init [1.000000e+00, 2.000000e+00] : !ng.tensor<[K:2], f32>
  %V = ng.variable "V" init [1.0, 2.0] : !ng.tensor<[K:2], f32>
  // CHECK: ng.variable "U" init uniform(-1.000000e-01, 1.000000e-01, seed 3) : !ng.tensor<[C:4, K:2], f32>
  %U = ng.variable "U" init uniform(-0.1, 0.1, seed 3) : !ng.tensor<[C:4, K:2], f32>
  // CHECK: ng.variable "Z" init normal(0.000000e+00, 5.000000e-02, seed 1) : !ng.tensor<[K:2], f64>
  %Z = ng.variable "Z" init normal(0.0, 0.05, seed 1) : !ng.tensor<[K:2], f64>

  // CHECK: ng.constant 1.000000e+00 : !ng.tensor<[], f32>
  %one = ng.constant 1.0 : !ng.tensor<[], f32>
  // CHECK: ng.constant {{\[}}[1.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00]] : !ng.tensor<[A:2, B:2], f32>
  %eye = ng.constant [[1.0, 0.0], [0.0, 1.0]] : !ng.tensor<[A:2, B:2], f32>
  // CHECK: ng.constant [3, 1] : !ng.tensor<[K:2], i32>
  %ic = ng.constant [3, 1] : !ng.tensor<[K:2], i32>
  // Non-finite values print as words that read back.
  // CHECK: ng.constant [inf, -inf, nan] : !ng.tensor<[C3:3], f32>
  %nonfinite = ng.constant [inf, -inf, nan] : !ng.tensor<[C3:3], f32>
  // CHECK: ng.constant -inf : !ng.tensor<[C3:3], f64>
  %neginf = ng.constant -inf : !ng.tensor<[C3:3], f64>

  // CHECK: ng.negative %{{.*}} : !ng.tensor<[C:4, N:8 batch], f32>
  %u0 = ng.negative %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.abs
  %u1 = ng.abs %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.sign
  %u2 = ng.sign %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.exp
  %u3 = ng.exp %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.log
  %u4 = ng.log %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.safelog
  %u5 = ng.safelog %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.sqrt
  %u6 = ng.sqrt %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.square
  %u7 = ng.square %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.reciprocal
  %u8 = ng.reciprocal %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.tanh
  %u9 = ng.tanh %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.sigmoid
  %u10 = ng.sigmoid %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.relu
  %u11 = ng.relu %x : !ng.tensor<[C:4, N:8 batch], f32>

  // CHECK: ng.add %{{.*}}, %{{.*}} : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[C:4], f32>
  %b0 = ng.add %x, %W : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[C:4], f32>
  // CHECK: ng.subtract
  %b1 = ng.subtract %x, %s : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[], f32>
  // CHECK: ng.multiply
  %b2 = ng.multiply %W, %x : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.divide
  %b3 = ng.divide %x, %x : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.maximum
  %b4 = ng.maximum %x, %s : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[], f32>
  // CHECK: ng.minimum
  %b5 = ng.minimum %x, %s : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[], f32>
  // CHECK: ng.power
  %b6 = ng.power %x, %s : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[], f32>
  // CHECK: ng.less
  %c0 = ng.less %x, %s : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[], f32>
  // CHECK: ng.less_equal
  %c1 = ng.less_equal %x, %s : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[], f32>
  // CHECK: ng.greater
  %c2 = ng.greater %x, %s : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[], f32>
  // CHECK: ng.greater_equal
  %c3 = ng.greater_equal %x, %s : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[], f32>
  // CHECK: ng.equal
  %c4 = ng.equal %x, %s : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[], f32>
  // CHECK: ng.not_equal
  %c5 = ng.not_equal %x, %s : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[], f32>

  // CHECK: ng.sum %{{.*}} : !ng.tensor<[C:4, N:8 batch], f32>
  %r0 = ng.sum %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.sum %{{.*}} reduce [N] : !ng.tensor<[C:4, N:8 batch], f32>
  %r1 = ng.sum %x reduce [N] : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.mean %{{.*}} out [] : !ng.tensor<[C:4, N:8 batch], f32>
  %r2 = ng.mean %x out [] : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.max %{{.*}} out [N, C]
  %r3 = ng.max %x out [N, C] : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.min
  %r4 = ng.min %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.prod
  %r5 = ng.prod %x reduce [C] : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.argmax
  %r6 = ng.argmax %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.argmin
  %r7 = ng.argmin %x reduce [C] : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.tensor_size %{{.*}} : !ng.tensor<[C:4, N:8 batch], f32>
  %r8 = ng.tensor_size %x : !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.batch_size %{{.*}} : !ng.tensor<[C:4, N:8 batch], f32>
  %r9 = ng.batch_size %x : !ng.tensor<[C:4, N:8 batch], f32>
  %r10 = ng.sum %seq : !ng.tensor<[T:3 recurrent, N:8 batch], f64>

  // CHECK: ng.dot %{{.*}}, %{{.*}} : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  %d0 = ng.dot %W, %x : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK: ng.dot %{{.*}}, %{{.*}} : !ng.tensor<[C:4, K:2], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  %d1 = ng.dot %U, %x : !ng.tensor<[C:4, K:2], f32>, !ng.tensor<[C:4, N:8 batch], f32>

  // CHECK: ng.softmax %{{.*}} : !ng.tensor<[K:2, N:8 batch], f32>
  %sm = ng.softmax %d1 : !ng.tensor<[K:2, N:8 batch], f32>
  // CHECK: ng.softmax %{{.*}} over [K] : !ng.tensor<[K:2, N:8 batch], f32>
  %sm2 = ng.softmax %d1 over [K] : !ng.tensor<[K:2, N:8 batch], f32>
  // CHECK: ng.normalize %{{.*}} : !ng.tensor<[K:2, N:8 batch], f32>
  %ln = ng.normalize %d1 : !ng.tensor<[K:2, N:8 batch], f32>
  // CHECK: ng.normalize %{{.*}} over [N] eps 1.000000e-03 : !ng.tensor<[K:2, N:8 batch], f32>
  %bn = ng.normalize %d1 over [N] eps 1.0e-3 : !ng.tensor<[K:2, N:8 batch], f32>
  // CHECK: ng.variance %{{.*}} reduce [N] : !ng.tensor<[K:2, N:8 batch], f32>
  %var = ng.variance %d1 reduce [N] : !ng.tensor<[K:2, N:8 batch], f32>
  // CHECK: ng.one_hot %{{.*}} : !ng.tensor<[N:8 batch], i32> -> !ng.tensor<[K:2, N:8 batch], f32>
  %t = ng.one_hot %labels : !ng.tensor<[N:8 batch], i32> -> !ng.tensor<[K:2, N:8 batch], f32>
  // CHECK: ng.cross_entropy_multi %{{.*}}, %{{.*}} : !ng.tensor<[K:2, N:8 batch], f32>, !ng.tensor<[K:2, N:8 batch], f32>
  %cem = ng.cross_entropy_multi %sm, %t : !ng.tensor<[K:2, N:8 batch], f32>, !ng.tensor<[K:2, N:8 batch], f32>
  // CHECK: ng.cross_entropy_binary %{{.*}}, %{{.*}} out [] :
  %ceb = ng.cross_entropy_binary %sm, %t out [] : !ng.tensor<[K:2, N:8 batch], f32>, !ng.tensor<[K:2, N:8 batch], f32>

  // CHECK: ng.broadcast %{{.*}} : !ng.tensor<[C:4], f32> -> !ng.tensor<[N:8 batch, C:4], f32>
  %a0 = ng.broadcast %W : !ng.tensor<[C:4], f32> -> !ng.tensor<[N:8 batch, C:4], f32>
  // CHECK: ng.cast_axes %{{.*}} : !ng.tensor<[C:4], f32> -> !ng.tensor<[D:4], f32>
  %a1 = ng.cast_axes %W : !ng.tensor<[C:4], f32> -> !ng.tensor<[D:4], f32>
  // CHECK: ng.reorder %{{.*}} : !ng.tensor<[C:4, N:8 batch], f32> -> !ng.tensor<[N:8 batch, C:4], f32>
  %a2 = ng.reorder %x : !ng.tensor<[C:4, N:8 batch], f32> -> !ng.tensor<[N:8 batch, C:4], f32>
  // CHECK: ng.flatten %{{.*}} : !ng.tensor<[C:4, K:2], f32> -> !ng.tensor<[CK:8], f32>
  %a3 = ng.flatten %U : !ng.tensor<[C:4, K:2], f32> -> !ng.tensor<[CK:8], f32>
  // CHECK: ng.unflatten %{{.*}} : !ng.tensor<[CK:8], f32> -> !ng.tensor<[C:4, K:2], f32>
  %a4 = ng.unflatten %a3 : !ng.tensor<[CK:8], f32> -> !ng.tensor<[C:4, K:2], f32>
  // CHECK: ng.convert %{{.*}} : !ng.tensor<[N:8 batch], i32> -> !ng.tensor<[N:8 batch], f32>
  %a5 = ng.convert %labels : !ng.tensor<[N:8 batch], i32> -> !ng.tensor<[N:8 batch], f32>

  // CHECK: ng.deriv %{{.*}} wrt %{{.*}} : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>
  %L = ng.sum %d0 out [] : !ng.tensor<[N:8 batch], f32>
  %g = ng.deriv %L wrt %W : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>
  // CHECK: ng.assign %{{.*}}, %{{.*}} : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>
  %e0 = ng.assign %W, %g : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>
  // CHECK: ng.assign %{{.*}}, %{{.*}} : !ng.tensor<[K:2], f32>, !ng.tensor<[], f32>
  %e1 = ng.assign %V, %one : !ng.tensor<[K:2], f32>, !ng.tensor<[], f32>
  // CHECK: ng.doall %{{.*}}, %{{.*}}
  %all = ng.doall %e0, %e1

  // CHECK: ng.allreduce sum %{{.*}} : !ng.tensor<[C:4], f32>
  %ar0 = ng.allreduce sum %W : !ng.tensor<[C:4], f32>
  // CHECK: ng.allreduce max %{{.*}} : !ng.tensor<[], f32>
  %ar1 = ng.allreduce max %one : !ng.tensor<[], f32>
  // CHECK: ng.allreduce min
  %ar2 = ng.allreduce min %one : !ng.tensor<[], f32>
  // CHECK: ng.allreduce prod
  %ar3 = ng.allreduce prod %one : !ng.tensor<[], f32>
  // CHECK: ng.doall{{$}}
  %none = ng.doall

  // CHECK: ng.computation @step outputs(%{{.*}}, %{{.*}}, %{{.*}} : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>, !ng.effect) inputs(%{{.*}} : !ng.tensor<[C:4, N:8 batch], f32>)
  ng.computation @step outputs(%L, %W, %all : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>, !ng.effect) inputs(%x : !ng.tensor<[C:4, N:8 batch], f32>)
  // CHECK: ng.computation @nothing outputs() inputs()
  ng.computation @nothing outputs() inputs()
}

// Axis attributes print on their own too.
// CHECK: "test.axis"() {a = #ng.axis<N:128 batch>}
"test.axis"() {a = #ng.axis<N:128 batch>} : () -> ()

// The code generation attributes: a target and a contraction's tiling.
// CHECK: module attributes {ng.target = #ng.cpu<name = "x86-64-v3", triple = "x86_64-unknown-linux-gnu", cpu = "x86-64-v3", features = "+avx2,-avx512f", vector_bits = 256, vector_registers = 16, l1_bytes = 32768, l2_bytes = 524288, l3_bytes = 16777216, cores = 2>}
// CHECK: "test.op"() {ng.lowering_config = #ng.contraction<strategy = transposed_output, register_m = 5, register_n = 16, cache_m = 10, cache_n = 512, cache_k = 64, threads = 2, split = n>}
module attributes {ng.target = #ng.cpu<name = "x86-64-v3", triple = "x86_64-unknown-linux-gnu", cpu = "x86-64-v3", features = "+avx2,-avx512f", vector_bits = 256, vector_registers = 16, l1_bytes = 32768, l2_bytes = 524288, l3_bytes = 16777216, cores = 2>} {
  "test.op"() {ng.lowering_config = #ng.contraction<strategy = transposed_output, register_m = 5, register_n = 16, cache_m = 10, cache_n = 512, cache_k = 64, threads = 2, split = n>} : () -> ()
}

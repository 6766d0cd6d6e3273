// RUN: ngraph-opt %s --split-input-file --ng-lower-to-llvm=target=x86-64-v3 --mlir-print-ir-after=ng-stack-temporaries -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,V3
// RUN: ngraph-opt %s --split-input-file --ng-lower-to-llvm=target=x86-64-v4 --mlir-print-ir-after=ng-stack-temporaries -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,V4

// M = 120 fills whole 6-row (AVX2) and 8-row (AVX-512) register tiles.
// After bufferization the product is computed straight into the output
// argument: no copy of the result at the end, and no copies of the packed
// operands onto themselves (what bufferized insert_slice(extract_slice)
// leaves before CSE and canonicalization).
// CHECK-LABEL: func.func @ng_fn_mm(
// CHECK-SAME: %[[OUT:[^:]*]]: memref<120x128xf32>)
// CHECK-NOT: memref.copy
// The unpacking transpose writes the output's own rows.
// V3: memref.expand_shape %[[OUT]] {{.*}} into memref<20x6x8x16xf32>
// V4: memref.expand_shape %[[OUT]] {{.*}} into memref<15x8x4x32xf32>
// CHECK-NOT: memref.copy
// CHECK: return
ng.graph @mm {
  %A = ng.placeholder "A" : !ng.tensor<[M:120, K:128], f32>
  %B = ng.placeholder "B" : !ng.tensor<[K:128, N:128], f32>
  %C = ng.dot %A, %B : !ng.tensor<[M:120, K:128], f32>, !ng.tensor<[K:128, N:128], f32>
  ng.computation @mm outputs(%C : !ng.tensor<[M:120, N:128], f32>) inputs(%A, %B : !ng.tensor<[M:120, K:128], f32>, !ng.tensor<[K:128, N:128], f32>)
}

// -----

// One value listed as two outputs: computed into the first, copied into the
// second.
// CHECK-LABEL: func.func @ng_fn_twice(
// CHECK-SAME: %[[X:[^:]*]]: memref<4xf32> {ng.name = "x"}, %[[O0:[^:]*]]: memref<4xf32>, %[[O1:[^:]*]]: memref<4xf32>)
// CHECK-NOT: memref.alloc
// CHECK: vector.transfer_write %{{.*}}, %[[O0]]
// CHECK-NEXT: memref.copy %[[O0]], %[[O1]]
// CHECK-NEXT: return
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[N:4], f32>
  %y = ng.add %x, %x : !ng.tensor<[N:4], f32>, !ng.tensor<[N:4], f32>
  ng.computation @twice outputs(%y, %y : !ng.tensor<[N:4], f32>, !ng.tensor<[N:4], f32>) inputs(%x : !ng.tensor<[N:4], f32>)
}

// -----

// The forward pass (the direct form) writes its register tiles straight
// into the output argument: the only temporaries are the padded input
// and the packed filter.
// CHECK-LABEL: func.func @ng_fn_fwd(
// CHECK-SAME: %[[Y:[^:]*]]: memref<32x14x14x64xf32>)
// CHECK: memref.alloc() {{.*}} : memref<16x18x18x64xf32>
// CHECK: memref.alloc() {{.*}} : memref<{{4x16x5x5x8|8x16x5x5x4}}xf32>
// CHECK-NOT: memref.alloc
// CHECK: vector.transfer_write %{{.*}}, %[[Y]]
// CHECK-NOT: memref.copy
// CHECK: return
ng.graph @conv {
  %x = ng.placeholder "x" : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:16, R:5, S:5, K:32], f32>
  %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, !ng.tensor<[C:16, R:5, S:5, K:32], f32> -> !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>
  ng.computation @fwd outputs(%y : !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>) inputs(%x, %w : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, !ng.tensor<[C:16, R:5, S:5, K:32], f32>)
}

// -----

// A filter gradient built in blocks of output-gradient rows (a column
// block and its pack each time; with a batch of 56, not a multiple of 16
// lanes, im2col on both targets): the blocks' buffers do not depend on the
// block, so they are allocated once before the block loop, not once per
// block.
// CHECK-LABEL: func.func @ng_fn_wgrad(
// CHECK: memref.alloc() {{.*}} : memref<16x5x5x1x14x56xf32>
// CHECK-NEXT: memref.alloc()
// CHECK-NEXT: scf.for %{{.*}} = %c0 to %c14
// CHECK-NOT: memref.alloc
// CHECK: return
ng.graph @filter_gradient {
  %x = ng.placeholder "x" : !ng.tensor<[C:16, H:14, W:14, N:56 batch], f32>
  %dy = ng.placeholder "dy" : !ng.tensor<[K:32, P:14, Q:14, N:56 batch], f32>
  %dw = ng.convolution_backprop_filter %x, %dy windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[C:16, H:14, W:14, N:56 batch], f32>, !ng.tensor<[K:32, P:14, Q:14, N:56 batch], f32> -> !ng.tensor<[C:16, R:5, S:5, K:32], f32>
  ng.computation @wgrad outputs(%dw : !ng.tensor<[C:16, R:5, S:5, K:32], f32>) inputs(%x, %dy : !ng.tensor<[C:16, H:14, W:14, N:56 batch], f32>, !ng.tensor<[K:32, P:14, Q:14, N:56 batch], f32>)
}

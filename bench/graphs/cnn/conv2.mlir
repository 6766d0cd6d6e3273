// conv2 of examples/fashion_cnn.mlir alone, batch 64 (bench/graphs/cnn/gen_layers.py).
ng.graph @conv2 {
  %x = ng.placeholder "x" : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:16, R:5, S:5, K:32], f32>
  %dy = ng.placeholder "dy" : !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>
  %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, !ng.tensor<[C:16, R:5, S:5, K:32], f32> -> !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>
  %dx = ng.convolution_backprop_data %dy, %w windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>, !ng.tensor<[C:16, R:5, S:5, K:32], f32> -> !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>
  %dw = ng.convolution_backprop_filter %x, %dy windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32> -> !ng.tensor<[C:16, R:5, S:5, K:32], f32>
  ng.computation @fwd outputs(%y : !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>) inputs(%x, %w : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, !ng.tensor<[C:16, R:5, S:5, K:32], f32>)
  ng.computation @dgrad outputs(%dx : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>) inputs(%dy, %w : !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>, !ng.tensor<[C:16, R:5, S:5, K:32], f32>)
  ng.computation @wgrad outputs(%dw : !ng.tensor<[C:16, R:5, S:5, K:32], f32>) inputs(%x, %dy : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>)
}

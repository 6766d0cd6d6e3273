// RUN: ngraph-opt %s -split-input-file -verify-diagnostics --ng-autodiff
// RUN: not ngraph-opt %s -split-input-file 2>&1 | FileCheck %s --check-prefix=EXIT
// EXIT: error:

// A wrong output length names the axis, the formula and the expected value.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // expected-error@+1 {{output axis 'P' has length 28, expected 24 = floor((H:28 + 2*0 - 1*(R:5 - 1) - 1) / 1) + 1}}
  %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[K:4, P:28, Q:24, N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // expected-error@+1 {{output axis 'Q' has length 13, expected 14 = floor((W:28 + 2*2 - 1*(S:5 - 1) - 1) / 2) + 1}}
  %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] strides [2, 2] padding [2, 2] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[K:4, P:14, Q:13, N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // expected-error@+1 {{input spatial axis 'Z' is not an axis of [C:1, H:28, W:28, N:8 batch]}}
  %y = ng.convolution %x, %w windows [Z:R -> P, W:S -> Q] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[K:4, P:24, Q:24, N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // expected-error@+1 {{filter spatial axis 'T' is not an axis of [C:1, R:5, S:5, K:4]}}
  %y = ng.convolution %x, %w windows [H:T -> P, W:S -> Q] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[K:4, P:24, Q:24, N:8 batch], f32>
}

// -----

// The batch axis must pass through; the features must appear.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // expected-error@+1 {{output axes [K:4, P:24, Q:24] must be the filter's feature axes [K:4], the output spatial axes [P:24, Q:24] and the input's other axes [N:8 batch] (any order); the channel axes [C:1] are contracted}}
  %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[K:4, P:24, Q:24], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // expected-error@+1 {{spatial axis 'H': window length, stride and dilation must be at least 1 and padding at least 0 (got window 5, stride 0, padding 0, dilation 1)}}
  %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] strides [0, 1] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[K:4, P:24, Q:24, N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // expected-error@+1 {{every spatial axis needs its window, output axis, stride, padding and dilation (2 spatial axes)}}
  %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] strides [1] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[K:4, P:24, Q:24, N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:4, W:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // expected-error@+1 {{spatial axis 'H': the window (extent 5) does not fit in [H:4] padded by 0}}
  %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] : !ng.tensor<[C:1, H:4, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[K:4, P:1, Q:24, N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:3, S:3, K:4], f32>
  // expected-error@+1 {{spatial axis 'H': padding 3 must be less than the window's extent 3 (a window of padding only)}}
  %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] padding [3, 1] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:3, S:3, K:4], f32> -> !ng.tensor<[K:4, P:32, Q:28, N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:5, S:5, K:4], f64>
  // expected-error@+1 {{input, filter and output must have one element type, got 'f32', 'f64' and 'f32'}}
  %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f64> -> !ng.tensor<[K:4, P:24, Q:24, N:8 batch], f32>
}

// -----

// An output axis must be new.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // expected-error@+1 {{output spatial axis 'H' must be a new axis, not one of the operands'}}
  %y = ng.convolution %x, %w windows [H:R -> H, W:S -> Q] padding [2, 2] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[K:4, H:28, Q:28, N:8 batch], f32>
}

// -----

// The batch axis cannot be a spatial axis.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:3, K:4], f32>
  // expected-error@+1 {{input spatial axis [N:8 batch] must not be a batch or recurrent axis}}
  %y = ng.convolution %x, %w windows [N:R -> P] : !ng.tensor<[C:1, H:28, N:8 batch], f32>, !ng.tensor<[C:1, R:3, K:4], f32> -> !ng.tensor<[K:4, P:6, C:1, H:28], f32>
}

// -----

// The gradient ops check the forward convolution's types.
ng.graph @g {
  %dy = ng.placeholder "dy" : !ng.tensor<[K:4, P:24, Q:24, N:8 batch], f32>
  %w = ng.placeholder "w" : !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // expected-error@+1 {{output axis 'P' has length 24, expected 26 = floor((H:30 + 2*0 - 1*(R:5 - 1) - 1) / 1) + 1}}
  %dx = ng.convolution_backprop_data %dy, %w windows [H:R -> P, W:S -> Q] : !ng.tensor<[K:4, P:24, Q:24, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[C:1, H:30, W:28, N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %dy = ng.placeholder "dy" : !ng.tensor<[K:4, P:24, Q:24, N:8 batch], f32>
  // expected-error@+1 {{filter spatial axis 'R' is not an axis of [C:1, S:5, K:4]}}
  %dw = ng.convolution_backprop_filter %x, %dy windows [H:R -> P, W:S -> Q] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[K:4, P:24, Q:24, N:8 batch], f32> -> !ng.tensor<[C:1, S:5, K:4], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>
  // expected-error@+1 {{output axis 'P2' has length 13, expected 14 = floor((P:28 + 2*0 - 1*(2 - 1) - 1) / 2) + 1}}
  %p = ng.pool max %x windows [P:2 -> P2, Q:2 -> Q2] : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32> -> !ng.tensor<[K:4, P2:13, Q2:14, N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>
  // expected-error@+1 {{output axes [P2:14, Q2:14, N:8 batch] must be the filter's feature axes [], the output spatial axes [P2:14, Q2:14] and the input's other axes [K:4, N:8 batch] (any order)}}
  %p = ng.pool avg %x windows [P:2 -> P2, Q:2 -> Q2] : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32> -> !ng.tensor<[P2:14, Q2:14, N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>
  // expected-error@+1 {{expected string or keyword containing one of the following enum values for attribute 'kind' [max, avg]}}
  %p = ng.pool sum %x windows [P:2 -> P2, Q:2 -> Q2] : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32> -> !ng.tensor<[K:4, P2:14, Q2:14, N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>
  %dy = ng.placeholder "dy" : !ng.tensor<[K:4, P2:14, Q2:14, N:8 batch], f32>
  // expected-error@+1 {{result type '!ng.tensor<[K:4, P2:14, Q2:14, N:8 batch], f32>' must be the input's type '!ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>'}}
  %dx = ng.pool_backprop max %x, %dy windows [P:2 -> P2, Q:2 -> Q2] : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>, !ng.tensor<[K:4, P2:14, Q2:14, N:8 batch], f32> -> !ng.tensor<[K:4, P2:14, Q2:14, N:8 batch], f32>
}

// -----

// A window list needs `input:window -> output` entries.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>
  // expected-error@+1 {{expected '->'}}
  %p = ng.pool max %x windows [P:2, Q:2] : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32> -> !ng.tensor<[K:4, P2:14, Q2:14, N:8 batch], f32>
}

// -----

// Max pooling has no second derivative.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:4, P:4, N:2 batch], f32>
  %dy = ng.placeholder "dy" : !ng.tensor<[K:4, P2:2, N:2 batch], f32>
  // expected-error@+1 {{has no gradient: second derivatives of max pooling are not supported}}
  %dx = ng.pool_backprop max %x, %dy windows [P:2 -> P2] : !ng.tensor<[K:4, P:4, N:2 batch], f32>, !ng.tensor<[K:4, P2:2, N:2 batch], f32> -> !ng.tensor<[K:4, P:4, N:2 batch], f32>
  %s = ng.sum %dx out [] : !ng.tensor<[K:4, P:4, N:2 batch], f32>
  %g = ng.deriv %s wrt %dy : !ng.tensor<[], f32>, !ng.tensor<[K:4, P2:2, N:2 batch], f32>
  ng.computation @f outputs(%g : !ng.tensor<[K:4, P2:2, N:2 batch], f32>) inputs(%x, %dy : !ng.tensor<[K:4, P:4, N:2 batch], f32>, !ng.tensor<[K:4, P2:2, N:2 batch], f32>)
}

// RUN: ngraph-opt %s -split-input-file -verify-diagnostics --ng-data-parallel="ranks=2 rank=0"
// RUN: echo "module {}" | not ngraph-opt --ng-data-parallel="ranks=2 rank=2" 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: error: ng-data-parallel: rank 2 is not in [0, 2)

ng.graph @g {
  // expected-error@+1 {{'ng.variable' op 'v' has batch axis "N"; variables are replicated on every rank of a data-parallel run}}
  %v = ng.variable "v" init 0.0 : !ng.tensor<[N:8 batch], f32>
  ng.computation @f outputs(%v : !ng.tensor<[N:8 batch], f32>) inputs()
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:3, N:8 batch], f32>
  // expected-error@+1 {{'ng.argmax' op over batch axis "N" needs every sample at once; a data-parallel run splits the batch across ranks}}
  %a = ng.argmax %x reduce ["N"] : !ng.tensor<[K:3, N:8 batch], f32>
  ng.computation @f outputs(%a : !ng.tensor<[K:3], i32>) inputs(%x : !ng.tensor<[K:3, N:8 batch], f32>)
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:3, N:8 batch], f32>
  // expected-error@+1 {{'ng.flatten' op removes batch axis "N" without reducing it; a data-parallel run needs batch axes kept intact until a sum, dot, max, min or prod}}
  %f = ng.flatten %x : !ng.tensor<[K:3, N:8 batch], f32> -> !ng.tensor<[F:24], f32>
  ng.computation @f outputs(%f : !ng.tensor<[F:24], f32>) inputs(%x : !ng.tensor<[K:3, N:8 batch], f32>)
}

// -----

ng.graph @g {
  // expected-error@+1 {{'ng.placeholder' op batch axis "N" has 1 samples, fewer than the 2 ranks to split it over}}
  %x = ng.placeholder "x" : !ng.tensor<[K:3, N:1 batch], f32>
  ng.computation @f outputs(%x : !ng.tensor<[K:3, N:1 batch], f32>) inputs(%x : !ng.tensor<[K:3, N:1 batch], f32>)
}

// -----

ng.graph @g {
  // expected-error@+1 {{'ng.placeholder' op has two batch axes in '!ng.tensor<[N:4 batch, T:4 batch], f32>'; data-parallel runs split one batch axis per value}}
  %x = ng.placeholder "x" : !ng.tensor<[N:4 batch, T:4 batch], f32>
  ng.computation @f outputs(%x : !ng.tensor<[N:4 batch, T:4 batch], f32>) inputs(%x : !ng.tensor<[N:4 batch, T:4 batch], f32>)
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:4, N:8 batch], f32>
  %w = ng.variable "w" init 0.0 : !ng.tensor<[C:4], f32>
  %l = ng.dot %w, %x : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  %s = ng.sum %l out [] : !ng.tensor<[N:8 batch], f32>
  // expected-error@+1 {{'ng.deriv' op must be expanded before ng-data-parallel (run ng-autodiff first)}}
  %g = ng.deriv %s wrt %w : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>
  ng.computation @f outputs(%g : !ng.tensor<[C:4], f32>) inputs(%x : !ng.tensor<[C:4, N:8 batch], f32>)
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[F:24], f32>
  // expected-error@+1 {{'ng.unflatten' op creates batch axis "N" from other axes; a data-parallel run can only split batch axes that come from placeholders, constants or broadcasts}}
  %u = ng.unflatten %x : !ng.tensor<[F:24], f32> -> !ng.tensor<[K:3, N:8 batch], f32>
  ng.computation @f outputs(%u : !ng.tensor<[K:3, N:8 batch], f32>) inputs(%x : !ng.tensor<[F:24], f32>)
}

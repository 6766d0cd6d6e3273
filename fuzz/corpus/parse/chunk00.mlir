// RUN: ngraph-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect
// Without -verify-diagnostics the same input is an error exit, not a crash.
// RUN: not ngraph-opt %s -split-input-file --allow-unregistered-dialect 2>&1 | FileCheck %s --check-prefix=EXIT
// EXIT: error:

// An axis name denotes one axis in a module: error at the second use,
// note at the first.
ng.graph @g {
  // expected-note@+1 {{first used here}}
  %x = ng.placeholder "x" : !ng.tensor<[N:128 batch], f32>
  // expected-error@+1 {{axis 'N' is [N:64 batch] here but [N:128 batch] at its first use}}
  %y = ng.placeholder "y" : !ng.tensor<[N:64 batch], f32>
}


// RUN: ngraph-opt %s -split-input-file -verify-diagnostics
// RUN: not ngraph-opt %s -split-input-file 2>&1 | FileCheck %s --check-prefix=EXIT
// EXIT: error:

// The indices carry the table's indexed axis.
ng.graph @g {
  %t = ng.placeholder "t" : !ng.tensor<[V:10, E:4], f32>
  %i = ng.placeholder "i" : !ng.tensor<[V:3], i32>
  // expected-error@+1 {{index axis 'V' is also the table's indexed axis [V:10]; rename one}}
  %e = ng.lookup %t[%i] : !ng.tensor<[V:10, E:4], f32>, !ng.tensor<[V:3], i32>
}

// -----

// An index axis that is also a row axis would appear twice.
ng.graph @g {
  %t = ng.placeholder "t" : !ng.tensor<[V:10, E:4], f32>
  %i = ng.placeholder "i" : !ng.tensor<[E:4], i32>
  // expected-error@+1 {{index axis 'E' is also a table axis in [V:10, E:4]; the result would have it twice}}
  %e = ng.lookup %t[%i] : !ng.tensor<[V:10, E:4], f32>, !ng.tensor<[E:4], i32>
}

// -----

// A scalar table has nothing to index.
ng.graph @g {
  %t = ng.placeholder "t" : !ng.tensor<[], f32>
  %i = ng.placeholder "i" : !ng.tensor<[N:3], i32>
  // expected-error@+1 {{table has no axis to index: it needs at least one}}
  %e = ng.lookup %t[%i] : !ng.tensor<[], f32>, !ng.tensor<[N:3], i32>
}

// -----

// Float indices.
ng.graph @g {
  %t = ng.placeholder "t" : !ng.tensor<[V:10, E:4], f32>
  %i = ng.placeholder "i" : !ng.tensor<[N:3], f32>
  // expected-error@+1 {{operand #1 must be}}
  %e = ng.lookup %t[%i] : !ng.tensor<[V:10, E:4], f32>, !ng.tensor<[N:3], f32>
}

// -----

// The transpose's operand must have the lookup's axes.
ng.graph @g {
  %dy = ng.placeholder "dy" : !ng.tensor<[E:4, N:3], f32>
  %i = ng.placeholder "i" : !ng.tensor<[N:3], i32>
  // expected-error@+1 {{operand axes [E:4, N:3] must be those of the lookup, [N:3, E:4] (the indices' axes, then the table's after [V:10])}}
  %d = ng.lookup_backprop %dy[%i] : !ng.tensor<[E:4, N:3], f32>, !ng.tensor<[N:3], i32> -> !ng.tensor<[V:10, E:4], f32>
}

// -----

ng.graph @g {
  %dy = ng.placeholder "dy" : !ng.tensor<[N:3, E:4], f64>
  %i = ng.placeholder "i" : !ng.tensor<[N:3], i32>
  // expected-error@+1 {{operand element type 'f64' differs from the table's 'f32'}}
  %d = ng.lookup_backprop %dy[%i] : !ng.tensor<[N:3, E:4], f64>, !ng.tensor<[N:3], i32> -> !ng.tensor<[V:10, E:4], f32>
}

// -----

ng.graph @g {
  %c = ng.placeholder "c" : !ng.tensor<[K:2], f32>
  // expected-error@+1 {{counter must be a scalar, got '!ng.tensor<[K:2], f32>'}}
  %u = ng.random_uniform seed 1 counter %c : !ng.tensor<[K:2], f32> -> !ng.tensor<[H:4], f32>
}

// -----

ng.graph @g {
  %c = ng.placeholder "c" : !ng.tensor<[], f32>
  // expected-error@+1 {{stream_lengths and stream_offsets come together or not at all}}
  %u = ng.random_uniform seed 1 counter %c {stream_lengths = array<i64: 8>} : !ng.tensor<[], f32> -> !ng.tensor<[H:4], f32>
}

// -----

ng.graph @g {
  %c = ng.placeholder "c" : !ng.tensor<[], f32>
  // expected-error@+1 {{axis [H:4] at offset 6 does not fit in the stream's length 8}}
  %u = ng.random_uniform seed 1 counter %c {stream_lengths = array<i64: 8>, stream_offsets = array<i64: 6>} : !ng.tensor<[], f32> -> !ng.tensor<[H:4], f32>
}

// -----

ng.graph @g {
  %c = ng.placeholder "c" : !ng.tensor<[], f32>
  // expected-error@+1 {{stream_lengths and stream_offsets need one entry per result axis (1)}}
  %u = ng.random_uniform seed 1 counter %c {stream_lengths = array<i64: 8, 2>, stream_offsets = array<i64: 0, 0>} : !ng.tensor<[], f32> -> !ng.tensor<[H:4], f32>
}

// -----

// Random numbers are floats.
ng.graph @g {
  %c = ng.placeholder "c" : !ng.tensor<[], f32>
  // expected-error@+1 {{result #0 must be}}
  %u = ng.random_uniform seed 1 counter %c : !ng.tensor<[], f32> -> !ng.tensor<[H:4], i32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[H:4], f32>
  %k = ng.placeholder "k" : !ng.tensor<[H:4], f32>
  %c = ng.placeholder "c" : !ng.tensor<[], f32>
  // expected-error@+1 {{keep probability must be a scalar, got '!ng.tensor<[H:4], f32>'}}
  %y = ng.dropout %x keep %k seed 1 counter %c : !ng.tensor<[H:4], f32>, !ng.tensor<[H:4], f32>, !ng.tensor<[], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[H:4], f32>
  %k = ng.placeholder "k" : !ng.tensor<[], f64>
  %c = ng.placeholder "c" : !ng.tensor<[], f32>
  // expected-error@+1 {{keep probability's element type 'f64' differs from the operand's 'f32'}}
  %y = ng.dropout %x keep %k seed 1 counter %c : !ng.tensor<[H:4], f32>, !ng.tensor<[], f64>, !ng.tensor<[], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[H:4], f32>
  %k = ng.placeholder "k" : !ng.tensor<[], f32>
  %c = ng.placeholder "c" : !ng.tensor<[N:2], f32>
  // expected-error@+1 {{counter must be a scalar, got '!ng.tensor<[N:2], f32>'}}
  %y = ng.dropout %x keep %k seed 1 counter %c : !ng.tensor<[H:4], f32>, !ng.tensor<[], f32>, !ng.tensor<[N:2], f32>
}

// -----

// A forward reference's type is whatever the text says: inference checks it.
ng.graph @g {
  %t = ng.placeholder "t" : !ng.tensor<[V:10, E:4], f32>
  // expected-error@+1 {{table and indices must be ng tensors, got '!ng.tensor<[V:10, E:4], f32>' and 'f64'}}
  %e = ng.lookup %t[%later] : !ng.tensor<[V:10, E:4], f32>, f64
  %later = ng.placeholder "i" : !ng.tensor<[N:3], i32>
}

// RUN: ngraph-opt %s -split-input-file -verify-diagnostics
// RUN: not ngraph-opt %s -split-input-file 2>&1 | FileCheck %s --check-prefix=EXIT
// EXIT: error:

// A sequence must have the recurrent axis.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f32>
  // expected-error@+1 {{sequence #0 [T:6 recurrent, C:3, N:2 batch] lacks the recurrent axis 'S'}}
  %r:2 = ng.recurrence over S sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) carries(%h0 : !ng.tensor<[H:4, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[T:6 recurrent, H:4, N:2 batch], f32>) {
  ^bb0(%xt: !ng.tensor<[C:3, N:2 batch], f32>, %h: !ng.tensor<[H:4, N:2 batch], f32>):
    ng.yield %h, %h : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
  }
}

// -----

// A stacked output is its step output with the axis inserted.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f32>
  // expected-error@+1 {{stacked result #0 [T:6 recurrent, H:4] must be the step output [H:4, N:2 batch] with 'T' inserted}}
  %r:2 = ng.recurrence over T sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) carries(%h0 : !ng.tensor<[H:4, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[T:6 recurrent, H:4], f32>) {
  ^bb0(%xt: !ng.tensor<[C:3, N:2 batch], f32>, %h: !ng.tensor<[H:4, N:2 batch], f32>):
    ng.yield %h, %h : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
  }
}

// -----

// One length of the recurrent axis throughout.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f32>
  // expected-error@+1 {{stacked result #0 has recurrent axis [T:5 recurrent], but [T:6 recurrent] elsewhere}}
  %r:2 = ng.recurrence over T sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) carries(%h0 : !ng.tensor<[H:4, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[T:5 recurrent, H:4, N:2 batch], f32>) {
  ^bb0(%xt: !ng.tensor<[C:3, N:2 batch], f32>, %h: !ng.tensor<[H:4, N:2 batch], f32>):
    ng.yield %h, %h : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
  }
}

// -----

// The body's arguments: one step of each sequence.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f32>
  // expected-error@+1 {{body argument #0 (sequence step) has type '!ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>', expected '!ng.tensor<[C:3, N:2 batch], f32>'}}
  %r:2 = ng.recurrence over T sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) carries(%h0 : !ng.tensor<[H:4, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[T:6 recurrent, H:4, N:2 batch], f32>) {
  ^bb0(%xt: !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>, %h: !ng.tensor<[H:4, N:2 batch], f32>):
    ng.yield %h, %h : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
  }
}

// -----

// The body's argument count.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f32>
  // expected-error@+1 {{body has 1 arguments, expected 2 (0 params, 1 sequence steps, 1 carries)}}
  %r:2 = ng.recurrence over T sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) carries(%h0 : !ng.tensor<[H:4, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[T:6 recurrent, H:4, N:2 batch], f32>) {
  ^bb0(%h: !ng.tensor<[H:4, N:2 batch], f32>):
    ng.yield %h, %h : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
  }
}

// -----

// The yielded carry keeps its type.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f32>
  // expected-error@+4 {{carry #0 has type '!ng.tensor<[H:4, N:2 batch], f32>' but the step yields '!ng.tensor<[H:4, N:2 batch], f64>'}}
  %r:2 = ng.recurrence over T sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) carries(%h0 : !ng.tensor<[H:4, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[T:6 recurrent, H:4, N:2 batch], f32>) {
  ^bb0(%xt: !ng.tensor<[C:3, N:2 batch], f32>, %h: !ng.tensor<[H:4, N:2 batch], f32>):
    %c = ng.convert %h : !ng.tensor<[H:4, N:2 batch], f32> -> !ng.tensor<[H:4, N:2 batch], f64>
    ng.yield %c, %h : !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f32>
  }
}

// -----

// A result per yielded value.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f32>
  // expected-error@+1 {{has 1 results, but its body yields 2 values (the carries, then the step outputs)}}
  %r = ng.recurrence over T sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) carries(%h0 : !ng.tensor<[H:4, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>) {
  ^bb0(%xt: !ng.tensor<[C:3, N:2 batch], f32>, %h: !ng.tensor<[H:4, N:2 batch], f32>):
    ng.yield %h, %h : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
  }
}

// -----

// A carry is one step's state.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f32>
  // expected-error@+1 {{stacked result #0 [T:6 recurrent, H:4, N:2 batch] must be the step output [T:6 recurrent, C:3, N:2 batch] with 'T' inserted}}
  %r:2 = ng.recurrence over T carries(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[T:6 recurrent, H:4, N:2 batch], f32>) {
  ^bb0(%h: !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>):
    ng.yield %h, %h : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>, !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  }
}

// -----

// No derivative inside a step.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f32>
  // expected-error@+4 {{'ng.deriv' op inside a recurrence: take derivatives of the recurrence's results instead}}
  %r:2 = ng.recurrence over T sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) carries(%h0 : !ng.tensor<[H:4, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[T:6 recurrent, H:4, N:2 batch], f32>) {
  ^bb0(%xt: !ng.tensor<[C:3, N:2 batch], f32>, %h: !ng.tensor<[H:4, N:2 batch], f32>):
    %l = ng.sum %h out [] : !ng.tensor<[H:4, N:2 batch], f32>
    %d = ng.deriv %l wrt %h : !ng.tensor<[], f32>, !ng.tensor<[H:4, N:2 batch], f32>
    ng.yield %d, %h : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
  }
}

// -----

// The body sees only its arguments.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f32>
  // expected-error@+3 {{use of undeclared SSA value name}}
  %r:2 = ng.recurrence over T sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) carries(%h0 : !ng.tensor<[H:4, N:2 batch], f32>) -> (!ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[T:6 recurrent, H:4, N:2 batch], f32>) {
  ^bb0(%xt: !ng.tensor<[C:3, N:2 batch], f32>, %h: !ng.tensor<[H:4, N:2 batch], f32>):
    ng.yield %h0, %h : !ng.tensor<[H:4, N:2 batch], f32>, !ng.tensor<[H:4, N:2 batch], f32>
  }
}

// -----

// A step is free of effects.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[C:3, N:2 batch], f32>
  %r = ng.recurrence over T sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>) carries(%h0 : !ng.tensor<[C:3, N:2 batch], f32>) -> (!ng.tensor<[C:3, N:2 batch], f32>) {
  ^bb0(%xt: !ng.tensor<[C:3, N:2 batch], f32>, %h: !ng.tensor<[C:3, N:2 batch], f32>):
    %s = ng.add %xt, %h : !ng.tensor<[C:3, N:2 batch], f32>, !ng.tensor<[C:3, N:2 batch], f32>
    %c = ng.sum %h reduce [N] : !ng.tensor<[C:3, N:2 batch], f32>
    // expected-error@+1 {{'ng.allreduce' op inside a recurrence: a step must be free of effects (use the recurrence's results outside it)}}
    %a = ng.allreduce sum %c : !ng.tensor<[C:3], f32>
    ng.yield %s : !ng.tensor<[C:3, N:2 batch], f32>
  }
}

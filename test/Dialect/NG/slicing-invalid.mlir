// RUN: ngraph-opt %s -split-input-file -verify-diagnostics --ng-autodiff
// RUN: not ngraph-opt %s -split-input-file 2>&1 | FileCheck %s --check-prefix=EXIT
// EXIT: error:
// A stop past the axis's end.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{range [2:13] of axis [T:12 recurrent] must satisfy 0 <= start < stop <= 12}}
  %y = ng.slice %x [T[2:13] -> U] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[U:11 recurrent, C:3, N:2 batch], f32>
}

// -----

// An empty range.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{range [5:5] of axis [T:12 recurrent] must satisfy 0 <= start < stop <= 12}}
  %y = ng.slice %x [T[5:5] -> U] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[U:1 recurrent, C:3, N:2 batch], f32>
}

// -----

// A negative start.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{range [-1:5] of axis [T:12 recurrent] must satisfy 0 <= start < stop <= 12}}
  %y = ng.slice %x [T[-1:5] -> U] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[U:6 recurrent, C:3, N:2 batch], f32>
}

// -----

// A zero step.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{step 0 of axis 'T' must be at least 1}}
  %y = ng.slice %x [T[0:5:0] -> U] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[U:5 recurrent, C:3, N:2 batch], f32>
}

// -----

// An index past the end.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{index 3 is out of range for axis [C:3]}}
  %y = ng.slice %x [C[3]] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T:12 recurrent, N:2 batch], f32>
}

// -----

// The result length follows from the range.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{slice axis 'U' has length 3, expected 4 = ceil((12 - 1) / 3)}}
  %y = ng.slice %x [T[1:12:3] -> U] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[U:3 recurrent, C:3, N:2 batch], f32>
}

// -----

// The role is kept.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{slice axis [U:4] must keep the role of [T:12 recurrent]}}
  %y = ng.slice %x [T[0:4] -> U] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[U:4, C:3, N:2 batch], f32>
}

// -----

// An axis the operand lacks.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{sliced axis 'H' is not an axis of [T:12 recurrent, C:3, N:2 batch]}}
  %y = ng.slice %x [H[0:4] -> U] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[U:4, C:3, N:2 batch], f32>
}

// -----

// An axis named twice.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{axis 'T' is named twice}}
  %y = ng.slice %x [T[0:4] -> U, T[1:2] -> V] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[U:4 recurrent, C:3, N:2 batch], f32>
}

// -----

// The order is kept.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{slice axes [C:3, U:4 recurrent, N:2 batch] must be [U:4 recurrent, C:3, N:2 batch]: the operand's axes in order, sliced axes renamed and indexed axes dropped}}
  %y = ng.slice %x [T[0:4] -> U] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[C:3, U:4 recurrent, N:2 batch], f32>
}

// -----

// An index drops the axis.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{slice axes [T:12 recurrent, C:3, N:2 batch] must be [T:12 recurrent, N:2 batch]}}
  %y = ng.slice %x [C[1]] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
}

// -----

// The element type is kept.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{operand element type 'f32' differs from the result's 'f64'}}
  %y = ng.slice %x [C[1]] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T:12 recurrent, N:2 batch], f64>
}

// -----

// slice_backprop checks the same ranges against its result.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{slice axis 'U' is not an axis of [T:12 recurrent, C:3, N:2 batch]}}
  %y = ng.slice_backprop %x [T[0:4] -> U] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
}

// -----

// Padding is not negative.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{padding (-1, 0) of axis 'C' must not be negative (use ng.slice to cut)}}
  %y = ng.pad %x [C(-1, 0) -> C2] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T:12 recurrent, C2:2, N:2 batch], f32>
}

// -----

// The padded length.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{result axis 'C6' has length 5, expected 6 = 1 + C:3 + 2}}
  %y = ng.pad %x [C(1, 2) -> C6] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T:12 recurrent, C6:5, N:2 batch], f32>
}

// -----

// concat: the joined lengths add up.
ng.graph @g {
  %a = ng.placeholder "a" : !ng.tensor<[T1:3, C:3], f32>
  %b = ng.placeholder "b" : !ng.tensor<[T2:5, C:3], f32>
  // expected-error@+1 {{result axis 'T' has length 7, expected 8 (the joined axes' lengths added)}}
  %y = ng.concat %a, %b along [T1, T2] -> T : !ng.tensor<[T1:3, C:3], f32>, !ng.tensor<[T2:5, C:3], f32> -> !ng.tensor<[T:7, C:3], f32>
}

// -----

// concat: the other axes in the same order.
ng.graph @g {
  %a = ng.placeholder "a" : !ng.tensor<[T1:3, C:3], f32>
  %b = ng.placeholder "b" : !ng.tensor<[C:3, T2:5], f32>
  // expected-error@+1 {{operand #1 [C:3, T2:5] must have the axes of operand #0 [T1:3, C:3] with its axis 'T2' in place of 'T1' (same order)}}
  %y = ng.concat %a, %b along [T1, T2] -> T : !ng.tensor<[T1:3, C:3], f32>, !ng.tensor<[C:3, T2:5], f32> -> !ng.tensor<[T:8, C:3], f32>
}

// -----

// concat: one axis name per operand.
ng.graph @g {
  %a = ng.placeholder "a" : !ng.tensor<[T1:3, C:3], f32>
  %b = ng.placeholder "b" : !ng.tensor<[T2:5, C:3], f32>
  // expected-error@+1 {{names 1 axes for 2 operands: one per operand}}
  %y = ng.concat %a, %b along [T1] -> T : !ng.tensor<[T1:3, C:3], f32>, !ng.tensor<[T2:5, C:3], f32> -> !ng.tensor<[T:8, C:3], f32>
}

// -----

// concat: the named axis must exist.
ng.graph @g {
  %a = ng.placeholder "a" : !ng.tensor<[T1:3, C:3], f32>
  %b = ng.placeholder "b" : !ng.tensor<[T2:5, C:3], f32>
  // expected-error@+1 {{operand #1 has no axis 'T3': its axes are [T2:5, C:3]}}
  %y = ng.concat %a, %b along [T1, T3] -> T : !ng.tensor<[T1:3, C:3], f32>, !ng.tensor<[T2:5, C:3], f32> -> !ng.tensor<[T:8, C:3], f32>
}

// -----

// stack: operands of one type.
ng.graph @g {
  %a = ng.placeholder "a" : !ng.tensor<[T1:3, C:3], f32>
  %b = ng.placeholder "b" : !ng.tensor<[T2:5, C:3], f32>
  // expected-error@+1 {{operand #1 has axes [T2:5, C:3], operand #0 [T1:3, C:3]: stacked operands must have the same axes}}
  %y = ng.stack %a, %b along S : !ng.tensor<[T1:3, C:3], f32>, !ng.tensor<[T2:5, C:3], f32> -> !ng.tensor<[S:2, T1:3, C:3], f32>
}

// -----

// stack: one position per operand.
ng.graph @g {
  %a = ng.placeholder "a" : !ng.tensor<[T1:3, C:3], f32>
  %b = ng.placeholder "b" : !ng.tensor<[T2:5, C:3], f32>
  // expected-error@+1 {{stacking axis 'S' has length 3, expected 2 (one position per operand)}}
  %y = ng.stack %a, %a along S : !ng.tensor<[T1:3, C:3], f32>, !ng.tensor<[T1:3, C:3], f32> -> !ng.tensor<[S:3, T1:3, C:3], f32>
}

// -----

// stack: the axis is new.
ng.graph @g {
  %a = ng.placeholder "a" : !ng.tensor<[T1:3, C:3], f32>
  %b = ng.placeholder "b" : !ng.tensor<[T2:5, C:3], f32>
  // expected-error@+1 {{stacking axis 'C' must be new, but the operands have it}}
  %y = ng.stack %a, %a along C : !ng.tensor<[T1:3, C:3], f32>, !ng.tensor<[T1:3, C:3], f32> -> !ng.tensor<[T1:3, C:3], f32>
}

// -----

// A range needs a result axis.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{a range of 'T' needs a result axis: '-> NAME'}}
  %y = ng.slice %x [T[0:4]] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[C:3, N:2 batch], f32>
}

// -----

// An index has no result axis.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32>
  // expected-error@+1 {{'C[1]' indexes one position and drops the axis; write 'C[1:2] -> NAME' to keep it as an axis of length 1}}
  %y = ng.slice %x [C[1] -> D] : !ng.tensor<[T:12 recurrent, C:3, N:2 batch], f32> -> !ng.tensor<[T:12 recurrent, N:2 batch], f32>
}



// expected-error@+1 {{ragged literal}}
%c = ng.constant [[1.0, 2.0], [3.0]] : !ng.tensor<[A:2, B:2], f32>




// The generic form can carry a value that does not match the type.
// expected-error@+1 {{'ng.constant' op value of type 'tensor<3xf32>' does not match '!ng.tensor<[K:2], f32>'}}
%c = "ng.constant"() <{value = dense<1.0> : tensor<3xf32>}> : () -> !ng.tensor<[K:2], f32>




// expected-error@+1 {{normal initializer needs stddev >= 0}}
"test.attr"() {a = #ng.normal<0.0 : f64, -1.0 : f64, seed = 0>} : () -> ()


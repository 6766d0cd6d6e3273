// RUN: ngraph-opt %s -split-input-file -verify-diagnostics

ng.graph @g {
  %W = ng.variable "W" init 0.5 : !ng.tensor<[C:3], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  // expected-error @+1 {{'ng.optimize' op the loss must be a scalar, got '!ng.tensor<[C:3], f32>'}}
  %u = ng.optimize sgd %W lr %lr : !ng.tensor<[C:3], f32>, !ng.tensor<[], f32>
}

// -----

ng.graph @g {
  %W = ng.variable "W" init 0.5 : !ng.tensor<[], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[C:3], f32>
  // expected-error @+1 {{'ng.optimize' op the learning rate must be a scalar, got '!ng.tensor<[C:3], f32>'}}
  %u = ng.optimize sgd %W lr %lr : !ng.tensor<[], f32>, !ng.tensor<[C:3], f32>
}

// -----

ng.graph @g {
  %W = ng.variable "W" init 0.5 : !ng.tensor<[], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  // expected-error @+1 {{'ng.optimize' op beta1 applies to adam and adamw, not sgd}}
  %u = ng.optimize sgd %W lr %lr {beta1 = 0.9} : !ng.tensor<[], f32>, !ng.tensor<[], f32>
}

// -----

ng.graph @g {
  %W = ng.variable "W" init 0.5 : !ng.tensor<[], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  // expected-error @+1 {{'ng.optimize' op nesterov applies to momentum, not adam}}
  %u = ng.optimize adam %W lr %lr {nesterov} : !ng.tensor<[], f32>, !ng.tensor<[], f32>
}

// -----

ng.graph @g {
  %W = ng.variable "W" init 0.5 : !ng.tensor<[], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  // expected-error @+1 {{'ng.optimize' op beta2 = 1 is outside [0, 1)}}
  %u = ng.optimize adam %W lr %lr {beta2 = 1.0} : !ng.tensor<[], f32>, !ng.tensor<[], f32>
}

// -----

ng.graph @g {
  %W = ng.variable "W" init 0.5 : !ng.tensor<[], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  // expected-error @+1 {{'ng.optimize' op clip_norm = 0 is outside (0, inf)}}
  %u = ng.optimize sgd %W lr %lr {clip_norm = 0.0} : !ng.tensor<[], f32>, !ng.tensor<[], f32>
}

// -----

ng.graph @g {
  %W = ng.variable "W" init 0.5 : !ng.tensor<[], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  // expected-error @+1 {{'ng.optimize' op 'only' value #0 is not an ng.variable}}
  %u = ng.optimize sgd %W lr %lr only [%lr : !ng.tensor<[], f32>] : !ng.tensor<[], f32>, !ng.tensor<[], f32>
}

// -----

ng.graph @g {
  %W = ng.variable "W" init 0.5 : !ng.tensor<[], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  // expected-error @+1 {{'ng.optimize' op give 'only' or 'exclude', not both}}
  %u = ng.optimize sgd %W lr %lr only [%W : !ng.tensor<[], f32>] exclude [%W : !ng.tensor<[], f32>] : !ng.tensor<[], f32>, !ng.tensor<[], f32>
}

// -----

ng.graph @g {
  %W = ng.variable "W" init 0.5 : !ng.tensor<[], f32>
  %lr = ng.placeholder "lr" : !ng.tensor<[], f32>
  // expected-error @+1 {{'ng.optimize' op name 'my opt' must be letters, digits and '_' (it names the optimizer's state variables)}}
  %u = ng.optimize adam %W lr %lr {name = "my opt"} : !ng.tensor<[], f32>, !ng.tensor<[], f32>
}

// The seed's three programs verify, differentiate and lower to LLVM IR.
// RUN: ngraph-opt %examples/plus_one.mlir | FileCheck %s --check-prefix=PLUS
// RUN: ngraph-opt %examples/logreg.mlir --ng-autodiff --canonicalize | FileCheck %s --check-prefix=AD1
// RUN: ngraph-opt %examples/logreg2.mlir --ng-autodiff --canonicalize | FileCheck %s --check-prefix=AD2
// RUN: ngraph-opt %examples/logreg.mlir --ng-lower-to-llvm=target=x86-64-v3 | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVM1
// RUN: ngraph-opt %examples/logreg2.mlir --ng-lower-to-llvm=target=x86-64-v3 | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVM2
// RUN: ngraph-opt %examples/plus_one.mlir --ng-lower-to-llvm=target=x86-64-v3 | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVM0

// PLUS: ng.computation @plus_one outputs(%{{.*}} : !ng.tensor<[], f32>) inputs(%{{.*}} : !ng.tensor<[], f32>)

// AD1-NOT: ng.deriv
// AD1: ng.subtract %{{.*}}, %{{.*}} : !ng.tensor<[N:128 batch], f32>, !ng.tensor<[N:128 batch], f32>
// AD1: ng.assign

// AD2-NOT: ng.deriv
// AD2: ng.doall

// LLVM0-NOT: @ng_var
// LLVM0: define void @_mlir_ciface_ng_fn_plus_one(ptr %0, ptr %1)

// LLVM1: @ng_var_W = global [4 x float] zeroinitializer
// LLVM1: define void @ng_fn_update_fun(
// LLVM1: define void @_mlir_ciface_ng_fn_update_fun(ptr %0, ptr %1, ptr %2, ptr %3, ptr %4)

// LLVM2-DAG: @ng_var_W = global [2 x [2 x float]] zeroinitializer
// LLVM2-DAG: @ng_var_b = global float 0.000000e+00
// LLVM2-DAG: define void @_mlir_ciface_ng_fn_update_fun(ptr %0, ptr %1, ptr %2, ptr %3, ptr %4, ptr %5)
// LLVM2-DAG: define void @_mlir_ciface_ng_fn_eval_fun(ptr %0, ptr %1, ptr %2)

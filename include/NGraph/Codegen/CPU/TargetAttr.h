//===- TargetAttr.h - a CPUTarget as the module's ng.target ---*- C++ -*-===//
#ifndef NGRAPH_CODEGEN_CPU_TARGETATTR_H
#define NGRAPH_CODEGEN_CPU_TARGETATTR_H

#include "NGraph/Codegen/CPU/Target.h"
#include "NGraph/Dialect/NG/IR/NGTypes.h"

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

namespace ngraph::cpu {

mlir::ng::CPUTargetAttr toAttr(mlir::MLIRContext *ctx, const CPUTarget &t);
CPUTarget fromAttr(mlir::ng::CPUTargetAttr attr);
/// The target of the module enclosing `op` (or `op` itself); emits an error
/// at `op` naming the fix when there is none.
mlir::FailureOr<CPUTarget> getTarget(mlir::Operation *op);

} // namespace ngraph::cpu

#endif

//===- Passes.h - CPU code generation passes ----------------------*- C++ -*-===//
#ifndef NGRAPH_CODEGEN_CPU_PASSES_H
#define NGRAPH_CODEGEN_CPU_PASSES_H

#include "NGraph/Codegen/CPU/KernelConfig.h"
#include "NGraph/Dialect/NG/IR/NGDialect.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::ng {
#define GEN_PASS_DECL
#include "NGraph/Codegen/CPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

#endif

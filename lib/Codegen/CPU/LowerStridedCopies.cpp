//===- LowerStridedCopies.cpp - strided copies as loops, not calls ---------===//
#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGLOWERSTRIDEDCOPIES
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

namespace {
struct NGLowerStridedCopies
    : ng::impl::NGLowerStridedCopiesBase<NGLowerStridedCopies> {
  void runOnOperation() override {
    IRRewriter rw(&getContext());
    getOperation().walk([&](memref::CopyOp copy) {
      auto from = dyn_cast<MemRefType>(copy.getSource().getType());
      auto to = dyn_cast<MemRefType>(copy.getTarget().getType());
      // What finalize-memref-to-llvm copies with memcpy stays as it is.
      if (!from || !to ||
          (memref::isStaticShapeAndContiguousRowMajor(from) &&
           memref::isStaticShapeAndContiguousRowMajor(to)))
        return;
      rw.setInsertionPoint(copy);
      rw.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                            copy.getTarget());
    });
  }
};
} // namespace

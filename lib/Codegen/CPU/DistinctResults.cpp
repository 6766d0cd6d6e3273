//===- DistinctResults.cpp - one buffer per returned memref ---------------===//
//
// buffer-results-to-out-params{hoist-static-allocs} replaces a returned
// allocation by the caller's output buffer. A computation that lists the
// same value twice returns that allocation twice, which the upstream pass
// does not expect (it replaces and erases the allocation on the first
// result, then reads it again for the second). Returning a copy for every
// repeat gives each result its own buffer.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGDISTINCTRESULTS
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

namespace {
struct NGDistinctResults
    : ng::impl::NGDistinctResultsBase<NGDistinctResults> {
  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      llvm::SmallPtrSet<Value, 4> seen;
      OpBuilder b(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value v = operand.get();
        auto type = dyn_cast<MemRefType>(v.getType());
        // A strided view is not an allocation: the out-params pass copies it.
        if (!type || !type.getLayout().isIdentity() || seen.insert(v).second)
          continue;
        SmallVector<Value> sizes;
        for (int64_t d = 0; d < type.getRank(); ++d)
          if (type.isDynamicDim(d))
            sizes.push_back(memref::DimOp::create(b, ret.getLoc(), v, d));
        Value copy = memref::AllocOp::create(b, ret.getLoc(), type, sizes);
        memref::CopyOp::create(b, ret.getLoc(), v, copy);
        operand.set(copy);
      }
    });
  }
};
} // namespace

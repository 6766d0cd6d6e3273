//===- PrefetchAccumulators.cpp - fetch a tile's C block during its K loop ===//
//
// A register tile's K loop starts from zero accumulators and adds the block
// of C it read once the loop is done (ng-cpu-hoist-accumulators). That block's
// rows are a row of C apart, so the read is a cache miss per row, and the
// stores of the tile wait for it. Prefetching the rows when the loop
// starts hides the miss behind the loop's FMAs.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Dominance.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGPREFETCHACCUMULATORS
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

namespace {
/// The memory read added to `result` right after its loop, if any.
vector::TransferReadOp addedRead(OpResult result) {
  if (!isa<VectorType>(result.getType()) || !result.hasOneUse())
    return nullptr;
  auto add = dyn_cast<arith::AddFOp>(*result.getUsers().begin());
  if (!add)
    return nullptr;
  Value other = add.getLhs() == result ? add.getRhs() : add.getLhs();
  auto read = other.getDefiningOp<vector::TransferReadOp>();
  if (!read || !isa<MemRefType>(read.getBase().getType()))
    return nullptr;
  return read;
}

struct NGPrefetchAccumulators
    : ng::impl::NGPrefetchAccumulatorsBase<NGPrefetchAccumulators> {
  using NGPrefetchAccumulatorsBase::NGPrefetchAccumulatorsBase;

  void runOnOperation() override {
    DominanceInfo dom(getOperation());
    getOperation().walk([&](scf::ForOp loop) {
      for (OpResult result : loop->getResults()) {
        vector::TransferReadOp read = addedRead(result);
        if (!read || !llvm::all_of(read.getIndices(), [&](Value v) {
              return dom.properlyDominates(v, loop);
            }))
          continue;
        prefetchRows(read, loop);
      }
    });
  }

  /// Prefetches the first and last element of every row (innermost vector
  /// dimension) that `read` reads, before `loop`.
  void prefetchRows(vector::TransferReadOp read, scf::ForOp loop) {
    VectorType type = read.getVectorType();
    AffineMap map = read.getPermutationMap();
    ArrayRef<int64_t> shape = type.getShape();
    int64_t rows = 1;
    for (int64_t s : shape.drop_back())
      rows *= s;
    if (type.getRank() == 0 || rows > maxRows)
      return;
    OpBuilder b(loop);
    Location loc = read.getLoc();
    // One index computation per (memref dimension, offset).
    llvm::DenseMap<std::pair<unsigned, int64_t>, Value> offsets;
    auto offset = [&](unsigned dim, int64_t by) -> Value {
      Value base = read.getIndices()[dim];
      if (by == 0)
        return base;
      Value &v = offsets[{dim, by}];
      if (!v)
        v = b.createOrFold<arith::AddIOp>(
            loc, base, arith::ConstantIndexOp::create(b, loc, by));
      return v;
    };
    SmallVector<int64_t> pos(type.getRank(), 0);
    for (int64_t row = 0; row < rows; ++row) {
      // pos = the row's index in the leading dimensions, innermost first.
      for (int64_t d = type.getRank() - 2, r = row; d >= 0; --d) {
        pos[d] = r % shape[d];
        r /= shape[d];
      }
      for (int64_t last : {int64_t(0), shape.back() - 1}) {
        pos.back() = last;
        SmallVector<Value> indices(read.getIndices());
        bool ok = true;
        for (auto [d, p] : llvm::enumerate(pos)) {
          auto dim = dyn_cast<AffineDimExpr>(map.getResult(d));
          if (!dim) { // a broadcast dimension reads the same element
            ok &= isa<AffineConstantExpr>(map.getResult(d));
            continue;
          }
          indices[dim.getPosition()] = offset(dim.getPosition(), p);
        }
        if (!ok)
          return;
        memref::PrefetchOp::create(b, loc, read.getBase(), indices,
                                   /*isWrite=*/true, /*localityHint=*/3,
                                   /*isDataCache=*/true);
        if (shape.back() == 1)
          break;
      }
      pos.back() = 0;
    }
  }
};
} // namespace

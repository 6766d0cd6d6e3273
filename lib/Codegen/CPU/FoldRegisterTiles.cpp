//===- FoldRegisterTiles.cpp - tidy vectorized register tiles -------------===//
#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGCPUFOLDREGISTERTILES
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

namespace {
/// A vector.contract over several reduction loops, some of one trip (in a
/// register tile of a K-blocked contraction, the K block loop), as the
/// same contraction without those: the outer-product lowering takes one
/// reduction loop.
struct DropUnitReductionLoops : OpRewritePattern<vector::ContractionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::ContractionOp op,
                                PatternRewriter &rw) const override {
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    SmallVector<vector::IteratorType> iters = op.getIteratorTypesArray();
    unsigned numLoops = maps[0].getNumDims();
    SmallVector<int64_t> sizes(numLoops, ShapedType::kDynamic);
    Value operands[] = {op.getLhs(), op.getRhs()};
    for (auto [v, map] : llvm::zip(operands, maps))
      for (auto [i, size] :
           llvm::enumerate(cast<VectorType>(v.getType()).getShape()))
        sizes[map.getDimPosition(i)] = size;
    llvm::SmallBitVector drop(numLoops);
    unsigned reductions = 0;
    for (unsigned d = 0; d < numLoops; ++d)
      if (iters[d] == vector::IteratorType::reduction) {
        ++reductions;
        if (sizes[d] == 1)
          drop.set(d);
      }
    // Keep one reduction loop.
    if (drop.count() == reductions)
      drop.reset(drop.find_last());
    if (drop.none())
      return failure();
    SmallVector<Value> newOperands;
    SmallVector<AffineMap> newMaps;
    for (auto [v, map] : llvm::zip(operands, maps)) {
      auto type = cast<VectorType>(v.getType());
      SmallVector<int64_t> shape, dropped;
      for (auto [i, size] : llvm::enumerate(type.getShape())) {
        if (drop.test(map.getDimPosition(i)))
          dropped.push_back(i);
        else
          shape.push_back(size);
      }
      newOperands.push_back(vector::ShapeCastOp::create(
          rw, op.getLoc(), VectorType::get(shape, type.getElementType()), v));
      newMaps.push_back(compressDims(map.dropResults(dropped), drop));
    }
    newMaps.push_back(compressDims(maps[2], drop));
    SmallVector<Attribute> newIters;
    for (unsigned d = 0; d < numLoops; ++d)
      if (!drop.test(d))
        newIters.push_back(vector::IteratorTypeAttr::get(getContext(), iters[d]));
    rw.replaceOpWithNewOp<vector::ContractionOp>(
        op, newOperands[0], newOperands[1], op.getAcc(),
        rw.getAffineMapArrayAttr(newMaps), rw.getArrayAttr(newIters),
        op.getKind());
    return success();
  }
};

struct NGCPUFoldRegisterTiles
    : ng::impl::NGCPUFoldRegisterTilesBase<NGCPUFoldRegisterTiles> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(patterns);
    // Packed tiles have unit outer dims (and a unit K block loop): drop
    // them so the contraction lowers to the same outer products as
    // unpacked tiles.
    vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
    patterns.add<DropUnitReductionLoops>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace

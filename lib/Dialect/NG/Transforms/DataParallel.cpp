//===- DataParallel.cpp - one rank's share of a data-parallel graph -------===//
//
// A value is sharded exactly when its type has a batch axis; everything
// else is replicated. So the only places ranks must talk are ops whose
// operands have a batch axis their result lacks: their local result is a
// partial sum (max, min, product) over this rank's samples.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/Decompositions.h"
#include "NGraph/Dialect/NG/Transforms/Passes.h"
#include "NGraph/Support/Sharding.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGDATAPARALLEL
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace mlir::ng;

/// The batch axes of `types` (tensor types only). Within a graph one name
/// is one axis, so the attributes compare as the names do.
static llvm::SmallSetVector<AxisAttr, 2> batchAxesOf(TypeRange types) {
  llvm::SmallSetVector<AxisAttr, 2> found;
  for (Type t : types)
    if (auto tt = dyn_cast<NGTensorType>(t))
      for (AxisAttr a : tt.getAxes())
        if (a.isBatch())
          found.insert(a);
  return found;
}

/// How a partial result that reduced a batch axis combines across ranks.
static std::optional<ReduceKind> combinerOf(Operation *op) {
  if (isa<SumOp, DotOp, ConvolutionBackpropFilterOp, LookupBackpropOp>(op))
    return ReduceKind::sum;
  if (isa<MaxOp>(op))
    return ReduceKind::max;
  if (isa<MinOp>(op))
    return ReduceKind::min;
  if (isa<ProdOp>(op))
    return ReduceKind::prod;
  return std::nullopt;
}

namespace {
class GraphSharder {
public:
  GraphSharder(GraphOp graph, int64_t ranks, int64_t rank)
      : graph(graph), ranks(ranks), rank(rank) {}

  LogicalResult run() {
    foldSizes();
    if (failed(check()))
      return failure();
    retype();
    for (auto [op, kind] : partials) {
      Value partial = op->getResult(0);
      OpBuilder b(op->getContext());
      b.setInsertionPointAfter(op);
      auto combined = AllReduceOp::create(b, op->getLoc(), partial.getType(),
                                          kind, partial);
      partial.replaceAllUsesExcept(combined, combined);
    }
    return success();
  }

private:
  /// `tensor_size` and `batch_size` mean the whole batch: fold them while
  /// the types still say how long it is.
  void foldSizes() {
    for (Operation &op :
         llvm::make_early_inc_range(graph.getBodyBlock().getOperations())) {
      if (!isa<TensorSizeOp, BatchSizeOp>(op))
        continue;
      SmallVector<OpFoldResult> folded;
      if (failed(op.fold(folded)) || folded.size() != 1 ||
          !isa<Attribute>(folded[0]))
        continue;
      OpBuilder b(&op);
      auto c = ConstantOp::create(b, op.getLoc(), op.getResult(0).getType(),
                                  cast<ElementsAttr>(cast<Attribute>(folded[0])));
      op.getResult(0).replaceAllUsesWith(c);
      op.erase();
    }
  }

  LogicalResult check() {
    for (Operation &op : graph.getBodyBlock()) {
      if (isa<ComputationOp>(op))
        continue;
      // Autodiff has no rule for allreduce: gradients come first.
      if (isa<DerivOp>(op))
        return op.emitOpError()
               << "must be expanded before ng-data-parallel (run ng-autodiff "
                  "first)";
      auto in = batchAxesOf(op.getOperandTypes());
      auto out = batchAxesOf(op.getResultTypes());
      for (Type t : op.getResultTypes())
        if (batchAxesOf(t).size() > 1)
          return op.emitOpError()
                 << "has two batch axes in " << t
                 << "; data-parallel runs split one batch axis per value";
      for (AxisAttr axis : out)
        if (failed(recordAxis(op, axis)))
          return failure();
      if (auto var = dyn_cast<VariableOp>(op); var && !out.empty())
        return var.emitOpError()
               << "'" << var.getName() << "' has batch axis "
               << out[0].getName()
               << "; variables are replicated on every rank of a "
                  "data-parallel run";
      SmallVector<AxisAttr> gone, born;
      for (AxisAttr a : in)
        if (!out.contains(a))
          gone.push_back(a);
      for (AxisAttr a : out)
        if (!in.contains(a))
          born.push_back(a);
      // Effects carry no values across ranks: the assigned value already
      // has no batch axis (a variable has none).
      if (isa<AssignOp, DoAllOp>(op))
        continue;
      if (isa<RecurrenceOp>(op) && failed(checkStep(op)))
        return failure();
      if (!gone.empty()) {
        if (std::optional<ReduceKind> kind = combinerOf(&op)) {
          partials.push_back({&op, *kind});
          continue;
        }
        if (isa<ArgMaxOp, ArgMinOp>(op))
          return op.emitOpError()
                 << "over batch axis " << gone[0].getName()
                 << " needs every sample at once; a data-parallel run splits "
                    "the batch across ranks";
        return op.emitOpError()
               << "removes batch axis " << gone[0].getName()
               << " without reducing it; a data-parallel run needs batch "
                  "axes kept intact until a sum, dot, max, min or prod";
      }
      if (!born.empty() &&
          !isa<PlaceholderOp, ConstantOp, BroadcastOp, RandomUniformOp>(op))
        return op.emitOpError()
               << "creates batch axis " << born[0].getName()
               << " from other axes; a data-parallel run can only split batch "
                  "axes that come from placeholders, constants or broadcasts";
    }
    return success();
  }

  /// A recurrence's step runs on this rank's samples as a whole: it must
  /// not combine samples (that would need an allreduce at every step).
  LogicalResult checkStep(Operation &rec) {
    WalkResult r = rec.walk([&](Operation *op) {
      if (op == &rec || isa<YieldOp>(op))
        return WalkResult::advance();
      auto in = batchAxesOf(op->getOperandTypes());
      auto out = batchAxesOf(op->getResultTypes());
      for (AxisAttr a : in)
        if (!out.contains(a)) {
          op->emitOpError() << "removes batch axis '" << a.getName().getValue()
                            << "' inside a recurrence; a data-parallel run "
                               "keeps each step's samples apart";
          return WalkResult::interrupt();
        }
      return WalkResult::advance();
    });
    return failure(r.wasInterrupted());
  }

  LogicalResult recordAxis(Operation &op, AxisAttr axis) {
    if (shards.count(axis.getName()))
      return success();
    if (axis.getLength() < ranks)
      return op.emitOpError()
             << "batch axis " << axis.getName() << " has " << axis.getLength()
             << " samples, fewer than the " << ranks << " ranks to split it over";
    shards[axis.getName()] = ngraph::shardOf(axis.getLength(), ranks, rank);
    return success();
  }

  /// `t` with this rank's batch lengths (and the batch axis' position).
  NGTensorType localType(NGTensorType t, int64_t *batchDim = nullptr) {
    SmallVector<AxisAttr> list(t.getAxes());
    for (auto [i, a] : llvm::enumerate(list)) {
      if (!a.isBatch())
        continue;
      list[i] = AxisAttr::get(a.getContext(), a.getName(),
                              shards.lookup(a.getName()).length, a.getRole());
      if (batchDim)
        *batchDim = i;
    }
    return t.withAxes(list);
  }

  void retype() {
    // Every value, including those of recurrence steps (their arguments
    // and the ops inside).
    auto retypeValue = [&](Value r, Operation *def) {
      auto t = dyn_cast<NGTensorType>(r.getType());
      if (!t || batchAxesOf(t).empty())
        return;
      int64_t dim = -1;
      NGTensorType local = localType(t, &dim);
      r.setType(local);
      if (auto c = dyn_cast_or_null<ConstantOp>(def))
        c.setValueAttr(sliceConstant(c.getValue(), t, local, dim));
      // Random numbers are drawn for the whole batch: this rank's rows of
      // them are those a single process would draw.
      if (auto u = dyn_cast_or_null<RandomUniformOp>(def))
        setStream(u, t, dim);
    };
    graph.getBodyBlock().walk([&](Operation *op) {
      for (Value r : op->getResults())
        retypeValue(r, op);
      for (Region &region : op->getRegions())
        for (Block &block : region)
          for (BlockArgument a : block.getArguments())
            retypeValue(a, nullptr);
    });
  }

  void setStream(RandomUniformOp u, NGTensorType global, int64_t dim) {
    SmallVector<int64_t> lengths, offsets(global.getRank(), 0);
    if (auto l = u.getStreamLengths()) {
      lengths.assign(l->begin(), l->end());
      offsets.assign(u.getStreamOffsets()->begin(), u.getStreamOffsets()->end());
    } else {
      for (AxisAttr a : global.getAxes())
        lengths.push_back(a.getLength());
    }
    offsets[dim] += shards.lookup(global.getAxes()[dim].getName()).offset;
    Builder b(u.getContext());
    u.setStreamLengthsAttr(b.getDenseI64ArrayAttr(lengths));
    u.setStreamOffsetsAttr(b.getDenseI64ArrayAttr(offsets));
  }

  /// This rank's rows of a constant along dimension `dim`.
  ElementsAttr sliceConstant(ElementsAttr value, NGTensorType global,
                             NGTensorType local, int64_t dim) {
    RankedTensorType storage = local.toBuiltin();
    auto dense = cast<DenseElementsAttr>(value);
    if (dense.isSplat())
      return dense.resizeSplat(storage);
    ngraph::Shard s = shards.lookup(global.getAxes()[dim].getName());
    int64_t n = global.getAxes()[dim].getLength();
    ngraph::AroundDim around = ngraph::aroundDim(storage.getShape(), dim);
    auto all = llvm::to_vector(dense.getValues<Attribute>());
    SmallVector<Attribute> mine;
    for (int64_t o = 0; o < around.outer; ++o)
      for (int64_t j = 0; j < s.length; ++j)
        for (int64_t k = 0; k < around.inner; ++k)
          mine.push_back(all[(o * n + s.offset + j) * around.inner + k]);
    return DenseElementsAttr::get(storage, mine);
  }

  GraphOp graph;
  int64_t ranks, rank;
  llvm::DenseMap<StringAttr, ngraph::Shard> shards;
  SmallVector<std::pair<Operation *, ReduceKind>> partials;
};

struct NGDataParallel : ng::impl::NGDataParallelBase<NGDataParallel> {
  using NGDataParallelBase::NGDataParallelBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(requireStaticAxes(module, "ng-data-parallel")))
      return signalPassFailure();
    if (ranks < 1 || rank < 0 || rank >= ranks) {
      module.emitError() << "ng-data-parallel: rank " << (int64_t)rank
                         << " is not in [0, " << (int64_t)ranks << ")";
      return signalPassFailure();
    }
    if (ranks == 1)
      return;
    // Means must divide by the global count and softmax must normalize
    // with global statistics: both hold once they are sums and maxima.
    RewritePatternSet patterns(&getContext());
    populateDecomposePatterns(patterns);
    if (failed(applyPatternsGreedily(module, std::move(patterns))))
      return signalPassFailure();
    for (GraphOp graph : module.getOps<GraphOp>())
      if (failed(GraphSharder(graph, (int64_t)ranks, (int64_t)rank).run()))
        return signalPassFailure();
  }
};
} // namespace

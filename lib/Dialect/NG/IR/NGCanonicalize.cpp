//===- NGCanonicalize.cpp - canonicalization patterns ---------------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::ng;

namespace {
/// sum(broadcast(x)) over axes the broadcast added is x times their size:
/// the reduction never materializes the broadcast tensor. This is what
/// keeps autodiff's "broadcast back, then sum" sequences cheap.
struct SumOfBroadcast : OpRewritePattern<SumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SumOp op, PatternRewriter &rw) const override {
    auto bc = op.getOperand().getDefiningOp<BroadcastOp>();
    if (!bc)
      return failure();
    auto xt = cast<NGTensorType>(bc.getOperand().getType());
    auto bt = cast<NGTensorType>(bc.getType());
    axes::AxisList added = axes::difference(bt.getAxes(), xt.getAxes());
    SmallVector<AxisAttr> reduced = op.getReducedAxes();
    axes::AxisList reducedAdded = axes::intersection(reduced, added);
    if (reducedAdded.empty() || axes::hasDynamic(reducedAdded))
      return failure();
    Location loc = op.getLoc();
    // Reduce x over the reduced axes it has, then rebuild the result axes.
    Value v = bc.getOperand();
    axes::AxisList reducedOwn = axes::intersection(reduced, xt.getAxes());
    if (!reducedOwn.empty()) {
      SmallVector<Attribute> names;
      for (AxisAttr a : reducedOwn)
        names.push_back(a.getName());
      v = SumOp::create(rw, loc, v, rw.getArrayAttr(names), ArrayAttr());
    }
    double n = (double)axes::numElements(reducedAdded);
    auto resT = cast<NGTensorType>(op.getType());
    v = MultiplyOp::create(rw, loc, v,
                           ConstantOp::create(rw, loc, resT.withAxes({}), n));
    rw.replaceOp(op, reshapeToAxes(rw, loc, v, resT));
    return success();
  }
};

/// reorder(dot(a, b)) into (rhs free, lhs free) order is dot(b, a): the
/// contraction is symmetric and its result order follows its operands. Autodiff
/// makes these for weight gradients (dL/dW of W . x comes out as [out, in]
/// and is reordered to W's [in, out]); without them the update reads the
/// gradient across its rows.
struct ReorderOfDot : OpRewritePattern<ReorderOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReorderOp op, PatternRewriter &rw) const override {
    auto dot = op.getOperand().getDefiningOp<DotOp>();
    if (!dot || !dot->hasOneUse())
      return failure();
    auto lhs = cast<NGTensorType>(dot.getLhs().getType());
    auto rhs = cast<NGTensorType>(dot.getRhs().getType());
    axes::DotAxes swapped = axes::dot(rhs.getAxes(), lhs.getAxes());
    auto out = cast<NGTensorType>(op.getType());
    if (ArrayRef<AxisAttr>(swapped.result) != out.getAxes())
      return failure();
    rw.replaceOpWithNewOp<DotOp>(op, out, dot.getRhs(), dot.getLhs());
    return success();
  }
};

/// A sum of slice_backprops that place parts end to end along one axis,
/// covering all of it, is their concatenation. Autodiff of a cell that
/// slices its gates out of one product (an LSTM's four, a GRU's three)
/// makes such sums: written as adds, each part is a zero tensor of the
/// whole's size that is then read again.
struct SumOfSliceBackprops : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  // Sums of more parts than this are left alone: each add of a long chain
  // would walk the chain again.
  static constexpr size_t kMaxParts = 64;

  LogicalResult matchAndRewrite(AddOp op, PatternRewriter &rw) const override {
    Type type = op.getType();
    struct Part {
      SliceBackpropOp op;
      axes::AxisRange range;
    };
    SmallVector<Part> parts;
    SmallVector<Value> work{op.getRhs(), op.getLhs()};
    while (!work.empty()) {
      Value v = work.pop_back_val();
      // Each part and partial sum is read by this sum only, so the
      // rewrite removes them all.
      if (v.getType() != type || !v.hasOneUse())
        return failure();
      if (auto add = v.getDefiningOp<AddOp>()) {
        work.push_back(add.getRhs());
        work.push_back(add.getLhs());
        continue;
      }
      auto sb = v.getDefiningOp<SliceBackpropOp>();
      if (!sb || parts.size() == kMaxParts)
        return failure();
      FailureOr<SmallVector<axes::AxisRange>> ranges = sb.getRanges();
      if (failed(ranges) || ranges->size() != 1)
        return failure();
      const axes::AxisRange &r = ranges->front();
      if (r.isIndex() || r.step != 1 ||
          (!parts.empty() && r.position != parts.front().range.position))
        return failure();
      parts.push_back({sb, r});
    }
    llvm::sort(parts, [](const Part &a, const Part &b) {
      return a.range.start < b.range.start;
    });
    int64_t next = 0;
    for (const Part &p : parts) {
      if (p.range.start != next)
        return failure();
      next = p.range.stop;
    }
    const axes::AxisRange &whole = parts.front().range;
    if (next != whole.input.getLength())
      return failure();
    SmallVector<Value> inputs;
    SmallVector<Attribute> names;
    for (Part &p : parts) {
      inputs.push_back(p.op.getOperand());
      names.push_back(p.range.output.getName());
    }
    rw.replaceOpWithNewOp<ConcatOp>(op, type, inputs, rw.getArrayAttr(names),
                                    whole.input.getName());
    return success();
  }
};

/// Simplifies a recurrence's interface:
/// - a stacked output that nothing reads is not stacked;
/// - two stacked outputs of the same step value are one;
/// - a stacked output of a sequence's step, unchanged, is that sequence
///   (step t is stored at position t in either direction);
/// - a carry the step yields unchanged is a param, and its final value is
///   its initial one;
/// - params and sequences the step does not read are not passed.
/// Autodiff through time makes all of these: it stacks a step's gate
/// gradients once for the sequence's gradient and once for a weight
/// gradient it computes after the loop, re-stacks the forward values that
/// product reads, and passes through the carry of a weight gradient it
/// hoisted out of the loop.
struct SimplifyRecurrence : OpRewritePattern<RecurrenceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RecurrenceOp op,
                                PatternRewriter &rw) const override {
    Block &body = op.getBodyBlock();
    auto yield = cast<YieldOp>(body.getTerminator());
    size_t numParams = op.getParams().size();
    size_t numSequences = op.getSequences().size();
    size_t numCarries = op.getCarries().size();
    ResultRange stacked = op.getStackedOutputs();
    auto stepValue = [&](size_t i) {
      return yield->getOperand(numCarries + i);
    };
    auto argOf = [&](Value v) -> std::optional<unsigned> {
      auto arg = dyn_cast<BlockArgument>(v);
      if (!arg || arg.getOwner() != &body)
        return std::nullopt;
      return arg.getArgNumber();
    };

    // Redirect readers first; what is then unread is dropped below.
    for (auto [i, r] : llvm::enumerate(stacked)) {
      std::optional<unsigned> n = argOf(stepValue(i));
      if (r.use_empty() || !n || *n < numParams ||
          *n >= numParams + numSequences)
        continue;
      Value sequence = op.getSequences()[*n - numParams];
      if (sequence.getType() == r.getType())
        rw.replaceAllUsesWith(r, sequence);
    }
    for (size_t i = 0; i < stacked.size(); ++i)
      for (size_t j = i + 1; j < stacked.size(); ++j)
        if (stepValue(i) == stepValue(j) &&
            stacked[i].getType() == stacked[j].getType() &&
            !stacked[j].use_empty())
          rw.replaceAllUsesWith(stacked[j], stacked[i]);

    SmallVector<size_t> keptStacked, keptCarries, constantCarries;
    for (auto [i, r] : llvm::enumerate(stacked))
      if (!r.use_empty())
        keptStacked.push_back(i);
    for (size_t k = 0; k < numCarries; ++k) {
      if (argOf(yield->getOperand(k)) == numParams + numSequences + k)
        constantCarries.push_back(k);
      else
        keptCarries.push_back(k);
    }
    auto unread = [&](size_t n) { return body.getArgument(n).use_empty(); };
    if (keptStacked.size() == stacked.size() && constantCarries.empty() &&
        llvm::none_of(llvm::seq<size_t>(0, numParams + numSequences), unread))
      return failure();

    // The new operands, and the block arguments in their order: params
    // (the read ones, then the constant carries), sequences, carries.
    SmallVector<Value> params, sequences, carries;
    SmallVector<BlockArgument> args;
    for (size_t i = 0; i < numParams; ++i)
      if (!unread(i)) {
        params.push_back(op.getParams()[i]);
        args.push_back(body.getArgument(i));
      }
    for (size_t k : constantCarries)
      if (!unread(numParams + numSequences + k)) {
        params.push_back(op.getCarries()[k]);
        args.push_back(body.getArgument(numParams + numSequences + k));
      }
    for (size_t i = 0; i < numSequences; ++i)
      if (!unread(numParams + i)) {
        sequences.push_back(op.getSequences()[i]);
        args.push_back(body.getArgument(numParams + i));
      }
    for (size_t k : keptCarries) {
      carries.push_back(op.getCarries()[k]);
      args.push_back(body.getArgument(numParams + numSequences + k));
    }
    SmallVector<Type> types;
    SmallVector<Value> yielded;
    for (size_t k : keptCarries) {
      types.push_back(op.getResult(k).getType());
      yielded.push_back(yield->getOperand(k));
    }
    for (size_t i : keptStacked) {
      types.push_back(stacked[i].getType());
      yielded.push_back(stepValue(i));
    }

    auto simpler = RecurrenceOp::create(rw, op.getLoc(), types,
                                        op.getAxisAttr(), op.getReverseAttr(),
                                        params, sequences, carries);
    simpler->setDiscardableAttrs(op->getDiscardableAttrDictionary());
    Block *newBody = rw.createBlock(&simpler.getBody());
    SmallVector<Value> replacements(body.getNumArguments());
    for (BlockArgument a : args)
      replacements[a.getArgNumber()] =
          newBody->addArgument(a.getType(), a.getLoc());
    rw.modifyOpInPlace(yield, [&] { yield->setOperands(yielded); });
    // Unread arguments have no uses and get no replacement.
    rw.inlineBlockBefore(&body, newBody, newBody->end(), replacements);

    for (auto [n, k] : llvm::enumerate(keptCarries))
      rw.replaceAllUsesWith(op.getResult(k), simpler.getResult(n));
    for (size_t k : constantCarries)
      rw.replaceAllUsesWith(op.getResult(k), op.getCarries()[k]);
    for (auto [n, i] : llvm::enumerate(keptStacked))
      rw.replaceAllUsesWith(stacked[i],
                            simpler.getResult(keptCarries.size() + n));
    rw.eraseOp(op);
    return success();
  }
};
} // namespace

void ReorderOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ReorderOfDot>(context);
}

void SumOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<SumOfBroadcast>(context);
}

void AddOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<SumOfSliceBackprops>(context);
}

void RecurrenceOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                               MLIRContext *context) {
  results.add<SimplifyRecurrence>(context);
}

//===- AccumulateContractions.cpp - x + s * (A B) as one contraction ------===//
//
// Autodiff produces a weight's gradient as a contraction from zero, and an
// SGD step subtracts it, scaled, from the weight in an elementwise op: the
// gradient is zero-filled, written whole, then read back next to the
// weight. Accumulating the product into the weight instead (BLAS's gemm
// with beta = 1) leaves one pass: the contraction's C tiles are the
// weight's own. The scale moves into a copy of the smaller operand, which
// costs a pass over that operand instead of two over C.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGACCUMULATECONTRACTIONS
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

namespace {
/// An elementwise body read as `x + (negate ? -1 : 1) * s * d`, x and d
/// being inputs of the op and s a value from outside the body, a scalar
/// input, or absent (1).
struct AddendForm {
  unsigned addend = 0, product = 0;
  Value scale;
  std::optional<unsigned> scaleInput;
  bool negate = false;
};

/// The position of `v` among `op`'s inputs, if it is one's block argument.
static std::optional<unsigned> inputArg(linalg::GenericOp op, Value v) {
  auto arg = dyn_cast<BlockArgument>(v);
  if (!arg || arg.getOwner() != op.getBody() ||
      arg.getArgNumber() >= op.getNumDpsInputs())
    return std::nullopt;
  return arg.getArgNumber();
}

/// `v` as `d`, `d * s` or `s * d`; fills in the product and scale.
static bool matchTerm(linalg::GenericOp op, Value v, AddendForm &form) {
  if (std::optional<unsigned> d = inputArg(op, v)) {
    form.product = *d;
    return true;
  }
  auto mul = v.getDefiningOp<arith::MulFOp>();
  if (!mul || mul->getBlock() != op.getBody())
    return false;
  for (auto [d, s] : {std::pair(mul.getLhs(), mul.getRhs()),
                      std::pair(mul.getRhs(), mul.getLhs())}) {
    std::optional<unsigned> di = inputArg(op, d);
    if (!di)
      continue;
    if (std::optional<unsigned> si = inputArg(op, s)) {
      // Only a scalar input is the same factor at every element.
      if (op.getMatchingIndexingMap(op.getDpsInputOperand(*si))
              .getNumResults() != 0)
        continue;
      form.scaleInput = *si;
    } else if (!op.getRegion().isAncestor(s.getParentRegion())) {
      form.scale = s;
    } else {
      continue;
    }
    form.product = *di;
    return true;
  }
  return false;
}

/// The readings of `op`'s body as `x ± s * d`, nothing else computed: a
/// sum of two inputs reads either way, and only the operands tell which
/// one is the product.
static SmallVector<AddendForm, 2> matchBody(linalg::GenericOp op) {
  SmallVector<AddendForm, 2> forms;
  Block *body = op.getBody();
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  if (yield.getNumOperands() != 1)
    return forms;
  Operation *root = yield.getOperand(0).getDefiningOp();
  if (!root || root->getBlock() != body ||
      !isa<arith::AddFOp, arith::SubFOp>(root))
    return forms;
  bool sub = isa<arith::SubFOp>(root);
  Value lhs = root->getOperand(0), rhs = root->getOperand(1);
  // x - s d, x + s d, s d + x.
  for (auto [x, term] : {std::pair(lhs, rhs), std::pair(rhs, lhs)}) {
    if (sub && x != lhs)
      break;
    AddendForm form;
    std::optional<unsigned> xi = inputArg(op, x);
    if (!xi || !matchTerm(op, term, form) || *xi == form.product ||
        (form.scaleInput && *form.scaleInput == *xi))
      continue;
    form.addend = *xi;
    form.negate = sub;
    // The add (or sub), the multiply if any, and the yield: nothing else.
    size_t ops = 2 + (isa<BlockArgument>(term) ? 0 : 1);
    if (body->getOperations().size() == ops)
      forms.push_back(form);
  }
  return forms;
}

static int64_t numElements(Value v) {
  return cast<RankedTensorType>(v.getType()).getNumElements();
}

struct AccumulateIntoAddend : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rw) const override {
    if (!op.hasPureTensorSemantics() || op->getNumResults() != 1 ||
        op.getNumDpsInputs() > 3 ||
        op.getNumParallelLoops() != op.getNumLoops())
      return rw.notifyMatchFailure(op, "not one elementwise result");
    for (const AddendForm &form : matchBody(op))
      if (auto contraction = accumulable(op, form))
        return rewrite(op, form, contraction, rw);
    return rw.notifyMatchFailure(op, "not x + s * d of a contraction from 0");
  }

  /// The contraction computing `form`'s product, if it can accumulate
  /// into `form`'s addend instead.
  static linalg::LinalgOp accumulable(linalg::GenericOp op,
                                      const AddendForm &form) {
    if (op.getNumDpsInputs() != (form.scaleInput ? 3u : 2u))
      return nullptr;
    OpOperand *x = op.getDpsInputOperand(form.addend);
    OpOperand *d = op.getDpsInputOperand(form.product);
    if (!op.getMatchingIndexingMap(x).isIdentity() ||
        !op.getMatchingIndexingMap(d).isIdentity() ||
        !op.getIndexingMapMatchingResult(op->getResult(0)).isIdentity())
      return nullptr;
    // d: a contraction from zero that nothing else reads.
    auto contraction = d->get().getDefiningOp<linalg::LinalgOp>();
    if (!contraction || !d->get().hasOneUse() ||
        !contraction.hasPureTensorSemantics() ||
        contraction.getNumDpsInputs() != 2 ||
        contraction.getNumDpsInits() != 1 ||
        !linalg::isaContractionOpInterface(contraction))
      return nullptr;
    auto fill =
        contraction.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>();
    if (!fill || !matchPattern(fill.getInputs()[0], m_AnyZeroFloat()))
      return nullptr;
    Type type = x->get().getType();
    if (type != d->get().getType() || type != op->getResult(0).getType())
      return nullptr;
    Type elt = getElementTypeOrSelf(type);
    for (OpOperand *in : contraction.getDpsInputOperands()) {
      auto t = dyn_cast<RankedTensorType>(in->get().getType());
      if (!t || !t.hasStaticShape() || t.getElementType() != elt)
        return nullptr;
    }
    if (form.scale && form.scale.getType() != elt)
      return nullptr;
    return contraction;
  }

  static LogicalResult rewrite(linalg::GenericOp op, const AddendForm &form,
                               linalg::LinalgOp contraction,
                               PatternRewriter &rw) {
    OpOperand *x = op.getDpsInputOperand(form.addend);
    Type elt = getElementTypeOrSelf(x->get().getType());
    Location loc = op.getLoc();
    rw.setInsertionPoint(op);
    // The scale goes into a copy of the smaller operand.
    unsigned scaled =
        numElements(contraction.getDpsInputOperand(0)->get()) <=
                numElements(contraction.getDpsInputOperand(1)->get())
            ? 0
            : 1;
    Value operand = contraction.getDpsInputOperand(scaled)->get();
    if (form.scale || form.scaleInput || form.negate) {
      auto t = cast<RankedTensorType>(operand.getType());
      MLIRContext *ctx = rw.getContext();
      SmallVector<Value> ins = {operand};
      SmallVector<AffineMap> maps = {
          AffineMap::getMultiDimIdentityMap(t.getRank(), ctx)};
      if (form.scaleInput) {
        ins.push_back(op.getDpsInputOperand(*form.scaleInput)->get());
        maps.push_back(AffineMap::get(t.getRank(), 0, ctx));
      }
      maps.push_back(maps.front());
      Value scale = form.scale;
      bool negate = form.negate;
      operand =
          linalg::GenericOp::create(
              rw, loc, t, ins,
              ValueRange{tensor::EmptyOp::create(rw, loc, t.getShape(), elt)},
              maps,
              SmallVector<utils::IteratorType>(t.getRank(),
                                               utils::IteratorType::parallel),
              [&](OpBuilder &b, Location l, ValueRange args) {
                Value v = args[0];
                Value s = ins.size() > 1 ? args[1] : scale;
                if (s)
                  v = arith::MulFOp::create(b, l, v, s);
                if (negate)
                  v = arith::NegFOp::create(b, l, v);
                linalg::YieldOp::create(b, l, v);
              })
              .getResult(0);
    }
    Operation *accumulate = rw.clone(*contraction.getOperation());
    rw.modifyOpInPlace(accumulate, [&] {
      accumulate->setOperand(scaled, operand);
      accumulate->setOperand(contraction.getNumDpsInputs(), x->get());
    });
    rw.replaceOp(op, accumulate->getResults());
    rw.eraseOp(contraction);
    return success();
  }
};

struct NGAccumulateContractions
    : ng::impl::NGAccumulateContractionsBase<NGAccumulateContractions> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<AccumulateIntoAddend>(&getContext());
    // Only this rewrite: no folding or region simplification of the rest.
    GreedyRewriteConfig config;
    config.enableFolding(false).setRegionSimplificationLevel(
        GreedySimplifyRegionLevel::Disabled);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns),
                                     config)))
      signalPassFailure();
  }
};
} // namespace

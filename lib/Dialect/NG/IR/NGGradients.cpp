//===- NGGradients.cpp - reverse-mode rules of ng ops ---------------------===//
//
// Each op's adjoint rule. Contributions may carry more or fewer axes than
// the primal; AdjointAccumulator::add brings them to the primal's axes
// (summing broadcast axes), so rules stay short and axis-correct.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"

using namespace mlir;
using namespace mlir::ng;

static NGTensorType tensorTy(Value v) { return cast<NGTensorType>(v.getType()); }

namespace {
/// Terse builders for rules.
struct Emit {
  OpBuilder &b;
  Location loc;
  Value c(NGTensorType like, double v) {
    return ConstantOp::create(b, loc, like.withAxes({}), v);
  }
  Value add(Value x, Value y) { return AddOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return SubtractOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return MultiplyOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return DivideOp::create(b, loc, x, y); }
  Value neg(Value x) { return NegativeOp::create(b, loc, x); }
  Value sum(Value x, ArrayRef<AxisAttr> reduce) {
    return SumOp::create(b, loc, x, axes::names(b.getContext(), reduce),
                         ArrayAttr());
  }
  Value to(Value x, NGTensorType type) { return reshapeToAxes(b, loc, x, type); }
};
} // namespace

//===----------------------------------------------------------------------===//
// Accumulation
//===----------------------------------------------------------------------===//

Value ng::buildZero(OpBuilder &b, Location loc, NGTensorType type) {
  return ConstantOp::create(b, loc, type, 0.0);
}

Value ng::reshapeToAxes(OpBuilder &b, Location loc, Value v, NGTensorType type) {
  auto vt = tensorTy(v);
  ArrayRef<AxisAttr> target = type.getAxes();
  axes::AxisList extra = axes::difference(vt.getAxes(), target);
  if (!extra.empty()) {
    v = Emit{b, loc}.sum(v, extra);
    vt = tensorTy(v);
  }
  if (vt.getAxes() == target)
    return v;
  if (axes::sameSet(vt.getAxes(), target))
    return ReorderOp::create(b, loc, type, v);
  return BroadcastOp::create(b, loc, type, v);
}

void AdjointAccumulator::add(Value primal, Value contribution) {
  if (!contribution || (needed && !needed(primal)))
    return;
  auto type = dyn_cast<NGTensorType>(primal.getType());
  if (!type || !isa<FloatType>(type.getElementType()))
    return;
  Location loc = contribution.getLoc();
  contribution = reshapeToAxes(builder, loc, contribution, type);
  Value &slot = adjoints[primal];
  slot = slot ? AddOp::create(builder, loc, slot, contribution).getResult()
              : contribution;
}

LogicalResult ng::propagateAdjoints(ArrayRef<Operation *> order,
                                   AdjointAccumulator &acc, OpBuilder &b,
                                   std::optional<Location> requestedAt) {
  for (Operation *op : llvm::reverse(order)) {
    SmallVector<Value> dys;
    for (Value r : op->getResults())
      dys.push_back(acc.get(r));
    if (llvm::all_of(dys, [](Value v) { return !v; }))
      continue;
    auto rule = dyn_cast<ReverseADOpInterface>(op);
    if (!rule) {
      InFlightDiagnostic d = op->emitOpError()
                             << "has no adjoint rule, but the loss depends on "
                                "it through a differentiated value";
      if (requestedAt)
        d.attachNote(*requestedAt) << "derivative requested here";
      return failure();
    }
    if (failed(rule.buildAdjointsOfResults(b, dys, acc)))
      return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Leaves and ops that pass no gradient
//===----------------------------------------------------------------------===//

#define NG_NO_GRADIENT(OP)                                                     \
  LogicalResult OP::buildAdjoints(OpBuilder &, Value, AdjointAccumulator &) {  \
    return success();                                                          \
  }
NG_NO_GRADIENT(PlaceholderOp)
NG_NO_GRADIENT(VariableOp)
NG_NO_GRADIENT(ConstantOp)
NG_NO_GRADIENT(SignOp)
NG_NO_GRADIENT(LessOp)
NG_NO_GRADIENT(LessEqualOp)
NG_NO_GRADIENT(GreaterOp)
NG_NO_GRADIENT(GreaterEqualOp)
NG_NO_GRADIENT(EqualOp)
NG_NO_GRADIENT(NotEqualOp)
NG_NO_GRADIENT(ArgMaxOp)
NG_NO_GRADIENT(ArgMinOp)
NG_NO_GRADIENT(TensorSizeOp)
NG_NO_GRADIENT(BatchSizeOp)
NG_NO_GRADIENT(OneHotOp)
NG_NO_GRADIENT(AssignOp)
#undef NG_NO_GRADIENT

//===----------------------------------------------------------------------===//
// Elementwise unary
//===----------------------------------------------------------------------===//

LogicalResult NegativeOp::buildAdjoints(OpBuilder &b, Value dy,
                                        AdjointAccumulator &acc) {
  acc.add(getOperand(), Emit{b, getLoc()}.neg(dy));
  return success();
}

LogicalResult AbsOp::buildAdjoints(OpBuilder &b, Value dy,
                                   AdjointAccumulator &acc) {
  acc.add(getOperand(),
          Emit{b, getLoc()}.mul(dy, SignOp::create(b, getLoc(), getOperand())));
  return success();
}

LogicalResult ExpOp::buildAdjoints(OpBuilder &b, Value dy,
                                   AdjointAccumulator &acc) {
  acc.add(getOperand(), Emit{b, getLoc()}.mul(dy, getResult()));
  return success();
}

LogicalResult LogOp::buildAdjoints(OpBuilder &b, Value dy,
                                   AdjointAccumulator &acc) {
  acc.add(getOperand(), Emit{b, getLoc()}.div(dy, getOperand()));
  return success();
}

LogicalResult SafeLogOp::buildAdjoints(OpBuilder &b, Value dy,
                                       AdjointAccumulator &acc) {
  // d/dx max(log(x + e^-50), -50) = [log(x + e^-50) > -50] / (x + e^-50)
  Emit e{b, getLoc()};
  NGTensorType t = getType();
  Value shifted = e.add(getOperand(), e.c(t, std::exp(-50.0)));
  Value live = GreaterOp::create(b, getLoc(), LogOp::create(b, getLoc(), shifted),
                                 e.c(t, -50.0));
  acc.add(getOperand(), e.div(e.mul(dy, live), shifted));
  return success();
}

LogicalResult SqrtOp::buildAdjoints(OpBuilder &b, Value dy,
                                    AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  acc.add(getOperand(), e.div(e.mul(dy, e.c(getType(), 0.5)), getResult()));
  return success();
}

LogicalResult SquareOp::buildAdjoints(OpBuilder &b, Value dy,
                                      AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  acc.add(getOperand(),
          e.mul(dy, e.mul(getOperand(), e.c(getType(), 2.0))));
  return success();
}

LogicalResult ReciprocalOp::buildAdjoints(OpBuilder &b, Value dy,
                                          AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  acc.add(getOperand(), e.neg(e.mul(dy, e.mul(getResult(), getResult()))));
  return success();
}

LogicalResult TanhOp::buildAdjoints(OpBuilder &b, Value dy,
                                    AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  Value y = getResult();
  acc.add(getOperand(), e.mul(dy, e.sub(e.c(getType(), 1.0), e.mul(y, y))));
  return success();
}

LogicalResult SigmoidOp::buildAdjoints(OpBuilder &b, Value dy,
                                       AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  Value y = getResult();
  acc.add(getOperand(),
          e.mul(dy, e.mul(y, e.sub(e.c(getType(), 1.0), y))));
  return success();
}

LogicalResult ReluOp::buildAdjoints(OpBuilder &b, Value dy,
                                    AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  Value live = GreaterOp::create(b, getLoc(), getOperand(), e.c(getType(), 0.0));
  acc.add(getOperand(), e.mul(dy, live));
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise binary (broadcast axes are summed by the accumulator)
//===----------------------------------------------------------------------===//

LogicalResult AddOp::buildAdjoints(OpBuilder &, Value dy,
                                   AdjointAccumulator &acc) {
  acc.add(getLhs(), dy);
  acc.add(getRhs(), dy);
  return success();
}

LogicalResult SubtractOp::buildAdjoints(OpBuilder &b, Value dy,
                                        AdjointAccumulator &acc) {
  acc.add(getLhs(), dy);
  acc.add(getRhs(), Emit{b, getLoc()}.neg(dy));
  return success();
}

LogicalResult MultiplyOp::buildAdjoints(OpBuilder &b, Value dy,
                                        AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  acc.add(getLhs(), e.mul(dy, getRhs()));
  acc.add(getRhs(), e.mul(dy, getLhs()));
  return success();
}

LogicalResult DivideOp::buildAdjoints(OpBuilder &b, Value dy,
                                      AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  acc.add(getLhs(), e.div(dy, getRhs()));
  acc.add(getRhs(), e.neg(e.div(e.mul(dy, getResult()), getRhs())));
  return success();
}

// Ties go to the left operand, so the gradient is counted once.
LogicalResult MaximumOp::buildAdjoints(OpBuilder &b, Value dy,
                                       AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  acc.add(getLhs(),
          e.mul(dy, GreaterEqualOp::create(b, getLoc(), getLhs(), getRhs())));
  acc.add(getRhs(), e.mul(dy, LessOp::create(b, getLoc(), getLhs(), getRhs())));
  return success();
}

LogicalResult MinimumOp::buildAdjoints(OpBuilder &b, Value dy,
                                       AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  acc.add(getLhs(),
          e.mul(dy, LessEqualOp::create(b, getLoc(), getLhs(), getRhs())));
  acc.add(getRhs(),
          e.mul(dy, GreaterOp::create(b, getLoc(), getLhs(), getRhs())));
  return success();
}

LogicalResult PowerOp::buildAdjoints(OpBuilder &b, Value dy,
                                     AdjointAccumulator &acc) {
  // d/da a^b = b a^(b-1);  d/db a^b = a^b log(a)
  Emit e{b, getLoc()};
  NGTensorType t = tensorTy(getRhs());
  Value bm1 = e.sub(getRhs(), e.c(t, 1.0));
  acc.add(getLhs(),
          e.mul(dy, e.mul(getRhs(), PowerOp::create(b, getLoc(), getLhs(), bm1))));
  acc.add(getRhs(),
          e.mul(dy, e.mul(getResult(), LogOp::create(b, getLoc(), getLhs()))));
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions (the accumulator broadcasts the adjoint back)
//===----------------------------------------------------------------------===//

LogicalResult SumOp::buildAdjoints(OpBuilder &, Value dy,
                                   AdjointAccumulator &acc) {
  acc.add(getOperand(), dy);
  return success();
}

LogicalResult MeanOp::buildAdjoints(OpBuilder &b, Value dy,
                                    AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  double n = (double)axes::numElements(getReducedAxes());
  acc.add(getOperand(), e.div(dy, e.c(tensorTy(dy), n)));
  return success();
}

// Every element equal to the extremum receives the full adjoint.
template <typename Op>
static LogicalResult extremumAdjoint(Op op, OpBuilder &b, Value dy,
                                     AdjointAccumulator &acc) {
  Emit e{b, op.getLoc()};
  NGTensorType in = tensorTy(op.getOperand());
  Value y = e.to(op.getResult(), in);
  Value mask = EqualOp::create(b, op.getLoc(), op.getOperand(), y);
  acc.add(op.getOperand(), e.mul(e.to(dy, in), mask));
  return success();
}
LogicalResult MaxOp::buildAdjoints(OpBuilder &b, Value dy,
                                   AdjointAccumulator &acc) {
  return extremumAdjoint(*this, b, dy, acc);
}
LogicalResult MinOp::buildAdjoints(OpBuilder &b, Value dy,
                                   AdjointAccumulator &acc) {
  return extremumAdjoint(*this, b, dy, acc);
}

LogicalResult ProdOp::buildAdjoints(OpBuilder &b, Value dy,
                                    AdjointAccumulator &acc) {
  // prod / x: not defined where x has zeros (documented).
  Emit e{b, getLoc()};
  NGTensorType in = tensorTy(getOperand());
  acc.add(getOperand(), e.div(e.to(e.mul(dy, getResult()), in), getOperand()));
  return success();
}

//===----------------------------------------------------------------------===//
// Contraction, normalization, losses
//===----------------------------------------------------------------------===//

LogicalResult DotOp::buildAdjoints(OpBuilder &b, Value dy,
                                   AdjointAccumulator &acc) {
  // dy has (lhs free, rhs free) axes: dotting it with one operand contracts
  // exactly that operand's free axes and leaves the other operand's axes.
  acc.add(getLhs(), DotOp::create(b, getLoc(), dy, getRhs()));
  acc.add(getRhs(), DotOp::create(b, getLoc(), getLhs(), dy));
  return success();
}

//===----------------------------------------------------------------------===//
// Convolution and pooling
//
// The three convolution ops are one bilinear form <dy, conv(x, w)> read
// three ways, so each one's adjoints are the other two (and itself):
// second derivatives come out of the same rules.
//===----------------------------------------------------------------------===//

namespace {
/// Builds the convolution family with one op's windows.
template <typename Op>
struct ConvBuilder {
  Op op;
  OpBuilder &b;
  template <typename NewOp>
  Value make(NGTensorType type, Value lhs, Value rhs) {
    return NewOp::create(b, op.getLoc(), type, lhs, rhs,
                         op.getInputAxesAttr(), op.getFilterAxesAttr(),
                         op.getOutputAxesAttr(), op.getStridesAttr(),
                         op.getPaddingAttr(), op.getDilationsAttr());
  }
  Value conv(Value x, Value w) {
    return make<ConvolutionOp>(op.getOutputType(), x, w);
  }
  Value data(Value dy, Value w) {
    return make<ConvolutionBackpropDataOp>(op.getInputType(), dy, w);
  }
  Value filter(Value x, Value dy) {
    return make<ConvolutionBackpropFilterOp>(op.getFilterType(), x, dy);
  }
};
template <typename Op> ConvBuilder(Op, OpBuilder &) -> ConvBuilder<Op>;
} // namespace

LogicalResult ConvolutionOp::buildAdjoints(OpBuilder &b, Value dy,
                                           AdjointAccumulator &acc) {
  ConvBuilder c{*this, b};
  acc.add(getInput(), c.data(dy, getFilter()));
  acc.add(getFilter(), c.filter(getInput(), dy));
  return success();
}

LogicalResult ConvolutionBackpropDataOp::buildAdjoints(OpBuilder &b, Value g,
                                                       AdjointAccumulator &acc) {
  // <g, data(dy, w)> = <conv(g, w), dy> = <filter(g, dy), w>
  ConvBuilder c{*this, b};
  acc.add(getOutputGrad(), c.conv(g, getFilter()));
  acc.add(getFilter(), c.filter(g, getOutputGrad()));
  return success();
}

LogicalResult ConvolutionBackpropFilterOp::buildAdjoints(OpBuilder &b, Value g,
                                                         AdjointAccumulator &acc) {
  // <g, filter(x, dy)> = <data(dy, g), x> = <conv(x, g), dy>
  ConvBuilder c{*this, b};
  acc.add(getInput(), c.data(getOutputGrad(), g));
  acc.add(getOutputGrad(), c.conv(getInput(), g));
  return success();
}

LogicalResult PoolOp::buildAdjoints(OpBuilder &b, Value dy,
                                    AdjointAccumulator &acc) {
  acc.add(getInput(),
          PoolBackpropOp::create(b, getLoc(), getInputType(), getKindAttr(),
                                 getInput(), dy, getInputAxesAttr(),
                                 getWindowAttr(), getOutputAxesAttr(),
                                 getStridesAttr(), getPaddingAttr()));
  return success();
}

LogicalResult PoolBackpropOp::buildAdjoints(OpBuilder &b, Value g,
                                            AdjointAccumulator &acc) {
  // Average pooling's gradient is linear in dy with adjoint avg-pool; max
  // pooling's depends on where the maxima are, which has no gradient.
  if (getKind() == PoolKind::max)
    return emitOpError() << "has no gradient: second derivatives of max "
                            "pooling are not supported";
  acc.add(getOutputGrad(),
          PoolOp::create(b, getLoc(), getOutputType(), getKindAttr(), g,
                         getInputAxesAttr(), getWindowAttr(),
                         getOutputAxesAttr(), getStridesAttr(),
                         getPaddingAttr()));
  return success();
}

LogicalResult VarianceOp::buildAdjoints(OpBuilder &b, Value dy,
                                        AdjointAccumulator &acc) {
  // d var / dx = 2 (x - mean(x)) / n
  Emit e{b, getLoc()};
  Value x = getOperand();
  Value m = MeanOp::create(b, getLoc(), x, getReduceAttr(), getOutAttr());
  double n = (double)axes::numElements(getReducedAxes());
  acc.add(x, e.mul(e.mul(dy, e.sub(x, m)), e.c(tensorTy(dy), 2.0 / n)));
  return success();
}

LogicalResult NormalizeOp::buildAdjoints(OpBuilder &b, Value dy,
                                         AdjointAccumulator &acc) {
  // With y = (x - m) / s over A: dx = (dy - mean_A(dy) - y mean_A(dy y)) / s.
  Emit e{b, getLoc()};
  ArrayAttr over = axes::names(getContext(), getNormalizationAxes());
  Value x = getOperand(), y = getResult();
  auto mean = [&](Value v) {
    return MeanOp::create(b, getLoc(), v, over, ArrayAttr()).getResult();
  };
  Value d = e.sub(x, mean(x));
  Value var = mean(e.mul(d, d));
  Value s = SqrtOp::create(b, getLoc(),
                           e.add(var, e.c(tensorTy(x), getEps().convertToDouble())));
  Value inner = e.sub(e.sub(dy, mean(dy)), e.mul(y, mean(e.mul(dy, y))));
  acc.add(x, e.div(inner, s));
  return success();
}

LogicalResult SoftmaxOp::buildAdjoints(OpBuilder &b, Value dy,
                                       AdjointAccumulator &acc) {
  // dx = y * (dy - sum_A(dy * y))
  Emit e{b, getLoc()};
  Value y = getResult();
  Value s = e.sum(e.mul(dy, y), getNormalizationAxes());
  acc.add(getOperand(), e.mul(y, e.sub(dy, s)));
  return success();
}

LogicalResult CrossEntropyBinaryOp::buildAdjoints(OpBuilder &b, Value dy,
                                                  AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  NGTensorType yt = tensorTy(getY());
  Value y = getY(), t = getT();
  Value g = e.to(dy, yt);
  Value one = e.c(yt, 1.0), off = e.c(yt, std::exp(-50.0));
  if (auto sig = y.getDefiningOp<SigmoidOp>()) {
    // Fused and stable: d/dz of CE(sigmoid(z), t) is sigmoid(z) - t.
    acc.add(sig.getOperand(), e.mul(g, e.sub(y, t)));
  } else {
    // d/dy = (1 - t)/(1 - y) - t/y, with safelog's offset.
    Value dyv = e.sub(e.div(e.sub(one, t), e.add(e.sub(one, y), off)),
                      e.div(t, e.add(y, off)));
    acc.add(y, e.mul(g, dyv));
  }
  // d/dt = safelog(1 - y) - safelog(y)
  Value dt = e.sub(SafeLogOp::create(b, getLoc(), e.sub(one, y)),
                   SafeLogOp::create(b, getLoc(), y));
  acc.add(t, e.mul(g, dt));
  return success();
}

LogicalResult CrossEntropyMultiOp::buildAdjoints(OpBuilder &b, Value dy,
                                                 AdjointAccumulator &acc) {
  Emit e{b, getLoc()};
  NGTensorType yt = tensorTy(getY());
  Value y = getY(), t = getT();
  Value g = e.to(dy, yt);
  auto sm = y.getDefiningOp<SoftmaxOp>();
  SmallVector<AxisAttr> reduced = getReducedAxes();
  if (sm && axes::isSubset(sm.getNormalizationAxes(), reduced)) {
    // Fused and stable: d/dz of CE(softmax(z), t) is y * sum_A(t) - t,
    // which is y - t for targets that sum to one (one-hot labels).
    Value tsum = e.sum(t, sm.getNormalizationAxes());
    acc.add(sm.getOperand(), e.mul(g, e.sub(e.mul(y, tsum), t)));
  } else {
    Value off = e.c(yt, std::exp(-50.0));
    acc.add(y, e.neg(e.mul(g, e.div(t, e.add(y, off)))));
  }
  acc.add(t, e.neg(e.mul(g, SafeLogOp::create(b, getLoc(), y))));
  return success();
}

//===----------------------------------------------------------------------===//
// Axis manipulation: the inverse op
//===----------------------------------------------------------------------===//

LogicalResult BroadcastOp::buildAdjoints(OpBuilder &, Value dy,
                                         AdjointAccumulator &acc) {
  acc.add(getOperand(), dy);
  return success();
}

LogicalResult ReorderOp::buildAdjoints(OpBuilder &, Value dy,
                                       AdjointAccumulator &acc) {
  acc.add(getOperand(), dy);
  return success();
}

LogicalResult CastAxesOp::buildAdjoints(OpBuilder &b, Value dy,
                                        AdjointAccumulator &acc) {
  acc.add(getOperand(),
          CastAxesOp::create(b, getLoc(), getOperand().getType(), dy));
  return success();
}

LogicalResult FlattenOp::buildAdjoints(OpBuilder &b, Value dy,
                                       AdjointAccumulator &acc) {
  acc.add(getOperand(),
          UnflattenOp::create(b, getLoc(), getOperand().getType(), dy));
  return success();
}

LogicalResult UnflattenOp::buildAdjoints(OpBuilder &b, Value dy,
                                         AdjointAccumulator &acc) {
  acc.add(getOperand(),
          FlattenOp::create(b, getLoc(), getOperand().getType(), dy));
  return success();
}

LogicalResult ConvertOp::buildAdjoints(OpBuilder &b, Value dy,
                                       AdjointAccumulator &acc) {
  if (isa<FloatType>(tensorTy(getOperand()).getElementType()))
    acc.add(getOperand(),
            ConvertOp::create(b, getLoc(), getOperand().getType(), dy));
  return success();
}

//===----------------------------------------------------------------------===//
// Slicing and joining: each is the transpose of a slice or of its inverse
//===----------------------------------------------------------------------===//

/// `slice %x [axis[start:stop] -> output]` (or `axis[start]` when `output`
/// is empty) of type `type`.
static Value sliceOne(OpBuilder &b, Location loc, NGTensorType type, Value x,
                      StringAttr axis, StringAttr output, int64_t start,
                      int64_t stop) {
  return SliceOp::create(b, loc, type, x, b.getArrayAttr({axis}),
                         b.getArrayAttr({output}),
                         b.getDenseI64ArrayAttr({start}),
                         b.getDenseI64ArrayAttr({stop}),
                         b.getDenseI64ArrayAttr({1}));
}

LogicalResult SliceOp::buildAdjoints(OpBuilder &b, Value dy,
                                     AdjointAccumulator &acc) {
  acc.add(getOperand(),
          SliceBackpropOp::create(b, getLoc(), getOperand().getType(), dy,
                                  getAxesAttr(), getOutputAxesAttr(),
                                  getStartsAttr(), getStopsAttr(),
                                  getStepsAttr()));
  return success();
}

LogicalResult SliceBackpropOp::buildAdjoints(OpBuilder &b, Value g,
                                             AdjointAccumulator &acc) {
  acc.add(getOperand(),
          SliceOp::create(b, getLoc(), getOperand().getType(), g, getAxesAttr(),
                          getOutputAxesAttr(), getStartsAttr(), getStopsAttr(),
                          getStepsAttr()));
  return success();
}

LogicalResult PadOp::buildAdjoints(OpBuilder &b, Value dy,
                                   AdjointAccumulator &acc) {
  // The padding cut off again: the result axes sliced back to the operand's.
  FailureOr<SmallVector<axes::AxisRange>> ranges = getRanges();
  if (failed(ranges))
    return failure();
  SmallVector<Attribute> in, out;
  SmallVector<int64_t> starts, stops, steps;
  for (const axes::AxisRange &r : *ranges) {
    in.push_back(r.output.getName());
    out.push_back(r.input.getName());
    starts.push_back(r.start);
    stops.push_back(r.stop);
    steps.push_back(1);
  }
  acc.add(getOperand(),
          SliceOp::create(b, getLoc(), getOperand().getType(), dy,
                          b.getArrayAttr(in), b.getArrayAttr(out),
                          b.getDenseI64ArrayAttr(starts),
                          b.getDenseI64ArrayAttr(stops),
                          b.getDenseI64ArrayAttr(steps)));
  return success();
}

LogicalResult ConcatOp::buildAdjoints(OpBuilder &b, Value dy,
                                      AdjointAccumulator &acc) {
  FailureOr<axes::Concatenation> c = getConcatenation();
  if (failed(c))
    return failure();
  for (auto [i, x] : llvm::enumerate(getInputs())) {
    NGTensorType t = tensorTy(x);
    int64_t len = t.getAxes()[c->position].getLength();
    acc.add(x, sliceOne(b, getLoc(), t, dy, getOutputAxisAttr(),
                        cast<StringAttr>(getAxes()[i]), c->offsets[i],
                        c->offsets[i] + len));
  }
  return success();
}

LogicalResult StackOp::buildAdjoints(OpBuilder &b, Value dy,
                                     AdjointAccumulator &acc) {
  for (auto [i, x] : llvm::enumerate(getInputs()))
    acc.add(x, sliceOne(b, getLoc(), tensorTy(x), dy, getAxisAttr(),
                        b.getStringAttr(""), i, i + 1));
  return success();
}

//===----------------------------------------------------------------------===//
// Embedding lookup and random numbers
//===----------------------------------------------------------------------===//

LogicalResult LookupOp::buildAdjoints(OpBuilder &b, Value dy,
                                      AdjointAccumulator &acc) {
  // The indices are integers: only the table has an adjoint.
  acc.add(getTable(), LookupBackpropOp::create(b, getLoc(), getTable().getType(),
                                               dy, getIndices()));
  return success();
}

LogicalResult LookupBackpropOp::buildAdjoints(OpBuilder &b, Value g,
                                              AdjointAccumulator &acc) {
  acc.add(getOperand(), LookupOp::create(b, getLoc(), g, getIndices()));
  return success();
}

LogicalResult RandomUniformOp::buildAdjoints(OpBuilder &, Value,
                                             AdjointAccumulator &) {
  return success();
}

LogicalResult DropoutOp::buildAdjoints(OpBuilder &b, Value dy,
                                       AdjointAccumulator &acc) {
  // Linear in x with a mask that is a function of (seed, counter,
  // position): the same dropout of dy. keep is not differentiated (it is a
  // switch, not a parameter).
  acc.add(getOperand(), DropoutOp::create(b, getLoc(), dy, getKeep(),
                                          getCounter(), getSeedAttr()));
  return success();
}

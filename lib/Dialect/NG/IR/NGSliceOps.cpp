//===- NGSliceOps.cpp - slicing, padding and joining along axes -----------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"

#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::ng;

static NGTensorType tensorTy(Value v) { return cast<NGTensorType>(v.getType()); }

//===----------------------------------------------------------------------===//
// Assembly: `[T[2:10:2] -> U, N[3]]` and `[H(2, 2) -> H2]`
//===----------------------------------------------------------------------===//

ParseResult ng::parseAxisSlices(OpAsmParser &parser, ArrayAttr &axes,
                                DenseI64ArrayAttr &starts,
                                DenseI64ArrayAttr &stops,
                                DenseI64ArrayAttr &steps, ArrayAttr &outputAxes) {
  Builder &b = parser.getBuilder();
  SmallVector<Attribute> ins, outs;
  SmallVector<int64_t> first, last, step;
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square, [&]() -> ParseResult {
        StringAttr in;
        int64_t start, stop, by = 1;
        if (parseAxisName(parser, in) || parser.parseLSquare() ||
            parser.parseInteger(start))
          return failure();
        bool range = succeeded(parser.parseOptionalColon());
        if (range) {
          if (parser.parseInteger(stop) ||
              (succeeded(parser.parseOptionalColon()) && parser.parseInteger(by)))
            return failure();
        } else {
          stop = start + 1;
        }
        if (parser.parseRSquare())
          return failure();
        StringAttr out = b.getStringAttr("");
        SMLoc arrowLoc = parser.getCurrentLocation();
        if (succeeded(parser.parseOptionalArrow())) {
          if (!range)
            return parser.emitError(arrowLoc)
                   << "'" << in.getValue() << "[" << start
                   << "]' indexes one position and drops the axis; write '"
                   << in.getValue() << "[" << start << ":" << start + 1
                   << "] -> NAME' to keep it as an axis of length 1";
          if (parseAxisName(parser, out))
            return failure();
        } else if (range) {
          return parser.emitError(arrowLoc)
                 << "a range of '" << in.getValue()
                 << "' needs a result axis: '-> NAME'";
        }
        ins.push_back(in);
        outs.push_back(out);
        first.push_back(start);
        last.push_back(stop);
        step.push_back(by);
        return success();
      }))
    return failure();
  axes = b.getArrayAttr(ins);
  outputAxes = b.getArrayAttr(outs);
  starts = b.getDenseI64ArrayAttr(first);
  stops = b.getDenseI64ArrayAttr(last);
  steps = b.getDenseI64ArrayAttr(step);
  return success();
}

void ng::printAxisSlices(OpAsmPrinter &printer, Operation *op, ArrayAttr axes,
                         DenseI64ArrayAttr starts, DenseI64ArrayAttr stops,
                         DenseI64ArrayAttr steps, ArrayAttr outputAxes) {
  printer << '[';
  for (size_t i = 0; i < axes.size(); ++i) {
    if (i)
      printer << ", ";
    printAxisName(printer, op, cast<StringAttr>(axes[i]));
    auto at = [](DenseI64ArrayAttr a, size_t i) -> int64_t {
      return i < (size_t)a.size() ? a[i] : 0;
    };
    auto out = i < outputAxes.size() ? cast<StringAttr>(outputAxes[i])
                                     : StringAttr();
    printer << '[' << at(starts, i);
    if (out && !out.getValue().empty()) {
      printer << ':' << at(stops, i);
      if (at(steps, i) != 1)
        printer << ':' << at(steps, i);
      printer << "] -> ";
      printAxisName(printer, op, out);
    } else {
      printer << ']';
    }
  }
  printer << ']';
}

ParseResult ng::parseAxisPads(OpAsmParser &parser, ArrayAttr &axes,
                              DenseI64ArrayAttr &low, DenseI64ArrayAttr &high,
                              ArrayAttr &outputAxes) {
  Builder &b = parser.getBuilder();
  SmallVector<Attribute> ins, outs;
  SmallVector<int64_t> lo, hi;
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square, [&] {
        StringAttr in, out;
        int64_t l, h;
        if (parseAxisName(parser, in) || parser.parseLParen() ||
            parser.parseInteger(l) || parser.parseComma() ||
            parser.parseInteger(h) || parser.parseRParen() ||
            parser.parseArrow() || parseAxisName(parser, out))
          return failure();
        ins.push_back(in);
        outs.push_back(out);
        lo.push_back(l);
        hi.push_back(h);
        return success();
      }))
    return failure();
  axes = b.getArrayAttr(ins);
  outputAxes = b.getArrayAttr(outs);
  low = b.getDenseI64ArrayAttr(lo);
  high = b.getDenseI64ArrayAttr(hi);
  return success();
}

void ng::printAxisPads(OpAsmPrinter &printer, Operation *op, ArrayAttr axes,
                       DenseI64ArrayAttr low, DenseI64ArrayAttr high,
                       ArrayAttr outputAxes) {
  printer << '[';
  for (size_t i = 0; i < axes.size(); ++i) {
    if (i)
      printer << ", ";
    printAxisName(printer, op, cast<StringAttr>(axes[i]));
    printer << '(' << (i < (size_t)low.size() ? low[i] : 0) << ", "
            << (i < (size_t)high.size() ? high[i] : 0) << ") -> ";
    if (i < outputAxes.size())
      printAxisName(printer, op, cast<StringAttr>(outputAxes[i]));
  }
  printer << ']';
}

//===----------------------------------------------------------------------===//
// Verifiers
//===----------------------------------------------------------------------===//

static LogicalResult sameElementTypes(Operation *op) {
  Type elt = tensorTy(op->getResult(0)).getElementType();
  for (Value v : op->getOperands())
    if (tensorTy(v).getElementType() != elt)
      return op->emitOpError() << "operand element type "
                               << tensorTy(v).getElementType()
                               << " differs from the result's " << elt;
  return success();
}

LogicalResult SliceOp::verify() {
  if (failed(sameElementTypes(*this)))
    return failure();
  return getRanges();
}

LogicalResult SliceBackpropOp::verify() {
  if (failed(sameElementTypes(*this)))
    return failure();
  return getRanges();
}

LogicalResult PadOp::verify() {
  if (failed(sameElementTypes(*this)))
    return failure();
  return getRanges();
}

/// The axis lists of `values`, for the shared rules.
static SmallVector<ArrayRef<AxisAttr>> axisLists(ValueRange values) {
  SmallVector<ArrayRef<AxisAttr>> lists;
  for (Value v : values)
    lists.push_back(tensorTy(v).getAxes());
  return lists;
}

FailureOr<axes::Concatenation> ConcatOp::getConcatenation() {
  return axes::resolveConcat(axisLists(getInputs()), getType().getAxes(),
                             getAxesAttr(), getOutputAxisAttr(),
                             [&] { return emitOpError(); });
}

LogicalResult ConcatOp::verify() {
  if (failed(sameElementTypes(*this)))
    return failure();
  return getConcatenation();
}

FailureOr<int64_t> StackOp::getStackPosition() {
  return axes::resolveStack(axisLists(getInputs()), getType().getAxes(),
                            getAxisAttr(), [&] { return emitOpError(); });
}

LogicalResult StackOp::verify() {
  if (failed(sameElementTypes(*this)))
    return failure();
  return getStackPosition();
}

//===----------------------------------------------------------------------===//
// Folders
//===----------------------------------------------------------------------===//

/// A splat stays a splat under any slice; a slice that keeps everything
/// (the same type) is the operand.
static OpFoldResult foldSliceLike(Operation *op, Attribute operand) {
  if (op->getOperand(0).getType() == op->getResult(0).getType())
    return op->getOperand(0);
  auto splat = dyn_cast_or_null<SplatElementsAttr>(operand);
  if (splat && isa<SliceOp>(op))
    return SplatElementsAttr::get(tensorTy(op->getResult(0)).toBuiltin(),
                                  splat.getSplatValue<Attribute>());
  return {};
}

OpFoldResult SliceOp::fold(FoldAdaptor a) {
  // slice(slice_backprop(x)) with the same ranges is x.
  if (auto inner = getOperand().getDefiningOp<SliceBackpropOp>())
    if (inner.getOperand().getType() == getType() &&
        inner.getSliceSpec().inputNames == getAxesAttr() &&
        inner.getOutputAxesAttr() == getOutputAxesAttr() &&
        inner.getStarts() == getStarts() && inner.getStops() == getStops() &&
        inner.getSteps() == getSteps())
      return inner.getOperand();
  return foldSliceLike(*this, a.getOperand());
}

OpFoldResult SliceBackpropOp::fold(FoldAdaptor a) {
  return foldSliceLike(*this, a.getOperand());
}

OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  return {};
}

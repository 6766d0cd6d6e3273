//===- NGIndexingOps.cpp - embedding lookup and random numbers ------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"

using namespace mlir;
using namespace mlir::ng;

static NGTensorType tensorTy(Value v) { return cast<NGTensorType>(v.getType()); }

//===----------------------------------------------------------------------===//
// lookup, lookup_backprop
//===----------------------------------------------------------------------===//

LogicalResult LookupOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  auto emit = [loc]() -> InFlightDiagnostic {
    return loc ? mlir::emitError(*loc) : InFlightDiagnostic();
  };
  // Parsing infers before verifying: a forward reference has whatever type
  // the text gave it.
  auto table = dyn_cast<NGTensorType>(adaptor.getTable().getType());
  auto indices = dyn_cast<NGTensorType>(adaptor.getIndices().getType());
  if (!table || !indices)
    return emit() << "table and indices must be ng tensors, got "
                  << adaptor.getTable().getType() << " and "
                  << adaptor.getIndices().getType();
  FailureOr<axes::AxisList> axes =
      axes::resolveLookup(table.getAxes(), indices.getAxes(), emit);
  if (failed(axes))
    return failure();
  results.push_back(table.withAxes(*axes));
  return success();
}

LogicalResult LookupBackpropOp::verify() {
  NGTensorType table = getType(), dy = tensorTy(getOperand());
  FailureOr<axes::AxisList> expected = axes::resolveLookup(
      table.getAxes(), tensorTy(getIndices()).getAxes(),
      [&] { return emitOpError(); });
  if (failed(expected))
    return failure();
  if (dy.getElementType() != table.getElementType())
    return emitOpError() << "operand element type " << dy.getElementType()
                         << " differs from the table's "
                         << table.getElementType();
  if (dy.getAxes() != ArrayRef<AxisAttr>(*expected))
    return emitOpError() << "operand axes " << axes::str(dy.getAxes())
                         << " must be those of the lookup, "
                         << axes::str(*expected)
                         << " (the indices' axes, then the table's after "
                         << axes::str(table.getAxes()[0]) << ")";
  return success();
}

//===----------------------------------------------------------------------===//
// random_uniform, dropout
//===----------------------------------------------------------------------===//

/// The counter is a scalar of any element type (a step count kept in a
/// variable is usually f32).
static LogicalResult verifyCounter(Operation *op, Value counter) {
  if (!tensorTy(counter).isScalar())
    return op->emitOpError() << "counter must be a scalar, got "
                             << counter.getType();
  return success();
}

LogicalResult RandomUniformOp::verify() {
  if (failed(verifyCounter(*this, getCounter())))
    return failure();
  std::optional<ArrayRef<int64_t>> lengths = getStreamLengths(),
                                   offsets = getStreamOffsets();
  if (lengths.has_value() != offsets.has_value())
    return emitOpError()
           << "stream_lengths and stream_offsets come together or not at all";
  if (!lengths)
    return success();
  ArrayRef<AxisAttr> list = getType().getAxes();
  if ((int64_t)lengths->size() != getType().getRank() ||
      (int64_t)offsets->size() != getType().getRank())
    return emitOpError() << "stream_lengths and stream_offsets need one entry "
                            "per result axis ("
                         << getType().getRank() << ")";
  for (auto [i, a] : llvm::enumerate(list)) {
    int64_t off = (*offsets)[i], len = (*lengths)[i];
    if (off < 0 || off + a.getLength() > len)
      return emitOpError() << "axis " << axes::str(a) << " at offset " << off
                           << " does not fit in the stream's length " << len;
  }
  return success();
}

LogicalResult DropoutOp::verify() {
  if (!tensorTy(getKeep()).isScalar())
    return emitOpError() << "keep probability must be a scalar, got "
                         << getKeep().getType();
  if (tensorTy(getKeep()).getElementType() != getType().getElementType())
    return emitOpError() << "keep probability's element type "
                         << tensorTy(getKeep()).getElementType()
                         << " differs from the operand's "
                         << getType().getElementType();
  return verifyCounter(*this, getCounter());
}

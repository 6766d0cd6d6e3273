//===- NGOps.cpp - ng dialect operations ----------------------------------===//
#include "NGraph/Dialect/NG/IR/NGOps.h"
#include "NGraph/Support/RandomState.h"
#include "NGraph/Dialect/NG/IR/AxisRules.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/TypeSwitch.h"
#include <cmath>
#include <cstdio>

using namespace mlir;
using namespace mlir::ng;

static NGTensorType tensorTy(Type t) { return cast<NGTensorType>(t); }
static NGTensorType tensorTy(Value v) { return cast<NGTensorType>(v.getType()); }

/// Emitter for shared rules that report at an optional location.
static auto optionalEmitter(std::optional<Location> loc) {
  return [loc]() -> InFlightDiagnostic {
    if (loc)
      return mlir::emitError(*loc);
    // No location: build a diagnostic that is dropped when it goes out of
    // scope (inference is being used as a query).
    return InFlightDiagnostic();
  };
}

//===----------------------------------------------------------------------===//
// Axis name lists: `[C, H]`
//===----------------------------------------------------------------------===//

ParseResult ng::parseAxisNames(OpAsmParser &parser, ArrayAttr &names) {
  SmallVector<Attribute> list;
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square, [&] {
        std::string s;
        if (parser.parseKeywordOrString(&s))
          return failure();
        list.push_back(parser.getBuilder().getStringAttr(s));
        return success();
      }))
    return failure();
  names = parser.getBuilder().getArrayAttr(list);
  return success();
}

/// An axis name, bare when it is a keyword, else quoted.
static void printNameAttr(OpAsmPrinter &printer, Attribute name) {
  StringRef s = cast<StringAttr>(name).getValue();
  bool bare = !s.empty() && (llvm::isAlpha(s[0]) || s[0] == '_') &&
              llvm::all_of(s, [](char c) {
                return llvm::isAlnum(c) || c == '_' || c == '$' || c == '.';
              });
  if (bare)
    printer << s;
  else
    printer << '"' << s << '"';
}

void ng::printAxisName(OpAsmPrinter &printer, Operation *, StringAttr name) {
  printNameAttr(printer, name);
}

void ng::printAxisNames(OpAsmPrinter &printer, Operation *, ArrayAttr names) {
  printer << '[';
  llvm::interleaveComma(names, printer,
                        [&](Attribute a) { printNameAttr(printer, a); });
  printer << ']';
}

//===----------------------------------------------------------------------===//
// Windows: `[H:R -> P, W:S -> Q] strides [2, 2] padding [1, 1] dilations [1, 1]`
//===----------------------------------------------------------------------===//

ParseResult ng::parseAxisName(OpAsmParser &parser, StringAttr &name) {
  std::string s;
  if (parser.parseKeywordOrString(&s))
    return failure();
  name = parser.getBuilder().getStringAttr(s);
  return success();
}

/// The window list, then the optional per-axis lists. `window` parses what
/// stands between `:` and `->` (a filter axis name or a window length).
static ParseResult
parseWindowList(OpAsmParser &parser, ArrayAttr &inputAxes,
                ArrayAttr &outputAxes,
                function_ref<ParseResult()> parseWindow,
                SmallVectorImpl<std::pair<StringRef, SmallVector<int64_t>>> &lists) {
  SmallVector<Attribute> ins, outs;
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square, [&] {
        StringAttr in, out;
        if (parseAxisName(parser, in) || parser.parseColon() || parseWindow() ||
            parser.parseArrow() || parseAxisName(parser, out))
          return failure();
        ins.push_back(in);
        outs.push_back(out);
        return success();
      }))
    return failure();
  inputAxes = parser.getBuilder().getArrayAttr(ins);
  outputAxes = parser.getBuilder().getArrayAttr(outs);
  for (auto &[keyword, values] : lists) {
    if (failed(parser.parseOptionalKeyword(keyword)))
      continue;
    values.clear();
    if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square, [&] {
          int64_t v;
          if (parser.parseInteger(v))
            return failure();
          values.push_back(v);
          return success();
        }))
      return failure();
  }
  return success();
}

static void printWindowList(OpAsmPrinter &printer, ArrayAttr inputAxes,
                            ArrayAttr outputAxes,
                            function_ref<void(size_t)> printWindow,
                            ArrayRef<std::pair<StringRef, ArrayRef<int64_t>>> lists) {
  printer << '[';
  for (size_t i = 0; i < inputAxes.size(); ++i) {
    if (i)
      printer << ", ";
    printNameAttr(printer, inputAxes[i]);
    printer << ':';
    printWindow(i);
    printer << " -> ";
    if (i < outputAxes.size())
      printNameAttr(printer, outputAxes[i]);
  }
  printer << ']';
  for (auto [keyword, values] : lists) {
    printer << ' ' << keyword << " [";
    llvm::interleaveComma(values, printer);
    printer << ']';
  }
}

/// Per-axis lists that differ from their default, for printing.
static SmallVector<std::pair<StringRef, ArrayRef<int64_t>>>
nonDefaultLists(ArrayRef<std::tuple<StringRef, DenseI64ArrayAttr, int64_t>> lists) {
  SmallVector<std::pair<StringRef, ArrayRef<int64_t>>> r;
  for (auto [keyword, attr, dflt] : lists) {
    ArrayRef<int64_t> v = attr.asArrayRef();
    if (!llvm::all_of(v, [&](int64_t x) { return x == dflt; }))
      r.push_back({keyword, v});
  }
  return r;
}

ParseResult ng::parseConvWindows(OpAsmParser &parser, ArrayAttr &inputAxes,
                                 ArrayAttr &filterAxes, ArrayAttr &outputAxes,
                                 DenseI64ArrayAttr &strides,
                                 DenseI64ArrayAttr &padding,
                                 DenseI64ArrayAttr &dilations) {
  SmallVector<Attribute> filters;
  auto parseFilter = [&]() -> ParseResult {
    StringAttr f;
    if (parseAxisName(parser, f))
      return failure();
    filters.push_back(f);
    return success();
  };
  SmallVector<std::pair<StringRef, SmallVector<int64_t>>> lists = {
      {"strides", {}}, {"padding", {}}, {"dilations", {}}};
  if (parseWindowList(parser, inputAxes, outputAxes, parseFilter, lists))
    return failure();
  filterAxes = parser.getBuilder().getArrayAttr(filters);
  size_t rank = filters.size();
  auto orDefault = [&](SmallVector<int64_t> &v, int64_t d) {
    if (v.empty())
      v.assign(rank, d);
    return parser.getBuilder().getDenseI64ArrayAttr(v);
  };
  strides = orDefault(lists[0].second, 1);
  padding = orDefault(lists[1].second, 0);
  dilations = orDefault(lists[2].second, 1);
  return success();
}

void ng::printConvWindows(OpAsmPrinter &printer, Operation *, ArrayAttr inputAxes,
                          ArrayAttr filterAxes, ArrayAttr outputAxes,
                          DenseI64ArrayAttr strides, DenseI64ArrayAttr padding,
                          DenseI64ArrayAttr dilations) {
  printWindowList(
      printer, inputAxes, outputAxes,
      [&](size_t i) {
        if (i < filterAxes.size())
          printNameAttr(printer, filterAxes[i]);
      },
      nonDefaultLists({{"strides", strides, 1},
                       {"padding", padding, 0},
                       {"dilations", dilations, 1}}));
}

ParseResult ng::parsePoolWindows(OpAsmParser &parser, ArrayAttr &inputAxes,
                                 DenseI64ArrayAttr &window,
                                 ArrayAttr &outputAxes,
                                 DenseI64ArrayAttr &strides,
                                 DenseI64ArrayAttr &padding) {
  SmallVector<int64_t> lengths;
  auto parseLength = [&]() -> ParseResult {
    int64_t v;
    if (parser.parseInteger(v))
      return failure();
    lengths.push_back(v);
    return success();
  };
  SmallVector<std::pair<StringRef, SmallVector<int64_t>>> lists = {
      {"strides", {}}, {"padding", {}}};
  if (parseWindowList(parser, inputAxes, outputAxes, parseLength, lists))
    return failure();
  window = parser.getBuilder().getDenseI64ArrayAttr(lengths);
  // Pooling strides default to the window (non-overlapping windows), as in
  // Nervana Graph, PyTorch and Keras.
  if (lists[0].second.empty())
    lists[0].second = lengths;
  strides = parser.getBuilder().getDenseI64ArrayAttr(lists[0].second);
  if (lists[1].second.empty())
    lists[1].second.assign(lengths.size(), 0);
  padding = parser.getBuilder().getDenseI64ArrayAttr(lists[1].second);
  return success();
}

void ng::printPoolWindows(OpAsmPrinter &printer, Operation *, ArrayAttr inputAxes,
                          DenseI64ArrayAttr window, ArrayAttr outputAxes,
                          DenseI64ArrayAttr strides, DenseI64ArrayAttr padding) {
  SmallVector<std::pair<StringRef, ArrayRef<int64_t>>> lists;
  if (strides.asArrayRef() != window.asArrayRef())
    lists.push_back({"strides", strides.asArrayRef()});
  if (!llvm::all_of(padding.asArrayRef(), [](int64_t p) { return p == 0; }))
    lists.push_back({"padding", padding.asArrayRef()});
  printWindowList(
      printer, inputAxes, outputAxes,
      [&](size_t i) {
        if ((int64_t)i < (int64_t)window.size())
          printer << window[i];
      },
      lists);
}

//===----------------------------------------------------------------------===//
// Shared type inference
//===----------------------------------------------------------------------===//

LogicalResult ng::inferElementwiseBinaryType(std::optional<Location> loc,
                                             Type lhsT, Type rhsT,
                                             SmallVectorImpl<Type> &results) {
  auto emit = optionalEmitter(loc);
  auto lhs = dyn_cast<NGTensorType>(lhsT), rhs = dyn_cast<NGTensorType>(rhsT);
  if (!lhs || !rhs)
    return failure();
  if (lhs.getElementType() != rhs.getElementType())
    return emit() << "operands have different element types: "
                  << lhs.getElementType() << " and " << rhs.getElementType();
  if (failed(axes::checkAgree(lhs.getAxes(), rhs.getAxes(), emit)))
    return failure();
  results.push_back(
      lhs.withAxes(axes::broadcast(lhs.getAxes(), rhs.getAxes())));
  return success();
}

LogicalResult ng::inferReductionType(std::optional<Location> loc, Type operand,
                                     ArrayAttr reduce, ArrayAttr out,
                                     Type elementType,
                                     SmallVectorImpl<Type> &results) {
  auto in = dyn_cast<NGTensorType>(operand);
  if (!in)
    return failure();
  FailureOr<axes::Reduction> r = axes::resolveReduction(
      in.getAxes(), reduce, out, optionalEmitter(loc));
  if (failed(r))
    return failure();
  results.push_back(NGTensorType::get(in.getContext(), r->kept, elementType));
  return success();
}

LogicalResult ng::inferTensorSizeType(std::optional<Location> loc, Type operand,
                                      ArrayAttr reduce, ArrayAttr out,
                                      SmallVectorImpl<Type> &results) {
  auto in = dyn_cast<NGTensorType>(operand);
  if (!in)
    return failure();
  if (failed(axes::resolveReduction(in.getAxes(), reduce, out,
                                    optionalEmitter(loc))))
    return failure();
  Type elt = in.getElementType();
  if (!isa<FloatType>(elt))
    elt = Float32Type::get(in.getContext());
  results.push_back(NGTensorType::get(in.getContext(), {}, elt));
  return success();
}

LogicalResult ng::inferLossType(std::optional<Location> loc, Type yT, Type tT,
                                ArrayAttr out, SmallVectorImpl<Type> &results) {
  auto emit = optionalEmitter(loc);
  auto y = dyn_cast<NGTensorType>(yT), t = dyn_cast<NGTensorType>(tT);
  if (!y || !t)
    return failure();
  if (y.getElementType() != t.getElementType())
    return emit() << "prediction and target have different element types: "
                  << y.getElementType() << " and " << t.getElementType();
  if (failed(axes::checkAgree(y.getAxes(), t.getAxes(), emit)))
    return failure();
  if (!axes::sameSet(y.getAxes(), t.getAxes()))
    return emit() << "prediction axes " << axes::str(y.getAxes())
                  << " and target axes " << axes::str(t.getAxes())
                  << " must be the same set";
  FailureOr<axes::Reduction> r =
      axes::resolveReduction(y.getAxes(), nullptr, out, emit);
  if (failed(r))
    return failure();
  results.push_back(y.withAxes(r->kept));
  return success();
}

LogicalResult BatchSizeOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  // Parsing infers before verifying: a forward reference has whatever type
  // the text gave it.
  auto in = dyn_cast<NGTensorType>(adaptor.getOperand().getType());
  if (!in)
    return optionalEmitter(loc)() << "operand must be an ng tensor, got "
                                  << adaptor.getOperand().getType();
  Type elt = in.getElementType();
  if (!isa<FloatType>(elt))
    elt = Float32Type::get(ctx);
  results.push_back(NGTensorType::get(ctx, {}, elt));
  return success();
}

LogicalResult DotOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &results) {
  auto emit = optionalEmitter(loc);
  auto lhs = dyn_cast<NGTensorType>(adaptor.getLhs().getType());
  auto rhs = dyn_cast<NGTensorType>(adaptor.getRhs().getType());
  if (!lhs || !rhs)
    return emit() << "operands must be ng tensors, got "
                  << adaptor.getLhs().getType() << " and "
                  << adaptor.getRhs().getType();
  if (lhs.getElementType() != rhs.getElementType())
    return emit() << "operands have different element types: "
                  << lhs.getElementType() << " and " << rhs.getElementType();
  if (failed(axes::checkAgree(lhs.getAxes(), rhs.getAxes(), emit)))
    return failure();
  results.push_back(lhs.withAxes(axes::dot(lhs.getAxes(), rhs.getAxes()).result));
  return success();
}

//===----------------------------------------------------------------------===//
// Reduced axes accessors (the ops are verified, so resolution succeeds)
//===----------------------------------------------------------------------===//

template <typename Op>
static SmallVector<AxisAttr> reducedAxesOf(Op op) {
  auto r = axes::resolveReduction(tensorTy(op.getOperand()).getAxes(),
                                  op.getReduceAttr(), op.getOutAttr(),
                                  [&] { return op.emitOpError(); });
  return failed(r) ? SmallVector<AxisAttr>() : SmallVector<AxisAttr>(r->reduced.begin(), r->reduced.end());
}

#define NG_REDUCED_AXES(OP)                                                    \
  SmallVector<AxisAttr> OP::getReducedAxes() { return reducedAxesOf(*this); }
NG_REDUCED_AXES(SumOp)
NG_REDUCED_AXES(MeanOp)
NG_REDUCED_AXES(VarianceOp)
NG_REDUCED_AXES(MaxOp)
NG_REDUCED_AXES(MinOp)
NG_REDUCED_AXES(ProdOp)
NG_REDUCED_AXES(ArgMaxOp)
NG_REDUCED_AXES(ArgMinOp)
NG_REDUCED_AXES(TensorSizeOp)
#undef NG_REDUCED_AXES

template <typename Op>
static SmallVector<AxisAttr> lossReducedAxes(Op op) {
  auto y = tensorTy(op.getY());
  auto r = axes::resolveReduction(y.getAxes(), nullptr, op.getOutAttr(),
                                  [&] { return op.emitOpError(); });
  return failed(r) ? SmallVector<AxisAttr>() : SmallVector<AxisAttr>(r->reduced.begin(), r->reduced.end());
}
SmallVector<AxisAttr> CrossEntropyBinaryOp::getReducedAxes() {
  return lossReducedAxes(*this);
}
SmallVector<AxisAttr> CrossEntropyMultiOp::getReducedAxes() {
  return lossReducedAxes(*this);
}

/// Softmax and normalize: `over`, or the default normalization axes.
template <typename Op>
static SmallVector<AxisAttr> normalizationAxesOf(Op op) {
  auto r = axes::normalizationAxes(op.getType().getAxes(), op.getOverAttr(),
                                   [&] { return op.emitOpError(); });
  return failed(r) ? SmallVector<AxisAttr>() : SmallVector<AxisAttr>(r->begin(), r->end());
}

SmallVector<AxisAttr> SoftmaxOp::getNormalizationAxes() {
  return normalizationAxesOf(*this);
}

//===----------------------------------------------------------------------===//
// Graph and computations
//===----------------------------------------------------------------------===//

void GraphOp::build(OpBuilder &builder, OperationState &state, StringRef name) {
  state.addAttribute(::mlir::SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  state.addRegion()->emplaceBlock();
}

namespace {
/// First use of each axis name, to check that a name denotes one axis.
struct AxisTable {
  llvm::StringMap<std::pair<AxisAttr, Operation *>> first;
  LogicalResult check(Operation *op, Type type) {
    auto t = dyn_cast<NGTensorType>(type);
    if (!t)
      return success();
    for (AxisAttr a : t.getAxes()) {
      auto [it, inserted] = first.try_emplace(a.getName().getValue(), a, op);
      if (inserted || it->second.first == a)
        continue;
      InFlightDiagnostic diag = op->emitOpError()
                                << "axis '" << a.getName().getValue()
                                << "' is " << axes::str(a) << " here but "
                                << axes::str(it->second.first)
                                << " at its first use";
      diag.attachNote(it->second.second->getLoc()) << "first used here";
      return failure();
    }
    return success();
  }
  LogicalResult checkOp(Operation *op) {
    for (Type t : op->getResultTypes())
      if (failed(check(op, t)))
        return failure();
    for (Type t : op->getOperandTypes())
      if (failed(check(op, t)))
        return failure();
    return success();
  }
};
} // namespace

LogicalResult GraphOp::verifyRegions() {
  AxisTable table;
  // One name, one axis, across the graphs of a module: earlier graphs first.
  if (auto module = (*this)->getParentOfType<ModuleOp>()) {
    for (auto other : module.getOps<GraphOp>()) {
      if (other == *this)
        break;
      other.getBodyBlock().walk([&](Operation *op) { (void)table.checkOp(op); });
    }
  }
  llvm::StringMap<Operation *> placeholders, variables;
  for (Operation &op : getBodyBlock()) {
    // Including the ops in a recurrence's body.
    WalkResult checked = op.walk([&](Operation *inner) {
      return failed(table.checkOp(inner)) ? WalkResult::interrupt()
                                          : WalkResult::advance();
    });
    if (checked.wasInterrupted())
      return failure();
    StringRef name;
    llvm::StringMap<Operation *> *seen = nullptr;
    if (auto p = dyn_cast<PlaceholderOp>(op)) {
      name = p.getName();
      seen = &placeholders;
    } else if (auto v = dyn_cast<VariableOp>(op)) {
      name = v.getName();
      seen = &variables;
    }
    if (!seen)
      continue;
    auto [it, inserted] = seen->try_emplace(name, &op);
    if (!inserted) {
      InFlightDiagnostic d = op.emitOpError()
                             << "name '" << name << "' is already used in graph @"
                             << getSymName();
      d.attachNote(it->second->getLoc()) << "first used here";
      return failure();
    }
  }
  return success();
}

LogicalResult ComputationOp::verify() {
  llvm::SmallPtrSet<Operation *, 8> inputs;
  for (auto [i, in] : llvm::enumerate(getInputs())) {
    auto p = in.getDefiningOp<PlaceholderOp>();
    if (!p)
      return emitOpError() << "input #" << i << " of computation @"
                           << getSymName() << " is not a placeholder";
    if (!inputs.insert(p).second)
      return emitOpError() << "placeholder '" << p.getName()
                           << "' is listed twice among the inputs of @"
                           << getSymName();
  }
  // The same value may be listed twice (optimizations can merge outputs).
  for (auto [i, out] : llvm::enumerate(getOutputs())) {
    if (!isa<NGTensorType, EffectType>(out.getType()))
      return emitOpError() << "output #" << i
                           << " must be an ng tensor or an effect, got "
                           << out.getType();
    // Every placeholder the output depends on must be an input.
    SmallVector<Value> worklist{out};
    llvm::SmallPtrSet<Operation *, 16> visited;
    while (!worklist.empty()) {
      Operation *def = worklist.pop_back_val().getDefiningOp();
      if (!def || !visited.insert(def).second)
        continue;
      if (auto p = dyn_cast<PlaceholderOp>(def)) {
        if (!inputs.contains(p)) {
          InFlightDiagnostic d =
              emitOpError() << "output #" << i << " of computation @"
                            << getSymName() << " depends on placeholder '"
                            << p.getName() << "', which is not among its inputs";
          d.attachNote(p.getLoc()) << "placeholder defined here";
          return d;
        }
        continue;
      }
      llvm::append_range(worklist, def->getOperands());
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Literal values: `1.0`, `[[1.0, 2.0], [3.0, 4.0]]`
//===----------------------------------------------------------------------===//

namespace {
struct Literal {
  SmallVector<double> values;
  SmallVector<int64_t> shape; // empty for a bare number
};
} // namespace

/// A number, integer or floating point, with an optional minus sign.
static ParseResult parseNumber(OpAsmParser &parser, double &v) {
  bool negative = succeeded(parser.parseOptionalMinus());
  // Non-finite values are written as words (printLiteral).
  if (succeeded(parser.parseOptionalKeyword("inf"))) {
    v = negative ? -INFINITY : INFINITY;
    return success();
  }
  if (succeeded(parser.parseOptionalKeyword("nan"))) {
    v = NAN;
    return success();
  }
  APInt i;
  OptionalParseResult asInt = parser.parseOptionalDecimalInteger(i);
  if (asInt.has_value()) {
    if (failed(*asInt))
      return failure();
    v = (double)i.getSExtValue();
  } else if (parser.parseFloat(v)) {
    return failure();
  }
  if (negative)
    v = -v;
  return success();
}

static ParseResult parseLiteral(OpAsmParser &parser, Literal &lit) {
  // Nested lists: record the length at each depth and insist they agree.
  std::function<ParseResult(size_t)> parseLevel = [&](size_t depth) -> ParseResult {
    if (succeeded(parser.parseOptionalLSquare())) {
      int64_t count = 0;
      if (failed(parser.parseOptionalRSquare())) {
        do {
          if (parseLevel(depth + 1))
            return failure();
          ++count;
        } while (succeeded(parser.parseOptionalComma()));
        if (parser.parseRSquare())
          return failure();
      }
      if (lit.shape.size() <= depth)
        lit.shape.resize(depth + 1, -1);
      if (lit.shape[depth] == -1)
        lit.shape[depth] = count;
      else if (lit.shape[depth] != count)
        return parser.emitError(parser.getCurrentLocation(),
                                "ragged literal: rows at depth ")
               << depth << " have " << lit.shape[depth] << " and " << count
               << " elements";
      return success();
    }
    double v;
    if (parseNumber(parser, v))
      return failure();
    lit.values.push_back(v);
    return success();
  };
  return parseLevel(0);
}

/// Builds the storage attribute for `lit` as a value of `type`.
static FailureOr<DenseElementsAttr>
literalToAttr(OpAsmParser &parser, SMLoc loc, const Literal &lit,
              NGTensorType type) {
  if (failed(axes::requireStatic(type.getAxes(), "the axis of a value given "
                                 "in the graph", [&] {
        return parser.emitError(loc);
      })))
    return failure();
  RankedTensorType storage = type.toBuiltin();
  bool bare = lit.shape.empty();
  if (!bare && ArrayRef<int64_t>(lit.shape) != storage.getShape())
    return parser.emitError(loc, "literal of shape [")
           << lit.shape << "] does not match the type's shape ["
           << storage.getShape() << "]";
  if (bare && lit.values.size() != 1)
    return parser.emitError(loc, "expected one number");
  Type elt = type.getElementType();
  if (elt.isInteger())
    for (double d : lit.values)
      if (!(d == std::floor(d) && d >= -0x1p63 && d < 0x1p63))
      {
        char text[32];
        std::snprintf(text, sizeof text, "%g", d);
        return parser.emitError(loc, "the literal's element ")
               << text << " is not a value of the integer type " << elt;
      }
  unsigned width = elt.isInteger() ? elt.getIntOrFloatBitWidth() : 0;
  if (bare) {
    if (elt.isInteger())
      return DenseElementsAttr::get(
          storage, APInt(width, (int64_t)lit.values[0], true, true));
    APFloat v(lit.values[0]);
    bool lost;
    v.convert(cast<FloatType>(elt).getFloatSemantics(),
              APFloat::rmNearestTiesToEven, &lost);
    return DenseElementsAttr::get(storage, v);
  }
  if (elt.isInteger()) {
    SmallVector<APInt> ints;
    for (double d : lit.values)
      ints.push_back(APInt(width, (int64_t)d, true, true));
    return DenseElementsAttr::get(storage, ints);
  }
  SmallVector<APFloat> fs;
  for (double d : lit.values) {
    APFloat v(d);
    bool lost;
    v.convert(cast<FloatType>(elt).getFloatSemantics(),
              APFloat::rmNearestTiesToEven, &lost);
    fs.push_back(v);
  }
  return DenseElementsAttr::get(storage, fs);
}

static void printLiteral(OpAsmPrinter &p, ElementsAttr value) {
  auto dense = cast<DenseElementsAttr>(value);
  auto printElt = [&](int64_t i) {
    if (dense.getElementType().isInteger()) {
      p << dense.getValues<APInt>()[i].getSExtValue();
      return;
    }
    APFloat v = dense.getValues<APFloat>()[i];
    // printFloat would write their bits in hex, which the list syntax
    // does not read back.
    if (v.isNaN())
      p << "nan";
    else if (v.isInfinity())
      p << (v.isNegative() ? "-inf" : "inf");
    else
      p.printFloat(v);
  };
  if (dense.isSplat()) {
    printElt(0);
    return;
  }
  ArrayRef<int64_t> shape = dense.getType().getShape();
  int64_t flat = 0;
  std::function<void(size_t)> level = [&](size_t d) {
    if (d == shape.size()) {
      printElt(flat++);
      return;
    }
    p << '[';
    for (int64_t i = 0; i < shape[d]; ++i) {
      if (i)
        p << ", ";
      level(d + 1);
    }
    p << ']';
  };
  level(0);
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

void ConstantOp::build(OpBuilder &b, OperationState &state, NGTensorType type,
                       double splat) {
  RankedTensorType storage = type.toBuiltin();
  Attribute value;
  if (type.getElementType().isInteger(32))
    value = DenseElementsAttr::get(storage, APInt(32, (int64_t)splat, true));
  else {
    APFloat v(splat);
    bool lost;
    v.convert(cast<FloatType>(type.getElementType()).getFloatSemantics(),
              APFloat::rmNearestTiesToEven, &lost);
    value = DenseElementsAttr::get(storage, v);
  }
  build(b, state, type, cast<ElementsAttr>(value));
}

ParseResult ConstantOp::parse(OpAsmParser &parser, OperationState &result) {
  SMLoc loc = parser.getCurrentLocation();
  Literal lit;
  Type type;
  if (parseLiteral(parser, lit) ||
      parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      parser.parseType(type))
    return failure();
  auto t = dyn_cast<NGTensorType>(type);
  if (!t)
    return parser.emitError(loc, "ng.constant needs an ng tensor type");
  FailureOr<DenseElementsAttr> value = literalToAttr(parser, loc, lit, t);
  if (failed(value))
    return failure();
  result.getOrAddProperties<Properties>().value = *value;
  result.addTypes(type);
  return success();
}

void ConstantOp::print(OpAsmPrinter &p) {
  p << ' ';
  printLiteral(p, getValue());
  p.printOptionalAttrDict((*this)->getAttrs(), {"value"});
  p << " : " << getType();
}

LogicalResult ConstantOp::verify() {
  auto type = tensorTy(getType());
  if (failed(axes::requireStatic(type.getAxes(), "an axis of a constant",
                                 [&] { return emitOpError(); })))
    return failure();
  if (getValue().getShapedType() != type.toBuiltin())
    return emitOpError() << "value of type " << getValue().getShapedType()
                         << " does not match " << type;
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// VariableOp
//===----------------------------------------------------------------------===//

ParseResult VariableOp::parse(OpAsmParser &parser, OperationState &result) {
  std::string name;
  if (parser.parseString(&name) || parser.parseKeyword("init"))
    return failure();
  SMLoc loc = parser.getCurrentLocation();
  Attribute init;
  std::optional<Literal> lit;
  auto parseRandom = [&](bool uniform) -> ParseResult {
    double a, b;
    uint64_t seed = 0;
    if (parser.parseLParen() || parseNumber(parser, a) || parser.parseComma() ||
        parseNumber(parser, b))
      return failure();
    if (succeeded(parser.parseOptionalComma()) &&
        (parser.parseKeyword("seed") || parser.parseInteger(seed)))
      return failure();
    if (parser.parseRParen())
      return failure();
    if (uniform) {
      if (!(a < b))
        return parser.emitError(loc, "uniform initializer needs low < high");
      init = UniformInitAttr::get(parser.getContext(), parser.getBuilder().getF64FloatAttr(a),
                                  parser.getBuilder().getF64FloatAttr(b), seed);
    } else {
      if (b < 0)
        return parser.emitError(loc, "normal initializer needs stddev >= 0");
      init = NormalInitAttr::get(parser.getContext(), parser.getBuilder().getF64FloatAttr(a),
                                 parser.getBuilder().getF64FloatAttr(b), seed);
    }
    return success();
  };
  if (succeeded(parser.parseOptionalKeyword("uniform"))) {
    if (parseRandom(true))
      return failure();
  } else if (succeeded(parser.parseOptionalKeyword("normal"))) {
    if (parseRandom(false))
      return failure();
  } else {
    lit.emplace();
    if (parseLiteral(parser, *lit))
      return failure();
  }
  Type type;
  if (parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      parser.parseType(type))
    return failure();
  auto t = dyn_cast<NGTensorType>(type);
  if (!t)
    return parser.emitError(loc, "ng.variable needs an ng tensor type");
  if (lit) {
    FailureOr<DenseElementsAttr> v = literalToAttr(parser, loc, *lit, t);
    if (failed(v))
      return failure();
    init = *v;
  }
  auto &props = result.getOrAddProperties<Properties>();
  props.name = parser.getBuilder().getStringAttr(name);
  props.init = init;
  result.addTypes(type);
  return success();
}

void VariableOp::print(OpAsmPrinter &p) {
  p << ' ';
  p.printString(getName());
  p << " init ";
  Attribute init = getInit();
  auto printRandom = [&](StringRef kind, FloatAttr a, FloatAttr b,
                         uint64_t seed) {
    p << kind << '(';
    p.printFloat(a.getValue());
    p << ", ";
    p.printFloat(b.getValue());
    p << ", seed " << seed << ')';
  };
  if (auto u = dyn_cast<UniformInitAttr>(init))
    printRandom("uniform", u.getLow(), u.getHigh(), u.getSeed());
  else if (auto n = dyn_cast<NormalInitAttr>(init))
    printRandom("normal", n.getMean(), n.getStddev(), n.getSeed());
  else
    printLiteral(p, cast<ElementsAttr>(init));
  p.printOptionalAttrDict((*this)->getAttrs(), {"name", "init"});
  p << " : " << getType();
}

LogicalResult VariableOp::verify() {
  auto type = tensorTy(getType());
  // A variable keeps its value between calls of any batch length.
  if (failed(axes::requireStatic(type.getAxes(), "an axis of a variable",
                                 [&] { return emitOpError(); })))
    return failure();
  Attribute init = getInit();
  if (isa<UniformInitAttr, NormalInitAttr>(init)) {
    if (!isa<FloatType>(type.getElementType()))
      return emitOpError() << "random initializers need a float element type";
    return success();
  }
  auto elements = dyn_cast<ElementsAttr>(init);
  if (!elements)
    return emitOpError() << "initial value must be a number, a dense array, "
                            "uniform(...) or normal(...)";
  if (elements.getShapedType() != type.toBuiltin())
    return emitOpError() << "initial value of type " << elements.getShapedType()
                         << " does not match " << type;
  return success();
}

//===----------------------------------------------------------------------===//
// Verifiers
//===----------------------------------------------------------------------===//

SmallVector<AxisAttr> NormalizeOp::getNormalizationAxes() {
  return normalizationAxesOf(*this);
}

LogicalResult NormalizeOp::verify() {
  if (!(getEps().convertToDouble() > 0))
    return emitOpError() << "eps must be positive, got "
                         << getEps().convertToDouble();
  return axes::normalizationAxes(getType().getAxes(), getOverAttr(),
                                 [&] { return emitOpError(); });
}

LogicalResult SoftmaxOp::verify() {
  return axes::normalizationAxes(getType().getAxes(), getOverAttr(),
                                 [&] { return emitOpError(); });
}

LogicalResult OneHotOp::verify() {
  auto in = tensorTy(getLabels()), out = tensorTy(getResult());
  if (out.getRank() != in.getRank() + 1 ||
      out.getAxes().drop_front() != in.getAxes())
    return emitOpError() << "result axes " << axes::str(out.getAxes())
                         << " must be one new axis followed by the labels' axes "
                         << axes::str(in.getAxes());
  if (in.hasAxis(out.getAxes()[0].getName()))
    return emitOpError() << "the one-hot axis '"
                         << out.getAxes()[0].getName().getValue()
                         << "' must not be an axis of the labels";
  return success();
}

static LogicalResult sameElementType(Operation *op, NGTensorType a, NGTensorType b) {
  if (a.getElementType() != b.getElementType())
    return op->emitOpError() << "element type changes from "
                             << a.getElementType() << " to "
                             << b.getElementType() << "; use ng.convert";
  return success();
}

/// Convolution-family ops: one element type, the forward op's axis rules.
template <typename Op>
static LogicalResult verifyConvolutionFamily(Op op) {
  NGTensorType x = op.getInputType(), w = op.getFilterType(),
               y = op.getOutputType();
  if (x.getElementType() != w.getElementType() ||
      x.getElementType() != y.getElementType())
    return op.emitOpError() << "input, filter and output must have one element "
                               "type, got "
                            << x.getElementType() << ", " << w.getElementType()
                            << " and " << y.getElementType();
  return op.getConvolutionAxes();
}
LogicalResult ConvolutionOp::verify() { return verifyConvolutionFamily(*this); }
LogicalResult ConvolutionBackpropDataOp::verify() {
  return verifyConvolutionFamily(*this);
}
LogicalResult ConvolutionBackpropFilterOp::verify() {
  return verifyConvolutionFamily(*this);
}

template <typename Op>
static LogicalResult verifyPoolFamily(Op op) {
  NGTensorType x = op.getInputType(), y = op.getOutputType();
  if (x.getElementType() != y.getElementType())
    return op.emitOpError() << "input and output must have one element type, got "
                            << x.getElementType() << " and "
                            << y.getElementType();
  if (op.getWindow().size() > 8)
    return op.emitOpError() << "pools over at most 8 spatial axes";
  return op.getPoolingAxes();
}
LogicalResult PoolOp::verify() { return verifyPoolFamily(*this); }
LogicalResult PoolBackpropOp::verify() {
  if (getType() != getInputType())
    return emitOpError() << "result type " << getType()
                         << " must be the input's type " << getInputType();
  return verifyPoolFamily(*this);
}

LogicalResult BroadcastOp::verify() {
  auto in = tensorTy(getOperand()), out = tensorTy(getResult());
  if (failed(sameElementType(*this, in, out)) ||
      failed(axes::checkAgree(in.getAxes(), out.getAxes(),
                              [&] { return emitOpError(); })))
    return failure();
  if (!axes::isSubset(in.getAxes(), out.getAxes()))
    return emitOpError() << "cannot broadcast " << axes::str(in.getAxes())
                         << " to " << axes::str(out.getAxes())
                         << ": the result must contain every operand axis";
  return success();
}

LogicalResult CastAxesOp::verify() {
  auto in = tensorTy(getOperand()), out = tensorTy(getResult());
  if (failed(sameElementType(*this, in, out)))
    return failure();
  if (in.getRank() != out.getRank())
    return emitOpError() << "cannot cast " << in.getRank() << " axes to "
                         << out.getRank();
  for (auto [a, b] : llvm::zip(in.getAxes(), out.getAxes()))
    if (a.getLength() != b.getLength())
      return emitOpError() << "cannot cast axis " << axes::str(a) << " to "
                           << axes::str(b) << ": lengths differ";
  return success();
}

LogicalResult ReorderOp::verify() {
  auto in = tensorTy(getOperand()), out = tensorTy(getResult());
  if (failed(sameElementType(*this, in, out)) ||
      failed(axes::checkAgree(in.getAxes(), out.getAxes(),
                              [&] { return emitOpError(); })))
    return failure();
  if (!axes::sameSet(in.getAxes(), out.getAxes()))
    return emitOpError() << "reorder must keep the same axes: "
                         << axes::str(in.getAxes()) << " vs "
                         << axes::str(out.getAxes());
  return success();
}

LogicalResult FlattenOp::verify() {
  auto in = tensorTy(getOperand()), out = tensorTy(getResult());
  if (failed(sameElementType(*this, in, out)))
    return failure();
  return axes::matchFlatten(in.getAxes(), out.getAxes(),
                            [&] { return emitOpError(); });
}

LogicalResult UnflattenOp::verify() {
  auto in = tensorTy(getOperand()), out = tensorTy(getResult());
  if (failed(sameElementType(*this, in, out)))
    return failure();
  return axes::matchFlatten(out.getAxes(), in.getAxes(),
                            [&] { return emitOpError(); });
}

LogicalResult ConvertOp::verify() {
  auto in = tensorTy(getOperand()), out = tensorTy(getResult());
  if (in.getAxes() != out.getAxes())
    return emitOpError() << "convert keeps the axes: "
                         << axes::str(in.getAxes()) << " vs "
                         << axes::str(out.getAxes());
  return success();
}

VariableOp AssignOp::getVariableOp() {
  return getVariable().getDefiningOp<VariableOp>();
}

LogicalResult AssignOp::verify() {
  if (!getVariableOp())
    return emitOpError() << "the first operand must be an ng.variable";
  auto var = tensorTy(getVariable()), val = tensorTy(getValue());
  if (failed(sameElementType(*this, val, var)) ||
      failed(axes::checkAgree(val.getAxes(), var.getAxes(),
                              [&] { return emitOpError(); })))
    return failure();
  if (!axes::isSubset(val.getAxes(), var.getAxes()))
    return emitOpError() << "value axes " << axes::str(val.getAxes())
                         << " are not a subset of variable '"
                         << getVariableOp().getName() << "' axes "
                         << axes::str(var.getAxes());
  return success();
}

LogicalResult AllReduceOp::verify() {
  // A value with a batch axis is a shard, not a partial result: combining
  // shards elementwise across ranks has no meaning.
  for (AxisAttr a : tensorTy(getOperand()).getAxes())
    if (a.isBatch())
      return emitOpError() << "operand has batch axis " << a.getName()
                           << ": only values without batch axes (partial "
                              "results every rank holds whole) can be "
                              "combined across ranks";
  return success();
}

LogicalResult DerivOp::verify() {
  auto loss = tensorTy(getLoss());
  if (!loss.isScalar())
    return emitOpError() << "loss must be a scalar, got axes "
                         << axes::str(loss.getAxes())
                         << "; reduce it first (e.g. ng.sum ... out [])";
  return success();
}

//===----------------------------------------------------------------------===//
// Folders
//===----------------------------------------------------------------------===//

/// The splat value of a constant operand, if any.
static std::optional<double> splatOf(Attribute a) {
  auto d = dyn_cast_or_null<DenseElementsAttr>(a);
  if (!d || !d.isSplat())
    return std::nullopt;
  if (d.getElementType().isInteger())
    return (double)d.getSplatValue<APInt>().getSExtValue();
  return d.getSplatValue<APFloat>().convertToDouble();
}

static Attribute splatAttr(NGTensorType type, double v) {
  // An `N:?` value has no elements to hold until it is specialized.
  if (axes::hasDynamic(type.getAxes()))
    return {};
  RankedTensorType storage = type.toBuiltin();
  if (type.getElementType().isInteger(32))
    return DenseElementsAttr::get(storage, APInt(32, (int64_t)v, true));
  APFloat f(v);
  bool lost;
  f.convert(cast<FloatType>(type.getElementType()).getFloatSemantics(),
            APFloat::rmNearestTiesToEven, &lost);
  return DenseElementsAttr::get(storage, f);
}

template <typename Fn>
static OpFoldResult foldUnary(Operation *op, Attribute in, Fn fn) {
  if (auto v = splatOf(in))
    return splatAttr(tensorTy(op->getResult(0)), fn(*v));
  return {};
}

static double sigmoidOf(double x) { return 1.0 / (1.0 + std::exp(-x)); }
static double safelogOf(double x) {
  return std::max(std::log(x + std::exp(-50.0)), -50.0);
}
static double signOf(double x) { return (x > 0) - (x < 0); }

OpFoldResult NegativeOp::fold(FoldAdaptor a) {
  if (auto inner = getOperand().getDefiningOp<NegativeOp>())
    return inner.getOperand();
  return foldUnary(*this, a.getOperand(), [](double x) { return -x; });
}
#define NG_UNARY_FOLD(OP, EXPR)                                                \
  OpFoldResult OP::fold(FoldAdaptor a) {                                       \
    return foldUnary(*this, a.getOperand(), [](double x) { return EXPR; });    \
  }
NG_UNARY_FOLD(AbsOp, std::fabs(x))
NG_UNARY_FOLD(SignOp, signOf(x))
NG_UNARY_FOLD(ExpOp, std::exp(x))
NG_UNARY_FOLD(LogOp, std::log(x))
NG_UNARY_FOLD(SafeLogOp, safelogOf(x))
NG_UNARY_FOLD(SqrtOp, std::sqrt(x))
NG_UNARY_FOLD(SquareOp, x *x)
NG_UNARY_FOLD(ReciprocalOp, 1.0 / x)
NG_UNARY_FOLD(TanhOp, std::tanh(x))
NG_UNARY_FOLD(SigmoidOp, sigmoidOf(x))
NG_UNARY_FOLD(ReluOp, std::max(x, 0.0))
#undef NG_UNARY_FOLD

/// Folds two splat constants, and `x op c` to `x` where `c` is the identity
/// on the given side and no broadcast happens.
template <typename Fn>
static OpFoldResult foldBinary(Operation *op, Attribute lhsA, Attribute rhsA,
                               Fn fn, std::optional<double> rightIdentity,
                               std::optional<double> leftIdentity) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  Type resultType = op->getResult(0).getType();
  auto l = splatOf(lhsA), r = splatOf(rhsA);
  if (l && r) {
    bool isInt = tensorTy(resultType).getElementType().isInteger();
    double v = fn(*l, *r);
    if (isInt && !std::isfinite(v))
      return {};
    return splatAttr(tensorTy(resultType), v);
  }
  if (rightIdentity && r && *r == *rightIdentity && lhs.getType() == resultType)
    return lhs;
  if (leftIdentity && l && *l == *leftIdentity && rhs.getType() == resultType)
    return rhs;
  return {};
}

#define NG_BINARY_FOLD(OP, EXPR, RID, LID)                                     \
  OpFoldResult OP::fold(FoldAdaptor a) {                                       \
    return foldBinary(                                                         \
        *this, a.getLhs(), a.getRhs(),                                         \
        [](double x, double y) -> double { return EXPR; }, RID, LID);          \
  }
NG_BINARY_FOLD(AddOp, x + y, 0.0, 0.0)
NG_BINARY_FOLD(SubtractOp, x - y, 0.0, std::nullopt)
NG_BINARY_FOLD(MultiplyOp, x *y, 1.0, 1.0)
NG_BINARY_FOLD(DivideOp, x / y, 1.0, std::nullopt)
NG_BINARY_FOLD(MaximumOp, std::max(x, y), std::nullopt, std::nullopt)
NG_BINARY_FOLD(MinimumOp, std::min(x, y), std::nullopt, std::nullopt)
NG_BINARY_FOLD(PowerOp, std::pow(x, y), 1.0, std::nullopt)
NG_BINARY_FOLD(LessOp, x < y, std::nullopt, std::nullopt)
NG_BINARY_FOLD(LessEqualOp, x <= y, std::nullopt, std::nullopt)
NG_BINARY_FOLD(GreaterOp, x > y, std::nullopt, std::nullopt)
NG_BINARY_FOLD(GreaterEqualOp, x >= y, std::nullopt, std::nullopt)
NG_BINARY_FOLD(EqualOp, x == y, std::nullopt, std::nullopt)
NG_BINARY_FOLD(NotEqualOp, x != y, std::nullopt, std::nullopt)
#undef NG_BINARY_FOLD

OpFoldResult SumOp::fold(FoldAdaptor) {
  // Reducing nothing with the operand's order is the identity.
  if (getOperand().getType() == getType())
    return getOperand();
  return {};
}

OpFoldResult TensorSizeOp::fold(FoldAdaptor) {
  if (axes::hasDynamic(getReducedAxes()))
    return {};
  return splatAttr(tensorTy(getType()),
                   (double)axes::numElements(getReducedAxes()));
}

OpFoldResult BatchSizeOp::fold(FoldAdaptor) {
  int64_t n = 1;
  for (AxisAttr a : tensorTy(getOperand()).getAxes()) {
    if (a.isDynamic())
      return {}; // known once the graph is specialized
    if (a.isBatch())
      n *= a.getLength();
  }
  return splatAttr(tensorTy(getType()), (double)n);
}

/// Axis ops: identity, splat constants, and collapsing chains of the same op.
template <typename Op>
static OpFoldResult foldAxisOp(Op op, Attribute in) {
  if (op.getOperand().getType() == op.getType())
    return op.getOperand();
  if (auto v = splatOf(in))
    return splatAttr(tensorTy(op.getType()), *v);
  if (auto inner = op.getOperand().template getDefiningOp<Op>()) {
    if (inner.getOperand().getType() == op.getType())
      return inner.getOperand();
    op.getOperandMutable().assign(inner.getOperand());
    return op.getResult();
  }
  return {};
}

OpFoldResult BroadcastOp::fold(FoldAdaptor a) { return foldAxisOp(*this, a.getOperand()); }
OpFoldResult ReorderOp::fold(FoldAdaptor a) { return foldAxisOp(*this, a.getOperand()); }
OpFoldResult CastAxesOp::fold(FoldAdaptor a) { return foldAxisOp(*this, a.getOperand()); }

OpFoldResult FlattenOp::fold(FoldAdaptor a) {
  if (getOperand().getType() == getType())
    return getOperand();
  if (auto inner = getOperand().getDefiningOp<UnflattenOp>())
    if (inner.getOperand().getType() == getType())
      return inner.getOperand();
  if (auto v = splatOf(a.getOperand()))
    return splatAttr(tensorTy(getType()), *v);
  return {};
}

OpFoldResult UnflattenOp::fold(FoldAdaptor a) {
  if (getOperand().getType() == getType())
    return getOperand();
  if (auto inner = getOperand().getDefiningOp<FlattenOp>())
    if (inner.getOperand().getType() == getType())
      return inner.getOperand();
  if (auto v = splatOf(a.getOperand()))
    return splatAttr(tensorTy(getType()), *v);
  return {};
}

OpFoldResult ConvertOp::fold(FoldAdaptor a) {
  if (getOperand().getType() == getType())
    return getOperand();
  if (auto v = splatOf(a.getOperand()))
    return splatAttr(tensorTy(getType()), *v);
  return {};
}

#define GET_OP_CLASSES
#include "NGraph/Dialect/NG/IR/NGOps.cpp.inc"
#include "NGraph/Dialect/NG/IR/NGInterfaces.cpp.inc"

//===----------------------------------------------------------------------===//
// VariableOp initial values
//===----------------------------------------------------------------------===//

DenseElementsAttr VariableOp::getInitialValue() {
  auto type = cast<NGTensorType>(getType());
  RankedTensorType storage = type.toBuiltin();
  Attribute init = getInit();
  if (auto d = dyn_cast<DenseElementsAttr>(init))
    return d;
  // Seeded random values in row-major order: numpy's
  // RandomState(seed).uniform(low, high, shape) / .normal(mean, std, shape).
  std::optional<ngraph::RandomState> rng;
  std::function<double()> draw;
  if (auto u = dyn_cast<UniformInitAttr>(init)) {
    rng.emplace((uint32_t)u.getSeed());
    double lo = u.getLow().getValueAsDouble(), hi = u.getHigh().getValueAsDouble();
    draw = [&, lo, hi] { return rng->uniform(lo, hi); };
  } else {
    auto n = cast<NormalInitAttr>(init);
    rng.emplace((uint32_t)n.getSeed());
    double m = n.getMean().getValueAsDouble(), s = n.getStddev().getValueAsDouble();
    draw = [&, m, s] { return rng->normal(m, s); };
  }
  int64_t count = type.getNumElements();
  if (type.getElementType().isF64()) {
    SmallVector<double> vals;
    for (int64_t i = 0; i < count; ++i)
      vals.push_back(draw());
    return DenseElementsAttr::get(storage, ArrayRef<double>(vals));
  }
  SmallVector<float> vals;
  for (int64_t i = 0; i < count; ++i)
    vals.push_back((float)draw());
  return DenseElementsAttr::get(storage, ArrayRef<float>(vals));
}

SmallVector<VariableOp> mlir::ng::variablesOf(Value value) {
  llvm::SmallPtrSet<Operation *, 32> seen;
  SmallVector<Value> work = {value};
  SmallVector<VariableOp> found;
  while (!work.empty()) {
    Operation *def = work.pop_back_val().getDefiningOp();
    if (!def || !seen.insert(def).second)
      continue;
    if (auto v = dyn_cast<VariableOp>(def)) {
      found.push_back(v);
      continue;
    }
    for (Value operand : def->getOperands())
      work.push_back(operand);
  }
  llvm::sort(found, [](VariableOp a, VariableOp b) {
    return a->isBeforeInBlock(b);
  });
  return found;
}

//===----------------------------------------------------------------------===//
// Axes of no fixed length
//===----------------------------------------------------------------------===//

/// Walks every attribute and type `root` holds, nested ones included.
static void walkAxes(Operation *root, function_ref<WalkResult(Operation *,
                                                              AxisAttr)> fn) {
  root->walk([&](Operation *op) {
    auto visit = [&](AxisAttr a) { return fn(op, a); };
    for (Value r : op->getResults())
      if (r.getType().walk(visit).wasInterrupted())
        return WalkResult::interrupt();
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          if (arg.getType().walk(visit).wasInterrupted())
            return WalkResult::interrupt();
    if (op->getAttrDictionary().walk(visit).wasInterrupted())
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
}

SmallVector<AxisAttr> mlir::ng::dynamicAxesOf(Operation *root) {
  llvm::SetVector<AxisAttr> found;
  walkAxes(root, [&](Operation *, AxisAttr a) {
    if (a.isDynamic())
      found.insert(a);
    return WalkResult::advance();
  });
  return SmallVector<AxisAttr>(found.getArrayRef());
}

LogicalResult mlir::ng::requireStaticAxes(Operation *root, StringRef pass) {
  bool failed = false;
  walkAxes(root, [&](Operation *op, AxisAttr a) {
    if (!a.isDynamic())
      return WalkResult::advance();
    op->emitOpError() << "uses axis " << axes::str(a)
                      << ", whose length is given at call time; " << pass
                      << " needs fixed lengths (run ng-specialize-axes first)";
    failed = true;
    return WalkResult::interrupt();
  });
  return success(!failed);
}

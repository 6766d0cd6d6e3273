//===- NGDialect.cpp - ng dialect, types and attributes -------------------===//
#include "NGraph/Dialect/NG/IR/NGDialect.h"
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"
#include "NGraph/Dialect/NG/IR/NGTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::ng;

#include "NGraph/Dialect/NG/IR/NGDialect.cpp.inc"
#include "NGraph/Dialect/NG/IR/NGEnums.cpp.inc"

//===----------------------------------------------------------------------===//
// Axis syntax: `N:128 batch`
//===----------------------------------------------------------------------===//

static bool isBareIdentifier(StringRef s) {
  if (s.empty() || !(llvm::isAlpha(s[0]) || s[0] == '_'))
    return false;
  return llvm::all_of(s, [](char c) {
    return llvm::isAlnum(c) || c == '_' || c == '$' || c == '.';
  });
}

static ParseResult parseAxis(AsmParser &p, StringAttr &name, int64_t &length,
                             AxisRole &role) {
  std::string str;
  int64_t len = 0;
  if (p.parseKeywordOrString(&str) || p.parseColon())
    return failure();
  if (succeeded(p.parseOptionalQuestion()))
    len = AxisAttr::kDynamicLength;
  else if (p.parseInteger(len))
    return failure();
  name = StringAttr::get(p.getContext(), str);
  length = len;
  role = AxisRole::plain;
  if (succeeded(p.parseOptionalKeyword("batch")))
    role = AxisRole::batch;
  else if (succeeded(p.parseOptionalKeyword("recurrent")))
    role = AxisRole::recurrent;
  return success();
}

static void printAxis(AsmPrinter &p, StringAttr name, int64_t length,
                      AxisRole role) {
  if (isBareIdentifier(name.getValue()))
    p << name.getValue();
  else
    p << '"' << name.getValue() << '"';
  p << ':';
  if (length == AxisAttr::kDynamicLength)
    p << '?';
  else
    p << length;
  if (role != AxisRole::plain)
    p << ' ' << stringifyAxisRole(role);
}

static ParseResult parseAxisList(AsmParser &p, SmallVector<AxisAttr> &axes) {
  SmallVector<AxisAttr> list;
  auto parseOne = [&]() -> ParseResult {
    StringAttr name;
    int64_t length;
    AxisRole role;
    SMLoc loc = p.getCurrentLocation();
    if (parseAxis(p, name, length, role))
      return failure();
    auto axis = AxisAttr::getChecked([&] { return p.emitError(loc); },
                                     p.getContext(), name, length, role);
    if (!axis)
      return failure();
    list.push_back(axis);
    return success();
  };
  // `[]` is the scalar.
  if (p.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseOne))
    return failure();
  axes = std::move(list);
  return success();
}

static void printAxisList(AsmPrinter &p, ArrayRef<AxisAttr> axes) {
  p << '[';
  llvm::interleaveComma(axes, p, [&](AxisAttr a) {
    printAxis(p, a.getName(), a.getLength(), a.getRole());
  });
  p << ']';
}

#define GET_ATTRDEF_CLASSES
#include "NGraph/Dialect/NG/IR/NGAttrs.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "NGraph/Dialect/NG/IR/NGTypes.cpp.inc"

//===----------------------------------------------------------------------===//
// Attribute and type verification
//===----------------------------------------------------------------------===//

LogicalResult AxisAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                               StringAttr name, int64_t length, AxisRole role) {
  if (!name || name.getValue().empty())
    return emitError() << "axis name must not be empty";
  if (length == kDynamicLength) {
    if (role != AxisRole::batch)
      return emitError() << "axis '" << name.getValue()
                         << "' has length ?, which only a batch axis may have";
    return success();
  }
  if (length <= 0)
    return emitError() << "axis '" << name.getValue()
                       << "' must have a positive length, got " << length;
  return success();
}

LogicalResult
NormalInitAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       FloatAttr, FloatAttr stddev, uint64_t) {
  if (stddev.getValueAsDouble() < 0)
    return emitError() << "normal initializer needs stddev >= 0";
  return success();
}

LogicalResult
CPUTargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      StringRef name, StringRef triple, StringRef cpu,
                      StringRef features, unsigned vectorBits,
                      unsigned vectorRegisters, int64_t l1, int64_t l2,
                      int64_t l3, unsigned cores) {
  if (triple.empty() || cpu.empty())
    return emitError() << "target '" << name
                       << "' needs an LLVM triple and CPU name";
  if (vectorBits != 128 && vectorBits != 256 && vectorBits != 512)
    return emitError() << "target '" << name
                       << "': vector_bits must be 128, 256 or 512, got "
                       << vectorBits;
  // A register tile needs accumulators, operand vectors and a broadcast.
  if (vectorRegisters < 8)
    return emitError() << "target '" << name
                       << "': vector_registers must be at least 8, got "
                       << vectorRegisters;
  if (l1 <= 0 || l2 <= 0 || l3 < 0)
    return emitError() << "target '" << name
                       << "': cache sizes must be positive (l3_bytes may be 0)";
  return success();
}

LogicalResult ContractionConfigAttr::verify(
    function_ref<InFlightDiagnostic()> emitError, ContractionStrategy,
    int64_t registerM, int64_t registerN, int64_t cacheM, int64_t cacheN,
    int64_t cacheK, int64_t threads, ThreadSplit split) {
  if (registerM < 1 || registerN < 1 || cacheM < 1 || cacheN < 1 || cacheK < 1)
    return emitError() << "contraction tile sizes must be positive";
  if (threads < 1)
    return emitError() << "contraction threads must be at least 1, got "
                       << threads;
  if ((threads > 1) != (split != ThreadSplit::none))
    return emitError() << "a contraction split between threads needs "
                          "threads > 1 and split = m or n";
  return success();
}

LogicalResult NGTensorType::verify(function_ref<InFlightDiagnostic()> emitError,
                                 ArrayRef<AxisAttr> axes, Type elementType) {
  if (!(elementType.isF32() || elementType.isF64() ||
        elementType.isSignlessInteger(32)))
    return emitError() << "ng tensor element type must be f32, f64 or i32, got "
                       << elementType;
  return axes::checkUnique(axes, emitError);
}

int64_t NGTensorType::getNumElements() const {
  return axes::numElements(getAxes());
}

int64_t NGTensorType::indexOf(StringAttr name) const {
  return axes::indexOf(getAxes(), name);
}

RankedTensorType NGTensorType::toBuiltin() const {
  SmallVector<int64_t> shape;
  for (AxisAttr a : getAxes())
    shape.push_back(a.getLength());
  return RankedTensorType::get(shape, getElementType());
}

//===----------------------------------------------------------------------===//
// Dialect
//===----------------------------------------------------------------------===//

void NGDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "NGraph/Dialect/NG/IR/NGAttrs.cpp.inc"
      >();
}

void NGDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "NGraph/Dialect/NG/IR/NGTypes.cpp.inc"
      >();
}

void NGDialect::initialize() {
  registerAttributes();
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "NGraph/Dialect/NG/IR/NGOps.cpp.inc"
      >();
}

Operation *NGDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || !isa<NGTensorType>(type))
    return nullptr;
  return ConstantOp::create(builder, loc, type, elements);
}

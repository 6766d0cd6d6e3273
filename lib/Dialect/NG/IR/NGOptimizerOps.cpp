//===- NGOptimizerOps.cpp - ng.optimize ------------------------------------===//
#include "NGraph/Dialect/NG/IR/NGOps.h"

#include "llvm/ADT/StringExtras.h"

#include <cstdio>

using namespace mlir;
using namespace mlir::ng;

LogicalResult OptimizeOp::verify() {
  for (auto [what, v] : {std::pair<const char *, Value>{"loss", getLoss()},
                         {"learning rate", getLearningRate()}}) {
    auto t = cast<NGTensorType>(v.getType());
    if (!t.isScalar())
      return emitOpError() << "the " << what << " must be a scalar, got "
                           << t;
  }
  if (!getOnly().empty() && !getExclude().empty())
    return emitOpError("give 'only' or 'exclude', not both");
  for (auto [list, values] : {std::pair<const char *, ValueRange>{"only", getOnly()},
                              {"exclude", getExclude()}})
    for (auto [i, v] : llvm::enumerate(values))
      if (!v.getDefiningOp<VariableOp>())
        return emitOpError() << "'" << list << "' value #" << i
                             << " is not an ng.variable";

  OptimizerKind kind = getKind();
  auto is = [&](std::initializer_list<OptimizerKind> kinds) {
    return llvm::is_contained(kinds, kind);
  };
  // Each hyper-parameter: which rules read it, and its range.
  struct Param {
    const char *name;
    std::optional<double> value;
    bool applies;
    const char *appliesTo;
    double lo;
    bool loOpen; // lo < x rather than lo <= x
    double hi;   // x < hi (infinity: no bound)
  };
  using K = OptimizerKind;
  const double inf = std::numeric_limits<double>::infinity();
  Param params[] = {
      {"momentum", valueOf(getMomentumAttr()), is({K::momentum}), "momentum", 0, false, 1},
      {"beta1", valueOf(getBeta1Attr()), is({K::adam, K::adamw}), "adam and adamw", 0, false, 1},
      {"beta2", valueOf(getBeta2Attr()), is({K::adam, K::adamw}), "adam and adamw", 0, false, 1},
      {"rho", valueOf(getRhoAttr()), is({K::rmsprop}), "rmsprop", 0, false, 1},
      {"eps", valueOf(getEpsAttr()), !is({K::sgd, K::momentum}),
       "adam, adamw, rmsprop and adagrad", 0, true, inf},
      {"weight_decay", valueOf(getWeightDecayAttr()), true, "", 0, false, inf},
      {"clip_value", valueOf(getClipValueAttr()), true, "", 0, true, inf},
      {"clip_norm", valueOf(getClipNormAttr()), true, "", 0, true, inf},
  };
  for (const Param &p : params) {
    if (!p.value)
      continue;
    if (!p.applies)
      return emitOpError() << p.name << " applies to " << p.appliesTo
                           << ", not " << stringifyOptimizerKind(kind);
    double x = *p.value;
    bool ok = (p.loOpen ? x > p.lo : x >= p.lo) && x < p.hi;
    auto text = [](double v) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v);
      return std::string(buf);
    };
    if (!ok)
      return emitOpError() << p.name << " = " << text(x) << " is outside "
                           << (p.loOpen ? "(" : "[") << text(p.lo) << ", "
                           << text(p.hi) << ")";
  }
  if (getNesterov() && kind != K::momentum)
    return emitOpError() << "nesterov applies to momentum, not "
                         << stringifyOptimizerKind(kind);
  if (auto name = getName()) {
    bool ok = !name->empty() && llvm::all_of(*name, [](char c) {
      return llvm::isAlnum(c) || c == '_';
    });
    if (!ok)
      return emitOpError() << "name '" << *name
                           << "' must be letters, digits and '_' (it names "
                              "the optimizer's state variables)";
  }
  return success();
}

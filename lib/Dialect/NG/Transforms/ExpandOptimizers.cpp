//===- ExpandOptimizers.cpp - ng.optimize into derivs and assigns ---------===//
//
// Each ng.optimize becomes what a user would write by hand: an ng.deriv of
// the loss per trainable variable, the update rule in ng ops, state
// variables, and ng.assigns grouped by an ng.doall that replaces the op.
// It runs before ng-autodiff, so the later passes (fused in-place updates,
// data parallelism) see the hand-written form.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/IR/NGOps.h"
#include "NGraph/Dialect/NG/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringSet.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGEXPANDOPTIMIZERS
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace mlir::ng;

namespace {

struct Expander {
  OptimizeOp op;
  OpBuilder b;
  Location loc;
  llvm::StringSet<> &names;
  SmallVector<Value> effects;

  Expander(OptimizeOp op, llvm::StringSet<> &names)
      : op(op), b(op), loc(op.getLoc()), names(names) {}

  Value constant(Value like, double v) {
    return ConstantOp::create(
        b, loc, cast<NGTensorType>(like.getType()).withAxes({}), v);
  }
  Value add(Value x, Value y) { return AddOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return SubtractOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return MultiplyOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return DivideOp::create(b, loc, x, y); }
  Value mul(double c, Value x) { return mul(constant(x, c), x); }
  void assign(Value variable, Value value) {
    effects.push_back(AssignOp::create(b, loc, variable, value));
  }

  /// A zero-initialized state variable named `name`, of `like`'s type.
  FailureOr<Value> state(const std::string &name, Value like) {
    if (!names.insert(name).second)
      return op.emitOpError()
             << "its state variable '" << name
             << "' would have the name of another variable; give the "
                "optimizer a name = \"...\"",
             failure();
    auto type = cast<NGTensorType>(like.getType());
    auto zero = DenseElementsAttr::get(
        type.toBuiltin(), b.getFloatAttr(type.getElementType(), 0.0));
    return VariableOp::create(b, loc, type, b.getStringAttr(name), zero)
        .getResult();
  }

  LogicalResult expand() {
    OptimizerKind kind = op.getKind();
    std::string label = op.getName() ? op.getName()->str()
                                     : stringifyOptimizerKind(kind).str();
    SmallVector<VariableOp> params;
    if (!op.getOnly().empty()) {
      for (Value v : op.getOnly())
        if (!llvm::is_contained(params, v.getDefiningOp<VariableOp>()))
          params.push_back(v.getDefiningOp<VariableOp>());
    } else {
      for (VariableOp v : variablesOf(op.getLoss()))
        if (isa<FloatType>(cast<NGTensorType>(v.getType()).getElementType()) &&
            !llvm::is_contained(op.getExclude(), v.getResult()))
          params.push_back(v);
    }
    if (params.empty())
      return op.emitOpError("the loss depends on no variable to update");

    Value lr = op.getLearningRate();
    Value loss = op.getLoss();
    // The gradients, clipped.
    SmallVector<Value> grads;
    for (VariableOp p : params) {
      Value g = DerivOp::create(b, loc, p.getType(), loss, p.getResult());
      if (auto c = OptimizeOp::valueOf(op.getClipValueAttr()))
        g = MinimumOp::create(b, loc,
                              MaximumOp::create(b, loc, g, constant(g, -*c)),
                              constant(g, *c));
      grads.push_back(g);
    }
    if (auto c = OptimizeOp::valueOf(op.getClipNormAttr())) {
      // scale = c / max(c, ||g||) = min(1, c / ||g||), over all gradients.
      Value sq;
      for (Value g : grads) {
        Value s = SumOp::create(b, loc, SquareOp::create(b, loc, g),
                                ArrayAttr(), b.getArrayAttr({}));
        sq = sq ? add(sq, s) : s;
      }
      Value norm = SqrtOp::create(b, loc, sq);
      Value cc = constant(norm, *c);
      Value scale = div(cc, MaximumOp::create(b, loc, cc, norm));
      for (Value &g : grads)
        g = mul(g, scale);
    }
    double wd = op.getWeightDecayOrDefault();
    bool decoupled = kind == OptimizerKind::adamw;
    if (wd != 0 && !decoupled)
      for (auto [g, p] : llvm::zip(grads, params))
        g = add(g, mul(wd, p.getResult()));

    // Adam's step counter, shared by its parameters.
    Value t1;
    if (kind == OptimizerKind::adam || kind == OptimizerKind::adamw) {
      FailureOr<Value> t = state(label + "_step", lr);
      if (failed(t))
        return failure();
      t1 = add(*t, constant(lr, 1.0));
      assign(*t, t1);
    }
    for (auto [g, p] : llvm::zip(grads, params)) {
      Value w = p.getResult();
      std::string base = p.getName().str() + "." + label + "_";
      auto slot = [&](const char *what) { return state(base + what, w); };
      Value update; // what is subtracted from w
      switch (kind) {
      case OptimizerKind::sgd:
        update = mul(lr, g);
        break;
      case OptimizerKind::momentum: {
        FailureOr<Value> v = slot("momentum");
        if (failed(v))
          return failure();
        double mu = op.getMomentumOrDefault();
        Value v1 = add(mul(mu, *v), g);
        assign(*v, v1);
        update = mul(lr, op.getNesterov() ? add(g, mul(mu, v1)) : v1);
        break;
      }
      case OptimizerKind::adam:
      case OptimizerKind::adamw: {
        FailureOr<Value> m = slot("m"), v = failed(m) ? m : slot("v");
        if (failed(v))
          return failure();
        double b1 = op.getBeta1OrDefault(), b2 = op.getBeta2OrDefault();
        Value m1 = add(mul(b1, *m), mul(1 - b1, g));
        Value v1 = add(mul(b2, *v), mul(1 - b2, SquareOp::create(b, loc, g)));
        assign(*m, m1);
        assign(*v, v1);
        // lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps), with the
        // bias corrections folded into scalars (computed once per call) so
        // each element costs what the hand-written form costs:
        // lr_t * m / (sqrt(v) + eps_t), lr_t = lr sqrt(c2) / c1,
        // eps_t = eps sqrt(c2), c = 1 - beta^t.
        auto correction = [&](double beta) {
          return sub(constant(t1, 1.0),
                     PowerOp::create(b, loc, constant(t1, beta), t1));
        };
        Value c1 = correction(b1);
        Value root2 = SqrtOp::create(b, loc, correction(b2));
        Value lrT = div(mul(lr, root2), c1);
        Value epsT = mul(op.getEpsOrDefault(), root2);
        Value step = mul(lrT, div(m1, add(SqrtOp::create(b, loc, v1), epsT)));
        if (decoupled && wd != 0)
          step = add(step, mul(lr, mul(wd, w)));
        update = step;
        break;
      }
      case OptimizerKind::rmsprop:
      case OptimizerKind::adagrad: {
        bool rms = kind == OptimizerKind::rmsprop;
        FailureOr<Value> s = slot(rms ? "square_avg" : "sum");
        if (failed(s))
          return failure();
        Value g2 = SquareOp::create(b, loc, g);
        double rho = op.getRhoOrDefault();
        Value s1 = rms ? add(mul(rho, *s), mul(1 - rho, g2)) : add(*s, g2);
        assign(*s, s1);
        update = mul(lr, div(g, add(SqrtOp::create(b, loc, s1),
                                    constant(w, op.getEpsOrDefault()))));
        break;
      }
      }
      assign(w, sub(w, update));
    }
    Value all = DoAllOp::create(b, loc, effects);
    op.getResult().replaceAllUsesWith(all);
    op.erase();
    return success();
  }
};

struct NGExpandOptimizers
    : ng::impl::NGExpandOptimizersBase<NGExpandOptimizers> {
  void runOnOperation() override {
    SmallVector<GraphOp> graphs;
    getOperation()->walk([&](GraphOp g) { graphs.push_back(g); });
    for (GraphOp g : graphs) {
      llvm::StringSet<> names;
      for (auto v : g.getBodyBlock().getOps<VariableOp>())
        names.insert(v.getName());
      SmallVector<OptimizeOp> ops(g.getBodyBlock().getOps<OptimizeOp>());
      for (OptimizeOp op : ops)
        if (failed(Expander(op, names).expand()))
          return signalPassFailure();
    }
  }
};
} // namespace

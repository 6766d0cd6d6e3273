//===- Expression.cpp - scalar expressions of named variables -------------===//
#include "NGraph/Support/Expression.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <vector>

using namespace ngraph;

struct ScalarExpr::Node {
  enum Kind { Number, Variable, Negate, Add, Sub, Mul, Div, Pow, Call } kind;
  enum Function { Exp, Log, Sqrt, Sin, Cos, Floor, Ceil, Abs, Min, Max } fn = Exp;
  double value = 0;
  size_t variable = 0;
  std::unique_ptr<Node> lhs, rhs;
  std::vector<std::unique_ptr<Node>> args; // of a Call

  double eval(llvm::ArrayRef<double> vars) const {
    switch (kind) {
    case Number: return value;
    case Variable: return vars[variable];
    case Negate: return -lhs->eval(vars);
    case Add: return lhs->eval(vars) + rhs->eval(vars);
    case Sub: return lhs->eval(vars) - rhs->eval(vars);
    case Mul: return lhs->eval(vars) * rhs->eval(vars);
    case Div: return lhs->eval(vars) / rhs->eval(vars);
    case Pow: return std::pow(lhs->eval(vars), rhs->eval(vars));
    case Call: return call(vars);
    }
    return 0;
  }
  double call(llvm::ArrayRef<double> vars) const {
    double x = args[0]->eval(vars);
    switch (fn) {
    case Exp: return std::exp(x);
    case Log: return std::log(x);
    case Sqrt: return std::sqrt(x);
    case Sin: return std::sin(x);
    case Cos: return std::cos(x);
    case Floor: return std::floor(x);
    case Ceil: return std::ceil(x);
    case Abs: return std::fabs(x);
    case Min:
    case Max:
      for (size_t k = 1; k < args.size(); ++k) {
        double y = args[k]->eval(vars);
        x = fn == Min ? std::fmin(x, y) : std::fmax(x, y);
      }
      return x;
    }
    return 0;
  }
};

/// The functions expressions may call: name, and how many arguments (0:
/// two or more).
static const struct {
  const char *name;
  ScalarExpr::Node::Function fn;
  unsigned arity;
} kFunctions[] = {
    {"exp", ScalarExpr::Node::Exp, 1},     {"log", ScalarExpr::Node::Log, 1},
    {"sqrt", ScalarExpr::Node::Sqrt, 1},   {"sin", ScalarExpr::Node::Sin, 1},
    {"cos", ScalarExpr::Node::Cos, 1},     {"floor", ScalarExpr::Node::Floor, 1},
    {"ceil", ScalarExpr::Node::Ceil, 1},   {"abs", ScalarExpr::Node::Abs, 1},
    {"min", ScalarExpr::Node::Min, 0},     {"max", ScalarExpr::Node::Max, 0},
};

namespace {
using NodePtr = std::unique_ptr<ScalarExpr::Node>;

/// Recursive descent; nesting is bounded so hostile input cannot exhaust
/// the stack.
struct Parser {
  const std::string &s;
  const std::vector<std::string> &names;
  size_t i = 0;
  unsigned depth = 0;
  std::string error;
  static constexpr unsigned kMaxDepth = 200;

  NodePtr fail(const std::string &msg) {
    if (error.empty())
      error = msg + " at column " + std::to_string(i + 1);
    return nullptr;
  }
  void ws() {
    while (i < s.size() && std::isspace((unsigned char)s[i]))
      ++i;
  }
  // Evaluation and destruction recurse over the tree: bound its size too.
  unsigned nodes = 0;
  static constexpr unsigned kMaxNodes = 4096;
  NodePtr make(ScalarExpr::Node::Kind k, NodePtr l = nullptr, NodePtr r = nullptr) {
    if (++nodes > kMaxNodes)
      return fail("expression too long");
    auto n = std::make_unique<ScalarExpr::Node>();
    n->kind = k;
    n->lhs = std::move(l);
    n->rhs = std::move(r);
    return n;
  }
  NodePtr primary() {
    ws();
    if (++depth > kMaxDepth)
      return fail("expression nested too deeply");
    struct Leave { unsigned &d; ~Leave() { --d; } } leave{depth};
    if (i >= s.size())
      return fail("expected a number, a name or '('");
    if (s[i] == '(') {
      ++i;
      NodePtr v = sum();
      ws();
      if (!v)
        return nullptr;
      if (i >= s.size() || s[i] != ')')
        return fail("expected ')'");
      ++i;
      return v;
    }
    if (std::isalpha((unsigned char)s[i]) || s[i] == '_') {
      size_t b = i;
      while (i < s.size() && (std::isalnum((unsigned char)s[i]) || s[i] == '_'))
        ++i;
      std::string id = s.substr(b, i - b);
      ws();
      if (i < s.size() && s[i] == '(')
        return call(id, b);
      for (size_t k = 0; k < names.size(); ++k)
        if (names[k] == id) {
          NodePtr n = make(ScalarExpr::Node::Variable);
          if (n)
            n->variable = k;
          return n;
        }
      if (id == "pi") {
        NodePtr n = make(ScalarExpr::Node::Number);
        if (n)
          n->value = M_PI;
        return n;
      }
      std::string known;
      for (const std::string &n : names)
        known += n + ", ";
      i = b;
      return fail("unknown name '" + id + "' (known: " + known + "pi)");
    }
    // strtod would also take "nan", "inf" and hex; a feed wants decimals.
    if (!std::isdigit((unsigned char)s[i]) && s[i] != '.')
      return fail("expected a number, a name or '('");
    const char *start = s.c_str() + i;
    char *end;
    double v = std::strtod(start, &end);
    if (end == start)
      return fail("expected a number");
    i += end - start;
    NodePtr n = make(ScalarExpr::Node::Number);
    if (n)
      n->value = v;
    return n;
  }
  /// A function call `id(args)`; `b` is where the name starts.
  NodePtr call(const std::string &id, size_t b) {
    const auto *f = std::find_if(std::begin(kFunctions), std::end(kFunctions),
                                 [&](const auto &f) { return id == f.name; });
    if (f == std::end(kFunctions)) {
      std::string known;
      for (const auto &k : kFunctions)
        known += (known.empty() ? "" : ", ") + std::string(k.name);
      i = b;
      return fail("unknown function '" + id + "' (known: " + known + ")");
    }
    NodePtr n = make(ScalarExpr::Node::Call);
    if (!n)
      return nullptr;
    n->fn = f->fn;
    ++i; // '('
    for (;;) {
      NodePtr a = sum();
      if (!a)
        return nullptr;
      n->args.push_back(std::move(a));
      ws();
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i >= s.size() || s[i] != ')')
        return fail("expected ',' or ')'");
      ++i;
      break;
    }
    size_t got = n->args.size();
    if (f->arity ? got != f->arity : got < 2)
      return fail(id + "() takes " +
                  (f->arity ? std::to_string(f->arity) : "2 or more") +
                  " argument" + (f->arity == 1 ? "" : "s") + ", got " +
                  std::to_string(got));
    return n;
  }
  /// primary [('^' | '**') unary]: right-associative, and tighter than a
  /// sign on its left (-2^2 is -4), as in Python.
  NodePtr power() {
    NodePtr v = primary();
    ws();
    if (!v || i >= s.size())
      return v;
    bool caret = s[i] == '^';
    bool stars = s.compare(i, 2, "**") == 0;
    if (!caret && !stars)
      return v;
    i += caret ? 1 : 2;
    NodePtr r = unary();
    if (!r)
      return nullptr;
    return make(ScalarExpr::Node::Pow, std::move(v), std::move(r));
  }
  NodePtr unary() {
    ws();
    // Signs and powers recurse through here: bound the depth.
    if (++depth > kMaxDepth)
      return fail("expression nested too deeply");
    struct Leave { unsigned &d; ~Leave() { --d; } } leave{depth};
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      bool neg = s[i++] == '-';
      NodePtr v = unary();
      if (!v || !neg)
        return v;
      return make(ScalarExpr::Node::Negate, std::move(v));
    }
    return power();
  }
  NodePtr product() {
    NodePtr v = unary();
    for (ws(); v && i < s.size() && (s[i] == '*' || s[i] == '/'); ws()) {
      char op = s[i++];
      NodePtr r = unary();
      if (!r)
        return nullptr;
      v = make(op == '*' ? ScalarExpr::Node::Mul : ScalarExpr::Node::Div,
               std::move(v), std::move(r));
      if (!v)
        return nullptr;
    }
    return v;
  }
  NodePtr sum() {
    NodePtr v = product();
    for (ws(); v && i < s.size() && (s[i] == '+' || s[i] == '-'); ws()) {
      char op = s[i++];
      NodePtr r = product();
      if (!r)
        return nullptr;
      v = make(op == '+' ? ScalarExpr::Node::Add : ScalarExpr::Node::Sub,
               std::move(v), std::move(r));
      if (!v)
        return nullptr;
    }
    return v;
  }
};
} // namespace

ScalarExpr::ScalarExpr() = default;
ScalarExpr::~ScalarExpr() = default;
ScalarExpr::ScalarExpr(ScalarExpr &&) = default;
ScalarExpr &ScalarExpr::operator=(ScalarExpr &&) = default;

llvm::Expected<ScalarExpr>
ScalarExpr::parse(const std::string &text,
                  const std::vector<std::string> &names) {
  Parser p{text, names};
  NodePtr root = p.sum();
  p.ws();
  if (root && p.i != text.size())
    root = p.fail("unexpected '" + text.substr(p.i, 1) + "'");
  if (!root) {
    // Quote a long expression by its start only.
    std::string quoted = text.size() > 60 ? text.substr(0, 57) + "..." : text;
    return llvm::createStringError("in expression '%s': %s", quoted.c_str(),
                                   p.error.c_str());
  }
  ScalarExpr e;
  e.root = std::move(root);
  e.source = text;
  return std::move(e);
}

double ScalarExpr::evaluate(llvm::ArrayRef<double> values) const {
  return root->eval(values);
}

const std::string &ScalarExpr::text() const { return source; }

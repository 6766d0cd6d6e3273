//===- Expression.cpp - scalar expressions of named variables -------------===//
#include "NGraph/Support/Expression.h"

#include <cctype>
#include <cstdlib>

using namespace ngraph;

struct ScalarExpr::Node {
  enum Kind { Number, Variable, Negate, Add, Sub, Mul, Div } kind;
  double value = 0;
  size_t variable = 0;
  std::unique_ptr<Node> lhs, rhs;

  double eval(llvm::ArrayRef<double> vars) const {
    switch (kind) {
    case Number: return value;
    case Variable: return vars[variable];
    case Negate: return -lhs->eval(vars);
    case Add: return lhs->eval(vars) + rhs->eval(vars);
    case Sub: return lhs->eval(vars) - rhs->eval(vars);
    case Mul: return lhs->eval(vars) * rhs->eval(vars);
    case Div: return lhs->eval(vars) / rhs->eval(vars);
    }
    return 0;
  }
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
    if (s[i] == '-' || s[i] == '+') {
      bool neg = s[i++] == '-';
      NodePtr v = primary();
      if (!v || !neg)
        return v;
      return make(ScalarExpr::Node::Negate, std::move(v));
    }
    if (std::isalpha((unsigned char)s[i]) || s[i] == '_') {
      size_t b = i;
      while (i < s.size() && (std::isalnum((unsigned char)s[i]) || s[i] == '_'))
        ++i;
      std::string id = s.substr(b, i - b);
      for (size_t k = 0; k < names.size(); ++k)
        if (names[k] == id) {
          NodePtr n = make(ScalarExpr::Node::Variable);
          if (n)
            n->variable = k;
          return n;
        }
      std::string known;
      for (const std::string &n : names)
        known += (known.empty() ? "" : ", ") + n;
      i = b;
      return fail("unknown name '" + id + "' (known: " + known + ")");
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
  NodePtr product() {
    NodePtr v = primary();
    for (ws(); v && i < s.size() && (s[i] == '*' || s[i] == '/'); ws()) {
      char op = s[i++];
      NodePtr r = primary();
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

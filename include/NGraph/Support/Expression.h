//===- Expression.h - scalar expressions of named variables -------*- C++ -*-===//
//
// The runner's `--feed alpha=5.0/(1+epoch)`: numbers, names, `pi`,
// + - * /, powers (`^` or `**`, right-associative, binding tighter than a
// sign on their left as in Python), unary minus, parentheses, and the
// functions exp, log, sqrt, sin, cos, floor, ceil, abs, min and max (two or
// more arguments). Parsed once (errors name the position), then evaluated
// for every step.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_SUPPORT_EXPRESSION_H
#define NGRAPH_SUPPORT_EXPRESSION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ngraph {

class ScalarExpr {
public:
  ScalarExpr();
  ~ScalarExpr();
  ScalarExpr(ScalarExpr &&);
  ScalarExpr &operator=(ScalarExpr &&);

  /// Parses `text`, which may use the variables in `names`. The error
  /// quotes the text and the column where parsing stopped.
  static llvm::Expected<ScalarExpr> parse(const std::string &text,
                                          const std::vector<std::string> &names);
  /// The value with the variables given in the order of parse()'s `names`.
  double evaluate(llvm::ArrayRef<double> values) const;
  const std::string &text() const;

  /// The parsed tree (defined in Expression.cpp).
  struct Node;

private:
  std::unique_ptr<Node> root;
  std::string source;
};

} // namespace ngraph

#endif

//===- InputLimits.cpp - refuse input the MLIR parser cannot take safely --===//
#include "NGraph/Support/InputLimits.h"

using namespace ngraph;

std::string ngraph::checkNesting(std::string_view text) {
  unsigned depth = 0, line = 1, col = 1;
  for (size_t i = 0; i < text.size(); ++i, ++col) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      col = 0;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i + 1 < text.size() && text[i + 1] != '\n')
        ++i;
    } else if (c == '"') {
      // A string literal: brackets inside do not nest.
      for (++i, ++col; i < text.size() && text[i] != '"' && text[i] != '\n';
           ++i, ++col)
        if (text[i] == '\\')
          ++i, ++col;
    } else if (c == '(' || c == '[' || c == '{' || c == '<') {
      if (++depth > kMaxNesting)
        return std::to_string(line) + ":" + std::to_string(col) +
               ": error: brackets nest more than " +
               std::to_string(kMaxNesting) +
               " levels deep; such input is refused because the MLIR parser "
               "recurses once per level";
    } else if (c == ')' || c == ']' || c == '}' || c == '>') {
      // `->` is an arrow, not a closing bracket.
      if (depth && !(c == '>' && i > 0 && text[i - 1] == '-'))
        --depth;
    }
  }
  return "";
}

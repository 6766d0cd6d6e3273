//===- InputLimits.h - refuse input the MLIR parser cannot take safely -*- C++ -*-===//
//
// MLIR's parser recurses once per level of bracket nesting, so a deeply
// nested input overflows the stack (found by fuzz/parse_fuzzer). Our tools
// check nesting before parsing and refuse such input with a diagnostic.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_SUPPORT_INPUTLIMITS_H
#define NGRAPH_SUPPORT_INPUTLIMITS_H

#include <string>
#include <string_view>

namespace ngraph {

/// Deepest accepted nesting of ( [ { < outside strings and comments.
constexpr unsigned kMaxNesting = 256;

/// Empty if `text` nests at most kMaxNesting levels; otherwise
/// "LINE:COL: error: ..." at the first bracket past the limit.
std::string checkNesting(std::string_view text);

} // namespace ngraph

#endif

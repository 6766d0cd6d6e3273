//===- NumpyFormat.h - numbers and arrays as NumPy prints them ----*- C++ -*-===//
//
// What the runner prints and writes is what a NumPy user expects to read:
// `str(x)` of a NumPy 2 scalar or array of the same dtype, with NumPy's
// default print options (precision 8, line width 75, summarized past 1000
// elements with 3 edge items, one notation per array). The rules are
// NumPy's `arrayprint.FloatingFormat`, `IntegerFormat` and `_formatArray`;
// unittests/NumpyFormatTest.cpp checks them against a table NumPy printed.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_SUPPORT_NUMPYFORMAT_H
#define NGRAPH_SUPPORT_NUMPYFORMAT_H

#include "NGraph/Support/Tensor.h"

#include <string>

namespace ngraph {

/// numpy.set_printoptions' defaults.
struct PrintOptions {
  int precision = 8;
  int lineWidth = 75;
  int64_t threshold = 1000;
  int edgeItems = 3;
};

/// str() of a NumPy scalar of element type `t`: "10.0", "0.1", "1e-05",
/// "1e+16", "nan", "-inf"; integers as integers.
std::string formatScalar(double v, DType t);

/// str() of an array (print(a)); a 0-d array prints as its scalar.
std::string formatArray(const Tensor &t, const PrintOptions &options = {});

/// A JSON number that reads back as `v` exactly (Python's repr of a float:
/// "1.0", "1e-05"); "null" for NaN and infinities, which JSON lacks.
std::string formatJsonNumber(double v);

} // namespace ngraph

#endif

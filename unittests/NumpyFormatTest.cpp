//===- NumpyFormatTest.cpp - printing matches NumPy 2 -----------------------===//
#include "NGraph/Support/NumpyFormat.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace ngraph;

namespace {
struct Case {
  DType dtype;
  std::vector<int64_t> shape;
  std::vector<double> values;
  const char *expected;
};

const Case kCases[] = {
#include "NumpyFormatTable.inc"
};
} // namespace

// Every array of the table prints exactly as NumPy 2's str() printed it.
TEST(NumpyFormat, MatchesNumPyTable) {
  int failures = 0;
  for (const Case &c : kCases) {
    Tensor t(c.dtype, c.shape);
    ASSERT_EQ((size_t)t.numElements(), c.values.size());
    for (size_t i = 0; i < c.values.size(); ++i)
      t.set(i, c.values[i]);
    std::string got = formatArray(t);
    EXPECT_EQ(got, c.expected) << "shape " << shapeString(c.shape) << " "
                               << dtypeName(c.dtype);
    failures += got != c.expected;
  }
  EXPECT_EQ(failures, 0);
}

TEST(NumpyFormat, JsonNumbers) {
  EXPECT_EQ(formatJsonNumber(1.0), "1.0");
  EXPECT_EQ(formatJsonNumber(0.1), "0.1");
  EXPECT_EQ(formatJsonNumber(1e-5), "1e-05");
  EXPECT_EQ(formatJsonNumber(-2.5e20), "-2.5e+20");
  EXPECT_EQ(formatJsonNumber(NAN), "null");
  EXPECT_EQ(formatJsonNumber(-INFINITY), "null");
}

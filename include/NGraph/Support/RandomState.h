//===- RandomState.h - NumPy-compatible MT19937 random numbers ----*- C++ -*-===//
//
// Bit-for-bit the streams of numpy.random.RandomState(seed) for the calls
// we need (random_sample, uniform, normal), so seeded initializers and the
// seed's data generator reproduce NumPy's numbers.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_SUPPORT_RANDOMSTATE_H
#define NGRAPH_SUPPORT_RANDOMSTATE_H

#include <cstdint>

namespace ngraph {

class RandomState {
public:
  /// MT19937 seeded with init_genrand, as RandomState(int) does.
  explicit RandomState(uint32_t seed);
  uint32_t nextUInt32();
  /// A double in [0, 1) with 53 random bits (NumPy's res53).
  double randomSample();
  double uniform(double low, double high) {
    return low + (high - low) * randomSample();
  }
  /// Marsaglia's polar method as in NumPy's legacy_gauss: returns f*x2
  /// first and caches f*x1 for the next call.
  double standardNormal();
  double normal(double mean, double stddev) {
    return mean + stddev * standardNormal();
  }

private:
  uint32_t mt[624];
  int pos;
  bool hasGauss = false;
  double gauss = 0.0;
};

} // namespace ngraph

#endif

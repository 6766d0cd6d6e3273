//===- RandomState.cpp - NumPy-compatible MT19937 -------------------------===//
#include "NGraph/Support/RandomState.h"

#include <cmath>

using namespace ngraph;

RandomState::RandomState(uint32_t seed) {
  mt[0] = seed;
  for (int i = 1; i < 624; ++i)
    mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
  pos = 624;
}

uint32_t RandomState::nextUInt32() {
  constexpr uint32_t upper = 0x80000000u, lower = 0x7fffffffu,
                     matrixA = 0x9908b0dfu;
  if (pos >= 624) {
    int k = 0;
    for (; k < 624 - 397; ++k) {
      uint32_t y = (mt[k] & upper) | (mt[k + 1] & lower);
      mt[k] = mt[k + 397] ^ (y >> 1) ^ ((y & 1) ? matrixA : 0);
    }
    for (; k < 623; ++k) {
      uint32_t y = (mt[k] & upper) | (mt[k + 1] & lower);
      mt[k] = mt[k + 397 - 624] ^ (y >> 1) ^ ((y & 1) ? matrixA : 0);
    }
    uint32_t y = (mt[623] & upper) | (mt[0] & lower);
    mt[623] = mt[396] ^ (y >> 1) ^ ((y & 1) ? matrixA : 0);
    pos = 0;
  }
  uint32_t y = mt[pos++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

double RandomState::randomSample() {
  uint32_t a = nextUInt32() >> 5, b = nextUInt32() >> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

double RandomState::standardNormal() {
  if (hasGauss) {
    hasGauss = false;
    return gauss;
  }
  double x1, x2, r2;
  do {
    x1 = 2.0 * randomSample() - 1.0;
    x2 = 2.0 * randomSample() - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  double f = std::sqrt(-2.0 * std::log(r2) / r2);
  gauss = f * x1;
  hasGauss = true;
  return f * x2;
}

//===- Tensor.cpp - dense arrays exchanged with compiled code -------------===//
#include "NGraph/Support/Tensor.h"

#include <cmath>
#include <limits>

using namespace ngraph;

size_t ngraph::dtypeSize(DType t) {
  switch (t) {
  case DType::F32:
  case DType::I32:
    return 4;
  case DType::F64:
  case DType::I64:
    return 8;
  }
  return 0;
}

const char *ngraph::dtypeName(DType t) {
  switch (t) {
  case DType::F32: return "f32";
  case DType::F64: return "f64";
  case DType::I32: return "i32";
  case DType::I64: return "i64";
  }
  return "?";
}

bool ngraph::isFloat(DType t) { return t == DType::F32 || t == DType::F64; }

std::string ngraph::shapeString(const std::vector<int64_t> &s) {
  std::string r = "(";
  for (size_t i = 0; i < s.size(); ++i)
    r += (i ? ", " : "") + std::to_string(s[i]);
  return r + (s.size() == 1 ? ",)" : ")");
}

std::string ngraph::indexString(const std::vector<int64_t> &shape,
                                int64_t flat) {
  std::vector<int64_t> idx(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    idx[d] = shape[d] ? flat % shape[d] : 0;
    flat = shape[d] ? flat / shape[d] : 0;
  }
  std::string r = "[";
  for (size_t i = 0; i < idx.size(); ++i)
    r += (i ? ", " : "") + std::to_string(idx[i]);
  return r + "]";
}

Tensor::Tensor(DType dtype, std::vector<int64_t> shape)
    : dtype(dtype), shape(std::move(shape)) {
  bytes.assign(numElements() * dtypeSize(dtype), 0);
}

int64_t Tensor::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

double Tensor::get(int64_t i) const {
  switch (dtype) {
  case DType::F32: return data<float>()[i];
  case DType::F64: return data<double>()[i];
  case DType::I32: return data<int32_t>()[i];
  case DType::I64: return (double)data<int64_t>()[i];
  }
  return 0;
}

/// `v` as an integer of [lo, hi]: a C++ cast of a value outside the range
/// (or NaN) is undefined behaviour.
template <typename T> static T saturate(double v) {
  if (std::isnan(v))
    return 0;
  // 2^63 is exactly representable; the largest int64 is not.
  if (v >= -(double)std::numeric_limits<T>::min())
    return std::numeric_limits<T>::max();
  if (v <= (double)std::numeric_limits<T>::min())
    return std::numeric_limits<T>::min();
  return (T)v;
}

void Tensor::set(int64_t i, double v) {
  switch (dtype) {
  case DType::F32: data<float>()[i] = (float)v; break;
  case DType::F64: data<double>()[i] = v; break;
  case DType::I32: data<int32_t>()[i] = saturate<int32_t>(v); break;
  case DType::I64: data<int64_t>()[i] = saturate<int64_t>(v); break;
  }
}

Tensor Tensor::cast(DType to) const {
  if (to == dtype)
    return *this;
  Tensor r(to, shape);
  for (int64_t i = 0, n = numElements(); i < n; ++i)
    r.set(i, get(i));
  return r;
}

llvm::Expected<Tensor> Tensor::convertTo(DType to,
                                         const std::string &what) const {
  if (to == dtype || isFloat(to))
    return cast(to);
  double lo = to == DType::I32 ? -2147483648.0 : -9223372036854775808.0;
  double hi = to == DType::I32 ? 2147483647.0 : 9223372036854775807.0;
  for (int64_t i = 0, n = numElements(); i < n; ++i) {
    if (dtype == DType::I64 && to == DType::I32) {
      int64_t v = data<int64_t>()[i];
      if (v >= INT32_MIN && v <= INT32_MAX)
        continue;
      return llvm::createStringError(
          "%s: element %s is %lld, which %s cannot hold", what.c_str(),
          indexString(shape, i).c_str(), (long long)v, dtypeName(to));
    }
    double v = get(i);
    if (std::isfinite(v) && v == std::floor(v) && v >= lo && v < hi + 1)
      continue;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return llvm::createStringError(
        "%s: element %s is %s, which is not an integer %s can hold",
        what.c_str(), indexString(shape, i).c_str(), buf, dtypeName(to));
  }
  return cast(to);
}

Tensor Tensor::scalar(DType dtype, double v) {
  Tensor t(dtype, {});
  t.set(0, v);
  return t;
}

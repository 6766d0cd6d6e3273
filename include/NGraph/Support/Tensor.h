//===- Tensor.h - dense arrays exchanged with compiled code -------*- C++ -*-===//
//
// The host-side array of the runtime, the data readers and the trainer: a
// C-order buffer with an element type and a shape. It lives in Support so
// that data I/O and formatting do not depend on the JIT.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_SUPPORT_TENSOR_H
#define NGRAPH_SUPPORT_TENSOR_H

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ngraph {

enum class DType { F32, F64, I32, I64 };
size_t dtypeSize(DType t);
/// "f32", "f64", "i32", "i64" (the dialect's spelling).
const char *dtypeName(DType t);
bool isFloat(DType t);
/// "(3, 7)": NumPy's notation for a shape.
std::string shapeString(const std::vector<int64_t> &shape);

/// A dense C-order array.
struct Tensor {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  std::vector<uint8_t> bytes;

  Tensor() = default;
  Tensor(DType dtype, std::vector<int64_t> shape);
  int64_t numElements() const;
  template <typename T> T *data() { return reinterpret_cast<T *>(bytes.data()); }
  template <typename T> const T *data() const {
    return reinterpret_cast<const T *>(bytes.data());
  }
  /// Element i converted to double.
  double get(int64_t i) const;
  /// Stores `v` converted to the element type. For integer types `v` must
  /// be representable (see convertTo): out-of-range values saturate and NaN
  /// stores 0, never undefined behaviour.
  void set(int64_t i, double v);
  /// A copy with another element type: floats round, integers convert
  /// exactly; values an integer type cannot hold saturate as in set().
  Tensor cast(DType to) const;
  /// The same, refusing a value the new type cannot hold exactly as an
  /// integer (NaN, Inf, a fraction, out of range): the error names `what`
  /// and the element's index.
  llvm::Expected<Tensor> convertTo(DType to, const std::string &what) const;
  static Tensor scalar(DType dtype, double v);
};

/// The index of the element at flat position `flat` of `shape`: "[2, 0]".
std::string indexString(const std::vector<int64_t> &shape, int64_t flat);

} // namespace ngraph

#endif

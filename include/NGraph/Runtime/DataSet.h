//===- DataSet.h - the data a training run reads: `--data SPEC` ---*- C++ -*-===//
//
//   mixture:pvals=0.5,0.5;shape=4;batch=128;batches=10;eval_batches=0;seed=0
//   npz:FILE.npz[;nonfinite=allow]
//   npy:NAME=FILE.npy,...[;nonfinite=allow]
//   idx:NAME=FILE[.gz],...[;nonfinite=allow]   (MNIST-style IDX files)
//   csv:FILE[;header=names|skip|none][;label=last|N|none][;test=F|N][;seed=S]
//          [;standardize=0|1|CHECKPOINT.npz][;nonfinite=allow]
//   text:FILE[.gz],...[;seq=T][;streams=N][;holdout=F]   (characters)
//
// Every key is checked against the ones its kind takes, every value parsed
// whole and range-checked; errors name the key and the accepted values.
// docs/runner.md describes the arrays each kind produces.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_DATASET_H
#define NGRAPH_RUNTIME_DATASET_H

#include "NGraph/Support/Tensor.h"

#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace ngraph {

/// Named arrays.
using DataSet = std::map<std::string, Tensor>;

/// A `standardize=1` CSV data set also holds the training part's mean and
/// deviation per feature under these names. Checkpoints keep them (as
/// "__standardize_mean__", "__standardize_deviation__"), and
/// `standardize=CHECKPOINT.npz` applies them to new records.
inline constexpr const char *kStandardizeMean = "standardize_mean";
inline constexpr const char *kStandardizeDeviation = "standardize_deviation";
/// The checkpoint's name for a data set's array `name` ("__NAME__").
std::string checkpointKey(const std::string &name);

struct DataLimits {
  /// Most elements a generated data set may hold (mixture: its samples and
  /// the generator's covariance matrices); 2^27 doubles are 1 GiB.
  int64_t maxElements = int64_t(1) << 27;
};

/// Reads the data set `spec` describes ("" is the empty data set).
llvm::Expected<DataSet> loadDataSet(const std::string &spec,
                                    const DataLimits &limits = {});

/// `key=value;key=value` items of a spec, checked against the keys a kind
/// takes and parsed with range checks. Shared by every spec kind.
class SpecItems {
public:
  /// `context` names the spec in messages ("--data mixture").
  static llvm::Expected<SpecItems> parse(const std::string &text,
                                         const std::string &context,
                                         const std::vector<std::string> &keys);
  bool has(const std::string &key) const { return items.count(key); }
  llvm::Expected<int64_t> integer(const std::string &key, int64_t fallback,
                                  int64_t lo, int64_t hi) const;
  llvm::Expected<double> number(const std::string &key, double fallback,
                                double lo, double hi) const;
  llvm::Expected<bool> flag(const std::string &key, bool fallback) const;
  llvm::Expected<std::string> choice(const std::string &key,
                                     const std::string &fallback,
                                     const std::vector<std::string> &values) const;
  llvm::Expected<std::vector<double>> numbers(const std::string &key,
                                              const std::string &fallback) const;
  std::string text(const std::string &key, const std::string &fallback) const;

private:
  std::map<std::string, std::string> items;
  std::string context;
};

/// A whole decimal integer in [lo, hi]; the error names `what`.
llvm::Expected<int64_t> parseInteger(const std::string &text, int64_t lo,
                                     int64_t hi, const std::string &what);
/// A whole finite decimal number in [lo, hi].
llvm::Expected<double> parseNumber(const std::string &text, double lo,
                                   double hi, const std::string &what);

} // namespace ngraph

#endif

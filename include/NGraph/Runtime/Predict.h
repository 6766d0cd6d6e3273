//===- Predict.h - a computation over every record, and classifier metrics -*- C++ -*-===//
//
//   ngraph-runner model.mlir --load ckpt.npz \
//     --data 'csv:new.csv;label=none;standardize=ckpt.npz' \
//     --predict predict --predict-feed X=data:x --predict-out predictions.csv
//
// Runs one computation over all samples of its data feeds, whatever their
// count: batches of the placeholders' batch length, the last one filled
// with copies of the last sample whose outputs are dropped. Each output
// with a batch axis becomes one array with a row per sample. With labels,
// the class scores output gives accuracy, top-k accuracy and a confusion
// matrix.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_PREDICT_H
#define NGRAPH_RUNTIME_PREDICT_H

#include "NGraph/Runtime/Feeds.h"
#include "NGraph/Runtime/Runtime.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <vector>

namespace ngraph {

/// What `--predict` does (ngraph-runner's options of the same names).
struct PredictOptions {
  std::string computation;        ///< --predict
  std::vector<std::string> feeds; ///< --predict-feed, as --feed
  std::string output;             ///< --predict-out: .csv or .npz
  std::string labels;             ///< --labels: a data array of classes
  std::string metrics;            ///< --metrics: accuracy,top-K,confusion
  /// --scores: the class scores output (default: the first with several
  /// values per sample); one value per sample is the probability of
  /// class 1 of a binary classifier.
  int64_t scores = -1;
};

/// The metrics of a `--metrics` list.
struct MetricSpec {
  bool accuracy = false, confusion = false;
  std::vector<int64_t> topK;
};
/// Parses "accuracy,top-3,confusion" (empty: accuracy).
llvm::Expected<MetricSpec> parseMetrics(const std::string &text);

/// Per-sample outputs, samples first: `arrays[k]` has shape (samples, the
/// output's other axes...) and is named `names[k]` ("out0" for the
/// computation's output 0, ...).
struct Predictions {
  int64_t samples = 0;
  std::vector<std::string> names;
  std::vector<int64_t> outputs; ///< which output of the computation
  std::vector<Tensor> arrays;
};

/// Calls `c` over every sample of `feeds` (at least one data feed with a
/// batch axis): in one call when its batch axes are `?`, else batch by
/// batch. Outputs without a batch axis are left out, with a warning on
/// `warnings`. `maxCalls` (0: none) bounds the calls. The feeds point at
/// `c`'s placeholders again when it returns.
llvm::Expected<Predictions> predictAll(Transformer &t, const ComputationInfo &c,
                                       std::vector<Feed> &feeds,
                                       llvm::raw_ostream *warnings,
                                       int64_t maxCalls = 0);

/// CSV with a header: one column per value of a sample ("out0" for one
/// value, "out1_0", "out1_1", ... for several, in row-major order), one row
/// per sample; floats in the shortest form that reads back exactly.
std::string predictionsCsv(const Predictions &p);

/// Classifier metrics of `scores` (samples, classes) against integer
/// `labels` (samples): the predicted class is the first highest score.
struct ClassifierMetrics {
  int64_t samples = 0, classes = 0, correct = 0;
  /// k and the samples whose label is among the k highest scores (a tie
  /// with the label's score counts against it).
  std::vector<std::pair<int64_t, int64_t>> topK;
  /// confusion[true * classes + predicted], i64 (classes, classes).
  Tensor confusion;
  double accuracy() const { return samples ? (double)correct / samples : 0; }
};
llvm::Expected<ClassifierMetrics> classifierMetrics(const Tensor &scores,
                                                    const Tensor &labels,
                                                    llvm::ArrayRef<int64_t> topK);

/// "accuracy 0.94 (338/359)", "top-3 accuracy ...", and with `confusion`
/// the matrix as NumPy prints it.
std::string describeMetrics(const ClassifierMetrics &m, bool accuracy,
                            bool confusion);

/// --predict on a compiled graph and its data set: predictions written to
/// options.output (or printed to `out`), metrics printed to `out`.
llvm::Error runPredict(Transformer &t, const PredictOptions &options,
                       const std::map<std::string, Tensor> &data,
                       int64_t maxCalls, llvm::raw_ostream &out,
                       llvm::raw_ostream &err);

} // namespace ngraph

#endif

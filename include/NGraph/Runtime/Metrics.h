//===- Metrics.h - per-epoch records, their log and learning curve -*- C++ -*-===//
#ifndef NGRAPH_RUNTIME_METRICS_H
#define NGRAPH_RUNTIME_METRICS_H

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ngraph {

struct EpochRecord {
  int64_t epoch = 0;
  double loss = 0;            ///< mean of the step's first output, or NaN
  std::vector<double> evals;  ///< evaluation outputs, reduced
};

/// One JSON object per line: {"epoch": 0, "loss": 0.59, "eval0": ...}; NaN
/// and infinities are null (JSON has no spelling for them).
std::string metricsLogText(const std::vector<EpochRecord> &records);
/// Reads a log metricsLogText wrote; the error names the line.
llvm::Expected<std::vector<EpochRecord>> parseMetricsLog(const std::string &text,
                                                         const std::string &what);

/// An SVG learning curve: the training loss and every evaluation output per
/// epoch, each scaled to its own range and labelled with it.
std::string learningCurveSVG(const std::vector<EpochRecord> &records);

} // namespace ngraph

#endif

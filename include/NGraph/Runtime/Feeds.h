//===- Feeds.h - what each placeholder of a computation is fed ----*- C++ -*-===//
//
//   --feed X=data:x            an array of the data set, batch by batch
//   --feed X=data:x:records    ... read as (samples, features...)
//   --feed X=data:x:axes       ... read in the placeholder's axis order
//   --feed alpha=5.0/(1+epoch) a scalar expression of epoch, step, epochs, batches
//
// Layout rule (docs/runner.md): an array feeding placeholder P with a batch
// axis can be read two ways. "axes": it has P's rank and P's lengths on
// every axis but the batch axis, which holds all samples. "records": its
// first dimension is the samples and the product of the others is the
// number of values per sample, filling P's other axes in row-major order.
// When exactly one reading fits, it is used; when both fit and they differ
// (e.g. a square array for [F:3, N:3 batch]) the feed must say which.
// When P's batch axis is its first axis, both readings are the same.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_FEEDS_H
#define NGRAPH_RUNTIME_FEEDS_H

#include "NGraph/Runtime/DataSet.h"
#include "NGraph/Runtime/Runtime.h"
#include "NGraph/Support/Expression.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace ngraph {

/// Where training is: what feed expressions may name. `epochs` and
/// `batches` (training steps per epoch) make schedules over the whole run,
/// e.g. cosine decay to `epochs * batches`.
struct FeedClock {
  double epoch = 0, step = 0, epochs = 1, batches = 1;
  /// The names, in the order values() gives them.
  static const std::vector<std::string> &names();
  std::vector<double> values() const { return {epoch, step, epochs, batches}; }
};

/// How one placeholder is fed.
struct Feed {
  const ValueInfo *placeholder = nullptr;
  /// A scalar expression of the FeedClock's names, or
  std::optional<ScalarExpr> expr;
  /// a data array, converted to the placeholder's element type
  std::string arrayName;
  Tensor array;
  int64_t batchAxis = -1;
  int64_t samples = 0;
  /// The array is (samples, features...) rather than in the placeholder's
  /// axis order with all samples on the batch axis.
  bool records = false;
};

/// NAME=VALUE items of a repeated option, by name (each name once);
/// `usage` begins the message for a malformed item.
llvm::Expected<std::map<std::string, std::string>>
parseAssignments(const std::vector<std::string> &items, const std::string &usage);

/// The feeds of every input of `comp` from `--feed`-style `specs`. Checks
/// that every input is fed once, that arrays fit their placeholders (layout
/// rule above), that integer data converts exactly and that labels index
/// their one_hot axis; errors name the array, the row and the placeholder.
/// `option` names the option in messages ("--feed", "--eval-feed").
llvm::Expected<std::vector<Feed>>
makeFeeds(const ComputationInfo &comp, const std::vector<std::string> &specs,
          const DataSet &data, const std::string &option);

/// Points each feed (made by makeFeeds for a computation) at the matching
/// placeholder of `bound`: the same computation with its `?` axes given
/// lengths (Runner.h's bindBatch).
void bindFeeds(std::vector<Feed> &feeds, const ComputationInfo &bound);

/// Whole batches in the data feeds (1 when there are none); all data feeds
/// must agree. A remainder that does not fill a batch is dropped with a
/// warning on `warnings` (never padded or wrapped).
llvm::Expected<int64_t> countBatches(const std::vector<Feed> &feeds,
                                     const std::string &what,
                                     llvm::raw_ostream *warnings);

/// Samples in the data feeds (0 when there are none).
int64_t sampleCount(const std::vector<Feed> &feeds);

/// The input for batch `b`: sample i of it is sample order[b*n + i] (or
/// b*n + i without an order); with `ranks` > 1 only rank `rank`'s shard of
/// the batch axis. Expression feeds are evaluated at `clock`.
Tensor feedBatch(const Feed &f, int64_t b, const FeedClock &clock,
                 const std::vector<int64_t> *order = nullptr,
                 int64_t ranks = 1, int64_t rank = 0);

} // namespace ngraph

#endif

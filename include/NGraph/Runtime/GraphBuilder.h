//===- GraphBuilder.h - build a graph op by op, checked as it grows -*- C++ -*-===//
//
// What a front end (the Python package) builds graphs with. Each op is
// created by name, its result type inferred by the op itself, and verified
// at once, so an axis mismatch is reported against the user's line that
// built the op, not later against generated IR. Computations are then cut
// out as a graph file holding only what they need.
//
//   GraphBuilder b;
//   auto x = b.create("ng.placeholder", {}, "{name = \"x\"}",
//                     {"!ng.tensor<[], f32>"}, {"prog.py", 3, 1});
//   auto one = b.create("ng.constant", {}, "{value = dense<1.0> : tensor<f32>}",
//                       {"!ng.tensor<[], f32>"}, {"prog.py", 4, 1});
//   auto y = b.create("ng.add", {(*x)[0], (*one)[0]}, "", {}, {"prog.py", 4, 1});
//   auto source = b.graphSource("g", {{"plus_one", {(*y)[0]}, {(*x)[0]}, {}}});
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_GRAPHBUILDER_H
#define NGRAPH_RUNTIME_GRAPHBUILDER_H

#include "NGraph/Runtime/Runtime.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace mlir {
class Block;
}
#include <string>
#include <vector>

namespace ngraph {

/// Where the user built an op (file, 1-based line and column; an empty
/// file gives an unknown location).
struct SourceLocation {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;
};

/// A computation to cut out: outputs and inputs are value handles.
struct ComputationSpec {
  std::string name;
  std::vector<int64_t> outputs;
  std::vector<int64_t> inputs;
  SourceLocation location;
};

class GraphBuilder {
public:
  /// A value the builder made: an index, valid for the builder's life.
  using Handle = int64_t;

  GraphBuilder();
  ~GraphBuilder();

  /// Creates the op `opName` ("ng.add") with `operands` and `attributes`
  /// (an MLIR dictionary, "{reduce = [\"C\"]}", or empty). With
  /// `resultTypes` empty the op infers them; ops that do not (placeholders,
  /// variables, constants, broadcasts) are given them. The op is verified;
  /// on failure nothing is kept and the error holds the diagnostics
  /// ("file:line:col: error: ..."). Returns the results' handles.
  llvm::Expected<std::vector<Handle>>
  create(llvm::StringRef opName, llvm::ArrayRef<Handle> operands,
         llvm::StringRef attributes, llvm::ArrayRef<std::string> resultTypes,
         const SourceLocation &location);

  /// Starts the body of a region op (ng.recurrence): a block whose
  /// arguments have `argumentTypes`. Until finishBody, create() adds ops to
  /// it, and their operands must be values of that block. Returns the
  /// arguments' handles.
  llvm::Expected<std::vector<Handle>>
  beginBody(llvm::ArrayRef<std::string> argumentTypes);
  /// Ends the innermost body with the terminator `terminator` (ng.yield)
  /// of `yielded`, and creates `opName` holding it, as create() does
  /// (result types given). On failure the body is discarded too.
  llvm::Expected<std::vector<Handle>>
  finishBody(llvm::StringRef opName, llvm::ArrayRef<Handle> operands,
             llvm::StringRef attributes, llvm::ArrayRef<std::string> resultTypes,
             llvm::StringRef terminator, llvm::ArrayRef<Handle> yielded,
             const SourceLocation &location);
  /// Discards the innermost body (after an error while building it).
  void abandonBody();

  /// Axes, element type and (for placeholders and variables) name.
  llvm::Expected<ValueInfo> describe(Handle value) const;
  /// The type as written in graph files ("!ng.tensor<[C:4], f32>").
  llvm::Expected<std::string> typeText(Handle value) const;
  /// Renames a placeholder or variable (Nervana Graph's `.named()`).
  llvm::Error rename(Handle value, llvm::StringRef name);
  /// The variables `value` depends on, in the order they were created.
  llvm::Expected<std::vector<Handle>> variablesOf(Handle value) const;

  /// A graph file `graphName` holding `computations` and every op they
  /// need, verified as a whole (names unique, every placeholder an output
  /// needs given as an input, axes consistent). `locations` prints each
  /// op's source location, so later diagnostics point at the user's lines.
  llvm::Expected<std::string>
  graphSource(llvm::StringRef graphName,
              llvm::ArrayRef<ComputationSpec> computations,
              bool locations) const;

private:
  llvm::Expected<std::vector<Handle>>
  createIn(llvm::StringRef opName, llvm::ArrayRef<Handle> operands,
           llvm::StringRef attributes, llvm::ArrayRef<std::string> resultTypes,
           const SourceLocation &location, std::unique_ptr<mlir::Block> body);
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace ngraph

#endif

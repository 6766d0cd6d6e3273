//===- Generate.h - text from a character model, one step per call -*- C++ -*-===//
//
// A character-level language model's sampling computation takes the
// current character's id (one integer, in the vocabulary of DataIO.h's
// charId) and returns the next character's id, keeping its recurrent state
// in variables between calls. generateText primes that state with a seed
// text, then feeds each output back as the next input.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_GENERATE_H
#define NGRAPH_RUNTIME_GENERATE_H

#include "NGraph/Runtime/Runtime.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>

namespace ngraph {

struct GenerateOptions {
  /// The sampling computation: exactly one integer input of one element
  /// (the character), its first output an integer of one element (the next
  /// character); other inputs come from `inputs`.
  std::string computation;
  /// Fed first, one character per call (at least one character).
  std::string prime = "\n";
  /// Characters generated after the prime.
  int64_t length = 200;
  /// Most calls of the computation (0: no limit; the prime and the length
  /// together may not need more).
  int64_t maxCalls = 0;
};

/// Runs the sampling computation over `prime` and then `length` more
/// steps; returns the prime followed by the generated characters.
/// `inputs` holds the computation's other inputs by placeholder name.
llvm::Expected<std::string>
generateText(Transformer &t, const GenerateOptions &options,
             const std::map<std::string, Tensor> &inputs);

} // namespace ngraph

#endif

//===- Generate.cpp - text from a character model, one step per call ------===//
#include "NGraph/Runtime/Generate.h"
#include "NGraph/Runtime/DataIO.h"
#include "NGraph/Runtime/Runner.h"

#include <algorithm>

using namespace ngraph;
using llvm::createStringError;

static bool isInteger(DType d) { return d == DType::I32 || d == DType::I64; }

/// One integer of one element: the contract of the character input and of
/// the first output.
static bool isOneInteger(const ValueInfo &v) {
  int64_t n = 1;
  for (int64_t d : v.shape())
    n *= d;
  return !v.isEffect && isInteger(v.dtype) && n == 1;
}

llvm::Expected<std::string>
ngraph::generateText(Transformer &t, const GenerateOptions &o,
                     const std::map<std::string, Tensor> &inputs) {
  const ComputationInfo *generic = t.computation(o.computation);
  if (!generic)
    return createStringError("--generate: unknown computation '%s'",
                             o.computation.c_str());
  // One character per call: `?` batch axes are one sample long.
  auto bound = bindBatch(*generic, 1, "--generate", "");
  if (!bound)
    return bound.takeError();
  const ComputationInfo *c = &bound->info;
  if (o.prime.empty())
    return createStringError("--prime: give at least one character to start "
                             "from");
  if (o.length < 0)
    return createStringError("--length must be >= 0, got %lld",
                             (long long)o.length);
  // The character input: the one integer placeholder of one element.
  int charInput = -1;
  std::vector<Tensor> ins(c->inputs.size());
  for (size_t i = 0; i < c->inputs.size(); ++i) {
    const ValueInfo &p = c->inputs[i];
    auto it = inputs.find(p.name);
    if (it != inputs.end()) {
      ins[i] = it->second;
      continue;
    }
    if (!isOneInteger(p) || charInput >= 0)
      return createStringError(
          "--generate %s: input %s is not given (--input %s=...)%s",
          c->name.c_str(), p.describe().c_str(), p.name.c_str(),
          charInput >= 0 ? "" : "; the character input must be the one "
                               "integer placeholder of one element");
    charInput = i;
    ins[i] = Tensor(p.dtype, p.shape());
  }
  if (charInput < 0)
    return createStringError("--generate %s: no input left for the "
                             "character (an integer placeholder of one "
                             "element)",
                             c->name.c_str());
  for (const auto &[name, value] : inputs) {
    (void)value;
    bool known = false;
    for (const ValueInfo &p : c->inputs)
      known |= p.name == name;
    if (!known)
      return createStringError("--input %s=...: computation '%s' has no "
                               "input named '%s'",
                               name.c_str(), c->name.c_str(), name.c_str());
  }
  if (c->outputs.empty() || !isOneInteger(c->outputs[0]))
    return createStringError("--generate %s: the first output must be the "
                             "next character, an integer of one element",
                             c->name.c_str());

  int64_t calls = (int64_t)o.prime.size() + std::max<int64_t>(o.length - 1, 0);
  if (o.maxCalls && calls > o.maxCalls)
    return createStringError("--generate: the prime and --length need %lld "
                             "calls, more than the limit of %lld",
                             (long long)calls, (long long)o.maxCalls);
  std::string text = o.prime;
  std::vector<Tensor> outs;
  auto step = [&](int64_t id) -> llvm::Expected<int64_t> {
    ins[charInput].set(0, (double)id);
    std::vector<const Tensor *> ptrs;
    for (const Tensor &x : ins)
      ptrs.push_back(&x);
    if (llvm::Error e = t.call(c->name, ptrs, outs, bound->lengths))
      return std::move(e);
    int64_t next = (int64_t)outs[0].get(0);
    if (next < 0 || next >= kCharVocabulary)
      return createStringError("--generate %s: the next character's id is "
                               "%lld, outside the vocabulary [0, %lld)",
                               c->name.c_str(), (long long)next,
                               (long long)kCharVocabulary);
    return next;
  };
  int64_t next = 0;
  for (unsigned char ch : o.prime) {
    auto n = step(charId(ch));
    if (!n)
      return n.takeError();
    next = *n;
  }
  for (int64_t i = 0; i < o.length; ++i) {
    text += idChar(next);
    if (i + 1 == o.length)
      break;
    auto n = step(next);
    if (!n)
      return n.takeError();
    next = *n;
  }
  return text;
}

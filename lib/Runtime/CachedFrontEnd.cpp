//===- CachedFrontEnd.cpp - a Transformer that only runs cached code -------===//
//
// The front end of NGraphCachedRuntime (TransformerImpl.h): the graph's
// interface, initial values and object all come from its compile cache
// entry, so the process parses nothing and loads neither libMLIR nor
// libLLVM. A graph that is not in the cache, or that compiles per call (it
// has `?` axes), fails with NotCachedError: the tool then hands the run to
// the compiling runner (docs/deploy.md).
//
//===----------------------------------------------------------------------===//
#include "TransformerImpl.h"

using namespace ngraph;
using namespace ngraph::detail;

namespace {
class CacheOnlyFrontEnd : public GraphFrontEnd {
public:
  llvm::Expected<std::string> compile(const AxisLengths &lengths,
                                      CompileTimes &) override {
    return llvm::make_error<NotCachedError>(
        "the graph at " + describeLengths(lengths) +
        " is not in the compile cache");
  }
};
} // namespace

llvm::Expected<std::unique_ptr<Transformer>>
Transformer::compile(const std::string &source, const std::string &name,
                     const CompileOptions &options) {
  if (options.cacheDirectory.empty())
    return llvm::make_error<NotCachedError>("no compile cache");
  if (options.dumpStages)
    return llvm::make_error<NotCachedError>("the stages are printed by the "
                                            "compiler");
  if (!options.target)
    return llvm::createStringError("no code generation target: set "
                                   "CompileOptions::target");
  CompileCache store(options.cacheDirectory);
  std::string key = CompileCache::key(source, optionsKey(options));
  // A damaged entry stays for the compiler, which reports and replaces it.
  CompileCache::Lookup found = store.lookup(key, /*keepDamaged=*/true);
  if (!found.object)
    return llvm::make_error<NotCachedError>(
        name + (found.problem.empty() ? " is not in the compile cache"
                                      : " has an unusable cache entry (" +
                                            found.problem + ")"));
  auto decoded = decodeCompiledGraph(*found.object);
  if (!decoded)
    return llvm::make_error<NotCachedError>(
        name + " has an unusable cache entry (" +
        llvm::toString(decoded.takeError()) + ")");
  if (!decoded->dynamicAxes.empty())
    return llvm::make_error<NotCachedError>(name + " has axes of length ?");
  std::unique_ptr<Transformer> t(new Transformer());
  Impl &impl = *t->impl;
  impl.preloadedObject = decoded->object;
  impl.graph = std::move(*decoded);
  impl.options = options;
  impl.source = source;
  impl.frontEnd = std::make_unique<CacheOnlyFrontEnd>();
  // The initial values point into the entry, which the core releases once
  // they are copied into the variables.
  impl.entry = std::move(found.buffer);
  return Impl::start(std::move(t));
}

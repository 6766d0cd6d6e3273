//===- Runtime.cpp - compile a graph file once, call its computations ------===//
#include "NGraph/Runtime/Runtime.h"
#include "NGraph/Runtime/ABI.h"
#include "NGraph/Support/Sharding.h"
#include "TransformerImpl.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <dlfcn.h>
#include <malloc.h>
#include <mutex>

using namespace ngraph;
using namespace ngraph::detail;
using llvm::createStringError;

std::string ngraph::describeLengths(const AxisLengths &lengths) {
  std::string s;
  for (const auto &[name, length] : lengths)
    s += (s.empty() ? "" : ", ") + name + "=" + std::to_string(length);
  return s;
}

bool ValueInfo::hasDynamicAxes() const {
  for (const AxisInfo &a : axes)
    if (a.dynamic())
      return true;
  return false;
}

std::vector<std::string> ComputationInfo::dynamicAxes() const {
  std::vector<std::string> names;
  auto add = [&](const std::vector<ValueInfo> &values) {
    for (const ValueInfo &v : values)
      for (const AxisInfo &a : v.axes)
        if (a.dynamic() &&
            std::find(names.begin(), names.end(), a.name) == names.end())
          names.push_back(a.name);
  };
  add(inputs);
  add(outputs);
  return names;
}

AxisLengths ComputationInfo::dynamicAxesAt(int64_t length) const {
  AxisLengths lengths;
  for (const std::string &a : dynamicAxes())
    lengths[a] = length;
  return lengths;
}

ComputationInfo ComputationInfo::withLengths(const AxisLengths &lengths) const {
  ComputationInfo c = *this;
  for (auto *values : {&c.inputs, &c.outputs})
    for (ValueInfo &v : *values)
      for (AxisInfo &a : v.axes)
        if (a.dynamic()) {
          auto it = lengths.find(a.name);
          if (it != lengths.end())
            a.length = it->second;
        }
  return c;
}

llvm::Expected<AxisLengths>
ComputationInfo::lengthsOf(const std::vector<const Tensor *> &given) const {
  AxisLengths lengths;
  std::map<std::string, std::string> from; // axis -> the input that gave it
  for (size_t i = 0; i < inputs.size() && i < given.size(); ++i) {
    const ValueInfo &p = inputs[i];
    if (!p.hasDynamicAxes())
      continue;
    if (given[i]->shape.size() != p.axes.size())
      return createStringError("input '%s' of '%s' expects %zu axes %s, got "
                               "shape %s",
                               p.name.c_str(), name.c_str(), p.axes.size(),
                               p.describe().c_str(),
                               shapeString(given[i]->shape).c_str());
    for (size_t d = 0; d < p.axes.size(); ++d) {
      const AxisInfo &a = p.axes[d];
      if (!a.dynamic())
        continue;
      int64_t n = given[i]->shape[d];
      if (n < 1)
        return createStringError("input '%s' of '%s' has length %lld on axis "
                                 "%s: a call needs at least one sample",
                                 p.name.c_str(), name.c_str(), (long long)n,
                                 a.name.c_str());
      auto [it, fresh] = lengths.emplace(a.name, n);
      if (!fresh && it->second != n)
        return createStringError(
            "inputs '%s' and '%s' of '%s' disagree on the length of axis %s "
            "(%lld and %lld)",
            from[a.name].c_str(), p.name.c_str(), name.c_str(), a.name.c_str(),
            (long long)it->second, (long long)n);
      from.emplace(a.name, p.name);
    }
  }
  return lengths;
}

std::vector<int64_t> ValueInfo::shape() const {
  std::vector<int64_t> s;
  for (const AxisInfo &a : axes)
    s.push_back(a.length);
  return s;
}

std::vector<int64_t> ValueInfo::shardShape(int64_t ranks, int64_t rank) const {
  std::vector<int64_t> s;
  for (const AxisInfo &a : axes)
    s.push_back(a.batch ? shardOf(a.length, ranks, rank).length : a.length);
  return s;
}

int64_t ValueInfo::batchDim() const {
  for (size_t i = axes.size(); i-- > 0;)
    if (axes[i].batch)
      return i;
  return -1;
}

std::string ValueInfo::describe() const {
  std::string s = name.empty() ? std::string("value") : name;
  if (isEffect)
    return s + " (effect)";
  s += " [";
  for (size_t i = 0; i < axes.size(); ++i) {
    if (i)
      s += ", ";
    s += axes[i].name + ":" +
         (axes[i].dynamic() ? std::string("?") : std::to_string(axes[i].length));
    if (axes[i].batch)
      s += " batch";
    if (axes[i].recurrent)
      s += " recurrent";
  }
  return s + "] " + dtypeName(dtype);
}

//===----------------------------------------------------------------------===//
// Transformer
//===----------------------------------------------------------------------===//

detail::GraphFrontEnd::~GraphFrontEnd() = default;

char NotCachedError::ID = 0;
void NotCachedError::log(llvm::raw_ostream &os) const {
  os << "cannot run without the compiler: " << why;
}

Transformer::Transformer() : impl(std::make_unique<Impl>()) {
  // Compiled code allocates its temporaries on every call. glibc serves
  // large blocks with mmap and returns them on free, so each call would
  // fault in fresh zeroed pages (15% of a 1024^3 matmul); keep them in the
  // heap for reuse instead.
  static bool once = [] {
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    return true;
  }();
  (void)once;
}
Transformer::~Transformer() = default;

//===----------------------------------------------------------------------===//
// Index errors reported by compiled code
//===----------------------------------------------------------------------===//

std::optional<abi::IndexSite> abi::decodeIndexSite(const std::string &text) {
  llvm::SmallVector<llvm::StringRef> lines;
  llvm::StringRef(text).split(lines, '\n');
  if (lines.size() != 4)
    return std::nullopt;
  IndexSite s;
  s.location = lines[0].str();
  s.op = lines[1].str();
  auto axis = [](llvm::StringRef text, std::string &name, int64_t &length) {
    auto [n, l] = text.rsplit(':');
    name = n.str();
    return !n.empty() && !l.getAsInteger(10, length) && length >= 0;
  };
  if (!axis(lines[2], s.tableAxis, s.tableLength))
    return std::nullopt;
  if (!lines[3].empty()) {
    llvm::SmallVector<llvm::StringRef> list;
    lines[3].split(list, ',');
    for (llvm::StringRef a : list) {
      s.indexAxes.emplace_back();
      if (!axis(a, s.indexAxes.back().first, s.indexAxes.back().second))
        return std::nullopt;
    }
  }
  return s;
}

std::string abi::describeIndexError(const IndexSite &site, int64_t position,
                                    int64_t value) {
  // Row-major position to one coordinate per index axis.
  std::vector<int64_t> at(site.indexAxes.size());
  for (size_t i = site.indexAxes.size(); i-- > 0;) {
    int64_t n = std::max<int64_t>(site.indexAxes[i].second, 1);
    at[i] = position % n;
    position /= n;
  }
  std::string r;
  llvm::raw_string_ostream os(r);
  os << site.location << ": " << site.op << ": index " << value << " at [";
  for (size_t i = 0; i < at.size(); ++i)
    os << (i ? ", " : "") << site.indexAxes[i].first << "=" << at[i];
  os << "] is outside [0, " << site.tableLength
     << "), the length of the table's axis " << site.tableAxis;
  return r;
}

namespace {
/// The first index error compiled code reported during a call. Calls set
/// the slot of their thread; reports from other threads (none today: the
/// checks run on the calling thread) go to a shared one.
struct IndexErrorSlot {
  std::mutex mutex;
  std::optional<std::string> message;
};
thread_local IndexErrorSlot *currentCall = nullptr;
IndexErrorSlot sharedSlot;
} // namespace

extern "C" void ngraph_rt_index_error(int64_t site, int64_t position,
                                      int64_t value) {
  IndexErrorSlot &slot = currentCall ? *currentCall : sharedSlot;
  std::lock_guard<std::mutex> lock(slot.mutex);
  if (slot.message)
    return;
  auto decoded = abi::decodeIndexSite(reinterpret_cast<const char *>(site));
  slot.message = decoded ? abi::describeIndexError(*decoded, position, value)
                         : "index " + std::to_string(value) +
                               " outside its table at position " +
                               std::to_string(position);
}


std::string detail::optionsKey(const CompileOptions &o) {
  const cpu::CPUTarget &t = *o.target;
  std::string k;
  llvm::raw_string_ostream os(k);
  os << "target " << t.name << " " << t.triple << " " << t.cpu << " "
     << t.features << " " << t.vectorBits << " " << t.vectorRegisters << " "
     << t.l1Bytes << " " << t.l2Bytes << " " << t.l3Bytes << " " << t.cores
     << "\nO" << o.optLevel << " fuse " << o.fuse << " schedule " << o.schedule
     << " threads " << o.threads << " ranks " << o.ranks << " rank " << o.rank
     << " overlap " << o.overlapCollectives << "\n";
  return k;
}

llvm::Expected<std::unique_ptr<LoadedObject>>
Transformer::Impl::link(llvm::StringRef object) {
  // libc and libm from this process; libomp for a multi-threaded graph;
  // the runtime's own entry points (the index error report, and the
  // collectives of a data-parallel run: dist::runtimeSymbols()).
  void *openmp = nullptr;
  if (options.threads > 1) {
    static const char *path = "/usr/lib/llvm-22/lib/libomp.so";
    openmp = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    if (!openmp)
      return createStringError("cannot load the OpenMP runtime %s: %s", path,
                               dlerror());
  }
  auto resolve = [&](const std::string &name) -> void * {
    if (name == abi::kIndexErrorSymbol)
      return reinterpret_cast<void *>(&ngraph_rt_index_error);
    for (const auto &[given, address] : options.runtimeSymbols)
      if (given == name)
        return address;
    if (void *p = dlsym(RTLD_DEFAULT, name.c_str()))
      return p;
    return openmp ? dlsym(openmp, name.c_str()) : nullptr;
  };
  auto loaded = LoadedObject::load(object, resolve);
  if (!loaded)
    return createStringError("cannot link the compiled graph: %s",
                             llvm::toString(loaded.takeError()).c_str());
  return loaded;
}

static double secondsSince(std::chrono::steady_clock::time_point from) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - from)
      .count();
}

llvm::Expected<std::unique_ptr<Transformer::Impl::Specialization>>
Transformer::Impl::specialize(const AxisLengths &lengths) {
  auto s = std::make_unique<Specialization>();
  s->lengths = lengths;
  for (const ComputationInfo &c : graph.computations)
    s->computations.push_back(c.withLengths(lengths));
  CompileTimes times;

  // A cached object compiled from the same text, options and lengths
  // replaces the whole pipeline. `found` keeps the entry mapped until the
  // object is linked.
  CompileCache::Lookup found;
  std::optional<llvm::StringRef> object;
  std::optional<CompileCache> store;
  CacheReport report;
  std::string key;
  if (!options.cacheDirectory.empty() && !options.dumpStages) {
    store.emplace(options.cacheDirectory);
    std::string extra = optionsKey(options);
    if (!lengths.empty())
      extra += "lengths " + describeLengths(lengths) + "\n";
    key = CompileCache::key(source, extra);
    report.path = store->pathOf(key);
    if (preloadedObject && lengths.empty()) {
      object = preloadedObject;
    } else {
      found = store->lookup(key);
      report.problem = found.problem;
      if (found.object) {
        auto decoded = decodeCompiledGraph(*found.object);
        if (decoded)
          object = decoded->object;
        else
          report.problem = llvm::toString(decoded.takeError());
      }
    }
    preloadedObject.reset();
    report.status = object                   ? CacheReport::Hit
                    : report.problem.empty() ? CacheReport::Miss
                                             : CacheReport::Rebuilt;
  }
  std::string compiledObject;
  if (!object) {
    auto compiled = frontEnd->compile(lengths, times);
    if (!compiled)
      return compiled.takeError();
    compiledObject = std::move(*compiled);
    object = compiledObject;
    if (store) {
      // A cache that cannot be written costs the next start a compile, not
      // this run.
      CompiledGraph entry = graph;
      entry.object = compiledObject;
      if (llvm::Error e = store->store(key, encodeCompiledGraph(entry))) {
        report.problem = llvm::toString(std::move(e));
        report.status = CacheReport::NotStored;
      }
    }
  }
  auto loadStart = std::chrono::steady_clock::now();
  auto code = link(*object);
  if (!code)
    return code.takeError();
  s->code = std::move(*code);
  for (const ValueInfo &v : graph.variables) {
    void *addr = s->code->symbol(abi::variableSymbol(v.name));
    if (!addr)
      return createStringError("variable '%s' is missing from the compiled "
                               "module",
                               v.name.c_str());
    s->variableData[v.name] = addr;
  }
  for (const ComputationInfo &c : s->computations) {
    void *fn = s->code->symbol(abi::packedSymbol(c.name));
    if (!fn)
      return createStringError("computation '%s' is missing from the compiled "
                               "module",
                               c.name.c_str());
    CallFrame &f = s->calls[c.name];
    f.info = &c;
    f.entry = reinterpret_cast<void (*)(void **)>(fn);
    for (const ValueInfo &v : c.inputs)
      f.shapes.push_back(v.shardShape(options.ranks, options.rank));
    for (const ValueInfo &v : c.outputs)
      if (!v.isEffect)
        f.shapes.push_back(v.shardShape(options.ranks, options.rank));
    size_t size = 0;
    for (const auto &shape : f.shapes) {
      f.offsets.push_back(size);
      size += 3 + 2 * shape.size();
    }
    f.words.assign(size, 0);
    for (size_t off : f.offsets)
      f.descs.push_back(f.words.data() + off);
    for (void *&d : f.descs)
      f.args.push_back(&d);
    f.converted.resize(c.inputs.size());
  }
  times.loading = secondsSince(loadStart);
  compileTimes.lowering += times.lowering;
  compileTimes.optimization += times.optimization;
  compileTimes.codegen += times.codegen;
  compileTimes.loading += times.loading;
  cache = report;
  compiled.push_back(lengths);
  if (options.onSpecialize && !graph.dynamicAxes.empty())
    options.onSpecialize(lengths, times, report);
  return s;
}

void Transformer::Impl::writeInitialValue(size_t i, void *dst) const {
  const ValueInfo &v = graph.variables[i];
  int64_t elements = 1;
  for (const AxisInfo &a : v.axes)
    elements *= a.length;
  graph.initialValues[i].writeTo(dst, elements, dtypeSize(v.dtype));
}

void *Transformer::Impl::variableAddress(const ValueInfo &v) {
  if (active)
    return active->variableData.at(v.name);
  if (parked.empty() && !initialValuesUsed) {
    for (size_t i = 0; i < graph.variables.size(); ++i) {
      const ValueInfo &v = graph.variables[i];
      Tensor value(v.dtype, v.shape());
      writeInitialValue(i, value.bytes.data());
      parked[v.name] = std::move(value);
    }
    releaseInitialValues();
  }
  return parked.at(v.name).bytes.data();
}

void Transformer::Impl::activate(Specialization &s) {
  if (active == &s)
    return;
  for (size_t i = 0; i < graph.variables.size(); ++i) {
    const ValueInfo &v = graph.variables[i];
    void *dst = s.variableData.at(v.name);
    // The first one takes the initial values straight from the graph,
    // unless they were read or written before.
    if (!active && parked.empty()) {
      writeInitialValue(i, dst);
      continue;
    }
    size_t bytes = dtypeSize(v.dtype);
    for (const AxisInfo &a : v.axes)
      bytes *= a.length;
    std::memcpy(dst, variableAddress(v), bytes);
  }
  if (!initialValuesUsed)
    releaseInitialValues();
  active = &s;
  parked.clear();
}

void Transformer::Impl::releaseInitialValues() {
  initialValuesUsed = true;
  // Values in a cache entry (a cached front end) go with it; a compiler's
  // stay for the entries of later specializations.
  if (entry) {
    graph.initialValues.clear();
    entry.reset();
  }
}

llvm::Expected<Transformer::Impl::Specialization *>
Transformer::Impl::lookup(const AxisLengths &lengths) {
  Specialization *found = nullptr;
  for (auto &s : specializations)
    if (s->lengths == lengths)
      found = s.get();
  if (!found) {
    auto made = specialize(lengths);
    if (!made)
      return made.takeError();
    specializations.push_back(std::move(*made));
    found = specializations.back().get();
  }
  activate(*found);
  found->lastUse = ++uses;
  // The active one holds the variables and is never dropped.
  size_t keep = std::max(1u, options.maxSpecializations);
  while (specializations.size() > keep) {
    auto oldest = specializations.end();
    for (auto it = specializations.begin(); it != specializations.end(); ++it)
      if (it->get() != active &&
          (oldest == specializations.end() || (*it)->lastUse < (*oldest)->lastUse))
        oldest = it;
    specializations.erase(oldest);
  }
  return found;
}

llvm::Expected<std::unique_ptr<Transformer>>
Transformer::load(const std::string &path, const CompileOptions &options) {
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/true);
  if (!buffer)
    return createStringError("cannot read graph file '%s': %s", path.c_str(),
                             buffer.getError().message().c_str());
  return compile(std::string((*buffer)->getBuffer()), path, options);
}

llvm::Expected<std::unique_ptr<Transformer>>
Transformer::loadFromString(const std::string &source,
                            const CompileOptions &options) {
  return compile(source, "<string>", options);
}

llvm::Expected<std::unique_ptr<Transformer>>
Transformer::Impl::start(std::unique_ptr<Transformer> t) {
  Impl &impl = *t->impl;
  const CompileOptions &options = impl.options;
  for (const ComputationInfo &c : impl.graph.computations)
    impl.computationAxes.push_back(c.dynamicAxes());
  if (!options.target)
    return createStringError("no code generation target: set "
                             "CompileOptions::target (tools use the host's)");
  if (options.ranks < 1 || options.rank < 0 || options.rank >= options.ranks)
    return createStringError("rank %lld is not in [0, %lld)",
                             (long long)options.rank, (long long)options.ranks);
  // A graph of fixed lengths is compiled now; one with `?` axes at the
  // first call with each set of lengths.
  if (impl.graph.dynamicAxes.empty()) {
    auto s = impl.lookup({});
    if (!s)
      return s.takeError();
  }
  return t;
}

const std::vector<ComputationInfo> &Transformer::computations() const {
  return impl->graph.computations;
}

const ComputationInfo *Transformer::computation(const std::string &name) const {
  for (const ComputationInfo &c : impl->graph.computations)
    if (c.name == name)
      return &c;
  return nullptr;
}

const std::vector<ValueInfo> &Transformer::variables() const {
  return impl->graph.variables;
}

const CompileTimes &Transformer::compileTimes() const {
  return impl->compileTimes;
}

const CacheReport &Transformer::cacheReport() const { return impl->cache; }

const std::vector<std::string> &Transformer::dynamicAxes() const {
  return impl->graph.dynamicAxes;
}

const std::vector<AxisLengths> &Transformer::specializations() const {
  return impl->compiled;
}

std::string CacheReport::describe() const {
  switch (status) {
  case Off:
    return "";
  case Hit:
    return "loaded from the compile cache (" + path + ")";
  case Miss:
    return "compiled and stored in the compile cache (" + path + ")";
  case Rebuilt:
    return "compile cache entry " + path + " was not usable (" + problem +
           "); compiled and replaced it";
  case NotStored:
    return "compiled; not stored in the compile cache: " + problem;
  }
  return "";
}

/// Writes a ranked memref descriptor (allocated, aligned, offset, sizes,
/// strides) for a dense row-major array into `words`.
static void writeDescriptor(int64_t *words, const void *data,
                            const std::vector<int64_t> &shape) {
  std::memcpy(&words[0], &data, sizeof(void *));
  std::memcpy(&words[1], &data, sizeof(void *));
  words[2] = 0;
  int64_t stride = 1;
  for (size_t i = shape.size(); i-- > 0;) {
    words[3 + i] = shape[i];
    words[3 + shape.size() + i] = stride;
    stride *= shape[i];
  }
}


llvm::Error Transformer::call(const std::string &name,
                              const std::vector<const Tensor *> &inputs,
                              std::vector<Tensor> &outputs) {
  return call(name, inputs, outputs, AxisLengths());
}

llvm::Error Transformer::call(const std::string &name,
                              const std::vector<const Tensor *> &inputs,
                              std::vector<Tensor> &outputs,
                              const AxisLengths &given) {
  const ComputationInfo *generic = computation(name);
  if (!generic) {
    std::string known;
    for (const ComputationInfo &k : impl->graph.computations)
      known += (known.empty() ? "" : ", ") + k.name;
    return createStringError("unknown computation '%s' (the graph defines: %s)",
                             name.c_str(), known.c_str());
  }
  if (inputs.size() != generic->inputs.size())
    return createStringError("computation '%s' takes %zu inputs, got %zu",
                             name.c_str(), generic->inputs.size(), inputs.size());
  // The lengths of the `?` axes, which pick the specialization: given, or
  // read from the inputs. A training loop gives all of them, so its calls
  // copy nothing.
  const AxisLengths *lengths = &given;
  AxisLengths filled;
  if (!impl->graph.dynamicAxes.empty()) {
    const std::vector<std::string> &mine =
        impl->computationAxes[generic - impl->graph.computations.data()];
    if (!given.empty()) {
      for (const auto &[axis, length] : given) {
        if (std::find(impl->graph.dynamicAxes.begin(), impl->graph.dynamicAxes.end(),
                      axis) == impl->graph.dynamicAxes.end())
          return createStringError("call of '%s': the graph has no axis '%s' "
                                   "of length ?",
                                   name.c_str(), axis.c_str());
        if (length < 1)
          return createStringError("call of '%s': axis %s needs a positive "
                                   "length, got %lld",
                                   name.c_str(), axis.c_str(), (long long)length);
      }
    } else if (impl->options.ranks > 1 && !mine.empty()) {
      return createStringError(
          "call of '%s': a data-parallel call's inputs hold one rank's share, "
          "so the whole lengths of its ? axes must be given",
          name.c_str());
    } else {
      auto read = generic->lengthsOf(inputs);
      if (!read)
        return read.takeError();
      filled = std::move(*read);
      lengths = &filled;
    }
    for (const std::string &axis : mine)
      if (!lengths->count(axis))
        return createStringError("call of '%s': no input has axis %s, whose "
                                 "length is ?; give its length",
                                 name.c_str(), axis.c_str());
    // `?` axes this computation does not use keep the lengths they have
    // (every name in `lengths` is one of the graph's `?` axes).
    if (lengths->size() != impl->graph.dynamicAxes.size()) {
      if (lengths != &filled)
        filled = given;
      for (const std::string &axis : impl->graph.dynamicAxes)
        if (!filled.count(axis))
          filled[axis] = impl->active && impl->active->lengths.count(axis)
                             ? impl->active->lengths.at(axis)
                             : 1;
      lengths = &filled;
    }
  } else if (!given.empty()) {
    return createStringError("call of '%s': the graph has no axis of length ?",
                             name.c_str());
  }
  auto specialization = impl->lookup(*lengths);
  if (!specialization)
    return specialization.takeError();
  // Everything a call needs is prepared once per computation, so a
  // training loop's calls allocate nothing (after the first, for outputs).
  Impl::CallFrame &f = (*specialization)->calls.at(name);
  const ComputationInfo *c = f.info;
  // Compiled code writes results straight into the output buffers while it
  // still reads its inputs: an input sharing memory with an output (a
  // previous result fed back in) is read from a copy.
  auto overlapsOutput = [&](const Tensor &t) {
    const auto *b = t.bytes.data(), *e = b + t.bytes.size();
    for (const Tensor &o : outputs)
      if (b < o.bytes.data() + o.bytes.size() && o.bytes.data() < e)
        return true;
    return false;
  };
  size_t arg = 0;
  for (size_t i = 0; i < inputs.size(); ++i, ++arg) {
    const ValueInfo &p = c->inputs[i];
    if (inputs[i]->shape != f.shapes[arg])
      return createStringError(
          "input '%s' of '%s' expects shape %s for axes %s, got shape %s",
          p.name.c_str(), name.c_str(), shapeString(f.shapes[arg]).c_str(),
          p.describe().c_str(), shapeString(inputs[i]->shape).c_str());
    // Inputs are only read: pass them in place unless they need converting.
    const Tensor *in = inputs[i];
    if (in->dtype != p.dtype) {
      llvm::Expected<Tensor> converted =
          in->convertTo(p.dtype, "input '" + p.name + "' of '" + name + "'");
      if (!converted)
        return converted.takeError();
      f.converted[i] = std::move(*converted);
      in = &f.converted[i];
    } else if (!in->bytes.empty() && overlapsOutput(*in)) {
      f.converted[i] = *in;
      in = &f.converted[i];
    }
    writeDescriptor(f.words.data() + f.offsets[arg], in->bytes.data(),
                    in->shape);
  }
  // Output tensors of the right shape are reused: a training loop calling
  // the same computation allocates nothing after the first step.
  outputs.resize(c->outputs.size());
  for (size_t i = 0; i < c->outputs.size(); ++i) {
    const ValueInfo &o = c->outputs[i];
    if (o.isEffect) {
      outputs[i] = Tensor();
      continue;
    }
    Tensor &out = outputs[i];
    const std::vector<int64_t> &shape = f.shapes[arg];
    if (out.dtype != o.dtype || out.shape != shape ||
        out.bytes.size() != (size_t)out.numElements() * dtypeSize(o.dtype))
      out = Tensor(o.dtype, shape);
    writeDescriptor(f.words.data() + f.offsets[arg], out.bytes.data(), shape);
    ++arg;
  }
  IndexErrorSlot slot;
  IndexErrorSlot *outer = currentCall;
  currentCall = &slot;
  f.entry(f.args.data());
  currentCall = outer;
  if (!slot.message) {
    std::lock_guard<std::mutex> lock(sharedSlot.mutex);
    slot.message = std::move(sharedSlot.message);
    sharedSlot.message.reset();
  }
  if (slot.message)
    return createStringError("computation '%s': %s", name.c_str(),
                             slot.message->c_str());
  return llvm::Error::success();
}

llvm::Error Transformer::call(const std::string &name,
                              const std::vector<Tensor> &inputs,
                              std::vector<Tensor> &outputs) {
  std::vector<const Tensor *> ptrs;
  for (const Tensor &x : inputs)
    ptrs.push_back(&x);
  return call(name, ptrs, outputs);
}

llvm::Expected<Tensor> Transformer::readVariable(const std::string &name) const {
  for (const ValueInfo &v : impl->graph.variables) {
    if (v.name != name)
      continue;
    Tensor t(v.dtype, v.shape());
    std::memcpy(t.bytes.data(), impl->variableAddress(v), t.bytes.size());
    return t;
  }
  return createStringError("unknown variable '%s'", name.c_str());
}

llvm::Error Transformer::writeVariable(const std::string &name,
                                       const Tensor &value) {
  for (const ValueInfo &v : impl->graph.variables) {
    if (v.name != name)
      continue;
    if (value.shape != v.shape())
      return createStringError("variable %s expects shape %s, got %s",
                               v.describe().c_str(), shapeString(v.shape()).c_str(),
                               shapeString(value.shape).c_str());
    llvm::Expected<Tensor> t = value.convertTo(v.dtype, "variable " + name);
    if (!t)
      return t.takeError();
    std::memcpy(impl->variableAddress(v), t->bytes.data(), t->bytes.size());
    return llvm::Error::success();
  }
  return createStringError("unknown variable '%s'", name.c_str());
}

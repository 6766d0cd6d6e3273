//===- ngraph-compile.cpp - a graph file to an object or shared library ---===//
//
//   ngraph-compile digits_mlp.mlir -o digits.o [--header digits.h]
//       [--prefix digits] [--weights trained.npz] [--target x86-64-v3]
//
// writes an object file (or, for -o NAME.so, a shared library linked by the
// system's C compiler) and a C header; see docs/deploy.md.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Runtime/AheadOfTime.h"
#include "NGraph/Runtime/DataIO.h"
#include "NGraph/Runtime/DataSet.h"
#include "ToolSupport.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace ngraph;
namespace cl = llvm::cl;

static const char *kTool = "ngraph-compile";

[[noreturn]] static void fail(const std::string &message) {
  llvm::StringRef first = llvm::StringRef(message).split('\n').first;
  if (!first.contains(": error: "))
    llvm::errs() << kTool << ": error: ";
  llvm::errs() << message;
  if (message.empty() || message.back() != '\n')
    llvm::errs() << "\n";
  std::exit(1);
}
[[noreturn]] static void fail(llvm::Error e) { fail(llvm::toString(std::move(e))); }

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  tools::setVersionPrinter(kTool);
  tools::registerHostTarget();
  cl::OptionCategory category("ngraph-compile options");
  cl::opt<std::string> input(cl::Positional, cl::desc("<graph.mlir>"),
                             cl::Required, cl::cat(category));
  cl::opt<std::string> output(
      "o", cl::desc("Output: an object file, or a shared library when the "
                    "name ends in .so (linked with the C compiler 'cc')"),
      cl::value_desc("file"), cl::Required, cl::cat(category));
  cl::opt<std::string> header(
      "header", cl::desc("C header to write (default: PREFIX.h in the "
                         "output's directory)"),
      cl::value_desc("file"), cl::cat(category));
  cl::opt<std::string> prefix(
      "prefix", cl::desc("Prefix of every C name (default: the graph file's "
                         "name)"),
      cl::value_desc("name"), cl::cat(category));
  cl::opt<std::string> weights(
      "weights", cl::desc("Checkpoint (.npz, from ngraph-runner --save) whose "
                          "arrays become the variables' initial values"),
      cl::value_desc("file.npz"), cl::cat(category));
  cl::opt<std::string> target(
      "target", cl::desc("CPU to generate code for: host, x86-64-v4 "
                         "(AVX-512), x86-64-v3 (AVX2) or x86-64; need not be "
                         "this machine"),
      cl::init("host"), cl::cat(category));
  cl::opt<std::string> optLevel("O", cl::desc("Optimization level, 0 to 3"),
                                cl::init("2"), cl::value_desc("level"),
                                cl::cat(category));
  cl::opt<std::string> threads(
      "num-threads", cl::desc("Threads for large contractions (OpenMP: link "
                              "the program with libomp), 1 to 256"),
      cl::init("1"), cl::value_desc("N"), cl::cat(category));
  cl::opt<bool> noSchedule("no-schedule",
                           cl::desc("The plain-loop reference lowering"),
                           cl::cat(category));
  cl::opt<std::string> batchSize(
      "batch-size",
      cl::desc("Length of the graph's batch axes written N:? (required for "
               "such a graph: the library's functions have fixed shapes)"),
      cl::value_desc("N"), cl::cat(category));
  cl::opt<bool> noFuse("no-fuse", cl::desc("Do not fuse elementwise ops"),
                       cl::cat(category));
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv,
                              "ngraph-compile: a graph file to a C library\n");

  AheadOfTimeOptions options;
  auto level = parseInteger(optLevel, 0, 3, "-O");
  if (!level)
    fail(level.takeError());
  auto n = parseInteger(threads, 1, 256, "--num-threads");
  if (!n)
    fail(n.takeError());
  options.compile.target = cpu::lookupTarget(target);
  if (!options.compile.target)
    fail("--target: unknown target '" + target + "' (known: " +
         cpu::knownTargetNames() + ")");
  options.compile.optLevel = *level;
  options.compile.threads = *n;
  options.compile.schedule = !noSchedule;
  options.compile.fuse = !noFuse;
  if (!batchSize.empty()) {
    auto batch = parseInteger(batchSize, 1, 1 << 30, "--batch-size");
    if (!batch)
      fail(batch.takeError());
    options.batchSize = *batch;
  }
  options.prefix = prefix.empty()
                       ? cIdentifier(llvm::sys::path::stem(input))
                       : prefix.getValue();
  bool shared = llvm::StringRef(output).ends_with(".so");
  std::string headerPath = header;
  if (headerPath.empty()) {
    // PREFIX.h next to the output (libembed.so comes with embed.h).
    llvm::SmallString<128> h(llvm::sys::path::parent_path(output));
    llvm::sys::path::append(h, options.prefix + ".h");
    headerPath = std::string(h);
  }
  // Outputs are checked before the compile, not after it.
  for (const std::string &path : {output.getValue(), headerPath})
    if (llvm::Error e = checkWritable(path))
      fail(std::move(e));
  if (!weights.empty()) {
    auto arrays = readNpz(weights);
    if (!arrays)
      fail(arrays.takeError());
    options.weights = std::move(*arrays);
    options.useWeights = true;
  }
  auto source = llvm::MemoryBuffer::getFile(input);
  if (!source)
    fail("cannot read graph file '" + input + "': " + source.getError().message());
  auto library = compileAheadOfTime(std::string((*source)->getBuffer()), input,
                                    options);
  if (!library)
    fail(library.takeError());
  if (llvm::Error e = shared ? writeSharedLibrary(*library, output, *n > 1)
                             : writeFileAtomic(output, library->object))
    fail(std::move(e));
  if (llvm::Error e = writeFileAtomic(headerPath, library->header))
    fail(std::move(e));
  return 0;
}

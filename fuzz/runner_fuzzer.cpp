//===- runner_fuzzer.cpp - ngraph-runner's command line, end to end -------===//
//
// The input is a command line: arguments separated by newlines (or NULs).
// It is parsed exactly as ngraph-runner parses it (tools/ngraph-runner/
// CommandLine.cpp: LLVM's option parser, then range checks and option
// combinations), and a valid one runs through the runner library on small
// graphs and data written at start-up: data specs and their readers, feeds
// and the layout rule, feed expressions, formats, checkpoints and resume,
// metrics logs, gradient checks, single calls, text generation (and a
// lookup's run-time index errors). Any crash, sanitizer report,
// or a path that calls exit() is a finding; errors are the expected outcome
// of most inputs.
//
// To stay fast and safe: only the runner's options are registered (not
// libLLVM's internal ones, which the tool accepts but does not list); the
// graphs are compiled once (compile options on
// the command line are parsed and checked but not recompiled); variables
// are reset before every run; arguments containing '/' or starting with '@'
// (response files) are skipped, so only the fixture directory (the working
// directory from start-up on: give libFuzzer absolute paths) is touched;
// outputs may not overwrite the fixtures; a run makes at most 64 calls
// (enough for every loop to turn; more only slowed fuzzing down) and a
// generated data set holds at most 2^12 values.
//
//===----------------------------------------------------------------------===//
#include "CommandLine.h"
#include "ToolSupport.h"

#include "NGraph/Runtime/DataIO.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ngraph;

namespace {

const char *kGraph = R"(
ng.graph @g {
  %alpha = ng.placeholder "alpha" : !ng.tensor<[], f32>
  %X = ng.placeholder "X" : !ng.tensor<[F:3, N:3 batch], f32>
  %L = ng.placeholder "L" : !ng.tensor<[N:3 batch], i32>
  %W = ng.variable "W" init 0.0 : !ng.tensor<[F:3, K:3], f32>
  %z = ng.dot %W, %X : !ng.tensor<[F:3, K:3], f32>, !ng.tensor<[F:3, N:3 batch], f32>
  %y = ng.softmax %z : !ng.tensor<[K:3, N:3 batch], f32>
  %t = ng.one_hot %L : !ng.tensor<[N:3 batch], i32> -> !ng.tensor<[K:3, N:3 batch], f32>
  %ce = ng.cross_entropy_multi %y, %t : !ng.tensor<[K:3, N:3 batch], f32>, !ng.tensor<[K:3, N:3 batch], f32>
  %loss = ng.mean %ce out [] : !ng.tensor<[N:3 batch], f32>
  %gW = ng.deriv %loss wrt %W : !ng.tensor<[], f32>, !ng.tensor<[F:3, K:3], f32>
  %sW = ng.multiply %alpha, %gW : !ng.tensor<[], f32>, !ng.tensor<[F:3, K:3], f32>
  %Wn = ng.subtract %W, %sW : !ng.tensor<[F:3, K:3], f32>, !ng.tensor<[F:3, K:3], f32>
  %u = ng.assign %W, %Wn : !ng.tensor<[F:3, K:3], f32>, !ng.tensor<[F:3, K:3], f32>
  ng.computation @step outputs(%loss, %u : !ng.tensor<[], f32>, !ng.effect)
      inputs(%alpha, %X, %L : !ng.tensor<[], f32>, !ng.tensor<[F:3, N:3 batch], f32>, !ng.tensor<[N:3 batch], i32>)
  ng.computation @evaluate outputs(%loss, %loss : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
      inputs(%X, %L : !ng.tensor<[F:3, N:3 batch], f32>, !ng.tensor<[N:3 batch], i32>)
  ng.computation @predict outputs(%y, %W : !ng.tensor<[K:3, N:3 batch], f32>, !ng.tensor<[F:3, K:3], f32>)
      inputs(%X : !ng.tensor<[F:3, N:3 batch], f32>)
  %v = ng.placeholder "v" : !ng.tensor<[F:3], f64>
  %vv = ng.multiply %v, %v : !ng.tensor<[F:3], f64>, !ng.tensor<[F:3], f64>
  %s = ng.sum %vv out [] : !ng.tensor<[F:3], f64>
  %gv = ng.deriv %s wrt %v : !ng.tensor<[], f64>, !ng.tensor<[F:3], f64>
  ng.computation @square outputs(%s, %gv : !ng.tensor<[], f64>, !ng.tensor<[F:3], f64>)
      inputs(%v : !ng.tensor<[F:3], f64>)
  %tab = ng.variable "tab" init uniform(0.0, 1.0, seed 4) : !ng.tensor<[V:98, Y:98], f32>
  %ch = ng.placeholder "ch" : !ng.tensor<[B:1], i32>
  %temp = ng.placeholder "temp" : !ng.tensor<[], f32>
  %draws = ng.variable "draws" init 0.0 : !ng.tensor<[], f32>
  %row = ng.lookup %tab[%ch] : !ng.tensor<[V:98, Y:98], f32>, !ng.tensor<[B:1], i32>
  %hot = ng.multiply %row, %temp : !ng.tensor<[B:1, Y:98], f32>, !ng.tensor<[], f32>
  %noise = ng.random_uniform seed 1 counter %draws : !ng.tensor<[], f32> -> !ng.tensor<[B:1, Y:98], f32>
  %score = ng.add %hot, %noise : !ng.tensor<[B:1, Y:98], f32>, !ng.tensor<[B:1, Y:98], f32>
  %next = ng.argmax %score reduce [Y] : !ng.tensor<[B:1, Y:98], f32>
  %one = ng.constant 1.0 : !ng.tensor<[], f32>
  %dn = ng.add %draws, %one : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %ud = ng.assign %draws, %dn : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  ng.computation @sample outputs(%next, %ud : !ng.tensor<[B:1], i32>, !ng.effect)
      inputs(%ch, %temp : !ng.tensor<[B:1], i32>, !ng.tensor<[], f32>)
  %Xd = ng.placeholder "Xd" : !ng.tensor<[F:3, M:? batch], f32>
  %Ld = ng.placeholder "Ld" : !ng.tensor<[M:? batch], i32>
  %zd = ng.dot %W, %Xd : !ng.tensor<[F:3, K:3], f32>, !ng.tensor<[F:3, M:? batch], f32>
  %yd = ng.softmax %zd : !ng.tensor<[K:3, M:? batch], f32>
  %td = ng.one_hot %Ld : !ng.tensor<[M:? batch], i32> -> !ng.tensor<[K:3, M:? batch], f32>
  %ced = ng.cross_entropy_multi %yd, %td : !ng.tensor<[K:3, M:? batch], f32>, !ng.tensor<[K:3, M:? batch], f32>
  %lossd = ng.mean %ced out [] : !ng.tensor<[M:? batch], f32>
  %gWd = ng.deriv %lossd wrt %W : !ng.tensor<[], f32>, !ng.tensor<[F:3, K:3], f32>
  %sWd = ng.multiply %alpha, %gWd : !ng.tensor<[], f32>, !ng.tensor<[F:3, K:3], f32>
  %Wd = ng.subtract %W, %sWd : !ng.tensor<[F:3, K:3], f32>, !ng.tensor<[F:3, K:3], f32>
  %ud2 = ng.assign %W, %Wd : !ng.tensor<[F:3, K:3], f32>, !ng.tensor<[F:3, K:3], f32>
  ng.computation @dstep outputs(%lossd, %ud2 : !ng.tensor<[], f32>, !ng.effect)
      inputs(%alpha, %Xd, %Ld : !ng.tensor<[], f32>, !ng.tensor<[F:3, M:? batch], f32>, !ng.tensor<[M:? batch], i32>)
  ng.computation @devaluate outputs(%lossd : !ng.tensor<[], f32>)
      inputs(%Xd, %Ld : !ng.tensor<[F:3, M:? batch], f32>, !ng.tensor<[M:? batch], i32>)
  ng.computation @dpredict outputs(%yd : !ng.tensor<[K:3, M:? batch], f32>)
      inputs(%Xd : !ng.tensor<[F:3, M:? batch], f32>)
}
)";

struct Fixture {
  std::string dir;
  std::unique_ptr<Transformer> graph;
  std::map<std::string, Tensor> initial;
  std::set<std::string> files;
};

Fixture *fixture;

void write(const std::string &name, const std::string &text) {
  if (llvm::Error e = writeFileAtomic(name, text)) {
    llvm::errs() << llvm::toString(std::move(e)) << "\n";
    std::abort();
  }
  fixture->files.insert(name);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  fixture = new Fixture();
  // tmpfs when there is one: outputs are written atomically, with fsync.
  char shm[] = "/dev/shm/ngraph-runner-fuzz-XXXXXX";
  char tmp[] = "/tmp/ngraph-runner-fuzz-XXXXXX";
  char *tmpl = access("/dev/shm", W_OK) == 0 ? shm : tmp;
  if (!mkdtemp(tmpl) || chdir(tmpl) != 0)
    std::abort();
  fixture->dir = tmpl;
  write("g.mlir", kGraph);
  write("d.csv", "a,b,c,label\n1,0,0,0\n0,1,0,1\n0,0,1,2\n1,1,0,0\n0,1,1,1\n"
                 "1,0,1,2\n1,1,1,0\n0,0,0,1\n0.5,0.5,0,2\n");
  write("h.csv", "a,b\n"); // a header and no rows
  // IDX: six unsigned-byte labels and six 3-value images.
  write("l.idx", std::string("\0\0\x08\x01\0\0\0\x06\0\1\2\0\2\1", 14));
  write("i.idx", std::string("\0\0\x08\x02\0\0\0\x06\0\0\0\x03", 12) +
                     std::string("\0\x40\x80\xff\x10\x20\x30\0\1\2\3\4"
                                 "\5\6\7\x08\x09\x0a", 18));
  Tensor x(DType::F32, {6, 3}), y(DType::I64, {6}), v(DType::F64, {3});
  for (int i = 0; i < 18; ++i)
    x.set(i, (i % 4) * 0.5);
  for (int i = 0; i < 6; ++i)
    y.set(i, i % 3);
  v.set(0, 1), v.set(1, -2), v.set(2, 0.5);
  if (writeNpzAtomic("d.npz", {{"x", x}, {"y", y}}) ||
      writeFileAtomic("v.npy", serializeNpy(v)))
    std::abort();
  fixture->files.insert("d.npz");
  fixture->files.insert("v.npy");

  tools::registerRunnerOptions();
  // Only the runner's own options: libLLVM registers about a thousand more
  // (hidden by the tool's --help), and matching each unknown argument
  // against all of them for a "did you mean" took two thirds of the time.
  std::vector<llvm::cl::Option *> foreign;
  for (auto &entry : llvm::cl::getRegisteredOptions())
    if (!llvm::is_contained(entry.second->Categories,
                            &tools::runnerCategory()))
      foreign.push_back(entry.second);
  for (llvm::cl::Option *o : foreign)
    o->removeArgument();
  CompileOptions options;
  options.target = tools::hostTarget();
  auto t = Transformer::loadFromString(kGraph, options);
  if (!t) {
    llvm::errs() << llvm::toString(t.takeError()) << "\n";
    std::abort();
  }
  fixture->graph = std::move(*t);
  for (const ValueInfo &var : fixture->graph->variables())
    fixture->initial[var.name] = *fixture->graph->readVariable(var.name);
  // A checkpoint and a metrics log to resume from.
  Tensor epoch = Tensor::scalar(DType::I64, 1);
  if (writeNpzAtomic("ck.npz", {{"W", fixture->initial["W"]}, {"__epoch__", epoch}}))
    std::abort();
  fixture->files.insert("ck.npz");
  write("m.jsonl", "{\"epoch\": 0, \"loss\": 1.0, \"eval0\": 0.5}\n");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096)
    return 0;
  std::vector<std::string> args = {"ngraph-runner"};
  std::string cur;
  for (size_t i = 0; i < size; ++i) {
    char c = (char)data[i];
    if (c == '\n' || c == '\0') {
      args.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  args.push_back(cur);
  if (args.size() > 48)
    return 0;
  for (const std::string &a : args) {
    // Paths stay in the fixture directory; no response files.
    if (a.find('/') != std::string::npos || (!a.empty() && a[0] == '@'))
      return 0;
    // --help, its alias -h (which LLVM also finds in "-hxyz") and
    // --version end the process by design.
    size_t name = a.find_first_not_of('-');
    if (name != 0 && name != std::string::npos &&
        (a[name] == 'h' || a.compare(name, 7, "version") == 0 ||
         a.compare(name, 13, "print-options") == 0 ||
         a.compare(name, 17, "print-all-options") == 0))
      return 0;
  }
  std::vector<const char *> argv;
  for (const std::string &a : args)
    argv.push_back(a.c_str());

  llvm::cl::ResetAllOptionOccurrences();
  std::string parseErrors;
  llvm::raw_string_ostream errs(parseErrors);
  if (!llvm::cl::ParseCommandLineOptions((int)argv.size(), argv.data(), "",
                                         &errs))
    return 0;
  auto commandLine = tools::runnerCommandLine(false);
  if (!commandLine) {
    llvm::consumeError(commandLine.takeError());
    return 0;
  }
  // Checked as the tool checks them; the graph is not recompiled.
  auto compile = tools::runnerCompileOptions().compileOptions();
  if (!compile) {
    llvm::consumeError(compile.takeError());
    return 0;
  }
  if (commandLine->graphFile != "g.mlir")
    return 0;
  RunOptions run = commandLine->run;
  for (const std::string *out :
       {&run.save, &run.dumpData, &run.callOutput, &run.train.checkpoint,
        &run.train.metricsLog, &run.train.plot})
    if (fixture->files.count(*out))
      return 0;
  run.maxCalls = 64;
  run.dataLimits.maxElements = int64_t(1) << 12;
  // The M:? computations compile per length: a few small ones.
  if (run.batchSize > 16)
    return 0;
  Transformer &t = *fixture->graph;
  for (auto &[name, value] : fixture->initial)
    if (llvm::Error e = t.writeVariable(name, value))
      std::abort();
  auto status = runGraph(t, run, llvm::nulls(), llvm::nulls());
  if (!status)
    llvm::consumeError(status.takeError());
  return 0;
}

//===- ToolSupport.cpp - the machine and environment the tools run in -----===//
#include "ToolSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/TargetParser/Host.h"

#include <cstdlib>
#include <mutex>
#include <thread>

using namespace ngraph;

static const llvm::StringMap<bool> &hostFeatures() {
  static const llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  return features;
}

static bool hasFeature(llvm::StringRef name) {
  auto it = hostFeatures().find(name);
  return it != hostFeatures().end() && it->second;
}

/// The first line of a sysfs file, or "".
static std::string readLine(const std::string &path) {
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buf)
    return "";
  return (*buf)->getBuffer().split('\n').first.trim().str();
}

/// "32K", "1024K", "32M" as bytes; 0 when unreadable.
static int64_t parseSize(llvm::StringRef s) {
  int64_t scale = 1;
  if (s.consume_back("K"))
    scale = 1024;
  else if (s.consume_back("M"))
    scale = 1024 * 1024;
  int64_t v = 0;
  return s.getAsInteger(10, v) || v <= 0 ? 0 : v * scale;
}

/// Reads the machine once: sysfs and LLVM's feature query are not free, and
/// callers such as the graph fuzzer ask for every input.
static cpu::CPUTarget describeHost() {
  cpu::CPUTarget t;
  t.name = "host";
  t.triple = "x86_64-unknown-linux-gnu";
  t.cpu = llvm::sys::getHostCPUName().str();
  bool avx512 = hasFeature("avx512f");
  bool avx2 = hasFeature("avx2") && hasFeature("fma");
  t.vectorBits = avx512 ? 512 : avx2 ? 256 : 128;
  t.vectorRegisters = avx512 ? 32 : 16;
  // Every feature, on or off, so LLVM generates exactly for this machine.
  std::vector<std::string> names;
  for (const auto &f : hostFeatures())
    names.push_back((f.second ? "+" : "-") + f.first().str());
  llvm::sort(names);
  t.features = llvm::join(names, ",");
  for (int i = 0; i < 8; ++i) {
    std::string dir =
        "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(i) + "/";
    std::string level = readLine(dir + "level"), type = readLine(dir + "type");
    int64_t size = parseSize(readLine(dir + "size"));
    if (level.empty() || !size || type == "Instruction")
      continue;
    if (level == "1")
      t.l1Bytes = size;
    else if (level == "2")
      t.l2Bytes = size;
    else if (level == "3")
      t.l3Bytes = size;
  }
  t.cores = std::max(1u, std::thread::hardware_concurrency());
  return t;
}

cpu::CPUTarget tools::hostTarget() {
  static const cpu::CPUTarget host = describeHost();
  return host;
}

void tools::registerHostTarget() {
  static std::once_flag once;
  std::call_once(once, [] { cpu::registerHostTarget(hostTarget()); });
}

llvm::Expected<cpu::CPUTarget> tools::runnableTarget(llvm::StringRef name) {
  registerHostTarget();
  std::optional<cpu::CPUTarget> t = cpu::lookupTarget(name);
  if (!t)
    return llvm::createStringError("unknown target '%s'; known targets: %s",
                                   name.str().c_str(),
                                   cpu::knownTargetNames().c_str());
  std::vector<std::string> missing = cpu::missingFeatures(*t, hasFeature);
  if (!missing.empty())
    return llvm::createStringError(
        "this CPU (%s) cannot run code for target '%s': it lacks %s",
        llvm::sys::getHostCPUName().str().c_str(), name.str().c_str(),
        llvm::join(missing, ", ").c_str());
  return *t;
}

bool tools::launchedByMPI() {
  for (const char *v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE",
                        "PMI_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(v))
      return true;
  return false;
}

std::string tools::defaultCacheDirectory() {
  // The XDG base directory rule: only an absolute path counts.
  const char *xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/')
    return std::string(xdg) + "/ngraph";
  const char *home = std::getenv("HOME");
  if (home && home[0] == '/')
    return std::string(home) + "/.cache/ngraph";
  return "";
}

void tools::setVersionPrinter(const char *tool) {
  static const char *name;
  name = tool;
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << name << " (ngraph-mlir " NGRAPH_VERSION ")\n"
       << "  built with LLVM " LLVM_VERSION_STRING "\n";
  });
}

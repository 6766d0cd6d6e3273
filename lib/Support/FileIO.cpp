//===- FileIO.cpp - files written so that a failure loses nothing ---------===//
#include "NGraph/Support/FileIO.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace ngraph;
using llvm::createStringError;

llvm::Error ngraph::writeFileAtomic(const std::string &path,
                                    const std::string &contents) {
  std::string dir = ".";
  if (size_t slash = path.rfind('/'); slash != std::string::npos)
    dir = slash == 0 ? "/" : path.substr(0, slash);
  std::string tmpl = path + ".tmp.XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0)
    return createStringError("cannot write '%s': %s", path.c_str(),
                             std::strerror(errno));
  // mkstemp creates the file 0600; give it the mode open() would have
  // (0666 less the umask, which can only be read by setting it).
  mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) {
    int err = errno;
    ::close(fd);
    ::unlink(name.data());
    return createStringError("cannot write '%s': %s", path.c_str(),
                             std::strerror(err));
  }
  const char *p = contents.data();
  size_t left = contents.size();
  while (left) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      int err = errno;
      ::close(fd);
      ::unlink(name.data());
      return createStringError("cannot write '%s': %s (the previous file is "
                               "left intact)",
                               path.c_str(), std::strerror(err));
    }
    p += n;
    left -= n;
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(name.data());
    return createStringError("cannot write '%s': %s (the previous file is left "
                             "intact)",
                             path.c_str(), std::strerror(err));
  }
  if (::rename(name.data(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(name.data());
    return createStringError("cannot replace '%s': %s", path.c_str(),
                             std::strerror(err));
  }
  // Make the rename itself durable.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return llvm::Error::success();
}

llvm::Error ngraph::checkWritable(const std::string &path) {
  if (path.empty())
    return createStringError("empty output file name");
  std::string dir = ".";
  if (size_t slash = path.rfind('/'); slash != std::string::npos)
    dir = slash == 0 ? "/" : path.substr(0, slash);
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return createStringError("cannot write '%s': it is a directory",
                             path.c_str());
  // The file is replaced by a rename: a device or pipe would be replaced,
  // not written to.
  if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    return createStringError("cannot write '%s': not a regular file (files "
                             "are replaced atomically, not written into)",
                             path.c_str());
  if (::stat(dir.c_str(), &st) != 0)
    return createStringError("cannot write '%s': directory '%s': %s",
                             path.c_str(), dir.c_str(), std::strerror(errno));
  if (!S_ISDIR(st.st_mode))
    return createStringError("cannot write '%s': '%s' is not a directory",
                             path.c_str(), dir.c_str());
  // The temporary file of an atomic write is created in the directory.
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    return createStringError("cannot write '%s': directory '%s': %s",
                             path.c_str(), dir.c_str(), std::strerror(errno));
  return llvm::Error::success();
}

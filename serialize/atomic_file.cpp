#include "atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "../autograd/base/error.h"

namespace xg::serialize {

namespace {

/// The folder holding `path` ("." for a bare file name).
std::string directory_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

/// Deletes the temporary files that saves to `path` by processes no longer running left behind
/// (a save killed mid-write). A name "<file>.tmp-<pid>-<n>" whose pid is alive is kept: that
/// process may still be writing it. (A pid from another pid namespace sharing the folder looks
/// dead; its save then fails at the rename with an error, and the target stays intact.)
void remove_stale_temporaries(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string prefix = (slash == std::string::npos ? path : path.substr(slash + 1)) + ".tmp-";
  const std::string directory = directory_of(path);
  DIR* dir = ::opendir(directory.c_str());
  if (dir == nullptr) return;  // open_temporary reports why the folder cannot be used
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    char* end = nullptr;
    const long pid = std::strtol(name.c_str() + prefix.size(), &end, 10);
    if (pid <= 0 || *end != '-' || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
    ::unlink((directory + "/" + name).c_str());
  }
  ::closedir(dir);
}

/// Opens a new, empty file next to `path`, with a name no one else uses.
int open_temporary(const std::string& path, std::string& temporary) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    temporary = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno != EEXIST) {
      detail::fail("save", "cannot create a temporary file next to '", path, "': ", std::strerror(errno));
    }
  }
  detail::fail("save", "cannot create a temporary file next to '", path, "': too many leftover temporary files");
}

void write_all(int fd, const void* data, size_t size, const std::string& temporary) {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t written = ::write(fd, bytes, size);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) detail::fail("save", "cannot write '", temporary, "': ", std::strerror(errno));
    bytes += written;
    size -= static_cast<size_t>(written);
  }
}

/// Flushes the directory holding `path`, so that the rename itself survives a power cut.
/// Best effort: some file systems do not support it, and the data is already safe.
void sync_directory_of(const std::string& path) {
  const int fd = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

/// Removes the temporary file unless the rename has consumed it.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& path) : fd_(open_temporary(path, path_)) {}
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  /// fsync and close; the bytes are on disk when this returns.
  void finish() {
    if (::fsync(fd_) != 0) detail::fail("save", "cannot flush '", path_, "' to disk: ", std::strerror(errno));
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) detail::fail("save", "cannot close '", path_, "': ", std::strerror(errno));
  }
  void rename_to(const std::string& target) {
    if (::rename(path_.c_str(), target.c_str()) != 0) {
      detail::fail("save", "cannot rename '", path_, "' to '", target, "': ", std::strerror(errno));
    }
    renamed_ = true;
  }

 private:
  std::string path_;  // declared before fd_: open_temporary fills it in fd_'s initialiser
  int fd_;
  bool renamed_ = false;
};

}  // namespace

void write_file_atomically(const std::string& path, const std::function<void(const WriteBytes&)>& produce) {
  remove_stale_temporaries(path);
  TemporaryFile temporary(path);
  produce([&](const void* data, size_t size) { write_all(temporary.fd(), data, size, temporary.path()); });
  temporary.finish();
  temporary.rename_to(path);
  sync_directory_of(path);
}

}  // namespace xg::serialize

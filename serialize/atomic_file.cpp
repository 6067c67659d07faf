#include "atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "../autograd/error.h"

namespace xg::serialize {

namespace {

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
  const size_t slash = path.rfind('/');
  const std::string directory = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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
  TemporaryFile temporary(path);
  produce([&](const void* data, size_t size) { write_all(temporary.fd(), data, size, temporary.path()); });
  temporary.finish();
  temporary.rename_to(path);
  sync_directory_of(path);
}

}  // namespace xg::serialize

#pragma once
// Replacing a file all at once: a reader, or a program started after a crash,
// finds either the old file or the complete new one, never a part of it.
//
// The bytes go to a temporary file next to the target ("<path>.tmp-<pid>-<n>"),
// which is flushed to disk (fsync) and then renamed over the target; POSIX
// rename replaces a file atomically within one file system. If writing fails,
// the temporary file is removed and the target is untouched. If the process is
// killed while writing, the target is untouched too, and the temporary file is
// left behind until the next save to the same path, which deletes the
// temporaries of processes that no longer run.

#include <cstddef>
#include <functional>
#include <string>

namespace xg::serialize {

/// Appends `size` bytes at `data` to the file being written.
using WriteBytes = std::function<void(const void* data, size_t size)>;

/// Makes `path` hold exactly the bytes that `produce` passes to the writer it is given.
/// A new file gets the permissions 0666 less the umask. Throws xg::Error "[save] ..." naming
/// the file and the system's reason; exceptions thrown by `produce` pass through. Either
/// way the target is left as it was.
void write_file_atomically(const std::string& path, const std::function<void(const WriteBytes&)>& produce);

}  // namespace xg::serialize

#include "npz.h"

#include <sys/stat.h>
#include <zip.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "../autograd/base/error.h"
#include "atomic_file.h"
#include "npy.h"

namespace xg::serialize {

namespace {

struct DiscardArchive {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct CloseEntry {
  void operator()(zip_file_t* entry) const { zip_fclose(entry); }
};
struct FreeSource {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using Archive = std::unique_ptr<zip_t, DiscardArchive>;
using Entry = std::unique_ptr<zip_file_t, CloseEntry>;
using Source = std::unique_ptr<zip_source_t, FreeSource>;

std::string zip_message(zip_error_t* error) { return zip_error_strerror(error); }

std::string zip_message(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string message = zip_error_strerror(&error);
  zip_error_fini(&error);
  return message;
}

/// An empty zip archive is only its end-of-central-directory record: the signature
/// "PK\5\6" and 18 zero bytes. libzip writes nothing for an archive without entries.
constexpr char kEmptyArchive[22] = {'P', 'K', 5, 6};

void check_names(const NamedTensors& tensors, const std::string& path) {
  std::set<std::string> names;
  for (const auto& [name, tensor] : tensors) {
    XG_CHECK(!name.empty(), "save", "cannot save '", path, "': a tensor has an empty name");
    XG_CHECK(names.insert(name).second, "save", "cannot save '", path, "': two tensors are named '", name, "'");
    XG_CHECK(tensor.defined(), "save", "cannot save '", path, "': tensor '", name, "' is undefined");
  }
}

/// The .npz archive of `tensors`, built in memory; the returned source holds its bytes.
Source build_archive(const NamedTensors& tensors, const std::string& path) {
  // Each entry is its .npy header followed by the tensor's contiguous elements, handed to
  // libzip as two fragments, so the elements are not copied before zip_close.
  std::vector<std::string> headers;
  std::vector<Tensor> contents;
  std::vector<std::array<zip_buffer_fragment_t, 2>> fragments(tensors.size());
  for (const auto& [name, tensor] : tensors) {
    contents.push_back(tensor.detach().contiguous());
    headers.push_back(npy_header(tensor.scalar_type(), tensor.sizes()));
  }

  zip_error_t error;
  zip_error_init(&error);
  Source buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  XG_CHECK(buffer != nullptr, "save", "cannot save '", path, "': ", zip_message(&error));
  Archive archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
  XG_CHECK(archive != nullptr, "save", "cannot save '", path, "': ", zip_message(&error));
  zip_source_keep(buffer.get());  // the archive's bytes are read from it after zip_close
  auto fail_with_archive_error = [&](const std::string& entry) {
    detail::fail("save", "cannot save '", path, "' (entry '", entry, "'): ", zip_strerror(archive.get()));
  };

  for (size_t i = 0; i < tensors.size(); ++i) {
    const std::string entry = tensors[i].first + ".npy";
    const size_t data_size = static_cast<size_t>(contents[i].numel()) * contents[i].element_size();
    fragments[i][0] = {reinterpret_cast<zip_uint8_t*>(headers[i].data()), headers[i].size()};
    fragments[i][1] = {static_cast<zip_uint8_t*>(contents[i].data_ptr()), data_size};
    zip_source_t* source = zip_source_buffer_fragment(archive.get(), fragments[i].data(), data_size > 0 ? 2 : 1, 0);
    if (source == nullptr) fail_with_archive_error(entry);
    const zip_int64_t index = zip_file_add(archive.get(), entry.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      fail_with_archive_error(entry);
    }
    // Stored, not deflated, as numpy.savez does: float data hardly compresses.
    if (zip_set_file_compression(archive.get(), static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) != 0) {
      fail_with_archive_error(entry);
    }
  }
  if (zip_close(archive.get()) != 0) fail_with_archive_error("(all)");
  archive.release();  // zip_close freed it
  return buffer;
}

/// Hands the bytes held by `source` to `write`, a chunk at a time.
void copy_bytes(zip_source_t* source, const WriteBytes& write, const std::string& path) {
  XG_CHECK(zip_source_open(source) == 0, "save", "cannot save '", path, "': ", zip_message(zip_source_error(source)));
  std::vector<char> chunk(size_t{1} << 20);
  zip_int64_t got = 0;
  while ((got = zip_source_read(source, chunk.data(), chunk.size())) > 0) write(chunk.data(), static_cast<size_t>(got));
  const std::string message = got < 0 ? zip_message(zip_source_error(source)) : "";
  zip_source_close(source);
  XG_CHECK(got == 0, "save", "cannot save '", path, "': ", message);
}

/// Throws a clear error for a path that cannot be a checkpoint (missing, a directory, empty).
void check_file(const std::string& path) {
  struct stat info;
  XG_CHECK(::stat(path.c_str(), &info) == 0, "load", "cannot open checkpoint '", path, "': ", std::strerror(errno));
  XG_CHECK(!S_ISDIR(info.st_mode), "load", "cannot open checkpoint '", path, "': it is a directory");
  XG_CHECK(info.st_size > 0, "load", "checkpoint '", path, "' is empty (0 bytes), not an .npz archive");
}

/// Reads what remains of an entry, up to `size` bytes, into `buffer`.
size_t read_entry(zip_file_t* entry, void* buffer, size_t size, const std::string& what) {
  size_t total = 0;
  while (total < size) {
    const zip_int64_t got = zip_fread(entry, static_cast<char*>(buffer) + total, size - total);
    if (got < 0) detail::fail("load", what, ": cannot read it, the file is corrupt (", zip_file_strerror(entry), ")");
    if (got == 0) break;
    total += static_cast<size_t>(got);
  }
  return total;
}

}  // namespace

void write_npz(const NamedTensors& tensors, const std::string& path) {
  check_names(tensors, path);
  Source archive = build_archive(tensors, path);
  write_file_atomically(path, [&](const WriteBytes& write) {
    if (tensors.empty()) {
      write(kEmptyArchive, sizeof kEmptyArchive);
    } else {
      copy_bytes(archive.get(), write, path);
    }
  });
}

NamedTensors read_npz(const std::string& path) {
  check_file(path);
  int code = 0;
  // ZIP_CHECKCONS compares the central directory with the local headers, which catches most damage early.
  Archive archive(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
  XG_CHECK(archive != nullptr, "load", "checkpoint '", path, "' is not a readable .npz archive (truncated or corrupt?): ",
           zip_message(code));

  NamedTensors tensors;
  std::set<std::string> names;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    XG_CHECK(zip_stat_index(archive.get(), index, 0, &stat) == 0, "load", "checkpoint '", path, "': ",
             zip_strerror(archive.get()));
    const std::string entry_name = stat.name;
    const std::string what = "checkpoint '" + path + "' entry '" + entry_name + "'";
    const bool is_npy = entry_name.size() > 4 && entry_name.compare(entry_name.size() - 4, 4, ".npy") == 0;
    XG_CHECK(is_npy, "load", what, ": not a .npy array");
    const std::string name = entry_name.substr(0, entry_name.size() - 4);
    XG_CHECK(names.insert(name).second, "load", what, ": a second array named '", name, "'");

    Entry entry(zip_fopen_index(archive.get(), index, 0));
    XG_CHECK(entry != nullptr, "load", what, ": cannot open it (", zip_strerror(archive.get()), ")");
    const ReadBytes read = [&](void* buffer, size_t size) { return read_entry(entry.get(), buffer, size, what); };
    tensors.emplace_back(name, read_npy(read, static_cast<size_t>(stat.size), what));
  }
  return tensors;
}

}  // namespace xg::serialize

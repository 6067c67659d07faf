#pragma once
// Small helpers shared by the test programs.

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

namespace test_util {

/// The elements of any tensor as doubles, in row-major order.
inline std::vector<double> values(const xg::Tensor& t) {
  xg::Tensor c = t.detach().to(xg::kDouble).contiguous();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

/// Runs f and returns the message of the xg::Error it throws ("" if it throws none).
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const xg::Error& e) {
    return e.what();
  }
  return "";
}

/// The whole content of the file at `path` ("" if it cannot be read).
inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// A fresh directory for a test's files, removed with everything in it when the test ends.
struct TempDir {
  std::filesystem::path path;

  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "xgrad_test_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
    path = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// The path of the file `name` in the directory.
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  /// Writes `content` to the file `name` and returns its path.
  std::string file(const std::string& name, const std::string& content) const {
    const std::string p = *this / name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  /// The names of the files in the directory, sorted.
  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
};

}  // namespace test_util

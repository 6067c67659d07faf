#pragma once
// Device: where a tensor lives, as in LibTorch (c10::Device). xgrad runs on the CPU only,
// but a program written for LibTorch may still name other devices: Device("cuda:0") and
// Device(kCUDA) are values that can be built, printed and compared; moving a tensor or a
// module to one of them throws xg::Error.

#include <cstdint>
#include <ostream>
#include <string>

namespace xg {

/// The kinds of device LibTorch knows, with LibTorch's numbers (only CPU runs here).
enum class DeviceType : int8_t { CPU = 0, CUDA = 1, HIP = 6, XLA = 9, MPS = 13, Meta = 14 };

constexpr DeviceType kCPU = DeviceType::CPU;
constexpr DeviceType kCUDA = DeviceType::CUDA;
constexpr DeviceType kHIP = DeviceType::HIP;
constexpr DeviceType kXLA = DeviceType::XLA;
constexpr DeviceType kMPS = DeviceType::MPS;
constexpr DeviceType kMeta = DeviceType::Meta;

/// "CPU", "CUDA", ... or, with lower_case, "cpu", "cuda", ... as in device strings.
std::string DeviceTypeName(DeviceType type, bool lower_case = false);
/// Writes the lower-case name ("cuda"), as LibTorch does.
std::ostream& operator<<(std::ostream& out, DeviceType type);

/// Which device of its type: -1 means "the current one" (no index given).
using DeviceIndex = int8_t;

class Device {
 public:
  /// Device(kCPU), Device(kCUDA, 1). Throws xg::Error for a negative index other than -1,
  /// or a CPU index other than 0.
  /* implicit */ Device(DeviceType type, DeviceIndex index = -1);
  /// Parses "cpu", "cuda", "cuda:1" (a type name, optionally ':' and an index).
  /* implicit */ Device(const std::string& device_string);
  /* implicit */ Device(const char* device_string) : Device(std::string(device_string)) {}

  DeviceType type() const noexcept { return type_; }
  DeviceIndex index() const noexcept { return index_; }
  bool has_index() const noexcept { return index_ != -1; }
  void set_index(DeviceIndex index) { index_ = index; }
  bool is_cpu() const noexcept { return type_ == DeviceType::CPU; }
  bool is_cuda() const noexcept { return type_ == DeviceType::CUDA; }
  /// "cpu", "cuda", "cuda:0": the string the device was parsed from.
  std::string str() const;

  bool operator==(const Device& other) const noexcept { return type_ == other.type_ && index_ == other.index_; }
  bool operator!=(const Device& other) const noexcept { return !(*this == other); }

 private:
  DeviceType type_;
  DeviceIndex index_ = -1;
};

std::ostream& operator<<(std::ostream& out, const Device& device);

/// Throws xg::Error ("[op] ... CUDA is not available in xgrad, which runs on the CPU")
/// unless `device` is the CPU: every op that places data on a device calls it.
void check_cpu_device(const char* op, const Device& device);

namespace cuda {
/// False: xgrad has no CUDA backend (programs written for LibTorch test this to pick a device).
inline bool is_available() { return false; }
/// 0 CUDA devices.
inline int64_t device_count() { return 0; }
}  // namespace cuda

}  // namespace xg

#include "device.h"

#include <cctype>

#include "error.h"

namespace xg {

namespace {
constexpr DeviceType kAllTypes[] = {kCPU, kCUDA, kHIP, kXLA, kMPS, kMeta};
}  // namespace

std::string DeviceTypeName(DeviceType type, bool lower_case) {
  const char* name = "UNKNOWN";
  switch (type) {
    case DeviceType::CPU: name = "CPU"; break;
    case DeviceType::CUDA: name = "CUDA"; break;
    case DeviceType::HIP: name = "HIP"; break;
    case DeviceType::XLA: name = "XLA"; break;
    case DeviceType::MPS: name = "MPS"; break;
    case DeviceType::Meta: name = "META"; break;
  }
  std::string result = name;
  if (lower_case)
    for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

std::ostream& operator<<(std::ostream& out, DeviceType type) {
  return out << DeviceTypeName(type, /*lower_case=*/true);
}

Device::Device(DeviceType type, DeviceIndex index) : type_(type), index_(index) {
  XG_CHECK(index_ >= -1, "Device", "device index must be -1 or non-negative, got ", int(index_));
  XG_CHECK(!is_cpu() || index_ <= 0, "Device", "CPU device index must be -1 or zero, got ", int(index_));
}

Device::Device(const std::string& device_string) : type_(kCPU) {
  const auto colon = device_string.find(':');
  const std::string type_name = device_string.substr(0, colon);
  bool known = false;
  for (DeviceType type : kAllTypes) {
    if (DeviceTypeName(type, /*lower_case=*/true) == type_name) {
      type_ = type;
      known = true;
    }
  }
  XG_CHECK(known, "Device", "invalid device string '", device_string,
           "': expected a device type (cpu, cuda, hip, xla, mps, meta) optionally followed by ':' and an index");
  if (colon != std::string::npos) {
    const std::string digits = device_string.substr(colon + 1);
    bool valid = !digits.empty() && digits.size() <= 3;
    for (char c : digits) valid = valid && std::isdigit(static_cast<unsigned char>(c));
    XG_CHECK(valid && std::stoi(digits) <= 127, "Device", "invalid device index in '", device_string, "'");
    index_ = static_cast<DeviceIndex>(std::stoi(digits));
  }
  *this = Device(type_, index_);  // the same checks as Device(type, index)
}

std::string Device::str() const {
  std::string result = DeviceTypeName(type_, /*lower_case=*/true);
  if (has_index()) result += ":" + std::to_string(int(index_));
  return result;
}

std::ostream& operator<<(std::ostream& out, const Device& device) { return out << device.str(); }

void check_cpu_device(const char* op, const Device& device) {
  XG_CHECK(device.is_cpu(), op, "cannot place a tensor on device ", device, ": ", DeviceTypeName(device.type()),
           " is not available in xgrad, which runs on the CPU");
}

}  // namespace xg

#pragma once
// Tag values for options, as LibTorch's torch/enum.h: xg::kMean, xg::kSum,
// xg::kNone for loss reductions, xg::kFanIn / xg::kFanOut and the
// nonlinearities (xg::kReLU, ...) for nn::init, the padding modes (xg::kReflect, ...), the
// conv paddings xg::kValid / xg::kSame, and xg::kNearest / xg::kBilinear for F::interpolate.
//
// Each value is an object of its own small type (xg::enumtype::kMean ...), so
// an options struct can hold "one of these" as a std::variant and the compiler
// rejects a value that does not belong there (kFanIn as a reduction).
//
//   nn::MSELoss(nn::MSELossOptions().reduction(xg::kSum));
//   nn::init::kaiming_normal_(w, 0, xg::kFanOut, xg::kReLU);

#include <string>
#include <variant>

#include "../autograd/base/reduction.h"

namespace xg {

namespace enumtype {
struct kNone {};
struct kMean {};
struct kSum {};
struct kBatchMean {};
struct kFanIn {};
struct kFanOut {};
struct kLinear {};
struct kConv1D {};
struct kConv2D {};
struct kConv3D {};
struct kConvTranspose1D {};
struct kConvTranspose2D {};
struct kConvTranspose3D {};
struct kSigmoid {};
struct kTanh {};
struct kReLU {};
struct kLeakyReLU {};
// padding modes (F::pad, Conv*Options::padding_mode) and conv padding ("valid", "same")
struct kConstant {};
struct kReflect {};
struct kReplicate {};
struct kCircular {};
struct kZeros {};
struct kValid {};
struct kSame {};
// interpolation modes (F::interpolate, nn::Upsample)
struct kNearest {};
struct kBilinear {};
struct kBicubic {};
struct kTrilinear {};
struct kArea {};
struct kNearestExact {};

/// "kMean" for kMean, etc. (LibTorch's enumtype::get_enum_name).
inline std::string name_of(kNone) { return "kNone"; }
inline std::string name_of(kMean) { return "kMean"; }
inline std::string name_of(kSum) { return "kSum"; }
inline std::string name_of(kBatchMean) { return "kBatchMean"; }
inline std::string name_of(kFanIn) { return "kFanIn"; }
inline std::string name_of(kFanOut) { return "kFanOut"; }
inline std::string name_of(kLinear) { return "kLinear"; }
inline std::string name_of(kConv1D) { return "kConv1D"; }
inline std::string name_of(kConv2D) { return "kConv2D"; }
inline std::string name_of(kConv3D) { return "kConv3D"; }
inline std::string name_of(kConvTranspose1D) { return "kConvTranspose1D"; }
inline std::string name_of(kConvTranspose2D) { return "kConvTranspose2D"; }
inline std::string name_of(kConvTranspose3D) { return "kConvTranspose3D"; }
inline std::string name_of(kSigmoid) { return "kSigmoid"; }
inline std::string name_of(kTanh) { return "kTanh"; }
inline std::string name_of(kReLU) { return "kReLU"; }
inline std::string name_of(kLeakyReLU) { return "kLeakyReLU"; }
inline std::string name_of(kConstant) { return "kConstant"; }
inline std::string name_of(kReflect) { return "kReflect"; }
inline std::string name_of(kReplicate) { return "kReplicate"; }
inline std::string name_of(kCircular) { return "kCircular"; }
inline std::string name_of(kZeros) { return "kZeros"; }
inline std::string name_of(kValid) { return "kValid"; }
inline std::string name_of(kSame) { return "kSame"; }
inline std::string name_of(kNearest) { return "kNearest"; }
inline std::string name_of(kBilinear) { return "kBilinear"; }
inline std::string name_of(kBicubic) { return "kBicubic"; }
inline std::string name_of(kTrilinear) { return "kTrilinear"; }
inline std::string name_of(kArea) { return "kArea"; }
inline std::string name_of(kNearestExact) { return "kNearestExact"; }

/// The name of the value a variant of tags holds: get_enum_name(options.reduction()) == "kMean".
template <class Variant>
std::string get_enum_name(const Variant& value) {
  return std::visit([](auto tag) { return name_of(tag); }, value);
}
}  // namespace enumtype

inline constexpr enumtype::kNone kNone{};
inline constexpr enumtype::kMean kMean{};
inline constexpr enumtype::kSum kSum{};
inline constexpr enumtype::kBatchMean kBatchMean{};
inline constexpr enumtype::kFanIn kFanIn{};
inline constexpr enumtype::kFanOut kFanOut{};
inline constexpr enumtype::kLinear kLinear{};
inline constexpr enumtype::kConv1D kConv1D{};
inline constexpr enumtype::kConv2D kConv2D{};
inline constexpr enumtype::kConv3D kConv3D{};
inline constexpr enumtype::kConvTranspose1D kConvTranspose1D{};
inline constexpr enumtype::kConvTranspose2D kConvTranspose2D{};
inline constexpr enumtype::kConvTranspose3D kConvTranspose3D{};
inline constexpr enumtype::kSigmoid kSigmoid{};
inline constexpr enumtype::kTanh kTanh{};
inline constexpr enumtype::kReLU kReLU{};
inline constexpr enumtype::kLeakyReLU kLeakyReLU{};
inline constexpr enumtype::kConstant kConstant{};
inline constexpr enumtype::kReflect kReflect{};
inline constexpr enumtype::kReplicate kReplicate{};
inline constexpr enumtype::kCircular kCircular{};
inline constexpr enumtype::kZeros kZeros{};
inline constexpr enumtype::kValid kValid{};
inline constexpr enumtype::kSame kSame{};
inline constexpr enumtype::kNearest kNearest{};
inline constexpr enumtype::kBilinear kBilinear{};
inline constexpr enumtype::kBicubic kBicubic{};
inline constexpr enumtype::kTrilinear kTrilinear{};
inline constexpr enumtype::kArea kArea{};
inline constexpr enumtype::kNearestExact kNearestExact{};

}  // namespace xg

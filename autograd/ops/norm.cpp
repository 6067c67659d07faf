// Normalisation: batch_norm, layer_norm, group_norm and instance_norm.
//
// Each one normalises groups of elements of x to zero mean and unit variance, then scales
// and shifts the result per channel (or per element, for layer_norm):
//   x̂ = (x - mean) * rstd,   rstd = 1 / sqrt(var + eps),   y = x̂ * weight + bias
// with mean and the biased variance var taken over
//   batch_norm      every element of a channel: the batch and the spatial dims
//   layer_norm      the last dims (normalized_shape) of each sample
//   group_norm      each group of num_groups channels of each sample (with their spatial dims)
//   instance_norm   each channel of each sample: batch_norm of [1, N*C, ...], as LibTorch does
// The forward runs direct loops over contiguous memory: one pass for the mean, one for the
// variance, one that writes y = x * scale + shift with a scale and shift per channel (double
// accumulation, so float32 statistics are as exact as float64 ones).
//
// The backward is written with ops. With gx̂ = g * weight and means taken over the same
// elements as the statistics:
//   dx = rstd * (gx̂ - mean(gx̂) - x̂ * mean(gx̂ * x̂))   (the statistics depend on x)
//   dx = rstd * gx̂                                      (batch_norm with running statistics)
//   dweight = sum(g * x̂), dbias = sum(g)                (over everything but the channel)
// For second order the statistics inside the backward must themselves depend on x: when the
// backward's own graph is recorded (create_graph), they are computed again with ops.

#include <cmath>
#include <string>
#include <vector>

#include "../graph/grad_mode.h"
#include "../tensor/xtensor_interop.h"
#include "op_support.h"
#include "sum_of.h"

namespace xg {

namespace {

using detail::sum_of;

// How a kernel sees a contiguous input: [outer, channels, inner]. Channel c's statistics run
// over every outer and inner index of it: batch_norm is [N, C, H*W]; layer_norm and group_norm,
// with one group per row, are [1, groups, group size].
struct Layout {
  int64_t outer, channels, inner;
};

// Mean and biased variance of every channel, two passes (the second over squared
// deviations from the mean: no cancellation), accumulated in double.
template <class T>
void channel_moments(const T* x, const Layout& l, std::vector<double>& mean, std::vector<double>& var) {
  const double count = static_cast<double>(l.outer * l.inner);
  mean.assign(l.channels, 0.0);
  var.assign(l.channels, 0.0);
  for (int64_t c = 0; c < l.channels; ++c) {
    double sum = 0;
    for (int64_t o = 0; o < l.outer; ++o) {
      const T* v = x + (o * l.channels + c) * l.inner;
      sum += sum_of(l.inner, [v](int64_t i) { return static_cast<double>(v[i]); });
    }
    const double m = sum / count;
    double squares = 0;
    for (int64_t o = 0; o < l.outer; ++o) {
      const T* v = x + (o * l.channels + c) * l.inner;
      squares += sum_of(l.inner, [v, m](int64_t i) { return (v[i] - m) * (v[i] - m); });
    }
    mean[c] = m;
    var[c] = squares / count;
  }
}

// y = x * scale[c] + shift[c] for every element of channel c; then, when given (layer_norm's
// per-element affine), y = y * inner_weight[i] + inner_bias[i] along the inner index.
template <class T>
void scale_and_shift(const T* x, T* y, const Layout& l, const std::vector<double>& scale,
                     const std::vector<double>& shift, const T* inner_weight, const T* inner_bias) {
  for (int64_t o = 0; o < l.outer; ++o)
    for (int64_t c = 0; c < l.channels; ++c) {
      const int64_t start = (o * l.channels + c) * l.inner;
      const T a = static_cast<T>(scale[c]), b = static_cast<T>(shift[c]);
      const T* in = x + start;
      T* out = y + start;
      for (int64_t i = 0; i < l.inner; ++i) out[i] = in[i] * a + b;
      if (inner_weight)
        for (int64_t i = 0; i < l.inner; ++i) out[i] *= inner_weight[i];
      if (inner_bias)
        for (int64_t i = 0; i < l.inner; ++i) out[i] += inner_bias[i];
    }
}

// The elements of t (any floating dtype) as doubles; empty when t is undefined.
std::vector<double> values_of(const Tensor& t) {
  if (!t.defined()) return {};
  const Tensor d = detail::contiguous_data(detail::cast(t.detach(), kDouble));
  const double* p = detail::data<double>(d);
  return std::vector<double>(p, p + d.numel());
}

// A tensor of `sizes` and `dtype` holding `values`, not recorded.
Tensor tensor_of(const std::vector<double>& values, IntArrayRef sizes, ScalarType dtype) {
  return detail::cast(xg::tensor(values, kDouble), dtype).view(sizes);
}

std::vector<double> rstd_of(const std::vector<double>& var, double eps) {
  std::vector<double> rstd(var.size());
  for (size_t c = 0; c < var.size(); ++c) rstd[c] = 1.0 / std::sqrt(var[c] + eps);
  return rstd;
}

// y = x * scale + shift per channel of `layout` (and layer_norm's per-element weight and bias
// along the inner index), as a fresh tensor of x's sizes.
Tensor normalized(const char* op, const Tensor& x, const Layout& layout, const std::vector<double>& scale,
                  const std::vector<double>& shift, const Tensor& inner_weight = {},
                  const Tensor& inner_bias = {}) {
  Tensor out = detail::empty(x.sizes(), x.scalar_type());
  dispatch_floating(x.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const Tensor w = inner_weight.defined() ? detail::contiguous_data(inner_weight.detach()) : Tensor();
    const Tensor b = inner_bias.defined() ? detail::contiguous_data(inner_bias.detach()) : Tensor();
    scale_and_shift<T>(detail::data<T>(x), detail::data<T>(out), layout, scale, shift,
                       w.defined() ? detail::data<T>(w) : nullptr, b.defined() ? detail::data<T>(b) : nullptr);
  });
  return out;
}

// The moments of x's channels under `layout`.
void moments(const char* op, const Tensor& x, const Layout& layout, std::vector<double>& mean,
             std::vector<double>& var) {
  dispatch_floating(x.scalar_type(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    channel_moments<T>(detail::data<T>(x), layout, mean, var);
  });
}

// The backward works on x viewed as [outer, channels, inner] (a Layout), with the
// statistics shaped [1, channels, 1].

// Sum over dims 0 and 2 of t [outer, channels, inner], kept as [1, channels, 1]: the
// contiguous inner dim first, then the outer one, so neither reduction copies t.
Tensor channel_sum(const Tensor& t) { return t.sum(IntArrayRef{2}, true).sum(IntArrayRef{0}, true); }
Tensor channel_mean(const Tensor& t) { return channel_sum(t) / static_cast<double>(t.size(0) * t.size(2)); }

// The statistics backward works with: forward's, or, while backward's own graph is recorded
// (create_graph), mean and rstd of x computed again with ops, so that second derivatives see
// how they depend on x.
std::pair<Tensor, Tensor> statistics_for_backward(const Tensor& x, double eps, const Tensor& mean,
                                                  const Tensor& rstd) {
  if (!GradMode::is_enabled()) return {mean, rstd};
  const Tensor m = channel_mean(x);
  return {m, (channel_mean((x - m).pow(2)) + eps).rsqrt()};
}

// The gradient reaching x through x̂ = (x - mean) * rstd when mean and rstd are x's own
// statistics: dx = rstd * (gx̂ - mean(gx̂) - x̂ * mean(gx̂ * x̂)).
Tensor through_statistics(const Tensor& grad_xhat, const Tensor& xhat, const Tensor& rstd) {
  return rstd * (grad_xhat - channel_mean(grad_xhat) - xhat * channel_mean(grad_xhat * xhat));
}

void check_float(const char* op, const Tensor& input, const Tensor& t, const char* name) {
  XG_CHECK(!t.defined() || t.scalar_type() == input.scalar_type(), op, name, " (", t.scalar_type(),
           ") and input (", input.scalar_type(), ") must have the same dtype");
}

// A per-channel tensor (weight, bias, running statistics) must have one element per channel.
void check_per_channel(const char* op, const Tensor& input, const Tensor& t, const char* name, int64_t channels) {
  XG_CHECK(!t.defined() || t.numel() == channels, op, name, " should contain ", channels, " elements not ",
           t.numel(), " (input of size ", input.sizes(), ")");
  check_float(op, input, t, name);
}

// batch_norm's gradients as direct loops, for a backward that records nothing (the usual
// backward(), without create_graph): two passes over each channel, as LibTorch's kernel. With
// the sums S_g = sum(g) and S_gx = sum(g * (x - mean)) over the channel's `count` elements:
//   dbias = S_g,  dweight = S_gx * rstd
//   dx = weight * rstd * (g - S_g / count - (x - mean) * rstd^2 * S_gx / count)   (training)
//   dx = weight * rstd * g                                                       (eval)
// which is the formula above with x̂ = (x - mean) * rstd and gx̂ = g * weight written out.
template <class T>
void batch_norm_backward_direct(const T* g, const T* x, const Layout& l, const T* mean, const T* rstd,
                                const T* weight, bool training, T* dx, T* dw, T* db) {
  const double count = static_cast<double>(l.outer * l.inner);
  for (int64_t c = 0; c < l.channels; ++c) {
    const double m = mean[c], r = rstd[c], w = weight ? weight[c] : 1.0;
    double sum_g = 0, sum_gx = 0;
    for (int64_t o = 0; o < l.outer; ++o) {
      const int64_t start = (o * l.channels + c) * l.inner;
      const T *gs = g + start, *xs = x + start;
      if (db || (dx && training)) sum_g += sum_of(l.inner, [gs](int64_t i) { return static_cast<double>(gs[i]); });
      if (dw || (dx && training)) sum_gx += sum_of(l.inner, [gs, xs, m](int64_t i) { return gs[i] * (xs[i] - m); });
    }
    if (db) db[c] = static_cast<T>(sum_g);
    if (dw) dw[c] = static_cast<T>(sum_gx * r);
    if (!dx) continue;
    const T k = static_cast<T>(w * r), shift = static_cast<T>(training ? sum_g / count : 0.0),
            slope = static_cast<T>(training ? r * r * sum_gx / count : 0.0), center = static_cast<T>(m);
    for (int64_t o = 0; o < l.outer; ++o) {
      const int64_t start = (o * l.channels + c) * l.inner;
      const T *gs = g + start, *xs = x + start;
      T* out = dx + start;
      for (int64_t i = 0; i < l.inner; ++i) out[i] = k * (gs[i] - shift - (xs[i] - center) * slope);
    }
  }
}

variable_list batch_norm_backward(const Tensor& grad, const Tensor& input, const Tensor& weight, const Tensor& mean,
                                  const Tensor& rstd, bool training, double eps, std::array<bool, 3> need) {
  const int64_t N = input.size(0), C = input.size(1), L = input.numel() / std::max<int64_t>(N * C, 1);
  if (!GradMode::is_enabled()) {
    const Tensor g = detail::contiguous_data(grad), x = detail::contiguous_data(input);
    const Tensor m = detail::contiguous_data(mean), r = detail::contiguous_data(rstd);
    const Tensor w = weight.defined() ? detail::contiguous_data(weight.detach()) : Tensor();
    Tensor dx = need[0] ? detail::empty(input.sizes(), input.scalar_type()) : Tensor();
    Tensor dw = need[1] ? detail::empty({C}, input.scalar_type()) : Tensor();
    Tensor db = need[2] ? detail::empty({C}, input.scalar_type()) : Tensor();
    dispatch_floating(input.scalar_type(), "batch_norm_backward", [&](auto tag) {
      using T = typename decltype(tag)::type;
      auto data_or_null = [](const Tensor& t) { return t.defined() ? detail::data<T>(t) : nullptr; };
      batch_norm_backward_direct<T>(detail::data<T>(g), detail::data<T>(x), Layout{N, C, L}, detail::data<T>(m),
                                    detail::data<T>(r), data_or_null(w), training, data_or_null(dx),
                                    data_or_null(dw), data_or_null(db));
    });
    return {dx, dw, db};
  }
  const Tensor x = input.reshape({N, C, L}), g = grad.reshape({N, C, L});
  auto [m, r] = training ? statistics_for_backward(x, eps, mean, rstd) : std::pair<Tensor, Tensor>{mean, rstd};
  const Tensor xhat = training || need[1] ? (x - m) * r : Tensor();
  Tensor dx, dw, db;
  if (need[0]) {
    const Tensor grad_xhat = weight.defined() ? g * weight.view({1, C, 1}) : g;
    dx = (training ? through_statistics(grad_xhat, xhat, r) : grad_xhat * r).view(input.sizes());
  }
  if (need[1]) dw = channel_sum(g * xhat).view({C});
  if (need[2]) db = channel_sum(g).view({C});
  return {dx, dw, db};
}

std::array<bool, 3> needed(const Tensor& input, const Tensor& weight, const Tensor& bias) {
  return {input.requires_grad(), weight.defined() && weight.requires_grad(), bias.defined() && bias.requires_grad()};
}

}  // namespace

/// Batch normalisation of input [N, C, *]: per channel c, over the batch and spatial dims,
/// x̂ = (x - mean_c) / sqrt(var_c + eps), y = x̂ * weight_c + bias_c (weight, bias optional).
/// training: mean_c and the biased var_c are the batch's, and running_mean / running_var (when
/// defined) become (1 - momentum) * running + momentum * batch statistic, the running variance
/// from the unbiased var_c * n / (n - 1); otherwise the running statistics normalise.
/// Gradients (gx̂ = g * weight, means and sums over the channel's elements):
///   training: dx = rstd * (gx̂ - mean(gx̂) - x̂ * mean(gx̂ * x̂)); eval: dx = rstd * gx̂;
///   dweight = sum(g * x̂), dbias = sum(g). cudnn_enabled is accepted and ignored.
Tensor batch_norm(const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& running_mean,
                  const Tensor& running_var, bool training, double momentum, double eps, bool cudnn_enabled) {
  (void)cudnn_enabled;
  const char* op = "batch_norm";
  XG_CHECK(input.defined(), op, "input must be defined");
  XG_CHECK(input.dim() >= 2, op, "expected an input of at least 2 dims [N, C, *], got sizes ", input.sizes());
  dispatch_floating(input.scalar_type(), op, [](auto) {});
  const int64_t N = input.size(0), C = input.size(1), count_per_channel = input.numel() / std::max<int64_t>(C, 1);
  check_per_channel(op, input, weight, "weight", C);
  check_per_channel(op, input, bias, "bias", C);
  check_per_channel(op, input, running_mean, "running_mean", C);
  check_per_channel(op, input, running_var, "running_var", C);
  XG_CHECK(running_mean.defined() == running_var.defined(), op,
           "running_mean and running_var must be both defined or both undefined");
  XG_CHECK(training || running_mean.defined(), op, "running_mean must be defined in evaluation mode");
  // One value per channel has no variance: the normalised output would be all zeros and the
  // running variance would divide by n - 1 = 0.
  XG_CHECK(!training || count_per_channel != 1, op,
           "Expected more than 1 value per channel when training, got input size ", input.sizes());

  const Tensor x = detail::contiguous_data(input.detach());
  const Layout layout = {N, C, count_per_channel / std::max<int64_t>(N, 1)};
  std::vector<double> mean, var;
  if (training) {
    moments(op, x, layout, mean, var);
    if (running_mean.defined()) {
      NoGradGuard no_grad;
      const double n = static_cast<double>(count_per_channel);
      std::vector<double> unbiased(var);
      for (double& v : unbiased) v *= n / (n - 1);
      running_mean.mul_(1 - momentum).add_(tensor_of(mean, {C}, running_mean.scalar_type()), momentum);
      running_var.mul_(1 - momentum).add_(tensor_of(unbiased, {C}, running_var.scalar_type()), momentum);
    }
  } else {
    mean = values_of(running_mean);
    var = values_of(running_var);
  }
  const std::vector<double> rstd = rstd_of(var, eps), w = values_of(weight), b = values_of(bias);
  std::vector<double> scale(C), shift(C);
  for (int64_t c = 0; c < C; ++c) {
    scale[c] = rstd[c] * (w.empty() ? 1.0 : w[c]);
    shift[c] = (b.empty() ? 0.0 : b[c]) - mean[c] * scale[c];
  }
  Tensor out = normalized(op, x, layout, scale, shift);
  if (autograd::needs_grad_list({input, weight, bias})) {
    record("NativeBatchNormBackward0", {input, weight, bias}, out,
           [input_saved = SavedVariable(input, false), weight_saved = SavedVariable(weight, false),
            mean_saved = tensor_of(mean, {1, C, 1}, input.scalar_type()),
            rstd_saved = tensor_of(rstd, {1, C, 1}, input.scalar_type()),
            training, eps, need = needed(input, weight, bias)](const variable_list& g) -> variable_list {
             return batch_norm_backward(g[0], input_saved.unpack(), weight_saved.unpack(), mean_saved, rstd_saved,
                                        training, eps, need);
           });
  }
  return out;
}

/// Instance normalisation of input [N, C, *]: batch_norm of each sample's channels on their
/// own, computed as LibTorch does, batch_norm of the input viewed as [1, N*C, *] with weight,
/// bias and the running statistics repeated N times (use_input_stats plays batch_norm's
/// training); the running statistics then take the mean over the batch of the N updated
/// copies. Its gradients are those of the ops it is written with (view, repeat, batch_norm).
Tensor instance_norm(const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& running_mean,
                     const Tensor& running_var, bool use_input_stats, double momentum, double eps,
                     bool cudnn_enabled) {
  const char* op = "instance_norm";
  XG_CHECK(input.defined(), op, "input must be defined");
  XG_CHECK(input.dim() >= 2, op, "expected an input of at least 2 dims [N, C, *], got sizes ", input.sizes());
  const int64_t N = input.size(0), C = input.size(1);
  check_per_channel(op, input, weight, "weight", C);
  check_per_channel(op, input, bias, "bias", C);
  check_per_channel(op, input, running_mean, "running_mean", C);
  check_per_channel(op, input, running_var, "running_var", C);
  XG_CHECK(!use_input_stats || input.numel() / std::max<int64_t>(N * C, 1) != 1, op,
           "Expected more than 1 spatial element when training, got input size ", input.sizes());
  auto repeated = [N](const Tensor& t) { return t.defined() ? t.repeat({N}) : Tensor(); };
  const Tensor running_mean_copies = repeated(running_mean), running_var_copies = repeated(running_var);
  SizeVector shape(input.sizes().begin(), input.sizes().end());
  shape[0] = 1;
  shape[1] = N * C;
  const Tensor out = batch_norm(input.contiguous().view(shape), repeated(weight), repeated(bias), running_mean_copies,
                                running_var_copies, use_input_stats, momentum, eps, cudnn_enabled);
  if (running_mean.defined() && use_input_stats) {
    NoGradGuard no_grad;
    running_mean.copy_(running_mean_copies.view({N, C}).mean(0));
    running_var.copy_(running_var_copies.view({N, C}).mean(0));
  }
  return out.view(input.sizes());
}

/// Layer normalisation over the last dims of input [*, normalized_shape]: each sample's
/// x̂ = (x - mean) / sqrt(var + eps) over those dims, y = x̂ * weight + bias with weight and
/// bias (optional) of normalized_shape. Gradients (gx̂ = g * weight, means over a sample's
/// normalised elements): dx = rstd * (gx̂ - mean(gx̂) - x̂ * mean(gx̂ * x̂)),
/// dweight = sum over samples of g * x̂, dbias = sum over samples of g.
Tensor layer_norm(const Tensor& input, IntArrayRef normalized_shape, const Tensor& weight, const Tensor& bias,
                  double eps, bool cudnn_enable) {
  (void)cudnn_enable;
  const char* op = "layer_norm";
  XG_CHECK(input.defined(), op, "input must be defined");
  XG_CHECK(!normalized_shape.empty(), op,
           "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got "
           "normalized_shape = ",
           normalized_shape);
  const int64_t axis = input.dim() - static_cast<int64_t>(normalized_shape.size());
  bool matches = axis >= 0;
  for (size_t i = 0; matches && i < normalized_shape.size(); ++i)
    matches = input.size(axis + static_cast<int64_t>(i)) == normalized_shape[i];
  if (!matches) {
    std::string expected = "[*";  // [*, 5, 6]
    for (int64_t s : normalized_shape) expected += ", " + std::to_string(s);
    detail::fail(op, "Given normalized_shape=", normalized_shape, ", expected input with shape ", expected,
                 "], but got input of size ", input.sizes());
  }
  for (const auto& [t, name] : {std::pair{&weight, "weight"}, std::pair{&bias, "bias"}}) {
    XG_CHECK(!t->defined() || t->sizes() == normalized_shape, op, "Expected ", name,
             " to be of same shape as normalized_shape, but got ", name, " of shape ", t->sizes(),
             " and normalized_shape = ", normalized_shape);
    check_float(op, input, *t, name);
  }
  dispatch_floating(input.scalar_type(), op, [](auto) {});
  const int64_t K = detail::numel_of(normalized_shape), M = input.numel() / std::max<int64_t>(K, 1);
  const Tensor x = detail::contiguous_data(input.detach());
  const Layout rows = {1, M, K};
  std::vector<double> mean, var;
  moments(op, x, rows, mean, var);
  const std::vector<double> rstd = rstd_of(var, eps);
  std::vector<double> shift(M);
  for (int64_t m = 0; m < M; ++m) shift[m] = -mean[m] * rstd[m];
  Tensor out = normalized(op, x, rows, rstd, shift, weight, bias);
  if (autograd::needs_grad_list({input, weight, bias})) {
    record("NativeLayerNormBackward0", {input, weight, bias}, out,
           [input_saved = SavedVariable(input, false), weight_saved = SavedVariable(weight, false),
            mean_saved = tensor_of(mean, {1, M, 1}, input.scalar_type()),
            rstd_saved = tensor_of(rstd, {1, M, 1}, input.scalar_type()), M, K, eps,
            shape = SizeVector(normalized_shape.begin(), normalized_shape.end()),
            need = needed(input, weight, bias)](const variable_list& g) -> variable_list {
             const Tensor input = input_saved.unpack(), weight = weight_saved.unpack();
             const Tensor x = input.reshape({1, M, K}), grad = g[0].reshape({1, M, K});  // a row per sample
             auto [mean, rstd] = statistics_for_backward(x, eps, mean_saved, rstd_saved);
             const Tensor xhat = (x - mean) * rstd;
             Tensor dx, dw, db;
             if (need[0]) {
               const Tensor grad_xhat = weight.defined() ? grad * weight.reshape({1, 1, K}) : grad;
               dx = through_statistics(grad_xhat, xhat, rstd).view(input.sizes());
             }
             if (need[1]) dw = (grad * xhat).sum(IntArrayRef{0, 1}).view(shape);
             if (need[2]) db = grad.sum(IntArrayRef{0, 1}).view(shape);
             return {dx, dw, db};
           });
  }
  return out;
}

/// Group normalisation of input [N, C, *]: the C channels split into num_groups groups of
/// C / num_groups; each sample's group is normalised over its channels and spatial dims,
/// x̂ = (x - mean) / sqrt(var + eps), then y = x̂ * weight_c + bias_c per channel (optional).
/// Gradients (gx̂ = g * weight, means over a group's elements):
/// dx = rstd * (gx̂ - mean(gx̂) - x̂ * mean(gx̂ * x̂)), dweight = sum(g * x̂), dbias = sum(g)
/// over all but the channel dim. cudnn_enabled is accepted and ignored.
Tensor group_norm(const Tensor& input, int64_t num_groups, const Tensor& weight, const Tensor& bias, double eps,
                  bool cudnn_enabled) {
  (void)cudnn_enabled;
  const char* op = "group_norm";
  XG_CHECK(input.defined(), op, "input must be defined");
  XG_CHECK(input.dim() >= 2, op, "expected an input of at least 2 dims [N, C, *], got sizes ", input.sizes());
  XG_CHECK(num_groups > 0, op, "Expected num groups to be greater than 0, got ", num_groups);
  const int64_t N = input.size(0), C = input.size(1), G = num_groups;
  XG_CHECK(C % G == 0, op,
           "Expected number of channels in input to be divisible by num_groups, but got input of shape ",
           input.sizes(), " and num_groups=", G);
  check_per_channel(op, input, weight, "weight", C);
  check_per_channel(op, input, bias, "bias", C);
  dispatch_floating(input.scalar_type(), op, [](auto) {});
  const int64_t HW = input.numel() / std::max<int64_t>(N * C, 1), group_size = C / G * HW;
  const Tensor x = detail::contiguous_data(input.detach());
  std::vector<double> mean, var;
  moments(op, x, {1, N * G, group_size}, mean, var);
  const std::vector<double> rstd = rstd_of(var, eps), w = values_of(weight), b = values_of(bias);
  std::vector<double> scale(N * C), shift(N * C);
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c) {
      const int64_t group = n * G + c / (C / G), row = n * C + c;
      scale[row] = rstd[group] * (w.empty() ? 1.0 : w[c]);
      shift[row] = (b.empty() ? 0.0 : b[c]) - mean[group] * scale[row];
    }
  Tensor out = normalized(op, x, {1, N * C, HW}, scale, shift);
  if (autograd::needs_grad_list({input, weight, bias})) {
    record("NativeGroupNormBackward0", {input, weight, bias}, out,
           [input_saved = SavedVariable(input, false), weight_saved = SavedVariable(weight, false),
            mean_saved = tensor_of(mean, {1, N * G, 1}, input.scalar_type()),
            rstd_saved = tensor_of(rstd, {1, N * G, 1}, input.scalar_type()), N, C, G, HW, eps,
            need = needed(input, weight, bias)](const variable_list& g) -> variable_list {
             const Tensor input = input_saved.unpack(), weight = weight_saved.unpack();
             const Tensor x = input.reshape({1, N * G, C / G * HW});  // a row per sample's group
             const Tensor grad = g[0].reshape({N, C, HW});             // a row per sample's channel
             auto [mean, rstd] = statistics_for_backward(x, eps, mean_saved, rstd_saved);
             const Tensor xhat = (x - mean) * rstd;
             Tensor dx, dw, db;
             if (need[0]) {
               const Tensor grad_xhat = (weight.defined() ? grad * weight.view({1, C, 1}) : grad).reshape(x.sizes());
               dx = through_statistics(grad_xhat, xhat, rstd).view(input.sizes());
             }
             if (need[1]) dw = channel_sum(grad * xhat.reshape({N, C, HW})).view({C});
             if (need[2]) db = channel_sum(grad).view({C});
             return {dx, dw, db};
           });
  }
  return out;
}

}  // namespace xg

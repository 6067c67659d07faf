// Fuzz target: bytes -> a random xgrad program, run forward and backward.
//
// The first byte picks the mode:
//   even  "smooth": float64 leaves that require grad and only ops that are smooth
//         where the inputs live (no relu/abs/clamp kinks, no log near 0). When the
//         program and its backward succeed, every leaf's gradient must agree with
//         central differences of the same program.
//   odd   "chaos": every dtype, every view, in-place ops on fresh tensors and on
//         views, with and without NoGradGuard, then backward / autograd::grad with
//         random roots. Anything may fail, but only with an xg::Error whose
//         message starts with "[op]", and a failed in-place op leaves its target
//         unchanged (values and version). The CNN groups (convolutions, pooling,
//         normalisation, padding, interpolation) build [N, C, H, W]-shaped inputs and
//         parameters that are mostly valid and sometimes not.
// Either way: no crash and no sanitizer report.

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <vector>

#include "fuzz_util.h"

namespace {

using namespace xg;
using xg::fuzz::ByteReader;
using xg::indexing::Slice;

constexpr size_t kMaxPool = 10;
constexpr int kMaxOps = 14;
constexpr int64_t kMaxLeafElements = 24;

/// XGRAD_FUZZ_TRACE=1 prints each op as it runs, to turn a finding into a small test.
const bool kTrace = std::getenv("XGRAD_FUZZ_TRACE") != nullptr;
void trace(const char* what, int op, const Tensor& a, const Tensor& b) {
  if (!kTrace) return;
  std::cerr << what << " op " << op << " on " << a.toString() << a.sizes() << (a.requires_grad() ? " rg" : "")
            << " and " << b.toString() << b.sizes() << (b.requires_grad() ? " rg" : "") << "\n";
}

/// A shape of 0 to 3 dims, sizes mostly 1 to 3, sometimes 0.
std::vector<int64_t> random_shape(ByteReader& in, bool allow_zero) {
  std::vector<int64_t> shape(in.pick(4));
  for (auto& s : shape) {
    static const int64_t sizes[] = {1, 2, 3, 1, 2, 0};
    s = sizes[in.pick(allow_zero ? 6 : 5)];
  }
  return shape;
}

int64_t numel_of(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (auto s : shape) n *= s;
  return n;
}

/// Values in [-2, 2] in steps of 1/32, from the bytes.
Tensor random_values(ByteReader& in, const std::vector<int64_t>& shape, ScalarType dtype) {
  std::vector<double> values(static_cast<size_t>(numel_of(shape)));
  for (auto& v : values) v = (static_cast<int>(in.byte()) - 128) / 32.0;
  Tensor t = from_blob(values.data(), shape, xg::dtype(kDouble)).clone();
  if (dtype == kLong) return t.mul(4).to(kLong);
  if (dtype == kBool) return t.gt(0);
  return t.to(dtype);
}

/// A dim in [-(d+1), d] so out-of-range dims are exercised too.
int64_t random_dim(ByteReader& in, const Tensor& t) {
  const int d = static_cast<int>(t.dim());
  return in.pick(2 * d + 3) - (d + 1);
}

/// A valid dim when there is one (smooth mode wants few errors).
int64_t valid_dim(ByteReader& in, const Tensor& t) { return t.dim() == 0 ? 0 : in.pick(static_cast<int>(t.dim())); }

/// The bytes of a tensor's values, to check that a failed in-place op changed nothing.
std::vector<uint8_t> bytes_of(const Tensor& t) {
  NoGradGuard no_grad;
  Tensor c = t.detach().contiguous();
  const auto* p = static_cast<const uint8_t*>(c.data_ptr());
  return std::vector<uint8_t>(p, p + c.numel() * static_cast<int64_t>(c.element_size()));
}

class Program {
 public:
  Program(ByteReader in, bool smooth) : in_(in), smooth_(smooth) {}

  /// Runs the ops on `pool` (the leaves first); returns the pool afterwards.
  std::vector<Tensor> run(std::vector<Tensor> pool) {
    pool_ = std::move(pool);
    const int n_ops = 1 + in_.pick(kMaxOps);
    for (int i = 0; i < n_ops && !in_.empty(); ++i) {
      try {
        step();
      } catch (const Error& e) {
        xg::fuzz::check_error_message(e);
      }
    }
    return std::move(pool_);
  }

  /// The leaves the CNN groups made (inputs, weights, biases), to clear their gradients.
  std::vector<Tensor>& weights() { return weights_; }

 private:
  Tensor& any() { return pool_[in_.pick(static_cast<int>(pool_.size()))]; }
  void push(Tensor t) {
    if (!t.defined()) return;
    if (pool_.size() < kMaxPool)
      pool_.push_back(std::move(t));
    else
      pool_[1 + in_.pick(static_cast<int>(kMaxPool) - 1)] = std::move(t);
  }

  void step() { smooth_ ? smooth_step() : chaos_step(); }

  // ---- views, shared by both modes ----------------------------------------------------
  Tensor view_op(const Tensor& x, int which) {
    auto dim = [&] { return smooth_ ? valid_dim(in_, x) : random_dim(in_, x); };
    switch (which) {
      case 0: return x.select(dim(), in_.pick(4) - 1);
      case 1: return x.narrow(dim(), in_.pick(3), in_.pick(3));
      case 2: return x.slice(dim(), in_.pick(3), in_.pick(4), 1 + in_.pick(2));
      case 3: return x.transpose(dim(), dim());
      case 4: {
        std::vector<int64_t> perm;
        for (int64_t d = x.dim() - 1; d >= 0; --d) perm.push_back(d);
        if (perm.size() > 1 && in_.flag()) std::swap(perm[0], perm[1]);
        return x.permute(perm);
      }
      case 5: {
        std::vector<int64_t> size(x.sizes().begin(), x.sizes().end());
        for (auto& s : size)
          if (s == 1) s = in_.pick(3);
        if (in_.flag()) size.insert(size.begin(), 2);
        return x.expand(size);
      }
      case 6: return x.view({-1});
      case 7: {
        std::vector<int64_t> shape = {x.numel()};
        if (x.numel() % 2 == 0 && x.numel() > 0 && in_.flag()) shape = {2, x.numel() / 2};
        return in_.flag() ? x.reshape(shape) : x.view(shape);
      }
      case 8: return in_.flag() ? x.squeeze() : x.squeeze(dim());
      case 9: return x.unsqueeze(dim());
      case 10: return x.flatten();
      case 11: return x.dim() <= 2 ? x.t() : x;
      case 12: return x.index({Slice(in_.pick(2), indexing::None), indexing::Ellipsis});
      default: {
        auto parts = x.unbind(dim());
        return parts.empty() ? Tensor() : parts[in_.pick(static_cast<int>(parts.size()))];
      }
    }
  }

  // ---- smooth mode: float64, differentiable everywhere the values can be -------------
  void smooth_step() {
    Tensor& a = any();
    Tensor& b = any();
    const int op = in_.pick(30);
    trace("smooth", op, a, b);
    switch (op) {
      case 0: return push(a + b);
      case 1: return push(a - b);
      case 2: return push(a * b);
      case 3: return push(a / (b.square() + 1));
      case 4: return push(a.sin());
      case 5: return push(a.cos());
      case 6: return push(a.tanh());
      case 7: return push(a.sigmoid());
      case 8: return push(a.tanh().exp());
      case 9: return push(a.square());
      case 10: return push(a.pow(in_.pick(3) + 1));
      case 11: return push(a * (in_.pick(5) - 2.5));
      case 12: return push(a.sum());
      case 13: return push(a.sum({valid_dim(in_, a)}, in_.flag()));
      case 14: return push(a.mean({valid_dim(in_, a)}, in_.flag()));
      case 15: return push(a.softmax(valid_dim(in_, a)));
      case 16: return push(a.log_softmax(valid_dim(in_, a)));
      case 17: return push(a.logsumexp({valid_dim(in_, a)}, in_.flag()));
      case 18: return push(a.matmul(b));
      case 19: return push(cat({a, b}, valid_dim(in_, a)));
      case 20: return push(stack({a, b}, valid_dim(in_, a)));
      case 21: return push(a.prod(valid_dim(in_, a), in_.flag()));
      case 22: return push((a.square() + 1).log());
      case 23: return push((a.square() + 1).sqrt());
      case 24: {  // in-place on a fresh result (recorded by autograd)
        Tensor c = a * 1.5;
        switch (in_.pick(4)) {
          case 0: c.add_(b); break;
          case 1: c.mul_(b); break;
          case 2: c.sub_(b, 0.5); break;
          default: c.div_(2.0); break;
        }
        return push(c);
      }
      case 25: return push(a.clone().contiguous());
      case 26: return push(a.var({valid_dim(in_, a)}, true, in_.flag()));
      default: return push(view_op(a, in_.pick(14)));
    }
  }

  // ---- chaos mode: everything, checked only for clean failures ------------------------
  void chaos_step() {
    std::optional<NoGradGuard> no_grad;
    if (in_.pick(4) == 0) no_grad.emplace();
    Tensor& a = any();
    Tensor& b = any();
    const int op = in_.pick(44);
    trace(no_grad ? "chaos (no grad)" : "chaos", op, a, b);
    switch (op) {
      case 0: return push(a + b);
      case 1: return push(a - b);
      case 2: return push(a * b);
      case 3: return push(a / b);
      case 4: return push(a.pow(b));
      case 5: return push(a.pow(static_cast<double>(in_.pick(7)) - 3));
      case 6: {
        static const char* unary[] = {"abs", "exp", "log", "sqrt", "rsqrt", "relu", "sign", "reciprocal",
                                      "neg", "sigmoid", "tanh", "square"};
        switch (in_.pick(12)) {
          case 0: return push(a.abs());
          case 1: return push(a.exp());
          case 2: return push(a.log());
          case 3: return push(a.sqrt());
          case 4: return push(a.rsqrt());
          case 5: return push(a.relu());
          case 6: return push(a.sign());
          case 7: return push(a.reciprocal());
          case 8: return push(a.neg());
          case 9: return push(a.sigmoid());
          case 10: return push(a.tanh());
          default: (void)unary; return push(a.square());
        }
      }
      case 7: return push(a.clamp(in_.flag() ? std::optional<Scalar>(-0.5) : std::nullopt,
                                  in_.flag() ? std::optional<Scalar>(0.5) : std::nullopt));
      case 8: return push(a.maximum(b));
      case 9: return push(a.minimum(b));
      case 10: return push(where(a.gt(0), a, b));
      case 11: return push(in_.flag() ? a.eq(b) : a.lt(b));
      case 12: return push(logical_and(a, b));
      case 13: return push(in_.flag() ? xg::isnan(a) : xg::isfinite(a));
      case 14: return push(in_.flag() ? a.all() : a.any());
      case 15: return push(in_.flag() ? a.sum() : a.sum({random_dim(in_, a)}, in_.flag()));
      case 16: return push(in_.flag() ? a.mean() : a.mean({random_dim(in_, a)}, in_.flag()));
      case 17: return push(in_.flag() ? a.prod() : a.prod(random_dim(in_, a), in_.flag()));
      case 18: return push(in_.flag() ? a.max() : std::get<0>(a.max(random_dim(in_, a), in_.flag())));
      case 19: return push(in_.flag() ? a.min() : std::get<1>(a.min(random_dim(in_, a), in_.flag())));
      case 20: return push(in_.flag() ? a.argmax() : a.argmin(random_dim(in_, a), in_.flag()));
      case 21: return push(in_.flag() ? a.norm() : a.norm(1, {random_dim(in_, a)}, in_.flag()));
      case 22: return push(in_.flag() ? a.var() : a.std({random_dim(in_, a)}, in_.flag(), in_.flag()));
      case 23: return push(a.logsumexp({random_dim(in_, a)}, in_.flag()));
      case 24: return push(in_.flag() ? a.softmax(random_dim(in_, a)) : a.log_softmax(random_dim(in_, a)));
      case 25: {
        switch (in_.pick(6)) {
          case 0: return push(a.matmul(b));
          case 1: return push(a.mm(b));
          case 2: return push(a.mv(b));
          case 3: return push(bmm(a, b));
          case 4: return push(dot(a, b));
          default: return push(outer(a, b));
        }
      }
      case 26: return push(in_.flag() ? cat({a, b}, random_dim(in_, a)) : stack({a, b}, random_dim(in_, a)));
      case 27: {
        static const ScalarType types[] = {kBool, kLong, kFloat, kDouble};
        return push(a.to(types[in_.pick(4)]));
      }
      case 28: return push(a.detach());
      case 29: {
        if (a.is_leaf() && a.is_floating_point()) a.requires_grad_(in_.flag());
        return;
      }
      case 30: {
        a.retain_grad();
        return;
      }
      case 31: {
        const bool replace = in_.flag();
        a.register_hook([replace](const Tensor& g) { return replace ? g * 2 : Tensor(); });
        return;
      }
      case 32: return push(a.index({in_.pick(3) - 1, Slice(indexing::None, indexing::None, 1 + in_.pick(2))}));
      case 33: return inplace(a, b);
      case 34: return inplace(a, b);
      case 35: {  // in-place through a view
        Tensor v = view_op(a, in_.pick(14));
        if (v.defined()) inplace(v, b);
        return;
      }
      case 36: return push(a.contiguous());
      case 37: return push(a.clone());
      case 38: return push(a.expand_as(b));
      case 39: return push(a.allclose(b) ? ones({}) : zeros({}));
      // 42 and 43 were views too before the CNN groups came: the corpus's other inputs still
      // decode to the programs they were found as.
      case 42:
      case 43: return cnn_step(a, b);
      default: return push(view_op(a, in_.pick(14)));  // 40 and 41
    }
  }

  // ---- CNN groups (chaos mode) -------------------------------------------------------------
  void cnn_step(const Tensor& a, const Tensor& b) {
    const int group = in_.pick(8);
    trace("  cnn group", group, a, b);
    switch (group) {
      case 0: return conv(a);
      case 1: return conv_transpose(a);
      case 2: return pool(a);
      case 3: return adaptive_pool(a);
      case 4: return batch_norm(a, b);
      case 5: return other_norm(a);
      case 6: return pad(a);
      default: return interpolate(a);
    }
  }

  /// Mostly one of `usual`; one time in eight 0, -1, 3 or 5, which the op must refuse or handle.
  int64_t param(std::initializer_list<int64_t> usual) {
    static const int64_t unusual[] = {0, -1, 3, 5};
    if (in_.pick(8) == 0) return unusual[in_.pick(4)];
    return usual.begin()[in_.pick(static_cast<int>(usual.size()))];
  }

  /// n values of param(usual), sometimes one (LibTorch's single-number form), sometimes none
  /// or one too many.
  std::vector<int64_t> params(size_t n, std::initializer_list<int64_t> usual) {
    const int form = in_.pick(10);
    const size_t count = form == 0 ? 1 : form == 1 ? 0 : form == 2 ? n + 1 : n;
    std::vector<int64_t> values(count);
    for (auto& v : values) v = param(usual);
    return values;
  }

  /// A fresh tensor of `shape` with smooth values from two bytes (cheap for large shapes):
  /// mostly Double or Float, now and then Long, a NaN, or a transposed (strided) view.
  Tensor fresh(std::vector<int64_t> shape) {
    for (auto& s : shape) s = std::max<int64_t>(s, 0);
    const double step = 0.37 * (1 + in_.pick(8)), shift = in_.pick(16);
    Tensor t = arange(numel_of(shape), xg::dtype(kDouble)).mul(step).add(shift).sin().reshape(shape);
    if (t.numel() > 0 && in_.pick(16) == 0) t.view({-1})[0].fill_(std::nan(""));
    static const ScalarType types[] = {kDouble, kFloat, kDouble, kFloat, kDouble, kFloat, kDouble, kLong};
    t = t.to(types[in_.pick(8)]);
    if (t.dim() >= 2 && in_.pick(6) == 0) t = t.transpose(-1, -2).contiguous().transpose(-1, -2);
    if (t.is_floating_point() && in_.flag()) weights_.push_back(t.requires_grad_());
    return t;
  }

  /// An input [N, C, spatial sizes...] for a CNN op: N from 0 to 2 or left out (unbatched),
  /// sizes from 0 to 5; one time in six `a` itself, whatever its rank and dtype.
  Tensor cnn_input(const Tensor& a, int spatial, int64_t channels) {
    if (in_.pick(6) == 0) return a;
    std::vector<int64_t> shape;
    if (in_.pick(4) != 0) shape.push_back(in_.pick(3));
    shape.push_back(channels);
    for (int d = 0; d < spatial; ++d) shape.push_back(in_.pick(6));
    return fresh(shape);
  }

  /// A weight of `count` channels (a bias, a norm's weight), sometimes missing or one too long.
  Tensor per_channel(int64_t count) {
    switch (in_.pick(6)) {
      case 0: return Tensor();
      case 1: return fresh({count + 1});
      default: return fresh({count});
    }
  }

  /// conv1d / conv2d through the function or the layer: stride, padding ("same" and "valid"
  /// too), dilation, groups and padding_mode.
  void conv(const Tensor& a) {
    const int spatial = 1 + in_.pick(2);
    const int64_t groups = param({1, 1, 2});
    const int64_t per_group = 1 + in_.pick(2), in_c = std::max<int64_t>(groups, 1) * per_group;
    const int64_t out_c = std::max<int64_t>(groups, 1) * (1 + in_.pick(2));
    const Tensor x = cnn_input(a, spatial, in_c + (in_.pick(8) == 0 ? 1 : 0));
    std::vector<int64_t> weight_shape = {out_c, per_group};
    for (int d = 0; d < spatial; ++d) weight_shape.push_back(in_.pick(4));
    const Tensor weight = fresh(weight_shape), bias = per_channel(out_c);
    const auto stride = params(spatial, {1, 1, 2}), padding = params(spatial, {0, 1, 2});
    const auto dilation = params(spatial, {1, 1, 2});
    switch (in_.pick(4)) {
      case 0: {  // the layer, with a padding mode
        const int64_t k = std::max<int64_t>(weight_shape.back(), 1);
        static const nn::conv_padding_mode_t modes[] = {kZeros, kReflect, kReplicate, kCircular};
        const auto mode = modes[in_.pick(4)];
        const int64_t p = param({0, 1});
        auto run = [&](auto layer) {
          for (const Tensor& parameter : layer->parameters()) weights_.push_back(parameter);
          push(layer(x));
        };
        if (spatial == 1) return run(nn::Conv1d(nn::Conv1dOptions(in_c, out_c, k).padding(p).groups(groups).padding_mode(mode)));
        return run(nn::Conv2d(nn::Conv2dOptions(in_c, out_c, k).padding(p).groups(groups).padding_mode(mode)));
      }
      case 1: {
        static const std::string_view strings[] = {"same", "valid", "same", "valid", "full"};
        const std::string_view padding_string = strings[in_.pick(5)];
        if (spatial == 1) return push(conv1d(x, weight, bias, stride, padding_string, dilation, groups));
        return push(conv2d(x, weight, bias, stride, padding_string, dilation, groups));
      }
      default:
        if (spatial == 1) return push(conv1d(x, weight, bias, stride, padding, dilation, groups));
        return push(conv2d(x, weight, bias, stride, padding, dilation, groups));
    }
  }

  /// conv_transpose1d / conv_transpose2d, with output_padding.
  void conv_transpose(const Tensor& a) {
    const int spatial = 1 + in_.pick(2);
    const int64_t groups = param({1, 1, 2});
    const int64_t in_c = std::max<int64_t>(groups, 1) * (1 + in_.pick(2)), out_per_group = 1 + in_.pick(2);
    const Tensor x = cnn_input(a, spatial, in_c);
    std::vector<int64_t> weight_shape = {in_c + (in_.pick(8) == 0 ? 1 : 0), out_per_group};
    for (int d = 0; d < spatial; ++d) weight_shape.push_back(in_.pick(4));
    const Tensor weight = fresh(weight_shape), bias = per_channel(std::max<int64_t>(groups, 1) * out_per_group);
    const auto stride = params(spatial, {1, 2}), padding = params(spatial, {0, 1});
    const auto output_padding = params(spatial, {0, 0, 1}), dilation = params(spatial, {1, 1, 2});
    if (spatial == 1) return push(conv_transpose1d(x, weight, bias, stride, padding, output_padding, groups, dilation));
    push(conv_transpose2d(x, weight, bias, stride, padding, output_padding, groups, dilation));
  }

  /// max_pool1d/2d (with indices) and avg_pool1d/2d: kernel, stride (or none: the kernel),
  /// padding, dilation, ceil_mode, count_include_pad, divisor_override.
  void pool(const Tensor& a) {
    const int spatial = 1 + in_.pick(2);
    const Tensor x = cnn_input(a, spatial, 1 + in_.pick(3));
    const auto kernel = params(spatial, {1, 2, 3}), padding = params(spatial, {0, 0, 1});
    const auto stride = in_.pick(4) == 0 ? std::vector<int64_t>{} : params(spatial, {1, 2});
    const bool ceil_mode = in_.flag();
    if (in_.flag()) {
      const auto dilation = params(spatial, {1, 1, 2});
      auto [out, indices] = spatial == 1 ? max_pool1d_with_indices(x, kernel, stride, padding, dilation, ceil_mode)
                                         : max_pool2d_with_indices(x, kernel, stride, padding, dilation, ceil_mode);
      push(out);
      return push(indices);
    }
    const bool count_include_pad = in_.flag();
    if (spatial == 1) return push(avg_pool1d(x, kernel, stride, padding, ceil_mode, count_include_pad));
    const std::optional<int64_t> divisor = in_.pick(4) == 0 ? std::optional<int64_t>(param({1, 2})) : std::nullopt;
    push(avg_pool2d(x, kernel, stride, padding, ceil_mode, count_include_pad, divisor));
  }

  /// adaptive_avg_pool1d/2d and adaptive_max_pool1d/2d to output sizes from 0 to 5 (and -1).
  void adaptive_pool(const Tensor& a) {
    const int spatial = 1 + in_.pick(2);
    const Tensor x = cnn_input(a, spatial, 1 + in_.pick(3));
    const auto size = params(spatial, {1, 2, 3, 4});
    if (in_.flag()) return push(spatial == 1 ? adaptive_avg_pool1d(x, size) : adaptive_avg_pool2d(x, size));
    auto [out, indices] = spatial == 1 ? adaptive_max_pool1d(x, size) : adaptive_max_pool2d(x, size);
    push(out);
    push(indices);
  }

  /// batch_norm in training or eval, with or without weight, bias and running statistics
  /// (sometimes `b` from the pool as running_mean, which training updates in place).
  void batch_norm(const Tensor& a, const Tensor& b) {
    const int64_t c = 1 + in_.pick(3);
    const Tensor x = cnn_input(a, in_.pick(3), c);
    const Tensor running_mean = in_.pick(8) == 0 ? b : per_channel(c), running_var = per_channel(c);
    const double eps = in_.pick(8) == 0 ? 0.0 : 1e-5;
    push(xg::batch_norm(x, per_channel(c), per_channel(c), running_mean, running_var, in_.flag(), 0.1, eps, false));
  }

  /// layer_norm over the last one or two dims (sometimes a shape that does not match),
  /// group_norm with 1 to 3 groups (and 0, -1, 5), instance_norm.
  void other_norm(const Tensor& a) {
    const int64_t c = 1 + in_.pick(4);
    const Tensor x = cnn_input(a, 1 + in_.pick(2), c);
    switch (in_.pick(3)) {
      case 0: {
        const std::vector<int64_t> sizes = x.sizes().vec();
        std::vector<int64_t> shape(sizes.end() - std::min<int64_t>(x.dim(), 1 + in_.pick(2)), sizes.end());
        if (!shape.empty() && in_.pick(6) == 0) shape.back() += 1;
        const Tensor weight = in_.flag() ? fresh(shape) : Tensor(), bias = in_.flag() ? fresh(shape) : Tensor();
        return push(layer_norm(x, shape, weight, bias, 1e-5, false));
      }
      case 1: return push(group_norm(x, param({1, 2, 2}), per_channel(c), per_channel(c), 1e-5, false));
      default:
        return push(instance_norm(x, per_channel(c), per_channel(c), per_channel(c), per_channel(c), in_.flag(), 0.1,
                                  1e-5, false));
    }
  }

  /// F::pad in each mode: 1 to 6 pad values (odd counts and too many are errors), negative ones crop.
  void pad(const Tensor& a) {
    const Tensor x = cnn_input(a, 1 + in_.pick(2), 1 + in_.pick(2));
    std::vector<int64_t> pads(1 + in_.pick(6));
    for (auto& p : pads) p = in_.pick(7) - 2;
    static const nn::functional::PadFuncOptions::mode_t modes[] = {kConstant, kReflect, kReplicate, kCircular};
    push(nn::functional::pad(x, nn::functional::PadFuncOptions(pads).mode(modes[in_.pick(4)]).value(in_.pick(5) - 2.0)));
  }

  /// F::interpolate, nearest or bilinear (align_corners or not), to a size or by a scale factor
  /// (both, neither, 0 and negative ones sometimes).
  void interpolate(const Tensor& a) {
    const int spatial = 1 + in_.pick(2);
    const Tensor x = cnn_input(a, spatial, 1 + in_.pick(2));
    nn::functional::InterpolateFuncOptions options;
    const int what = in_.pick(8);
    if (what != 0) options.size(params(spatial, {1, 2, 4, 6}));
    if (what == 0 || what == 1 || in_.pick(4) == 0) {
      static const double factors[] = {0.5, 1, 1.5, 2, 3, 0.3, 0, -1};
      std::vector<double> scale(spatial == 1 || in_.pick(8) == 0 ? 1 : 2);
      for (auto& f : scale) f = factors[in_.pick(8)];
      options.scale_factor(scale);
      if (in_.flag()) options.recompute_scale_factor(in_.flag());
    }
    if (in_.flag()) {
      options.mode(in_.pick(8) == 0 ? nn::functional::InterpolateFuncOptions::mode_t(kLinear) : kBilinear);
      if (in_.flag()) options.align_corners(in_.flag());
    }
    push(nn::functional::interpolate(x, options));
  }

  /// One in-place op on `target`; on failure the target must be unchanged.
  void inplace(Tensor target, const Tensor& other) {
    const auto before = bytes_of(target);
    const auto version = target._version();
    const int op = in_.pick(11);
    trace("  in-place", op, target, other);
    try {
      switch (op) {
        case 0: target.add_(other); break;
        case 1: target.sub_(other, 2); break;
        case 2: target.mul_(other); break;
        case 3: target.div_(other); break;
        case 4: target.add_(1.5); break;
        case 5: target.mul_(2); break;
        case 6: target.zero_(); break;
        case 7: target.fill_(in_.pick(3) - 1); break;
        case 8: target.copy_(other); break;
        case 9: target.clamp_(-1, 1); break;
        default: target.index_put_({in_.pick(3) - 1}, other); break;
      }
    } catch (const Error& e) {
      xg::fuzz::check_error_message(e);
      if (target._version() != version || bytes_of(target) != before)
        xg::fuzz::finding("a failed in-place op modified its target");
      throw;
    }
  }

  ByteReader in_;
  bool smooth_;
  std::vector<Tensor> pool_;
  std::vector<Tensor> weights_;  // leaves outside the pool: fresh() tensors that require grad, layers' parameters
};

/// sum_i sum(pool[i] * w_i) over the float64 tensors that depend on the leaves, with
/// fixed weights w_i (not all ones, so a transposed gradient cannot hide).
Tensor weighted_loss(const std::vector<Tensor>& pool, size_t begin, size_t end) {
  Tensor loss;
  for (size_t i = begin; i < end && i < pool.size(); ++i) {
    const Tensor& t = pool[i];
    if (!t.defined() || t.scalar_type() != kDouble || !t.requires_grad()) continue;
    Tensor w = arange(t.numel(), xg::dtype(kDouble)).add(static_cast<double>(i)).sin().reshape(t.sizes());
    Tensor term = (t * w).sum();
    loss = loss.defined() ? loss + term : term;
  }
  return loss;
}

std::vector<Tensor> make_leaves(ByteReader& in, bool smooth) {
  std::vector<Tensor> leaves;
  const int n = 1 + in.pick(3);
  int64_t total = 0;
  for (int i = 0; i < n; ++i) {
    auto shape = random_shape(in, !smooth || in.pick(8) == 0);
    if (smooth && total + numel_of(shape) > kMaxLeafElements) shape = {};
    total += numel_of(shape);
    static const ScalarType types[] = {kDouble, kFloat, kLong, kBool};
    const ScalarType dtype = smooth ? kDouble : types[in.pick(4)];
    Tensor t = random_values(in, shape, dtype);
    if (isFloatingType(dtype) && (smooth || in.flag())) t.requires_grad_();
    leaves.push_back(t);
  }
  return leaves;
}

/// The value of the program's loss for these leaf values (copies, nothing shared).
double loss_value(const ByteReader& program_bytes, const std::vector<Tensor>& leaves) {
  std::vector<Tensor> copies;
  for (const auto& l : leaves) copies.push_back(l.detach().clone().requires_grad_());
  auto pool = Program(program_bytes, true).run(copies);
  Tensor loss = weighted_loss(pool, 0, pool.size());
  return loss.defined() ? loss.item<double>() : 0.0;
}

void run_smooth(ByteReader& in) {
  auto leaves = make_leaves(in, true);
  const int variant = in.pick(6);
  const ByteReader program_bytes = in;  // the same ops for every evaluation

  auto pool = Program(program_bytes, true).run(leaves);
  // Several roots: the loss split in two halves, backpropagated together.
  const size_t half = pool.size() / 2;
  Tensor loss = weighted_loss(pool, 0, pool.size());
  if (!loss.defined()) return;
  const double value = loss.item<double>();
  if (!std::isfinite(value) || std::abs(value) > 1e4) return;

  std::vector<Tensor> grads(leaves.size());
  try {
    switch (variant) {
      case 0: loss.backward(); break;
      case 1: grads = autograd::grad({loss}, leaves, {}, std::nullopt, false, /*allow_unused=*/true); break;
      case 2:  // twice through a retained graph: the gradients add up
        loss.backward({}, true);
        loss.backward();
        break;
      case 3: {  // create_graph, then a second-order pass that must not crash
        grads = autograd::grad({loss}, leaves, {}, std::nullopt, true, true);
        Tensor total;
        for (auto& g : grads)
          if (g.defined() && g.requires_grad()) total = total.defined() ? total + g.sum() : g.sum();
        if (total.defined()) {
          try {
            autograd::grad({total}, leaves, {}, std::nullopt, false, true);
          } catch (const Error& e) {
            xg::fuzz::check_error_message(e);
          }
        }
        for (auto& g : grads)
          if (g.defined()) g = g.detach();
        break;
      }
      case 4: {
        Tensor l1 = weighted_loss(pool, 0, half), l2 = weighted_loss(pool, half, pool.size());
        autograd::variable_list roots;
        if (l1.defined()) roots.push_back(l1);
        if (l2.defined()) roots.push_back(l2);
        autograd::backward(roots);
        break;
      }
      default:  // hooks that double each leaf's gradient
        for (auto& l : leaves) l.register_hook([](const Tensor& g) { return g * 2; });
        loss.backward();
        break;
    }
  } catch (const Error& e) {
    xg::fuzz::check_error_message(e);
    return;  // e.g. an in-place op on a tensor backward needed: nothing to compare
  }
  if (variant != 1 && variant != 3)
    for (size_t i = 0; i < leaves.size(); ++i) grads[i] = leaves[i].grad();
  const double scale = (variant == 2 || variant == 5) ? 2.0 : 1.0;

  // Central differences at two step sizes: an element is compared only where they agree
  // (the estimate has converged); where they do not, truncation or rounding error dominates
  // (high powers have huge higher derivatives), which says nothing about autograd.
  auto close = [](double x, double y) { return std::abs(x - y) <= 1e-4 * (1 + std::abs(y)); };
  int64_t compared = 0;
  for (size_t i = 0; i < leaves.size(); ++i) {
    Tensor x = leaves[i].detach().clone();
    auto* p = x.data_ptr<double>();
    for (int64_t k = 0; k < x.numel(); ++k) {
      const double saved = p[k];
      auto central = [&](double h) {
        std::vector<Tensor> shifted = leaves;
        p[k] = saved + h;
        shifted[i] = x.clone();
        const double up = loss_value(program_bytes, shifted);
        p[k] = saved - h;
        shifted[i] = x.clone();
        const double down = loss_value(program_bytes, shifted);
        p[k] = saved;
        return scale * (up - down) / (2 * h);
      };
      const double coarse = central(1e-5), fine = central(1e-6);
      if (!std::isfinite(coarse) || !std::isfinite(fine) || !close(coarse, fine)) continue;
      const double analytical =
          grads[i].defined() ? grads[i].contiguous().view({-1})[k].item<double>() : 0.0;
      if (!close(analytical, fine)) {
        std::fprintf(stderr, "leaf %zu element %lld: autograd %.10g, central differences %.10g (variant %d)\n",
                     i, static_cast<long long>(k), analytical, fine, variant);
        xg::fuzz::finding("autograd disagrees with central differences");
      }
      ++compared;
    }
  }
  if (kTrace) std::cerr << "gradient check (variant " << variant << "): " << compared << " elements agree\n";
}

void run_chaos(ByteReader& in) {
  auto leaves = make_leaves(in, false);
  Program program(in, false);
  auto pool = program.run(leaves);
  // Backward from a few random roots, in random ways.
  for (int round = 0; round < 2; ++round) {
    try {
      Tensor root = pool[in.pick(static_cast<int>(pool.size()))];
      switch (in.pick(5)) {
        case 0: root.backward(); break;
        case 1: root.backward(ones_like(root), true); break;
        case 2: root.sum().backward({}, std::nullopt, true); break;
        case 3: autograd::grad({root.sum()}, leaves, {}, true, in.flag(), in.flag()); break;
        default: {
          Tensor other = pool[in.pick(static_cast<int>(pool.size()))];
          autograd::backward({root.sum(), other.sum()}, {}, true);
          break;
        }
      }
    } catch (const Error& e) {
      xg::fuzz::check_error_message(e);
    }
  }
  // Reading results must work for whatever survived.
  for (const auto& t : pool) {
    (void)t.toString();
    if (t.defined() && t.numel() < 64) (void)t.contiguous();
  }
  // backward(create_graph=true) leaves grads that refer to their own graph (as in torch):
  // clear them so the leak checker sees only real leaks.
  for (auto& t : pool)
    if (t.defined() && (t.is_leaf() || t.retains_grad())) t.mutable_grad() = Tensor();
  for (auto& l : leaves) l.mutable_grad() = Tensor();
  for (auto& w : program.weights()) w.mutable_grad() = Tensor();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ByteReader in(data, size);
  try {
    if (in.byte() % 2 == 0)
      run_smooth(in);
    else
      run_chaos(in);
  } catch (const xg::Error& e) {
    xg::fuzz::check_error_message(e);
  } catch (const std::exception& e) {
    xg::fuzz::unexpected_exception(e);
  }
  return 0;
}

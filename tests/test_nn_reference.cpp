// nn layers, losses, init and utils against PyTorch.
//
// tests/data/nn_reference.txt holds cases recorded by tools/gen_nn_reference.py
// (its docstring describes the format): inputs, parameter values, the result,
// and the gradients of sum(result * w) for a fixed w. Each case is run here
// through the module named by its `op` line (and, for losses and activations
// with a functional form, through F:: as well), and every number is compared:
// within 1e-12 in float64 and 5e-6 in float32, relative to max(1, |value|).
// Random cases (dropout masks, nn::init, Linear's default weights) replay
// torch's generator after the same manual_seed. Normalisation layers first run
// their warm-up batches (training steps) and are compared on their running
// statistics (buffers) too. Second-order cases (padding) compare the backward of the
// backward: the gradient of sum(grad * v) with respect to w. The file must exist and every op it names must be
// known here.

#define BOOST_TEST_MODULE nn_reference
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

#include "test_util.h"

using xg::Tensor;
namespace nn = xg::nn;
namespace F = xg::nn::functional;

namespace {

// ---- The data file ----------------------------------------------------------------------------

struct RefTensor {
  std::string name;
  std::string dtype;
  std::vector<int64_t> sizes;
  std::vector<double> values;
};

struct Case {
  std::string name, op;
  std::map<std::string, std::string> args;
  std::optional<uint64_t> seed;
  std::vector<RefTensor> params, inputs, consts, grads;
  std::vector<RefTensor> buffers;  // expected after the case (running statistics)
  std::vector<RefTensor> gradweights, gradgrads;  // second order: v and d sum(grad * v) / d outweight
  RefTensor out;
  std::optional<RefTensor> outweight;

  bool has(const std::string& key) const { return args.count(key) != 0; }
  double number(const std::string& key, double fallback) const {
    return has(key) ? std::stod(args.at(key)) : fallback;
  }
  std::string text(const std::string& key, const std::string& fallback) const {
    return has(key) ? args.at(key) : fallback;
  }
};

RefTensor read_tensor(std::istringstream& in, bool named) {
  RefTensor t;
  if (named) in >> t.name;
  int64_t ndim = 0;
  in >> t.dtype >> ndim;
  t.sizes.resize(static_cast<size_t>(ndim));
  for (int64_t& s : t.sizes) in >> s;
  for (std::string v; in >> v;) t.values.push_back(std::stod(v));  // stod reads inf and nan too
  return t;
}

std::vector<Case> load_cases() {
  const std::string path = std::string(XGRAD_TEST_DATA_DIR) + "/nn_reference.txt";
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot open " + path + " (run tools/gen_nn_reference.py)");
  std::vector<Case> cases;
  Case* c = nullptr;
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream in(line);
    std::string kind;
    in >> kind;
    if (kind == "case") {
      cases.emplace_back();
      c = &cases.back();
      in >> c->name;
    } else if (c == nullptr) {
      throw std::runtime_error(path + ": '" + kind + "' outside a case");
    } else if (kind == "op") {
      in >> c->op;
    } else if (kind == "arg") {
      std::string key, value;
      in >> key >> value;
      c->args[key] = value;
    } else if (kind == "seed") {
      uint64_t seed = 0;
      in >> seed;
      c->seed = seed;
    } else if (kind == "param") {
      c->params.push_back(read_tensor(in, true));
    } else if (kind == "input") {
      c->inputs.push_back(read_tensor(in, true));
    } else if (kind == "const") {
      c->consts.push_back(read_tensor(in, true));
    } else if (kind == "out") {
      c->out = read_tensor(in, false);
    } else if (kind == "outweight") {
      c->outweight = read_tensor(in, false);
    } else if (kind == "grad") {
      c->grads.push_back(read_tensor(in, true));
    } else if (kind == "buffer") {
      c->buffers.push_back(read_tensor(in, true));
    } else if (kind == "gradweight") {
      c->gradweights.push_back(read_tensor(in, true));
    } else if (kind == "gradgrad") {
      c->gradgrads.push_back(read_tensor(in, true));
    } else if (kind == "end") {
      c = nullptr;
    } else {
      throw std::runtime_error(path + ": unknown line kind '" + kind + "'");
    }
  }
  return cases;
}

xg::ScalarType dtype_named(const std::string& name) {
  if (name == "float64") return xg::kDouble;
  if (name == "float32") return xg::kFloat;
  if (name == "int64") return xg::kLong;
  if (name == "bool") return xg::kBool;
  throw std::runtime_error("unknown dtype " + name);
}

Tensor make(const RefTensor& t) {
  return xg::tensor(t.values, xg::kDouble).to(dtype_named(t.dtype)).reshape(t.sizes);
}

// ---- Comparison -------------------------------------------------------------------------------

double worst_float64 = 0, worst_float32 = 0;
int compared = 0;

void expect_close(const std::string& what, const Tensor& actual, const RefTensor& expected) {
  BOOST_TEST_CONTEXT(what) {
    BOOST_TEST_REQUIRE(actual.defined());
    BOOST_TEST(std::string(xg::toString(actual.scalar_type())) ==
               std::string(xg::toString(dtype_named(expected.dtype))));
    BOOST_TEST_REQUIRE(actual.sizes().vec() == expected.sizes);
    const bool is_double = actual.scalar_type() == xg::kDouble;
    const double tolerance = is_double ? 1e-12 : 5e-6;
    const std::vector<double> got = test_util::values(actual);
    for (size_t i = 0; i < got.size(); ++i) {
      const double want = expected.values[i];
      if (std::isnan(want)) {
        BOOST_TEST(std::isnan(got[i]), "element " << i << " should be nan, got " << got[i]);
        continue;
      }
      const double error = std::abs(got[i] - want) / std::max(1.0, std::abs(want));
      (is_double ? worst_float64 : worst_float32) = std::max(is_double ? worst_float64 : worst_float32, error);
      BOOST_TEST(error <= tolerance, "element " << i << ": xgrad " << got[i] << ", torch " << want);
      ++compared;
    }
  }
}

// ---- What each op runs ------------------------------------------------------------------------

using Tensors = std::map<std::string, Tensor>;

struct Run {
  std::shared_ptr<nn::Module> module;  // null for plain functions
  std::function<Tensor()> forward;
  std::function<Tensor()> functional;  // the F:: spelling, when there is one
  std::function<void(const Tensor&)> warmup;  // one training step of a normalisation layer
};

// Options common to the losses.
template <class Options>
Options with_reduction(Options options, const Case& c) {
  const std::string r = c.text("reduction", "mean");
  if (r == "none") return options.reduction(xg::kNone);
  if (r == "sum") return options.reduction(xg::kSum);
  return options.reduction(xg::kMean);
}

Tensor get(const Tensors& t, const std::string& name) {
  auto it = t.find(name);
  return it == t.end() ? Tensor() : it->second;
}

// The second argument of a loss: a differentiated input "y" or a constant "target".
Tensor loss_target(const Tensors& t) { return t.count("y") ? t.at("y") : t.at("target"); }

template <class Holder>
Run module_run(Holder holder, const Tensors& t) {
  Tensor x = t.at("x");
  return {holder.ptr(), [holder, x]() mutable { return holder(x); }, nullptr, nullptr};
}

template <class Holder>
Run loss_run(Holder holder, const Tensors& t, std::function<Tensor(const Tensor&, const Tensor&)> functional) {
  Tensor x = t.at("x"), y = loss_target(t);
  return {holder.ptr(), [holder, x, y]() mutable { return holder(x, y); }, [functional, x, y] { return functional(x, y); }, nullptr};
}

// A loss of three tensors (pairs and their labels, triplets, Gaussian means, targets and variances).
template <class Holder>
Run loss3_run(Holder holder, const Tensor& a, const Tensor& b, const Tensor& c,
              std::function<Tensor(const Tensor&, const Tensor&, const Tensor&)> functional) {
  return {holder.ptr(), [holder, a, b, c]() mutable { return holder(a, b, c); },
          [functional, a, b, c] { return functional(a, b, c); }, nullptr};
}

// KLDivLoss's options: its reduction may also be batchmean.
nn::KLDivLossOptions kl_div_options(const Case& c) {
  const std::string r = c.text("reduction", "mean");
  nn::KLDivLossOptions options = nn::KLDivLossOptions().log_target(c.number("log_target", 0) != 0);
  if (r == "batchmean") return options.reduction(xg::kBatchMean);
  if (r == "none") return options.reduction(xg::kNone);
  if (r == "sum") return options.reduction(xg::kSum);
  return options.reduction(xg::kMean);
}

Run plain(std::function<Tensor()> f) { return {nullptr, std::move(f), nullptr, nullptr}; }

nn::init::NonlinearityType nonlinearity_named(const std::string& name) {
  if (name == "linear") return xg::kLinear;
  if (name == "sigmoid") return xg::kSigmoid;
  if (name == "tanh") return xg::kTanh;
  if (name == "relu") return xg::kReLU;
  if (name == "leaky_relu") return xg::kLeakyReLU;
  if (name == "conv2d") return xg::kConv2D;
  throw std::runtime_error("unknown nonlinearity " + name);
}

std::vector<int64_t> shape_of(const std::string& text) {
  std::vector<int64_t> shape;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, ',');) shape.push_back(std::stoll(part));
  return shape;
}

// Gradients g0, g1, g2 on three parameters, for the clipping cases.
std::vector<Tensor> parameters_with_grads(const Tensors& t) {
  std::vector<Tensor> params;
  for (const char* name : {"g0", "g1", "g2"}) {
    Tensor p = xg::zeros_like(t.at(name)).requires_grad_();
    p.mutable_grad() = t.at(name).clone();
    params.push_back(p);
  }
  return params;
}

Tensor grads_flat(const std::vector<Tensor>& params) {
  std::vector<Tensor> flat;
  for (const Tensor& p : params) flat.push_back(p.grad().reshape({-1}));
  return xg::cat(flat);
}

// ---- normalisation layers ----
template <class Options>
Options norm_options(Options options, const Case& c) {
  return options.eps(c.number("eps", 1e-5))
      .affine(c.number("affine", 1) != 0)
      .track_running_stats(c.number("track_running_stats", 1) != 0);
}

nn::BatchNormOptions batch_norm_options(const Case& c) {
  auto options = norm_options(nn::BatchNormOptions(std::stoll(c.args.at("num_features"))), c);
  if (c.text("momentum", "0.1") == "none") return options.momentum(std::nullopt);
  return options.momentum(c.number("momentum", 0.1));
}

nn::InstanceNormOptions instance_norm_options(const Case& c) {
  return norm_options(nn::InstanceNormOptions(std::stoll(c.args.at("num_features"))), c)
      .momentum(c.number("momentum", 0.1));
}

// A normalisation layer, with its warm-up step; in eval mode, BatchNorm's F::batch_norm with
// the layer's state as well.
template <class Holder>
Run norm_run(Holder holder, const Case&, const Tensors& t) {
  Run run = module_run(holder, t);
  run.warmup = [holder](const Tensor& x) mutable { holder(x); };
  return run;
}

template <class Holder>
Run batch_norm_run(Holder holder, const Case& c, const Tensors& t) {
  Run run = norm_run(holder, c, t);
  if (c.number("train", 1) == 0) {
    run.functional = [holder, x = t.at("x")] {
      return F::batch_norm(x, holder->running_mean, holder->running_var,
                           F::BatchNormFuncOptions()
                               .weight(holder->weight)
                               .bias(holder->bias)
                               .training(!holder->options.track_running_stats())
                               .eps(holder->options.eps()));
    };
  }
  return run;
}

// ---- padding ----
F::PadFuncOptions pad_options(const Case& c) {
  const std::string mode = c.text("mode", "constant");
  F::PadFuncOptions options = F::PadFuncOptions(shape_of(c.args.at("padding"))).value(c.number("value", 0));
  if (mode == "reflect") return options.mode(xg::kReflect);
  if (mode == "replicate") return options.mode(xg::kReplicate);
  if (mode == "circular") return options.mode(xg::kCircular);
  if (mode == "constant") return options.mode(xg::kConstant);
  throw std::runtime_error("unknown padding mode " + mode);
}

// A padding layer, and F::pad with the case's mode as its functional spelling.
template <class Holder>
Run pad_run(Holder holder, const Case& c, const Tensors& t) {
  Run run = module_run(holder, t);
  run.functional = [x = t.at("x"), options = pad_options(c)] { return F::pad(x, options); };
  return run;
}

const std::map<std::string, std::function<Run(const Case&, const Tensors&)>>& ops() {
  static const std::map<std::string, std::function<Run(const Case&, const Tensors&)>> table = {
      // ---- layers ----
      {"Linear", [](const Case& c, const Tensors& t) {
         return module_run(nn::Linear(nn::LinearOptions(std::stoll(c.args.at("in_features")),
                                                        std::stoll(c.args.at("out_features")))
                                          .bias(c.number("bias", 1) != 0)),
                           t);
       }},
      {"Identity", [](const Case&, const Tensors& t) { return module_run(nn::Identity(), t); }},
      {"Flatten", [](const Case& c, const Tensors& t) {
         return module_run(nn::Flatten(nn::FlattenOptions()
                                           .start_dim(static_cast<int64_t>(c.number("start_dim", 1)))
                                           .end_dim(static_cast<int64_t>(c.number("end_dim", -1)))),
                           t);
       }},
      {"ReLU", [](const Case&, const Tensors& t) {
         Run run = module_run(nn::ReLU(), t);
         run.functional = [x = t.at("x")] { return F::relu(x); };
         return run;
       }},
      {"LeakyReLU", [](const Case& c, const Tensors& t) {
         const auto options = nn::LeakyReLUOptions().negative_slope(c.number("negative_slope", 0.01));
         Run run = module_run(nn::LeakyReLU(options), t);
         run.functional = [x = t.at("x"), options] { return F::leaky_relu(x, options); };
         return run;
       }},
      {"ELU", [](const Case& c, const Tensors& t) {
         const auto options = nn::ELUOptions().alpha(c.number("alpha", 1.0));
         Run run = module_run(nn::ELU(options), t);
         run.functional = [x = t.at("x"), options] { return F::elu(x, options); };
         return run;
       }},
      {"GELU", [](const Case& c, const Tensors& t) {
         const auto options = nn::GELUOptions().approximate(c.text("approximate", "none"));
         Run run = module_run(nn::GELU(options), t);
         run.functional = [x = t.at("x"), options] { return F::gelu(x, options); };
         return run;
       }},
      {"Sigmoid", [](const Case&, const Tensors& t) { return module_run(nn::Sigmoid(), t); }},
      {"Tanh", [](const Case&, const Tensors& t) { return module_run(nn::Tanh(), t); }},
      {"Softmax", [](const Case& c, const Tensors& t) {
         const auto dim = static_cast<int64_t>(c.number("dim", 1));
         Run run = module_run(nn::Softmax(dim), t);
         run.functional = [x = t.at("x"), dim] { return F::softmax(x, F::SoftmaxFuncOptions(dim)); };
         return run;
       }},
      {"LogSoftmax", [](const Case& c, const Tensors& t) {
         const auto dim = static_cast<int64_t>(c.number("dim", 1));
         Run run = module_run(nn::LogSoftmax(dim), t);
         run.functional = [x = t.at("x"), dim] { return F::log_softmax(x, F::LogSoftmaxFuncOptions(dim)); };
         return run;
       }},
      {"Dropout", [](const Case& c, const Tensors& t) {
         const double p = c.number("p", 0.5);
         const bool train = c.number("train", 1) != 0;
         nn::Dropout dropout(p);
         dropout->train(train);
         Run run = module_run(dropout, t);
         run.functional = [x = t.at("x"), p, train] {
           return F::dropout(x, F::DropoutFuncOptions().p(p).training(train));
         };
         return run;
       }},
      {"Sequential", [](const Case&, const Tensors& t) {
         return module_run(nn::Sequential(nn::Linear(4, 6), nn::Tanh(), nn::Linear(6, 2)), t);
       }},
      // ---- activations: SiLU, Mish, Softsign, Softplus, Hardtanh, ReLU6, SELU, PReLU (and Unflatten) ----
      {"SiLU", [](const Case&, const Tensors& t) {
         Run run = module_run(nn::SiLU(), t);
         run.functional = [x = t.at("x")] { return F::silu(x); };
         return run;
       }},
      {"Mish", [](const Case&, const Tensors& t) {
         Run run = module_run(nn::Mish(), t);
         run.functional = [x = t.at("x")] { return F::mish(x); };
         return run;
       }},
      {"Softsign", [](const Case&, const Tensors& t) {
         Run run = module_run(nn::Softsign(), t);
         run.functional = [x = t.at("x")] { return F::softsign(x); };
         return run;
       }},
      {"Softplus", [](const Case& c, const Tensors& t) {
         const auto options = nn::SoftplusOptions().beta(c.number("beta", 1)).threshold(c.number("threshold", 20));
         Run run = module_run(nn::Softplus(options), t);
         run.functional = [x = t.at("x"), options] { return F::softplus(x, options); };
         return run;
       }},
      {"Hardtanh", [](const Case& c, const Tensors& t) {
         const auto options = nn::HardtanhOptions().min_val(c.number("min_val", -1)).max_val(c.number("max_val", 1));
         Run run = module_run(nn::Hardtanh(options), t);
         run.functional = [x = t.at("x"), options] { return F::hardtanh(x, options); };
         return run;
       }},
      {"ReLU6", [](const Case&, const Tensors& t) {
         Run run = module_run(nn::ReLU6(), t);
         run.functional = [x = t.at("x")] { return F::relu6(x); };
         return run;
       }},
      {"SELU", [](const Case&, const Tensors& t) {
         Run run = module_run(nn::SELU(), t);
         run.functional = [x = t.at("x")] { return F::selu(x); };
         return run;
       }},
      {"PReLU", [](const Case& c, const Tensors& t) {
         nn::PReLU prelu(nn::PReLUOptions().num_parameters(static_cast<int64_t>(c.number("num_parameters", 1))));
         Run run = module_run(prelu, t);
         run.functional = [x = t.at("x"), prelu] { return F::prelu(x, prelu->weight); };
         return run;
       }},
      {"Unflatten", [](const Case& c, const Tensors& t) {
         return module_run(nn::Unflatten(static_cast<int64_t>(c.number("dim", 1)), shape_of(c.text("sizes", ""))), t);
       }},
      // ---- losses ----
      {"MSELoss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::MSELossOptions(), c);
         return loss_run(nn::MSELoss(options), t,
                         [options](const Tensor& x, const Tensor& y) { return F::mse_loss(x, y, options); });
       }},
      {"L1Loss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::L1LossOptions(), c);
         return loss_run(nn::L1Loss(options), t,
                         [options](const Tensor& x, const Tensor& y) { return F::l1_loss(x, y, options); });
       }},
      {"SmoothL1Loss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::SmoothL1LossOptions(), c).beta(c.number("beta", 1.0));
         return loss_run(nn::SmoothL1Loss(options), t,
                         [options](const Tensor& x, const Tensor& y) { return F::smooth_l1_loss(x, y, options); });
       }},
      {"HuberLoss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::HuberLossOptions(), c).delta(c.number("delta", 1.0));
         return loss_run(nn::HuberLoss(options), t,
                         [options](const Tensor& x, const Tensor& y) { return F::huber_loss(x, y, options); });
       }},
      {"BCELoss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::BCELossOptions(), c).weight(get(t, "weight"));
         return loss_run(nn::BCELoss(options), t, [options](const Tensor& x, const Tensor& y) {
           return F::binary_cross_entropy(x, y, options);
         });
       }},
      {"BCEWithLogitsLoss", [](const Case& c, const Tensors& t) {
         const auto options =
             with_reduction(nn::BCEWithLogitsLossOptions(), c).weight(get(t, "weight")).pos_weight(get(t, "pos_weight"));
         return loss_run(nn::BCEWithLogitsLoss(options), t, [options](const Tensor& x, const Tensor& y) {
           return F::binary_cross_entropy_with_logits(x, y, options);
         });
       }},
      {"NLLLoss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::NLLLossOptions(), c)
                                  .weight(get(t, "weight"))
                                  .ignore_index(static_cast<int64_t>(c.number("ignore_index", -100)));
         return loss_run(nn::NLLLoss(options), t,
                         [options](const Tensor& x, const Tensor& y) { return F::nll_loss(x, y, options); });
       }},
      {"CrossEntropyLoss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::CrossEntropyLossOptions(), c)
                                  .weight(get(t, "weight"))
                                  .ignore_index(static_cast<int64_t>(c.number("ignore_index", -100)))
                                  .label_smoothing(c.number("label_smoothing", 0.0));
         return loss_run(nn::CrossEntropyLoss(options), t,
                         [options](const Tensor& x, const Tensor& y) { return F::cross_entropy(x, y, options); });
       }},
      // ---- distribution and margin losses ----
      {"KLDivLoss", [](const Case& c, const Tensors& t) {
         const auto options = kl_div_options(c);
         return loss_run(nn::KLDivLoss(options), t,
                         [options](const Tensor& x, const Tensor& y) { return F::kl_div(x, y, options); });
       }},
      {"PoissonNLLLoss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::PoissonNLLLossOptions(), c)
                                  .log_input(c.number("log_input", 1) != 0)
                                  .full(c.number("full", 0) != 0)
                                  .eps(c.number("eps", 1e-8));
         return loss_run(nn::PoissonNLLLoss(options), t,
                         [options](const Tensor& x, const Tensor& y) { return F::poisson_nll_loss(x, y, options); });
       }},
      {"GaussianNLLLoss", [](const Case& c, const Tensors& t) {
         const auto options =
             with_reduction(nn::GaussianNLLLossOptions(), c).full(c.number("full", 0) != 0).eps(c.number("eps", 1e-6));
         return loss3_run(nn::GaussianNLLLoss(options), t.at("x"), t.at("y"), t.at("var"),
                          [options](const Tensor& x, const Tensor& y, const Tensor& var) {
                            return F::gaussian_nll_loss(x, y, var, options);
                          });
       }},
      {"MarginRankingLoss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::MarginRankingLossOptions(), c).margin(c.number("margin", 0));
         return loss3_run(nn::MarginRankingLoss(options), t.at("x1"), t.at("x2"), t.at("target"),
                          [options](const Tensor& a, const Tensor& b, const Tensor& y) {
                            return F::margin_ranking_loss(a, b, y, options);
                          });
       }},
      {"CosineEmbeddingLoss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::CosineEmbeddingLossOptions(), c).margin(c.number("margin", 0));
         return loss3_run(nn::CosineEmbeddingLoss(options), t.at("x1"), t.at("x2"), t.at("target"),
                          [options](const Tensor& a, const Tensor& b, const Tensor& y) {
                            return F::cosine_embedding_loss(a, b, y, options);
                          });
       }},
      {"TripletMarginLoss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::TripletMarginLossOptions(), c)
                                  .margin(c.number("margin", 1.0))
                                  .p(c.number("p", 2.0))
                                  .eps(c.number("eps", 1e-6))
                                  .swap(c.number("swap", 0) != 0);
         return loss3_run(nn::TripletMarginLoss(options), t.at("anchor"), t.at("positive"), t.at("negative"),
                          [options](const Tensor& a, const Tensor& p, const Tensor& n) {
                            return F::triplet_margin_loss(a, p, n, options);
                          });
       }},
      {"MultiLabelSoftMarginLoss", [](const Case& c, const Tensors& t) {
         const auto options = with_reduction(nn::MultiLabelSoftMarginLossOptions(), c).weight(get(t, "weight"));
         return loss_run(nn::MultiLabelSoftMarginLoss(options), t, [options](const Tensor& x, const Tensor& y) {
           return F::multilabel_soft_margin_loss(x, y, options);
         });
       }},
      // ---- init ----
      {"init", [](const Case& c, const Tensors&) {
         return plain([c] {
           Tensor t = xg::empty(shape_of(c.args.at("shape")), dtype_named(c.args.at("dtype")));
           const std::string fn = c.args.at("fn");
           const double a = c.number("a", 0), b = c.number("b", 1);
           if (fn == "uniform_") return nn::init::uniform_(t, a, b);
           if (fn == "normal_") return nn::init::normal_(t, a, b);
           if (fn == "constant_") return nn::init::constant_(t, a);
           if (fn == "zeros_") return nn::init::zeros_(t);
           if (fn == "ones_") return nn::init::ones_(t);
           if (fn == "eye_") return nn::init::eye_(t);
           if (fn == "xavier_uniform_") return nn::init::xavier_uniform_(t, c.number("a", 1.0));
           if (fn == "xavier_normal_") return nn::init::xavier_normal_(t, c.number("a", 1.0));
           const nn::init::FanModeType mode =
               c.text("mode", "fan_in") == "fan_in" ? nn::init::FanModeType(xg::kFanIn) : xg::kFanOut;
           const auto nonlinearity = nonlinearity_named(c.text("nonlinearity", "leaky_relu"));
           if (fn == "kaiming_uniform_") return nn::init::kaiming_uniform_(t, a, mode, nonlinearity);
           if (fn == "kaiming_normal_") return nn::init::kaiming_normal_(t, a, mode, nonlinearity);
           throw std::runtime_error("unknown init function " + fn);
         });
       }},
      {"calculate_gain", [](const Case& c, const Tensors&) {
         return plain([c] {
           const auto nonlinearity = nonlinearity_named(c.args.at("nonlinearity"));
           const double gain = c.has("a") ? nn::init::calculate_gain(nonlinearity, c.number("a", 0))
                                          : nn::init::calculate_gain(nonlinearity);
           return xg::tensor(gain, xg::kDouble);
         });
       }},
      {"linear_init_stats", [](const Case& c, const Tensors&) {
         return plain([c] {
           nn::Linear m(std::stoll(c.args.at("in_features")), std::stoll(c.args.at("out_features")));
           using xg::indexing::Slice;
           return xg::cat({m->weight.sum().reshape({1}), m->bias.sum().reshape({1}), m->weight.abs().max().reshape({1}),
                           m->weight[0].slice(0, 0, 8), m->weight[255].slice(0, -8), m->bias.slice(0, 0, 8)});
         });
       }},
      {"linear_init_full", [](const Case& c, const Tensors&) {
         return plain([c] {
           nn::Linear m(std::stoll(c.args.at("in_features")), std::stoll(c.args.at("out_features")));
           return xg::cat({m->weight.reshape({-1}), m->bias});
         });
       }},
      // ---- utils ----
      {"clip_grad_norm", [](const Case& c, const Tensors& t) {
         return plain([c, t] {
           std::vector<Tensor> params = parameters_with_grads(t);
           const double total = nn::utils::clip_grad_norm_(params, c.number("max_norm", 1), c.number("norm_type", 2));
           return xg::cat({xg::tensor({total}, xg::kDouble), grads_flat(params)});
         });
       }},
      {"clip_grad_value", [](const Case& c, const Tensors& t) {
         return plain([c, t] {
           std::vector<Tensor> params = parameters_with_grads(t);
           nn::utils::clip_grad_value_(params, c.number("clip_value", 1));
           return grads_flat(params);
         });
       }},
      // ---- normalisation ----
      {"BatchNorm1d", [](const Case& c, const Tensors& t) { return batch_norm_run(nn::BatchNorm1d(batch_norm_options(c)), c, t); }},
      {"BatchNorm2d", [](const Case& c, const Tensors& t) { return batch_norm_run(nn::BatchNorm2d(batch_norm_options(c)), c, t); }},
      {"InstanceNorm1d", [](const Case& c, const Tensors& t) {
         return norm_run(nn::InstanceNorm1d(instance_norm_options(c)), c, t);
       }},
      {"InstanceNorm2d", [](const Case& c, const Tensors& t) {
         nn::InstanceNorm2d layer(instance_norm_options(c));
         Run run = norm_run(layer, c, t);
         run.functional = [layer, x = t.at("x")] {  // as the layer calls it
           return F::instance_norm(x, F::InstanceNormFuncOptions()
                                          .running_mean(layer->running_mean.defined() ? layer->running_mean.clone() : Tensor())
                                          .running_var(layer->running_var.defined() ? layer->running_var.clone() : Tensor())
                                          .weight(layer->weight)
                                          .bias(layer->bias)
                                          .use_input_stats(layer->is_training() || !layer->options.track_running_stats())
                                          .momentum(layer->options.momentum())
                                          .eps(layer->options.eps()));
         };
         return run;
       }},
      {"LayerNorm", [](const Case& c, const Tensors& t) {
         const auto options = nn::LayerNormOptions(shape_of(c.args.at("normalized_shape")))
                                  .eps(c.number("eps", 1e-5))
                                  .elementwise_affine(c.number("elementwise_affine", 1) != 0);
         nn::LayerNorm layer(options);
         Run run = module_run(layer, t);
         run.functional = [layer, x = t.at("x")] {
           return F::layer_norm(x, F::LayerNormFuncOptions(layer->options.normalized_shape())
                                       .weight(layer->weight)
                                       .bias(layer->bias)
                                       .eps(layer->options.eps()));
         };
         return run;
       }},
      {"GroupNorm", [](const Case& c, const Tensors& t) {
         const auto options = nn::GroupNormOptions(std::stoll(c.args.at("num_groups")), std::stoll(c.args.at("num_channels")))
                                  .eps(c.number("eps", 1e-5))
                                  .affine(c.number("affine", 1) != 0);
         nn::GroupNorm layer(options);
         Run run = module_run(layer, t);
         run.functional = [layer, x = t.at("x")] {
           return F::group_norm(x, F::GroupNormFuncOptions(layer->options.num_groups())
                                       .weight(layer->weight)
                                       .bias(layer->bias)
                                       .eps(layer->options.eps()));
         };
         return run;
       }},
      // ---- padding ----
      {"ConstantPad1d", [](const Case& c, const Tensors& t) {
         return pad_run(nn::ConstantPad1d(nn::ConstantPad1dOptions(shape_of(c.args.at("padding")), c.number("value", 0))), c, t);
       }},
      {"ConstantPad2d", [](const Case& c, const Tensors& t) {
         return pad_run(nn::ConstantPad2d(nn::ConstantPad2dOptions(shape_of(c.args.at("padding")), c.number("value", 0))), c, t);
       }},
      {"ZeroPad2d", [](const Case& c, const Tensors& t) {
         return pad_run(nn::ZeroPad2d(nn::ZeroPad2dOptions(shape_of(c.args.at("padding")))), c, t);
       }},
      {"ReflectionPad1d", [](const Case& c, const Tensors& t) {
         return pad_run(nn::ReflectionPad1d(nn::ReflectionPad1dOptions(shape_of(c.args.at("padding")))), c, t);
       }},
      {"ReflectionPad2d", [](const Case& c, const Tensors& t) {
         return pad_run(nn::ReflectionPad2d(nn::ReflectionPad2dOptions(shape_of(c.args.at("padding")))), c, t);
       }},
      {"ReplicationPad1d", [](const Case& c, const Tensors& t) {
         return pad_run(nn::ReplicationPad1d(nn::ReplicationPad1dOptions(shape_of(c.args.at("padding")))), c, t);
       }},
      {"ReplicationPad2d", [](const Case& c, const Tensors& t) {
         return pad_run(nn::ReplicationPad2d(nn::ReplicationPad2dOptions(shape_of(c.args.at("padding")))), c, t);
       }},
      {"pad", [](const Case& c, const Tensors& t) {
         return plain([x = t.at("x"), options = pad_options(c)] { return F::pad(x, options); });
       }},
  };
  return table;
}

// The second-order part of a case: for each input, the gradient with respect to the output's
// weight w of sum(grad * v), through a first gradient made with create_graph.
void expect_second_order(const Case& c, Run& run, const Tensors& tensors) {
  BOOST_TEST_REQUIRE(c.gradweights.size() == c.gradgrads.size());
  for (size_t i = 0; i < c.gradgrads.size(); ++i) {
    const Tensor leaf = tensors.at(c.gradgrads[i].name);
    const Tensor w = make(*c.outweight).requires_grad_();
    const Tensor grad = xg::autograd::grad({(run.forward() * w).sum()}, {leaf}, {}, std::nullopt, true)[0];
    const Tensor gradgrad = xg::autograd::grad({(grad * make(c.gradweights[i])).sum()}, {w})[0];
    expect_close("gradgrad " + c.gradgrads[i].name, gradgrad, c.gradgrads[i]);
  }
}

void run_case(const Case& c) {
  auto op = ops().find(c.op);
  BOOST_TEST_REQUIRE((op != ops().end()), "unknown op " << c.op);
  Tensors tensors;
  for (const RefTensor& t : c.inputs) {
    Tensor leaf = make(t);
    if (leaf.is_floating_point() && c.outweight) leaf.requires_grad_();
    tensors[t.name] = leaf;
  }
  for (const RefTensor& t : c.consts) tensors[t.name] = make(t);
  Run run = op->second(c, tensors);
  if (run.module && !c.params.empty()) {
    run.module->to(dtype_named(c.params.front().dtype));
    xg::NoGradGuard no_grad;
    auto named = run.module->named_parameters();
    BOOST_TEST_REQUIRE(named.size() == c.params.size());
    for (const RefTensor& p : c.params) named[p.name].copy_(make(p));
  } else if (run.module && !c.buffers.empty()) {
    run.module->to(dtype_named(c.buffers.front().dtype));
  }
  for (int k = 0; tensors.count("warmup" + std::to_string(k)); ++k) run.warmup(tensors.at("warmup" + std::to_string(k)));
  if (run.module) run.module->train(c.number("train", 1) != 0);
  if (c.seed) xg::manual_seed(*c.seed);
  const Tensor out = run.forward();
  expect_close("forward", out, c.out);
  if (run.functional) {
    if (c.seed) xg::manual_seed(*c.seed);
    expect_close("functional", run.functional(), c.out);
  }
  if (!c.outweight) {
    BOOST_TEST(c.buffers.empty());  // buffers are compared after the gradients
    return;
  }
  (out * make(*c.outweight)).sum().backward();
  for (const RefTensor& g : c.grads) {
    Tensor leaf = get(tensors, g.name);
    if (!leaf.defined()) leaf = run.module->named_parameters()[g.name];
    expect_close("grad " + g.name, leaf.grad(), g);
  }
  for (const RefTensor& b : c.buffers) expect_close("buffer " + b.name, run.module->named_buffers()[b.name], b);
  expect_second_order(c, run, tensors);
}

}  // namespace

BOOST_AUTO_TEST_CASE(layers_losses_init_utils_match_torch) {
  const std::vector<Case> cases = load_cases();
  BOOST_TEST_REQUIRE(cases.size() >= 100u);
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) { run_case(c); }
  }
  BOOST_TEST_MESSAGE(cases.size() << " cases, " << compared << " numbers; largest relative difference "
                                  << worst_float64 << " (float64), " << worst_float32 << " (float32)");
}

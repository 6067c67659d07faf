// Every optimizer and schedule replayed against torch.optim.
//
// tests/data/optim_reference.txt holds trajectories recorded by
// tools/gen_optim_reference.py (its docstring describes the format): a small
// tanh network with fixed initial weights, trained full-batch on 8 fixed points,
// with the parameters sampled after selected steps. This test trains the same
// network with xgrad, case by case, and compares every sampled parameter and
// loss: within 1e-10 in float64 and 1e-6 in float32, relative to max(1, |value|).
// The file must exist, and every option it names must be known here, so the
// data and the test cannot drift apart.

#define BOOST_TEST_MODULE optim_reference
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

using xg::Tensor;
namespace optim = xg::optim;

namespace {

// ---- the data file ---------------------------------------------------------------------------

using Tokens = std::vector<std::string>;
using OptionMap = std::map<std::string, Tokens>;

struct Check {
  int step = 0;
  double loss = 0;
  std::vector<double> values;  // w1, b1, w2, b2 flattened
};

struct Case {
  std::string name, dtype, optimizer, scheduler, metric;
  OptionMap options, scheduler_options;
  int steps = 0;
  std::vector<Check> checks;
};

struct RefTensor {
  std::vector<int64_t> sizes;
  std::vector<double> values;
};

struct Reference {
  std::map<std::string, RefTensor> tensors;
  std::vector<Case> cases;
};

Reference load_reference(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot open " + path + " (run tools/gen_optim_reference.py)");
  Reference ref;
  Case* current = nullptr;
  std::string line;
  int line_number = 0;
  while (std::getline(file, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream in(line);
    std::string kind;
    in >> kind;
    auto rest = [&in] {
      Tokens tokens;
      for (std::string t; in >> t;) tokens.push_back(t);
      return tokens;
    };
    if (kind == "tensor") {
      std::string name;
      int64_t ndim = 0;
      in >> name >> ndim;
      RefTensor t;
      t.sizes.resize(ndim);
      for (int64_t& s : t.sizes) in >> s;
      for (double v; in >> v;) t.values.push_back(v);
      ref.tensors[name] = t;
    } else if (kind == "case") {
      ref.cases.emplace_back();
      current = &ref.cases.back();
      in >> current->name;
    } else if (current == nullptr) {
      throw std::runtime_error(path + " line " + std::to_string(line_number) + ": '" + kind + "' outside a case");
    } else if (kind == "dtype") {
      in >> current->dtype;
    } else if (kind == "optimizer") {
      in >> current->optimizer;
    } else if (kind == "option") {
      std::string key;
      in >> key;
      current->options[key] = rest();
    } else if (kind == "scheduler") {
      in >> current->scheduler;
    } else if (kind == "scheduler_option") {
      std::string key;
      in >> key;
      current->scheduler_options[key] = rest();
    } else if (kind == "metric") {
      in >> current->metric;
    } else if (kind == "steps") {
      in >> current->steps;
    } else if (kind == "check") {
      Check c;
      in >> c.step >> c.loss;
      for (double v; in >> v;) c.values.push_back(v);
      current->checks.push_back(c);
    } else if (kind == "end") {
      current = nullptr;
    } else {
      throw std::runtime_error(path + " line " + std::to_string(line_number) + ": unknown line kind '" + kind + "'");
    }
  }
  return ref;
}

double real(const Tokens& t) { return std::stod(t.at(0)); }
int64_t integer(const Tokens& t) { return std::stoll(t.at(0)); }
bool flag(const Tokens& t) { return t.at(0) == "true"; }

// ---- building optimizers and schedules from a case's options ----------------------------------------

// The setters of one options type, by option name.
template <class Options>
using Setters = std::map<std::string, std::function<void(Options&, const Tokens&)>>;

template <class Options>
Options with_options(Options options, const OptionMap& given, const Setters<Options>& setters,
                     const std::string& what) {
  for (const auto& [key, tokens] : given) {
    auto it = setters.find(key);
    if (it == setters.end()) throw std::runtime_error(what + ": unknown option '" + key + "'");
    it->second(options, tokens);
  }
  return options;
}

std::unique_ptr<optim::Optimizer> make_optimizer(const Case& c, const std::vector<Tensor>& params) {
  const std::string& name = c.optimizer;
  const double lr = real(c.options.at("lr"));
  if (name == "SGD") {
    const Setters<optim::SGDOptions> setters = {
        {"lr", [](auto& o, const Tokens& t) { o.lr(real(t)); }},
        {"momentum", [](auto& o, const Tokens& t) { o.momentum(real(t)); }},
        {"dampening", [](auto& o, const Tokens& t) { o.dampening(real(t)); }},
        {"weight_decay", [](auto& o, const Tokens& t) { o.weight_decay(real(t)); }},
        {"nesterov", [](auto& o, const Tokens& t) { o.nesterov(flag(t)); }}};
    return std::make_unique<optim::SGD>(params, with_options(optim::SGDOptions(lr), c.options, setters, c.name));
  }
  if (name == "Momentum" || name == "Nesterov") {
    if (c.options.size() != 1) throw std::runtime_error(c.name + ": the presets take only lr");
    if (name == "Momentum") return std::make_unique<optim::Momentum>(params, lr);
    return std::make_unique<optim::Nesterov>(params, lr);
  }
  if (name == "Adagrad") {
    const Setters<optim::AdagradOptions> setters = {
        {"lr", [](auto& o, const Tokens& t) { o.lr(real(t)); }},
        {"lr_decay", [](auto& o, const Tokens& t) { o.lr_decay(real(t)); }},
        {"weight_decay", [](auto& o, const Tokens& t) { o.weight_decay(real(t)); }},
        {"initial_accumulator_value", [](auto& o, const Tokens& t) { o.initial_accumulator_value(real(t)); }},
        {"eps", [](auto& o, const Tokens& t) { o.eps(real(t)); }}};
    return std::make_unique<optim::Adagrad>(params, with_options(optim::AdagradOptions(), c.options, setters, c.name));
  }
  if (name == "RMSprop") {
    const Setters<optim::RMSpropOptions> setters = {
        {"lr", [](auto& o, const Tokens& t) { o.lr(real(t)); }},
        {"alpha", [](auto& o, const Tokens& t) { o.alpha(real(t)); }},
        {"eps", [](auto& o, const Tokens& t) { o.eps(real(t)); }},
        {"weight_decay", [](auto& o, const Tokens& t) { o.weight_decay(real(t)); }},
        {"momentum", [](auto& o, const Tokens& t) { o.momentum(real(t)); }},
        {"centered", [](auto& o, const Tokens& t) { o.centered(flag(t)); }}};
    return std::make_unique<optim::RMSprop>(params, with_options(optim::RMSpropOptions(), c.options, setters, c.name));
  }
  if (name == "Adam" || name == "AdamW") {
    // Adam and AdamW have the same option names.
    auto adam_like = [&](auto options) {
      using O = decltype(options);
      const Setters<O> setters = {
          {"lr", [](O& o, const Tokens& t) { o.lr(real(t)); }},
          {"betas", [](O& o, const Tokens& t) { o.betas({std::stod(t.at(0)), std::stod(t.at(1))}); }},
          {"eps", [](O& o, const Tokens& t) { o.eps(real(t)); }},
          {"weight_decay", [](O& o, const Tokens& t) { o.weight_decay(real(t)); }},
          {"amsgrad", [](O& o, const Tokens& t) { o.amsgrad(flag(t)); }}};
      return with_options(options, c.options, setters, c.name);
    };
    if (name == "Adam") return std::make_unique<optim::Adam>(params, adam_like(optim::AdamOptions()));
    return std::make_unique<optim::AdamW>(params, adam_like(optim::AdamWOptions()));
  }
  if (name == "LBFGS") {
    const Setters<optim::LBFGSOptions> setters = {
        {"lr", [](auto& o, const Tokens& t) { o.lr(real(t)); }},
        {"max_iter", [](auto& o, const Tokens& t) { o.max_iter(integer(t)); }},
        {"max_eval", [](auto& o, const Tokens& t) { o.max_eval(integer(t)); }},
        {"tolerance_grad", [](auto& o, const Tokens& t) { o.tolerance_grad(real(t)); }},
        {"tolerance_change", [](auto& o, const Tokens& t) { o.tolerance_change(real(t)); }},
        {"history_size", [](auto& o, const Tokens& t) { o.history_size(integer(t)); }},
        {"line_search_fn", [](auto& o, const Tokens& t) { o.line_search_fn(t.at(0)); }}};
    return std::make_unique<optim::LBFGS>(params, with_options(optim::LBFGSOptions(), c.options, setters, c.name));
  }
  throw std::runtime_error(c.name + ": unknown optimizer '" + name + "'");
}

// The LambdaLR factors, by name, as in tools/gen_optim_reference.py.
const std::map<std::string, optim::LambdaLR::LRLambda> lambdas = {
    {"inverse_sqrt", [](int64_t epoch) { return 1.0 / std::sqrt(1.0 + static_cast<double>(epoch)); }},
};

// A schedule of either kind: step() without a metric, or ReduceLROnPlateau's step(metric).
struct Schedule {
  std::unique_ptr<optim::LRScheduler> scheduler;
  std::unique_ptr<optim::ReduceLROnPlateauScheduler> plateau;

  void step(double metric) {
    if (scheduler) scheduler->step();
    if (plateau) plateau->step(metric);
  }
};

Schedule make_schedule(const Case& c, optim::Optimizer& optimizer) {
  const OptionMap& s = c.scheduler_options;
  const std::string& name = c.scheduler;
  Schedule schedule;
  if (name.empty()) return schedule;
  if (name == "StepLR") {
    schedule.scheduler = std::make_unique<optim::StepLR>(optimizer, static_cast<unsigned>(integer(s.at("step_size"))),
                                                         real(s.at("gamma")));
  } else if (name == "ExponentialLR") {
    schedule.scheduler = std::make_unique<optim::ExponentialLR>(optimizer, real(s.at("gamma")));
  } else if (name == "LambdaLR") {
    schedule.scheduler = std::make_unique<optim::LambdaLR>(optimizer, lambdas.at(s.at("lambda").at(0)));
  } else if (name == "CosineAnnealingLR") {
    schedule.scheduler =
        std::make_unique<optim::CosineAnnealingLR>(optimizer, integer(s.at("T_max")), real(s.at("eta_min")));
  } else if (name == "MultiStepLR") {
    std::vector<int64_t> milestones;
    for (const std::string& t : s.at("milestones")) milestones.push_back(std::stoll(t));
    schedule.scheduler = std::make_unique<optim::MultiStepLR>(optimizer, milestones, real(s.at("gamma")));
  } else if (name == "InverseTimeDecay") {
    schedule.scheduler = std::make_unique<optim::InverseTimeDecay>(optimizer, real(s.at("decay")));
  } else if (name == "ReduceLROnPlateauScheduler") {
    using P = optim::ReduceLROnPlateauScheduler;
    const P::SchedulerMode mode = s.at("mode").at(0) == "min" ? P::min : P::max;
    const P::ThresholdMode threshold_mode = s.at("threshold_mode").at(0) == "rel" ? P::rel : P::abs;
    const float min_lr = static_cast<float>(real(s.at("min_lr")));
    schedule.plateau = std::make_unique<P>(optimizer, mode, real(s.at("factor")),
                                           static_cast<int>(integer(s.at("patience"))), real(s.at("threshold")),
                                           threshold_mode, static_cast<int>(integer(s.at("cooldown"))),
                                           std::vector<float>{min_lr});
  } else {
    throw std::runtime_error(c.name + ": unknown scheduler '" + name + "'");
  }
  return schedule;
}

// ---- replaying a case ---------------------------------------------------------------------------------

Tensor tensor_of(const RefTensor& t, xg::ScalarType dtype) {
  std::vector<double> values = t.values;
  return xg::from_blob(values.data(), t.sizes, xg::kDouble).to(dtype, false, /*copy=*/true);
}

/// mean((tanh(x w1^T + b1) w2^T + b2 - y)^2)
Tensor loss_of(const std::vector<Tensor>& p, const Tensor& x, const Tensor& y) {
  Tensor hidden = xg::tanh(x.matmul(p[0].t()) + p[1]);
  Tensor out = hidden.matmul(p[2].t()) + p[3];
  return (out - y).square().mean();
}

struct Deviation {
  double params = 0;  // max |xgrad - torch| / max(1, |torch|) over sampled parameters
  double loss = 0;    // the same over sampled losses
};

Deviation replay(const Case& c, const Reference& ref) {
  const xg::ScalarType dtype = c.dtype == "float32" ? xg::kFloat : xg::kDouble;
  const double tolerance = dtype == xg::kFloat ? 1e-6 : 1e-10;
  std::vector<Tensor> params;
  for (const char* name : {"w1", "b1", "w2", "b2"}) {
    params.push_back(tensor_of(ref.tensors.at(name), dtype).requires_grad_(true));
  }
  const Tensor x = tensor_of(ref.tensors.at("x"), dtype);
  const Tensor y = tensor_of(ref.tensors.at("y"), dtype);
  std::unique_ptr<optim::Optimizer> optimizer = make_optimizer(c, params);
  Schedule schedule = make_schedule(c, *optimizer);

  Deviation worst;
  auto scaled = [](double ours, double theirs) { return std::abs(ours - theirs) / std::max(1.0, std::abs(theirs)); };
  size_t next_check = 0;
  for (int step = 1; step <= c.steps; ++step) {
    Tensor loss;
    if (c.optimizer == "LBFGS") {
      loss = optimizer->step([&] {
        optimizer->zero_grad();
        Tensor l = loss_of(params, x, y);
        l.backward();
        return l;
      });
    } else {
      optimizer->zero_grad();
      loss = loss_of(params, x, y);
      loss.backward();
      optimizer->step();
    }
    const double loss_value = loss.item<double>();
    schedule.step(c.metric == "negative_loss" ? -loss_value : loss_value);

    if (next_check < c.checks.size() && c.checks[next_check].step == step) {
      const Check& check = c.checks[next_check++];
      std::vector<double> ours;
      for (const Tensor& p : params) {
        Tensor flat = p.detach().to(xg::kDouble).contiguous();
        ours.insert(ours.end(), flat.data_ptr<double>(), flat.data_ptr<double>() + flat.numel());
      }
      BOOST_TEST_REQUIRE(ours.size() == check.values.size());
      double step_worst = 0;
      for (size_t i = 0; i < ours.size(); ++i) step_worst = std::max(step_worst, scaled(ours[i], check.values[i]));
      const double loss_deviation = scaled(loss_value, check.loss);
      BOOST_TEST(step_worst <= tolerance, "step " << step << ": parameters deviate by " << step_worst);
      BOOST_TEST(loss_deviation <= tolerance, "step " << step << ": loss " << loss_value << " vs " << check.loss);
      worst.params = std::max(worst.params, step_worst);
      worst.loss = std::max(worst.loss, loss_deviation);
    }
  }
  BOOST_TEST(next_check == c.checks.size(), "some check steps were never reached");
  return worst;
}

}  // namespace

BOOST_AUTO_TEST_CASE(trajectories_match_torch_optim) {
  const Reference ref = load_reference(std::string(XGRAD_TEST_DATA_DIR) + "/optim_reference.txt");
  BOOST_TEST_REQUIRE(!ref.cases.empty());
  std::map<std::string, double> worst_by_kind;  // optimizer, or schedule, and dtype
  for (const Case& c : ref.cases) {
    BOOST_TEST_CONTEXT("case " << c.name << " (" << c.optimizer << ", " << c.dtype << ")") {
      const Deviation d = replay(c, ref);
      BOOST_TEST_MESSAGE("case " << c.name << ": max deviation " << d.params << " (parameters), " << d.loss
                                 << " (loss)");
      const std::string kind = (c.scheduler.empty() ? c.optimizer : c.scheduler) + " " + c.dtype;
      worst_by_kind[kind] = std::max(worst_by_kind[kind], std::max(d.params, d.loss));
    }
  }
  for (const auto& [kind, deviation] : worst_by_kind) {
    BOOST_TEST_MESSAGE("max deviation from torch.optim, " << kind << ": " << deviation);
  }
}

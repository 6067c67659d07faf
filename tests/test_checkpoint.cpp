// Module and optimizer checkpoints (serialize/module_io.h, serialize/optimizer_io.h):
// bit-exact round trips, numpy-readable keys, resuming training exactly, and checked
// loads that leave the target untouched on any mismatch.

#define BOOST_TEST_MODULE test_checkpoint
#include <boost/test/unit_test.hpp>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "test_util.h"

using test_util::error_of;
using xg::Tensor;
using NamedTensors = xg::serialize::NamedTensors;
namespace fs = std::filesystem;
namespace nn = xg::nn;
namespace optim = xg::optim;

using test_util::TempDir;
using test_util::read_bytes;

namespace {


/// A module with a buffer, so that checkpoints hold both kinds of state.
struct NetImpl : nn::Module {
  NetImpl(int64_t hidden, int64_t depth) {
    for (int64_t i = 0; i < depth; ++i) {
      layers->push_back(nn::Linear(i == 0 ? 3 : hidden, i + 1 == depth ? 2 : hidden));
      if (i + 1 < depth) layers->push_back(nn::Tanh());
    }
    register_module("layers", layers);
    seen = register_buffer("seen", xg::zeros({1}, xg::kLong));  // forward calls so far
  }
  Tensor forward(const Tensor& x) {
    seen.add_(1);
    return layers->forward(x);
  }
  nn::Sequential layers;
  Tensor seen;
};
XG_MODULE(Net);

/// A model with weights drawn from `seed`.
Net make_net(uint64_t seed, int64_t hidden = 4, int64_t depth = 2) {
  xg::manual_seed(seed);
  return Net(hidden, depth);
}

using MakeOptimizer = std::function<std::unique_ptr<optim::Optimizer>(std::vector<Tensor>)>;

/// `steps` full-batch steps of mean squared error on fixed data.
void train(Net& net, optim::Optimizer& optimizer, int steps) {
  xg::manual_seed(7);
  const Tensor x = xg::randn({5, 3});
  const Tensor y = xg::randn({5, 2});
  for (int i = 0; i < steps; ++i) {
    optimizer.zero_grad();
    Tensor loss = nn::functional::mse_loss(net->forward(x), y);
    loss.backward();
    optimizer.step();
  }
}

/// A deep copy of named tensors, to compare with later.
NamedTensors snapshot(const NamedTensors& tensors) {
  NamedTensors copy;
  for (const auto& [name, tensor] : tensors) copy.emplace_back(name, tensor.clone());
  return copy;
}

void check_same(const NamedTensors& actual, const NamedTensors& expected) {
  BOOST_REQUIRE_EQUAL(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    BOOST_TEST_CONTEXT(expected[i].first) {
      BOOST_TEST(actual[i].first == expected[i].first);
      BOOST_TEST(xg::equal(actual[i].second, expected[i].second));
    }
  }
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

struct OptimizerCase {
  std::string name;
  MakeOptimizer make;
};

/// The optimizers and options the resume test covers.
std::vector<OptimizerCase> optimizer_cases() {
  return {
      {"SGD(momentum, nesterov)",
       [](std::vector<Tensor> p) {
         const auto options = optim::SGDOptions(0.05).momentum(0.9).nesterov(true).weight_decay(1e-3);
         return std::make_unique<optim::SGD>(p, options);
       }},
      {"SGD(two groups)",
       [](std::vector<Tensor> p) {
         std::vector<Tensor> head(p.begin() + 2, p.end());
         p.resize(2);
         auto head_options = std::make_unique<optim::SGDOptions>(optim::SGDOptions(0.01).momentum(0.5));
         std::vector<optim::OptimizerParamGroup> groups{optim::OptimizerParamGroup(p),
                                                        optim::OptimizerParamGroup(head, std::move(head_options))};
         return std::make_unique<optim::SGD>(groups, optim::SGDOptions(0.05).momentum(0.9));
       }},
      {"Adagrad",
       [](std::vector<Tensor> p) {
         const auto options = optim::AdagradOptions(0.1).lr_decay(0.01).initial_accumulator_value(0.1);
         return std::make_unique<optim::Adagrad>(p, options);
       }},
      {"RMSprop(centered, momentum)",
       [](std::vector<Tensor> p) {
         return std::make_unique<optim::RMSprop>(p, optim::RMSpropOptions(0.01).centered(true).momentum(0.9));
       }},
      {"Adam(amsgrad)",
       [](std::vector<Tensor> p) {
         return std::make_unique<optim::Adam>(p, optim::AdamOptions(0.01).amsgrad(true).weight_decay(1e-3));
       }},
      {"AdamW", [](std::vector<Tensor> p) { return std::make_unique<optim::AdamW>(p, optim::AdamWOptions(0.01)); }},
  };
}

}  // namespace

// ---- modules ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(module_round_trip_is_bit_exact_and_in_place) {
  TempDir dir;
  Net saved = make_net(1);
  saved->seen.fill_(41);
  xg::save(saved, dir / "net.npz");

  Net loaded = make_net(2);
  const std::vector<Tensor> parameters = loaded->parameters();
  BOOST_TEST(!xg::equal(parameters[0], saved->parameters()[0]));
  xg::load(loaded, dir / "net.npz");
  check_same(xg::serialize::state_dict(*loaded), xg::serialize::state_dict(*saved));
  for (size_t i = 0; i < parameters.size(); ++i) {
    BOOST_TEST(loaded->parameters()[i].is_same(parameters[i]));  // same tensors, new values
    BOOST_TEST(loaded->parameters()[i].requires_grad());
  }

  // A plain holder of a library module, and a module reference, work the same way.
  nn::Linear linear(3, 2);
  xg::save(linear, dir / "linear.npz");
  nn::Linear other(3, 2);
  xg::load(*other, dir / "linear.npz");
  BOOST_TEST(xg::equal(other->weight, linear->weight));
  BOOST_TEST(xg::equal(other->bias, linear->bias));

  // So does a module held by std::shared_ptr, as LibTorch programs write it.
  xg::manual_seed(3);
  auto shared = std::make_shared<NetImpl>(4, 2);
  xg::save(shared, dir / "shared.npz");
  auto shared_loaded = std::make_shared<NetImpl>(4, 2);
  xg::load(shared_loaded, dir / "shared.npz");
  check_same(xg::serialize::state_dict(*shared_loaded), xg::serialize::state_dict(*shared));
  const std::string null = error_of([&] { xg::load(std::shared_ptr<NetImpl>(), dir / "shared.npz"); });
  BOOST_TEST(null.find("[load] the module pointer is null") == 0, null);
}

BOOST_AUTO_TEST_CASE(module_keys_are_the_state_dict) {
  TempDir dir;
  Net net = make_net(1);
  xg::save(net, dir / "net.npz");
  std::vector<std::string> keys;
  for (const auto& [name, tensor] : xg::serialize::load_named(dir / "net.npz")) keys.push_back(name);
  const std::vector<std::string> expected{"layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias",
                                          "seen"};
  BOOST_TEST(keys == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(module_mismatch_throws_and_changes_nothing) {
  TempDir dir;
  xg::save(make_net(1, /*hidden=*/5), dir / "wide.npz");
  xg::save(make_net(1, 4, /*depth=*/3), dir / "deep.npz");
  Net net = make_net(2);
  const NamedTensors before = snapshot(xg::serialize::state_dict(*net));

  const std::string wide = error_of([&] { xg::load(net, dir / "wide.npz"); });
  BOOST_TEST(starts_with(wide, "[load]"));
  BOOST_TEST(wide.find("layers.0.weight with shape [5, 3], expected [4, 3]") != std::string::npos, wide);
  const std::string deep = error_of([&] { xg::load(net, dir / "deep.npz"); });
  BOOST_TEST(deep.find("has unexpected layers.4.weight") != std::string::npos, deep);
  check_same(xg::serialize::state_dict(*net), before);
}

// ---- optimizers ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(training_resumes_exactly) {
  constexpr int first_steps = 4;
  constexpr int more_steps = 5;
  for (const OptimizerCase& c : optimizer_cases()) {
    BOOST_TEST_CONTEXT(c.name) {
      TempDir dir;
      Net straight = make_net(1);
      auto straight_optimizer = c.make(straight->parameters());
      train(straight, *straight_optimizer, first_steps + more_steps);

      {
        Net first = make_net(1);
        auto first_optimizer = c.make(first->parameters());
        train(first, *first_optimizer, first_steps);
        xg::save(first, dir / "net.npz");
        xg::save(*first_optimizer, dir / "optimizer.npz");
      }
      Net resumed = make_net(3);  // other weights, and a fresh optimizer with no state
      auto resumed_optimizer = c.make(resumed->parameters());
      xg::load(resumed, dir / "net.npz");
      xg::load(*resumed_optimizer, dir / "optimizer.npz");
      BOOST_TEST(resumed_optimizer->state().size() == straight_optimizer->state().size());
      train(resumed, *resumed_optimizer, more_steps);

      check_same(xg::serialize::state_dict(*resumed), xg::serialize::state_dict(*straight));
      // The optimizer's state matters: resuming with the model alone ends elsewhere.
      Net model_only = make_net(3);
      auto fresh_optimizer = c.make(model_only->parameters());
      xg::load(model_only, dir / "net.npz");
      train(model_only, *fresh_optimizer, more_steps);
      BOOST_TEST(!xg::equal(model_only->parameters()[0], straight->parameters()[0]));
      check_same(xg::serialize::optimizer_state_dict(*resumed_optimizer),
                 xg::serialize::optimizer_state_dict(*straight_optimizer));
    }
  }
}

BOOST_AUTO_TEST_CASE(loading_restores_options) {
  TempDir dir;
  Net net = make_net(1);
  optim::RMSprop saved(net->parameters(), optim::RMSpropOptions(0.03).centered(true).alpha(0.9));
  xg::save(saved, dir / "optimizer.npz");  // before any step: options only, no state
  optim::RMSprop loaded(net->parameters(), optim::RMSpropOptions(0.5));
  train(net, loaded, 1);
  xg::load(loaded, dir / "optimizer.npz");
  const auto& options = static_cast<const optim::RMSpropOptions&>(loaded.param_groups()[0].options());
  BOOST_TEST(options.lr() == 0.03);
  BOOST_TEST(options.alpha() == 0.9);
  BOOST_TEST(options.centered());
  BOOST_TEST(loaded.state().empty());  // the checkpoint had no state
}

BOOST_AUTO_TEST_CASE(numpy_reads_optimizer_keys) {
  if (std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") != 0) {
    BOOST_TEST_MESSAGE("skipped: /usr/bin/python3 cannot import numpy");
    return;
  }
  TempDir dir;
  Net net = make_net(1);
  optim::Adam adam(net->parameters(), optim::AdamOptions(0.01).amsgrad(true));
  train(net, adam, 3);
  xg::save(adam, dir / "adam.npz");
  const std::string script = dir / "check.py";
  std::ofstream(script) << R"(
import sys
import numpy as np
z = np.load(sys.argv[1])
state = ['state.%d.%s' % (i, n) for i in range(4) for n in ('step', 'exp_avg', 'exp_avg_sq', 'max_exp_avg_sq')]
groups = ['param_groups.0.' + n for n in ('params', 'lr', 'betas.0', 'betas.1', 'eps', 'weight_decay', 'amsgrad')]
assert z.files == state + groups, z.files
assert z['state.0.step'].dtype == np.int64 and int(z['state.0.step']) == 3
assert z['state.0.exp_avg'].shape == (4, 3) and z['state.0.exp_avg'].dtype == np.float32
assert z['param_groups.0.params'].tolist() == [0, 1, 2, 3]
assert float(z['param_groups.0.lr']) == 0.01 and float(z['param_groups.0.amsgrad']) == 1.0
)";
  BOOST_TEST(std::system(("/usr/bin/python3 " + script + " " + dir / "adam.npz").c_str()) == 0);
}

BOOST_AUTO_TEST_CASE(optimizer_mismatch_throws_and_changes_nothing) {
  TempDir dir;
  {
    Net net = make_net(1);
    optim::SGD sgd(net->parameters(), optim::SGDOptions(0.1).momentum(0.9));
    train(net, sgd, 2);
    xg::save(sgd, dir / "sgd.npz");
    Net deep = make_net(1, 4, /*depth=*/3);
    optim::Adam deep_adam(deep->parameters());
    train(deep, deep_adam, 2);
    xg::save(deep_adam, dir / "deep_adam.npz");
    Net wide = make_net(1, /*hidden=*/5);
    optim::Adam wide_adam(wide->parameters());
    train(wide, wide_adam, 2);
    xg::save(wide_adam, dir / "wide_adam.npz");
    const std::string bytes = read_bytes(dir / "wide_adam.npz");
    std::ofstream(dir / "truncated.npz", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  }

  Net net = make_net(2);
  optim::Adam adam(net->parameters(), optim::AdamOptions(0.02));
  train(net, adam, 2);
  const NamedTensors before = snapshot(xg::serialize::optimizer_state_dict(adam));

  const std::string other_type = error_of([&] { xg::load(adam, dir / "sgd.npz"); });
  BOOST_TEST_MESSAGE(other_type);
  BOOST_TEST(starts_with(other_type, "[load]"), other_type);
  BOOST_TEST(other_type.find("has no param_groups.0.betas.0") != std::string::npos, other_type);
  BOOST_TEST(other_type.find("has unexpected state.0.momentum_buffer") != std::string::npos, other_type);

  const std::string more_parameters = error_of([&] { xg::load(adam, dir / "deep_adam.npz"); });
  BOOST_TEST(starts_with(more_parameters, "[load]"), more_parameters);
  BOOST_TEST(more_parameters.find("param_groups.0.params with shape [6], expected [4]") != std::string::npos,
             more_parameters);

  const std::string wrong_shape = error_of([&] { xg::load(adam, dir / "wide_adam.npz"); });
  BOOST_TEST(wrong_shape.find("state.0.exp_avg with shape [5, 3], expected [4, 3]") != std::string::npos,
             wrong_shape);

  const std::string truncated = error_of([&] { xg::load(adam, dir / "truncated.npz"); });
  BOOST_TEST(starts_with(truncated, "[load]"), truncated);

  check_same(xg::serialize::optimizer_state_dict(adam), before);
  BOOST_TEST(adam.param_groups()[0].options().get_lr() == 0.02);
}

/// `steps` LBFGS steps (a few iterations each) of mean squared error on fixed data.
void train_lbfgs(Net& net, optim::LBFGS& optimizer, int steps) {
  xg::manual_seed(7);
  const Tensor x = xg::randn({5, 3});
  const Tensor y = xg::randn({5, 2});
  for (int i = 0; i < steps; ++i) {
    optimizer.step([&] {
      optimizer.zero_grad();
      Tensor loss = nn::functional::mse_loss(net->forward(x), y);
      loss.backward();
      return loss;
    });
  }
}

BOOST_AUTO_TEST_CASE(lbfgs_training_resumes_exactly) {
  constexpr int first_steps = 3;
  constexpr int more_steps = 3;
  for (const bool strong_wolfe : {false, true}) {
    BOOST_TEST_CONTEXT("strong_wolfe " << strong_wolfe) {
      auto options = optim::LBFGSOptions(0.5).max_iter(4).history_size(3);
      if (strong_wolfe) options.line_search_fn("strong_wolfe");
      // The resumed optimizer starts from other options: the checkpoint's replace them.
      auto other_options = optim::LBFGSOptions(0.1).max_iter(2).history_size(7);
      if (!strong_wolfe) other_options.line_search_fn("strong_wolfe");
      TempDir dir;
      Net straight = make_net(1);
      optim::LBFGS straight_optimizer(straight->parameters(), options);
      train_lbfgs(straight, straight_optimizer, first_steps + more_steps);

      {
        Net first = make_net(1);
        optim::LBFGS first_optimizer(first->parameters(), options);
        train_lbfgs(first, first_optimizer, first_steps);
        // The history is full (history_size 3), so loading must restore a full list.
        const auto& state = static_cast<const optim::LBFGSParamState&>(
            *first_optimizer.state().at(optim::Optimizer::state_key(first->parameters()[0])));
        BOOST_TEST(state.old_dirs().size() == 3u);
        xg::save(first, dir / "net.npz");
        xg::save(first_optimizer, dir / "optimizer.npz");
      }
      Net resumed = make_net(3);
      optim::LBFGS resumed_optimizer(resumed->parameters(), other_options);
      xg::load(resumed, dir / "net.npz");
      xg::load(resumed_optimizer, dir / "optimizer.npz");
      const auto& loaded_options =
          static_cast<const optim::LBFGSOptions&>(resumed_optimizer.param_groups()[0].options());
      BOOST_TEST(loaded_options.max_iter() == 4);
      BOOST_TEST(loaded_options.max_eval().value_or(0) == 5);
      BOOST_TEST(loaded_options.history_size() == 3);
      BOOST_TEST(loaded_options.line_search_fn().has_value() == strong_wolfe);
      train_lbfgs(resumed, resumed_optimizer, more_steps);

      BOOST_REQUIRE_EQUAL(resumed->parameters().size(), straight->parameters().size());
      for (size_t i = 0; i < straight->parameters().size(); ++i) {
        BOOST_TEST(xg::equal(resumed->parameters()[i], straight->parameters()[i]));
      }
      check_same(xg::serialize::optimizer_state_dict(resumed_optimizer),
                 xg::serialize::optimizer_state_dict(straight_optimizer));
      // The optimizer's state matters: resuming with the model alone ends elsewhere.
      Net model_only = make_net(3);
      optim::LBFGS fresh_optimizer(model_only->parameters(), options);
      xg::load(model_only, dir / "net.npz");
      train_lbfgs(model_only, fresh_optimizer, more_steps);
      BOOST_TEST(!xg::equal(model_only->parameters()[0], straight->parameters()[0]));
    }
  }
}

BOOST_AUTO_TEST_CASE(lbfgs_mismatch_throws) {
  TempDir dir;
  Net net = make_net(1);
  optim::LBFGS lbfgs(net->parameters());
  optim::SGD sgd(net->parameters(), 0.1);
  xg::save(sgd, dir / "sgd.npz");
  BOOST_TEST(starts_with(error_of([&] { xg::load(lbfgs, dir / "sgd.npz"); }), "[load]"));
  // A checkpoint for a larger model: the flat history vectors do not fit.
  Net wide = make_net(1, 5);
  optim::LBFGS wide_lbfgs(wide->parameters(), optim::LBFGSOptions(0.5).max_iter(3));
  train_lbfgs(wide, wide_lbfgs, 1);
  xg::save(wide_lbfgs, dir / "wide.npz");
  const std::string message = error_of([&] { xg::load(lbfgs, dir / "wide.npz"); });
  BOOST_TEST(starts_with(message, "[load]"), message);
  BOOST_TEST(message.find("state.0.d with shape [32], expected [26]") != std::string::npos, message);
  BOOST_TEST(lbfgs.state().empty());
}

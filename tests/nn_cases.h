#pragma once
// Cases for the nn module API, shared word for word by tests/test_nn_libtorch.cpp
// (run on xgrad) and tools/libtorch_reference/make_nn_reference.cpp (run on
// LibTorch 1.13, which writes tests/data/nn_libtorch_reference.txt). Before
// including this file, say which library `lib` is and how it spells its module
// macro:
//     namespace lib = xg;     #define LIB_MODULE XG_MODULE
//     namespace lib = torch;  #define LIB_MODULE TORCH_MODULE
//
// That this file compiles against both libraries is itself part of the test:
// it is LibTorch code (model definitions, printing, a training loop with an
// optimizer) that xgrad must accept unchanged.
//
// Each case returns text. "text" cases must match LibTorch's exactly (printed
// modules, parameter names). "numbers" cases return numbers separated by
// spaces (losses along a training run, from the same seed, so from the same
// initial weights and data) and are compared with a tolerance.

#include <cstdio>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace nn_cases {

struct Case {
  std::string name;
  bool numbers;  // compared with a tolerance, else exactly
  std::function<std::string()> run;
};

template <class T>
std::string text(const T& x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

inline std::string join(const std::vector<std::string>& parts) {
  std::string s;
  for (const std::string& p : parts) s += (s.empty() ? "" : " ") + p;
  return s;
}

inline std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

// ---- Models written the LibTorch way -----------------------------------------------------------

struct MlpImpl : lib::nn::Module {
  MlpImpl(int64_t in, int64_t hidden, int64_t out) {
    fc1 = register_module("fc1", lib::nn::Linear(in, hidden));
    fc2 = register_module("fc2", lib::nn::Linear(hidden, out));
  }
  lib::Tensor forward(lib::Tensor x) { return fc2->forward(lib::tanh(fc1->forward(x))); }
  lib::nn::Linear fc1{nullptr}, fc2{nullptr};
};
LIB_MODULE(Mlp);

struct NetImpl : lib::nn::Module {
  NetImpl() {
    features = register_module("features", lib::nn::Sequential(lib::nn::Flatten(), lib::nn::Linear(6, 5),
                                                                lib::nn::ReLU(), lib::nn::Dropout(0.25)));
    head = register_module("head", lib::nn::Linear(lib::nn::LinearOptions(5, 3).bias(false)));
    register_buffer("scale", lib::ones({3}));
  }
  lib::Tensor forward(lib::Tensor x) {
    x = features->forward(x);
    return lib::log_softmax(head->forward(x), /*dim=*/1);
  }
  lib::nn::Sequential features{nullptr};
  lib::nn::Linear head{nullptr};
};
LIB_MODULE(Net);

// ---- Training runs ---------------------------------------------------------------------------------

// Losses of `steps` SGD steps on a fixed batch, from manual_seed(seed).
template <class Model, class LossFn>
std::string train(Model model, lib::Tensor x, lib::Tensor y, LossFn loss_fn, int steps, double lr) {
  lib::optim::SGD optimizer(model->parameters(), lib::optim::SGDOptions(lr).momentum(0.9));
  std::vector<std::string> losses;
  for (int step = 0; step < steps; ++step) {
    optimizer.zero_grad();
    lib::Tensor loss = loss_fn(model->forward(x), y);
    loss.backward();
    optimizer.step();
    losses.push_back(number(loss.template item<double>()));
  }
  return join(losses);
}

inline std::vector<Case> all() {
  namespace nn = lib::nn;
  namespace F = lib::nn::functional;
  std::vector<Case> cases;
  auto add_text = [&cases](std::string name, std::function<std::string()> run) {
    cases.push_back({std::move(name), false, std::move(run)});
  };
  auto add_numbers = [&cases](std::string name, std::function<std::string()> run) {
    cases.push_back({std::move(name), true, std::move(run)});
  };
  auto add_module = [&add_text](std::string name, std::function<std::shared_ptr<nn::Module>()> make) {
    add_text(std::move(name), [make] { return text(*make()); });
  };

  // ---- Printing ----
  add_module("linear", [] { return nn::Linear(3, 2).ptr(); });
  add_module("linear_no_bias", [] { return nn::Linear(nn::LinearOptions(3, 2).bias(false)).ptr(); });
  add_module("identity", [] { return nn::Identity().ptr(); });
  add_module("flatten", [] { return nn::Flatten().ptr(); });
  add_module("flatten_dims", [] { return nn::Flatten(nn::FlattenOptions().start_dim(0).end_dim(2)).ptr(); });
  add_module("dropout", [] { return nn::Dropout().ptr(); });
  add_module("dropout_p", [] { return nn::Dropout(nn::DropoutOptions(0.2).inplace(true)).ptr(); });
  add_module("relu", [] { return nn::ReLU().ptr(); });
  add_module("relu_inplace", [] { return nn::ReLU(true).ptr(); });
  add_module("leaky_relu", [] { return nn::LeakyReLU().ptr(); });
  add_module("leaky_relu_options",
             [] { return nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2).inplace(true)).ptr(); });
  add_module("elu", [] { return nn::ELU().ptr(); });
  add_module("elu_alpha", [] { return nn::ELU(nn::ELUOptions().alpha(0.5)).ptr(); });
  add_module("gelu", [] { return nn::GELU().ptr(); });
  add_module("gelu_tanh", [] { return nn::GELU(nn::GELUOptions().approximate("tanh")).ptr(); });
  add_module("sigmoid", [] { return nn::Sigmoid().ptr(); });
  add_module("tanh", [] { return nn::Tanh().ptr(); });
  add_module("softmax", [] { return nn::Softmax(1).ptr(); });
  add_module("log_softmax", [] { return nn::LogSoftmax(nn::LogSoftmaxOptions(-1)).ptr(); });
  add_module("functional", [] { return nn::Functional(lib::relu).ptr(); });
  // Activations (SiLU, Mish, Softsign, Softplus, Hardtanh, ReLU6, SELU, PReLU), Unflatten, ModuleList
  add_module("silu", [] { return nn::SiLU().ptr(); });
  add_module("mish", [] { return nn::Mish().ptr(); });
  add_module("softsign", [] { return nn::Softsign().ptr(); });
  add_module("softplus", [] { return nn::Softplus().ptr(); });
  add_module("softplus_options", [] { return nn::Softplus(nn::SoftplusOptions().beta(2).threshold(10)).ptr(); });
  add_module("hardtanh", [] { return nn::Hardtanh().ptr(); });
  add_module("hardtanh_options",
             [] { return nn::Hardtanh(nn::HardtanhOptions().min_val(-2.5).max_val(0.5).inplace(true)).ptr(); });
  add_module("relu6", [] { return nn::ReLU6().ptr(); });
  add_module("relu6_inplace", [] { return nn::ReLU6(true).ptr(); });
  add_module("selu", [] { return nn::SELU().ptr(); });
  add_module("selu_inplace", [] { return nn::SELU(nn::SELUOptions().inplace(true)).ptr(); });
  add_module("prelu", [] { return nn::PReLU().ptr(); });
  add_module("prelu_channels", [] { return nn::PReLU(nn::PReLUOptions().num_parameters(3).init(0.1)).ptr(); });
  add_module("unflatten", [] { return nn::Unflatten(nn::UnflattenOptions(1, {2, 3})).ptr(); });
  add_module("unflatten_options", [] { return nn::Unflatten(nn::UnflattenOptions(-1, {2, -1, 1})).ptr(); });
  add_text("unflatten_shape",
           [] { return text(nn::Unflatten(nn::UnflattenOptions(1, {2, -1}))(lib::zeros({4, 6, 5})).sizes()); });
  add_module("module_list", [] {
    nn::ModuleList list(nn::Linear(3, 2), nn::ReLU());
    list->push_back(nn::Linear(2, 1));
    list->extend(*nn::ModuleList(nn::Tanh(), nn::SiLU()));
    return list.ptr();
  });
  add_text("module_list_names", [] {
    nn::ModuleList list(nn::Linear(3, 2), nn::Tanh());
    list->push_back(nn::Linear(nn::LinearOptions(2, 1).bias(false)));
    std::string s = join(list->named_parameters().keys()) + " | " + std::to_string(list->size());
    s += " " + text(list->at<nn::LinearImpl>(2).weight.sizes());
    s += " " + text(list->ptr<nn::LinearImpl>(0)->weight.sizes());
    int64_t count = 0;
    for (const auto& module : *list) count += static_cast<int64_t>(module->parameters().size());
    return s + " " + std::to_string(count) + " " + std::to_string(list[1]->parameters().size());
  });
  add_text("prelu_parameters", [] {
    nn::PReLU prelu(nn::PReLUOptions().num_parameters(3).init(0.1));
    std::vector<std::string> parts;
    for (const auto& item : prelu->named_parameters()) {
      parts.push_back(item.key() + ":" + text(item.value().sizes()) + ":" + text(item.value().scalar_type()));
      for (int64_t i = 0; i < item.value().numel(); ++i)
        parts.push_back(number(item.value()[i].template item<double>()));
    }
    return join(parts);
  });
  add_module("mse_loss", [] { return nn::MSELoss().ptr(); });
  add_module("l1_loss", [] { return nn::L1Loss().ptr(); });
  add_module("smooth_l1_loss", [] { return nn::SmoothL1Loss().ptr(); });
  add_module("huber_loss", [] { return nn::HuberLoss().ptr(); });
  add_module("bce_loss", [] { return nn::BCELoss().ptr(); });
  add_module("bce_with_logits_loss", [] { return nn::BCEWithLogitsLoss().ptr(); });
  add_module("nll_loss", [] { return nn::NLLLoss().ptr(); });
  add_module("cross_entropy_loss", [] { return nn::CrossEntropyLoss().ptr(); });
  add_module("sequential", [] {
    return nn::Sequential(nn::Linear(3, 4), nn::ReLU(), nn::Dropout(0.5), nn::Linear(4, 2)).ptr();
  });
  add_module("sequential_named", [] {
    return nn::Sequential({{"fc", nn::Linear(3, 4)}, {"act", nn::Tanh()}, {"out", nn::Linear(4, 1)}}).ptr();
  });
  add_module("sequential_empty", [] { return nn::Sequential().ptr(); });
  add_module("sequential_nested", [] {
    // (LibTorch cannot hold a Sequential inside a Sequential; a user module it can)
    nn::Sequential outer(nn::Linear(3, 2), Mlp(2, 2, 2));
    outer->push_back(nn::Softmax(1));
    return outer.ptr();
  });
  add_module("user_module", [] { return Net().ptr(); });
  add_module("user_module_mlp", [] { return Mlp(2, 3, 1).ptr(); });

  // ---- Names of parameters, buffers and modules ----
  add_text("named_parameters", [] {
    Net net;
    std::vector<std::string> parts;
    for (const auto& item : net->named_parameters()) parts.push_back(item.key() + ":" + text(item.value().sizes()));
    return join(parts);
  });
  add_text("named_parameters_no_recurse", [] { return join(Net()->features[1]->named_parameters(false).keys()); });
  add_text("named_buffers", [] {
    Net net;
    auto loss = nn::CrossEntropyLoss(nn::CrossEntropyLossOptions().weight(lib::ones({3})));
    return join(net->named_buffers().keys()) + " | " + join(loss->named_buffers().keys()) + " | " +
           std::to_string(nn::BCEWithLogitsLoss()->buffers().size());
  });
  add_text("named_modules", [] {
    Net net;
    return join(net->named_modules().keys()) + " | " + join(net->named_modules("net", false).keys()) + " | " +
           std::to_string(net->modules().size()) + " " + std::to_string(net->modules(false).size());
  });
  add_text("named_children", [] {
    Net net;
    return join(net->named_children().keys()) + " " + std::to_string(net->children().size()) + " " +
           std::to_string(net->features->size());
  });
  add_text("parameter_count", [] {
    Net net;
    int64_t count = 0;
    for (const auto& p : net->parameters()) count += p.numel();
    return std::to_string(net->parameters().size()) + " " + std::to_string(count) + " " +
           std::to_string(net->parameters(false).size());
  });
  add_text("train_eval", [] {
    Net net;
    std::string s = std::to_string(net->is_training()) + std::to_string(net->features[3]->is_training());
    net->eval();
    s += std::to_string(net->is_training()) + std::to_string(net->features[3]->is_training());
    net->train();
    return s + std::to_string(net->features->ptr(3)->is_training());
  });

  // ---- Initial weights and training runs from the same seed ----
  add_numbers("linear_init_784_256", [] {
    lib::manual_seed(0);
    nn::Linear linear(784, 256);
    return join({number(linear->weight.sum().item<double>()), number(linear->bias.sum().item<double>()),
                 number(linear->weight.abs().max().item<double>()), number(linear->weight[17][300].item<double>()),
                 number(linear->bias[255].item<double>())});
  });
  add_numbers("train_mlp_cross_entropy", [] {
    lib::manual_seed(3);
    Mlp model(4, 8, 3);
    lib::Tensor x = lib::randn({16, 4});
    lib::Tensor y = lib::randint(0, 3, {16});
    return train(model, x, y, [](lib::Tensor out, lib::Tensor target) { return F::cross_entropy(out, target); },
                 20, 0.1);
  });
  add_numbers("train_mlp_mse", [] {
    lib::manual_seed(4);
    Mlp model(3, 6, 2);
    lib::Tensor x = lib::randn({12, 3});
    lib::Tensor y = lib::randn({12, 2});
    nn::MSELoss loss;
    return train(model, x, y, [&loss](lib::Tensor out, lib::Tensor target) { return loss(out, target); }, 20, 0.05);
  });
  add_numbers("train_sequential_bce_with_logits", [] {
    lib::manual_seed(5);
    nn::Sequential model(nn::Linear(3, 8), nn::ELU(), nn::Linear(8, 8), nn::GELU(), nn::Linear(8, 1));
    lib::Tensor x = lib::randn({20, 3});
    lib::Tensor y = (x.sum(1, /*keepdim=*/true) > 0).to(lib::kFloat);
    nn::BCEWithLogitsLoss loss;
    return train(model, x, y, [&loss](lib::Tensor out, lib::Tensor target) { return loss(out, target); }, 20, 0.05);
  });
  add_numbers("train_net_dropout_nll", [] {
    lib::manual_seed(6);
    Net model;
    lib::Tensor x = lib::randn({10, 2, 3});
    lib::Tensor y = lib::randint(0, 3, {10});
    return train(model, x, y, [](lib::Tensor out, lib::Tensor target) { return lib::nll_loss(out, target); }, 15,
                 0.1);
  });
  add_numbers("train_sequential_sigmoid_bce", [] {
    lib::manual_seed(7);
    nn::Sequential model(nn::Linear(2, 6), nn::LeakyReLU(), nn::Linear(6, 1), nn::Sigmoid());
    model->to(lib::kDouble);
    lib::Tensor x = lib::randn({16, 2}, lib::kDouble);
    lib::Tensor y = (x.select(1, 0) * x.select(1, 1) > 0).to(lib::kDouble).unsqueeze(1);
    return train(model, x, y, [](lib::Tensor out, lib::Tensor target) { return F::binary_cross_entropy(out, target); },
                 20, 0.2);
  });
  add_numbers("clone_and_clip", [] {
    lib::manual_seed(8);
    Mlp model(3, 4, 2);
    nn::Sequential seq(nn::Linear(2, 2));
    auto copy = std::dynamic_pointer_cast<nn::SequentialImpl>(seq->clone());
    lib::Tensor x = lib::randn({5, 3});
    lib::Tensor loss = model->forward(x).pow(2).sum() * 10;
    loss.backward();
    const double norm = nn::utils::clip_grad_norm_(model->parameters(), 0.5);
    lib::Tensor after = nn::utils::parameters_to_vector(model->parameters()).sum();
    double grad_sum = 0;
    for (const auto& p : model->parameters()) grad_sum += p.grad().abs().sum().item<double>();
    return join({number(norm), number(grad_sum), number(after.item<double>()),
                 number(copy->ptr<nn::LinearImpl>(0)->weight.sum().item<double>()),
                 number(lib::randn({1}).item<double>())});
  });
  return cases;
}

}  // namespace nn_cases

// Containers and small API pieces: ModuleDict, ParameterList and ParameterDict (names,
// printing, access, update, clone, save and load through a module that holds them),
// TensorAccessor, InferenceMode and torch::autograd::GradMode, to(other), type_as and
// new_zeros/new_ones/new_full/new_empty. LibTorch and xgrad word their errors differently,
// so an error prints only "threw".
#include <torch/torch.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace {

using ModulePairs = std::vector<std::pair<std::string, std::shared_ptr<torch::nn::Module>>>;

template <class F>
void expect_error(const std::string& label, F&& action) {
  try {
    action();
    std::cout << label << ": no error\n";
  } catch (const c10::Error&) {
    std::cout << label << ": threw\n";
  }
}

void print_names(const std::string& label, const torch::nn::Module& module) {
  std::cout << label << ":";
  for (const auto& item : module.named_parameters()) std::cout << " " << item.key();
  std::cout << "\n";
}

struct NetImpl : torch::nn::Module {
  NetImpl() {
    heads = register_module(
        "heads", torch::nn::ModuleDict(ModulePairs{{"fc", torch::nn::Linear(3, 2).ptr()}, {"act", torch::nn::ReLU().ptr()}}));
    weights = register_module("weights", torch::nn::ParameterList(torch::randn({2, 2}), torch::randn({3}, torch::requires_grad())));
    torch::OrderedDict<std::string, torch::Tensor> scales;
    scales.insert("alpha", torch::randn({1}, torch::requires_grad()));
    scales.insert("beta", torch::zeros({2}, torch::kDouble));
    extra = register_module("extra", torch::nn::ParameterDict(scales));
  }
  torch::Tensor forward(torch::Tensor x) {
    x = heads->at<torch::nn::LinearImpl>("fc").forward(x);
    return x * weights[1].narrow(0, 0, 2) + extra["alpha"];
  }
  torch::nn::ModuleDict heads{nullptr};
  torch::nn::ParameterList weights{nullptr};
  torch::nn::ParameterDict extra{nullptr};
};
TORCH_MODULE(Net);

void module_dict() {
  std::cout << "== ModuleDict\n";
  torch::nn::ModuleDict dict(ModulePairs{{"fc", torch::nn::Linear(2, 3).ptr()}, {"act", torch::nn::Tanh().ptr()}});
  dict->update(ModulePairs{{"out", torch::nn::Linear(3, 1).ptr()}, {"act", torch::nn::ReLU().ptr()}});
  std::cout << *dict << "\n";
  print_names("named_parameters", *dict);
  std::cout << "size " << dict->size() << " empty " << dict->empty() << " contains act " << dict->contains("act")
            << " contains conv " << dict->contains("conv") << "\n";
  std::cout << "keys:";
  for (const auto& key : dict->keys()) std::cout << " " << key;
  std::cout << "\nitems:";
  for (const auto& item : dict->items()) std::cout << " " << item.first << "=" << (item.second == dict[item.first]);
  std::cout << "\nvalues " << dict->values().size() << "\niteration:";
  for (const auto& item : *dict) std::cout << " " << item.key();
  std::cout << "\nout features " << dict->at<torch::nn::LinearImpl>("out").options.out_features() << "\n";
  expect_error("operator[] of a missing key", [&] { dict["conv"]; });
  expect_error("pop of a missing key", [&] { dict->pop("conv"); });

  auto copy = std::dynamic_pointer_cast<torch::nn::ModuleDictImpl>(dict->clone());
  const auto& original_weight = dict->at<torch::nn::LinearImpl>("fc").weight;
  const auto& copied_weight = copy->at<torch::nn::LinearImpl>("fc").weight;
  std::cout << "clone: " << *copy << "\nsame values " << copied_weight.equal(original_weight) << " same tensor "
            << copied_weight.is_same(original_weight) << "\n";

  auto popped = dict->pop("out");
  std::cout << "popped " << popped->as<torch::nn::Linear>()->options.in_features() << " size " << dict->size() << "\n";
  torch::OrderedDict<std::string, std::shared_ptr<torch::nn::Module>> ordered;
  ordered.insert("second", torch::nn::Sigmoid().ptr());
  ordered.insert("first", torch::nn::Linear(1, 1).ptr());
  torch::nn::ModuleDict from_ordered(ordered);
  std::cout << *from_ordered << "\n";
}

void parameter_list() {
  std::cout << "== ParameterList\n";
  torch::nn::ParameterList list(torch::ones({2}), torch::zeros({2, 3}, torch::requires_grad()));
  list->append(torch::full({3}, 2.0, torch::requires_grad()));
  list->extend(std::vector<torch::Tensor>{torch::arange(4, torch::kDouble)});
  std::cout << *list << "\n";
  for (const auto& item : list->named_parameters())
    std::cout << item.key() << " requires_grad " << item.value().requires_grad() << "\n";
  std::cout << "size " << list->size() << " is_empty " << list->is_empty() << "\n";
  std::cout << "at(3)\n" << list->at(3) << "\nlist[2]\n" << list[2] << "\n";
  (list[1].sum() * 3 + list[2].pow(2).sum()).backward();
  std::cout << "grads\n" << list[1].grad() << "\n" << list[2].grad() << "\n";
  expect_error("at out of range", [&] { list->at(4); });
}

void parameter_dict() {
  std::cout << "== ParameterDict\n";
  torch::OrderedDict<std::string, torch::Tensor> initial;
  initial.insert("alpha", torch::ones({1}, torch::requires_grad()));
  initial.insert("beta", torch::zeros({2}, torch::kDouble));
  torch::nn::ParameterDict dict(initial);
  dict->insert("gamma", torch::full({3}, 0.5, torch::requires_grad()));
  torch::OrderedDict<std::string, torch::Tensor> changes;
  changes.insert("beta", torch::ones({4}));
  dict->update(changes);
  std::cout << *dict << "\n";
  print_names("named_parameters", *dict);
  std::cout << "size " << dict->size() << " empty " << dict->empty() << " contains gamma " << dict->contains("gamma")
            << " contains delta " << dict->contains("delta") << "\nkeys:";
  for (const auto& key : dict->keys()) std::cout << " " << key;
  std::cout << "\nvalues " << dict->values().size() << "\niteration:";
  for (const auto& item : *dict) std::cout << " " << item.key() << "=" << item.value().numel();
  std::cout << "\nget(gamma)\n" << dict->get("gamma") << "\ndict[beta]\n" << dict["beta"] << "\n";
  expect_error("insert of a known key", [&] { dict->insert("beta", torch::ones({1})); });
  expect_error("get of a missing key", [&] { dict->get("delta"); });
  auto popped = dict->pop("gamma");
  std::cout << "popped\n" << popped << "\nsize " << dict->size() << "\n";
  dict->clear();
  std::cout << "after clear: size " << dict->size() << " empty " << dict->empty() << "\n";
}

void module_holding_containers() {
  std::cout << "== a module holding containers\n";
  torch::manual_seed(0);
  Net net;
  std::cout << *net << "\n";
  print_names("named_parameters", *net);
  auto y = net->forward(torch::ones({4, 3}));
  std::cout << "forward\n" << y << "\n";

  const std::string path = "compat_containers_net.pt";
  torch::save(net, path);
  torch::manual_seed(1);
  Net loaded;
  torch::load(loaded, path);
  std::remove(path.c_str());
  bool same = true;
  const auto saved = net->named_parameters();
  for (const auto& item : loaded->named_parameters()) same = same && item.value().equal(saved[item.key()]);
  std::cout << "loaded equal " << same << "\n";
}

void accessor() {
  std::cout << "== accessor\n";
  auto x = torch::arange(6, torch::kFloat).reshape({2, 3});
  auto xt = x.t();
  auto a = xt.accessor<float, 2>();
  std::cout << "size " << a.size(0) << " " << a.size(1) << " stride " << a.stride(0) << " " << a.stride(1) << " sizes "
            << a.sizes() << " strides " << a.strides() << "\n";
  for (int64_t i = 0; i < a.size(0); ++i) {
    for (int64_t j = 0; j < a.size(1); ++j) std::cout << a[i][j] << " ";
    std::cout << "\n";
  }
  a[2][1] = 50;
  a[0][0] += 0.5;
  std::cout << x << "\n";
  auto d = torch::tensor({{1.0, 2.0}, {3.0, 4.0}}, torch::kDouble).narrow(1, 1, 1);
  std::cout << "narrowed " << d.accessor<double, 2>()[1][0] << "\n";
  auto l = torch::tensor({7, 8, 9});
  auto la = l.accessor<int64_t, 1>();
  std::cout << "long " << la[0] + la[2] << "\n";
  expect_error("accessor<float, 3> of a 2-d tensor", [&] { x.accessor<float, 3>(); });
  expect_error("accessor<double, 2> of a Float tensor", [&] { x.accessor<double, 2>(); });
}

void grad_modes() {
  std::cout << "== InferenceMode and GradMode\n";
  auto x = torch::ones({2}, torch::requires_grad());
  std::cout << "outside: grad " << torch::autograd::GradMode::is_enabled() << " inference "
            << c10::InferenceMode::is_enabled() << "\n";
  {
    c10::InferenceMode guard;
    auto y = x * 2;
    std::cout << "inside: grad " << torch::autograd::GradMode::is_enabled() << " inference "
              << c10::InferenceMode::is_enabled() << " y.requires_grad " << y.requires_grad() << "\n";
    {
      c10::InferenceMode off(false);
      auto z = x * 2;
      std::cout << "InferenceMode(false): grad " << torch::autograd::GradMode::is_enabled() << " inference "
                << c10::InferenceMode::is_enabled() << " z.requires_grad " << z.requires_grad() << "\n";
    }
  }
  std::cout << "after: grad " << torch::autograd::GradMode::is_enabled() << " inference "
            << c10::InferenceMode::is_enabled() << "\n";
  torch::autograd::GradMode::set_enabled(false);
  std::cout << "set_enabled(false): " << (x * 2).requires_grad() << "\n";
  torch::autograd::GradMode::set_enabled(true);
  {
    torch::autograd::AutoGradMode off(false);
    std::cout << "AutoGradMode(false): " << (x * 2).requires_grad() << "\n";
  }
}

void conversions() {
  std::cout << "== to(other), type_as, new_*\n";
  auto f = torch::tensor({1.5, -2.5}, torch::requires_grad());
  auto d = torch::zeros({3}, torch::kDouble);
  auto l = torch::tensor({1, 2});
  auto fd = f.to(d);
  std::cout << fd << "\n" << fd.grad_fn()->name() << "\n";
  std::cout << "to(self) is self " << f.to(f).is_same(f) << " copy " << f.to(f, false, true).is_same(f) << " "
            << f.to(f, false, true).grad_fn()->name() << "\n";
  std::cout << l.type_as(f) << "\n" << f.detach().type_as(l) << "\n";
  auto g = f.type_as(d);
  std::cout << g.grad_fn()->name() << "\n";
  (g * torch::tensor({3.0, 4.0}, torch::kDouble)).sum().backward();
  std::cout << f.grad() << "\n";
  std::cout << f.new_zeros({2, 3}) << "\n" << d.new_ones({2}) << "\n" << l.new_full({2}, 2.5) << "\n"
            << f.new_full({1}, 3, torch::kLong) << "\n";
  auto e = d.new_empty({4, 0});
  std::cout << e.sizes() << " " << e.scalar_type() << "\n";
  std::cout << "requires_grad " << f.new_zeros({2}).requires_grad() << " "
            << f.new_ones({2}, torch::requires_grad()).requires_grad() << "\n";
  expect_error("new_zeros of a negative size", [&] { f.new_zeros({-1}); });
}

}  // namespace

int main() {
  std::cout << std::boolalpha;
  torch::manual_seed(0);
  module_dict();
  parameter_list();
  parameter_dict();
  module_holding_containers();
  accessor();
  grad_modes();
  conversions();
}

// nn: the Module API, holders, containers, errors, gradients and training.
//
// What torch itself computes (layer and loss values, printed text, training
// runs written with LibTorch's API) is checked by test_nn_reference and
// test_nn_libtorch; this file checks the rest:
//   - registration, recursion, names, train/eval, to(dtype), zero_grad, clone;
//   - holders, Sequential, Functional, OrderedDict;
//   - every layer and loss passes gradcheck in float64 (and gradgradcheck:
//     their gradients are built from differentiable ops);
//   - bad arguments give an xg::Error that names the loss in brackets;
//   - a two-layer network trained with each loss converges, with stated thresholds.

#define BOOST_TEST_MODULE nn
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

#include "test_util.h"

using xg::Tensor;
using xg::autograd::variable_list;
namespace nn = xg::nn;
namespace F = xg::nn::functional;
using test_util::error_of;

namespace {

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

Tensor randn64(std::vector<int64_t> sizes) { return xg::randn(sizes, xg::kDouble); }

struct BlockImpl : nn::Module {
  BlockImpl() {
    fc = register_module("fc", nn::Linear(3, 4));
    act = register_module("act", nn::ReLU());
    scale = register_parameter("scale", xg::ones({4}));
    register_buffer("count", xg::zeros({1}));
  }
  Tensor forward(const Tensor& x) { return act(fc(x)) * scale; }
  nn::Linear fc{nullptr};
  nn::ReLU act{nullptr};
  Tensor scale;
};
XG_MODULE(Block);

struct ModelImpl : nn::Module {
  ModelImpl() {
    block = register_module("block", Block());
    head = register_module("head", nn::Linear(nn::LinearOptions(4, 2).bias(false)));
  }
  Tensor forward(const Tensor& x) { return head(block(x)); }
  Block block{nullptr};
  nn::Linear head{nullptr};
};
XG_MODULE(Model);

struct CloneNetImpl : nn::Cloneable<CloneNetImpl> {
  CloneNetImpl() { reset(); }
  void reset() override {
    fc = register_module("fc", nn::Linear(2, 3));
    seq = register_module("seq", nn::Sequential(nn::Linear(3, 3), nn::Tanh()));
    register_buffer("mean", xg::full({3}, 0.5));
  }
  Tensor forward(const Tensor& x) { return seq->forward(fc(x)); }
  nn::Linear fc{nullptr};
  nn::Sequential seq{nullptr};
};
XG_MODULE(CloneNet);

}  // namespace

// ---- Module: registration and the tree ---------------------------------------------------------

BOOST_AUTO_TEST_CASE(registration_and_names) {
  Model model;
  BOOST_TEST(model->named_parameters().keys() ==
                 (std::vector<std::string>{"block.scale", "block.fc.weight", "block.fc.bias", "head.weight"}),
             boost::test_tools::per_element());
  BOOST_TEST(model->parameters().size() == 4u);
  BOOST_TEST(model->parameters(/*recurse=*/false).empty());
  BOOST_TEST(model->block->parameters(false).size() == 1u);
  BOOST_TEST(model->named_buffers().keys() == std::vector<std::string>{"block.count"}, boost::test_tools::per_element());
  BOOST_TEST(model->named_children().keys() == (std::vector<std::string>{"block", "head"}),
             boost::test_tools::per_element());
  BOOST_TEST(model->named_modules().keys() == (std::vector<std::string>{"", "block", "block.fc", "block.act", "head"}),
             boost::test_tools::per_element());
  BOOST_TEST(model->modules(/*include_self=*/false).size() == 4u);
  BOOST_TEST(model->named_modules("m", false).keys().front() == "m.block");
  // The returned handles are the modules' own tensors.
  BOOST_TEST(model->named_parameters()["head.weight"].is_same(model->head->weight));
  BOOST_TEST(model->head->bias.defined() == false);
  for (const Tensor& p : model->parameters()) BOOST_TEST(p.requires_grad());
  BOOST_TEST(model->name() == "(anonymous namespace)::ModelImpl");
  BOOST_TEST(model->head->name() == "xg::nn::LinearImpl");
  BOOST_TEST(nn::Module("custom").name() == "custom");
}

BOOST_AUTO_TEST_CASE(registration_errors) {
  struct Bad : nn::Module {
    void add(const std::string& name) { register_parameter(name, xg::zeros({1})); }
    void add_module(const std::string& name) { register_module(name, nn::Linear(1, 1)); }
  };
  Bad bad;
  bad.add("w");
  BOOST_TEST(error_of([&] { bad.add("w"); }) == "[OrderedDict] Parameter 'w' already defined");
  BOOST_TEST(starts_with(error_of([&] { bad.add("a.b"); }), "[register_parameter] parameter name must not contain a dot"));
  BOOST_TEST(starts_with(error_of([&] { bad.add(""); }), "[register_parameter]"));
  BOOST_TEST(starts_with(error_of([&] { bad.add_module("x.y"); }), "[register_module]"));
  bad.add_module("m");
  BOOST_TEST(error_of([&] { bad.add_module("m"); }) == "[OrderedDict] Submodule 'm' already defined");
  // A module on the stack cannot hand itself out as a shared_ptr.
  BOOST_TEST(starts_with(error_of([&] { bad.modules(); }), "[Module] this module is not owned by a std::shared_ptr"));
  BOOST_TEST(bad.modules(/*include_self=*/false).size() == 1u);
  BOOST_TEST(error_of([&] { bad.named_parameters()["nothing"]; }) == "[OrderedDict] Key 'nothing' is not defined");
  BOOST_TEST(starts_with(error_of([&] { nn::Module().clone(); }), "[clone] clone() has not been implemented"));
}

BOOST_AUTO_TEST_CASE(register_parameter_without_grad_and_replace_module) {
  struct Frozen : nn::Module {
    Frozen() {
      w = register_parameter("w", xg::ones({2}), /*requires_grad=*/false);
      fc = register_module("fc", nn::Linear(2, 2));
    }
    Tensor w;
    nn::Linear fc{nullptr};
  };
  auto frozen = std::make_shared<Frozen>();
  BOOST_TEST(!frozen->w.requires_grad());
  auto replacement = frozen->replace_module("fc", nn::Linear(2, 5));
  BOOST_TEST(frozen->named_parameters()["fc.weight"].size(0) == 5);
  frozen->unregister_module("fc");
  BOOST_TEST(frozen->children().empty());
  BOOST_TEST(starts_with(error_of([&] { frozen->unregister_module("fc"); }), "[unregister_module]"));
}

BOOST_AUTO_TEST_CASE(ordered_dict) {
  xg::OrderedDict<std::string, int> dict("Thing");
  dict.insert("b", 2);
  dict.insert("a", 1);
  BOOST_TEST(dict.size() == 2u);
  BOOST_TEST(dict.keys() == (std::vector<std::string>{"b", "a"}), boost::test_tools::per_element());
  BOOST_TEST(dict.values() == (std::vector<int>{2, 1}), boost::test_tools::per_element());
  BOOST_TEST(dict["a"] == 1);
  BOOST_TEST(dict[size_t(0)].key() == "b");
  BOOST_TEST(dict.contains("a"));
  BOOST_TEST(dict.find("zz") == nullptr);
  BOOST_TEST(*dict.find("b") == 2);
  std::string order;
  for (const auto& item : dict) order += item.key() + std::to_string(item.value());
  BOOST_TEST(order == "b2a1");
  dict.erase("b");
  BOOST_TEST(dict.front().key() == "a");
  BOOST_TEST(dict["a"] == 1);
  BOOST_TEST(error_of([&] { dict["b"]; }) == "[OrderedDict] Thing 'b' is not defined");
  BOOST_TEST(starts_with(error_of([&] { dict[size_t(3)]; }), "[OrderedDict] operator[]: index 3 is out of bounds"));
}

BOOST_AUTO_TEST_CASE(train_eval_recurse) {
  Model model;
  BOOST_TEST(model->is_training());
  model->eval();
  for (const auto& m : model->modules()) BOOST_TEST(!m->is_training());
  model->train();
  for (const auto& m : model->modules()) BOOST_TEST(m->is_training());
  model->block->train(false);
  BOOST_TEST(model->is_training());
  BOOST_TEST(!model->block->fc->is_training());
}

BOOST_AUTO_TEST_CASE(to_dtype_keeps_tensor_identity) {
  xg::manual_seed(1);
  Model model;
  const Tensor weight = model->head->weight;  // another handle, as an optimizer keeps
  const std::vector<double> before = test_util::values(weight);
  xg::optim::SGD optimizer(model->parameters(), xg::optim::SGDOptions(0.1));
  model->to(xg::kDouble);
  BOOST_TEST(weight.scalar_type() == xg::kDouble);
  BOOST_TEST(model->named_buffers()["block.count"].scalar_type() == xg::kDouble);
  BOOST_TEST(test_util::values(weight) == before, boost::test_tools::per_element());
  BOOST_TEST(weight.requires_grad());
  BOOST_TEST(weight.is_leaf());
  // The model computes in double and the optimizer updates the converted tensors.
  Tensor loss = model(randn64({5, 3})).sum();
  BOOST_TEST(loss.scalar_type() == xg::kDouble);
  loss.backward();
  optimizer.step();
  BOOST_TEST(weight.scalar_type() == xg::kDouble);
  BOOST_TEST(test_util::values(weight) != before);
  model->to(xg::kFloat);
  BOOST_TEST(model->block->fc->bias.scalar_type() == xg::kFloat);
  BOOST_TEST(!model->block->fc->bias.grad().defined());  // a gradient of the old dtype is dropped
}

BOOST_AUTO_TEST_CASE(zero_grad_modes) {
  Model model;
  model(xg::randn({2, 3})).sum().backward();
  for (const Tensor& p : model->parameters()) BOOST_TEST(p.grad().defined());
  model->zero_grad(/*set_to_none=*/false);
  for (const Tensor& p : model->parameters()) {
    BOOST_TEST(p.grad().defined());
    BOOST_TEST(p.grad().abs().sum().item<double>() == 0.0);
  }
  model->zero_grad();
  for (const Tensor& p : model->parameters()) BOOST_TEST(!p.grad().defined());
}

BOOST_AUTO_TEST_CASE(apply_visits_every_module) {
  Model model;
  std::vector<std::string> names;
  model->apply([&names](const std::string& name, nn::Module& m) { names.push_back(name + "=" + m.name()); });
  BOOST_TEST(names.size() == 5u);
  BOOST_TEST(names[2] == "block.fc=xg::nn::LinearImpl");
  int linear_count = 0;
  model->apply([&linear_count](nn::Module& m) { linear_count += m.is<nn::Linear>() ? 1 : 0; });
  BOOST_TEST(linear_count == 2);
  BOOST_TEST(model->head->as<nn::Linear>() != nullptr);
  BOOST_TEST(model->head->as<nn::ReLUImpl>() == nullptr);
}

// ---- Holders -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(holders_share_and_can_be_empty) {
  nn::Linear a(3, 2);
  nn::Linear b = a;
  BOOST_TEST(a.get() == b.get());
  BOOST_TEST(a->weight.is_same(b->weight));
  nn::Linear empty{nullptr};
  BOOST_TEST(empty.is_empty());
  BOOST_TEST(!static_cast<bool>(empty));
  BOOST_TEST(starts_with(error_of([&] { empty->forward(xg::ones({1, 3})); }), "[ModuleHolder] accessing an empty"));
  empty = a;
  BOOST_TEST(!empty.is_empty());
  nn::Sequential seq;  // default-constructible modules are built by the holder, as in LibTorch
  BOOST_TEST(!seq.is_empty());
  BOOST_TEST(seq->size() == 0u);
  nn::ReLU relu;
  BOOST_TEST(relu(xg::tensor({-1.0, 2.0})).equal(xg::tensor({0.0, 2.0})));
  std::ostringstream printed;
  printed << a;
  BOOST_TEST(printed.str() == "torch::nn::Linear(in_features=3, out_features=2, bias=true)");
}

BOOST_AUTO_TEST_CASE(clone_is_deep) {
  CloneNet net;
  auto copy = std::dynamic_pointer_cast<CloneNetImpl>(net->clone());
  BOOST_TEST_REQUIRE(copy != nullptr);
  const auto original = net->named_parameters();
  const auto cloned = copy->named_parameters();
  BOOST_TEST(original.keys() == cloned.keys(), boost::test_tools::per_element());
  for (size_t i = 0; i < original.size(); ++i) {
    BOOST_TEST(original[i].value().equal(cloned[i].value()));
    BOOST_TEST(!original[i].value().is_same(cloned[i].value()));
  }
  // The clone's handles point at its own tensors.
  BOOST_TEST(copy->fc->weight.is_same(cloned["fc.weight"]));
  BOOST_TEST(copy->seq->ptr<nn::LinearImpl>(0)->weight.is_same(cloned["seq.0.weight"]));
  {
    xg::NoGradGuard no_grad;
    copy->fc->weight.fill_(3.0);
  }
  BOOST_TEST(net->fc->weight.abs().max().item<double>() < 1.0);
  BOOST_TEST(copy->named_buffers()["mean"].equal(xg::full({3}, 0.5)));
  const Tensor x = xg::randn({4, 2});
  BOOST_TEST(nn::Sequential(nn::Linear(2, 2))->clone()->parameters().size() == 2u);
  BOOST_TEST(copy->forward(x).sizes() == net->forward(x).sizes());
}

// ---- Containers ----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(sequential_api) {
  nn::Sequential seq(nn::Linear(3, 4), nn::ReLU(), nn::Linear(4, 2));
  BOOST_TEST(seq->size() == 3u);
  seq->push_back(nn::Sigmoid());
  seq->push_back("last", nn::Identity());
  seq->push_back(std::make_shared<nn::TanhImpl>());
  BOOST_TEST(seq->size() == 6u);
  BOOST_TEST(seq->named_children().keys() == (std::vector<std::string>{"0", "1", "2", "3", "last", "5"}),
             boost::test_tools::per_element());
  BOOST_TEST(seq[0]->name() == "xg::nn::LinearImpl");
  BOOST_TEST(seq->at<nn::LinearImpl>(2).options.out_features() == 2);
  BOOST_TEST(starts_with(error_of([&] { seq->ptr(9); }), "[Sequential] index 9 is out of range"));
  BOOST_TEST(starts_with(error_of([&] { seq->ptr<nn::ReLUImpl>(0); }), "[AnyModule] the module is a xg::nn::LinearImpl"));
  int count = 0;
  for (const nn::AnyModule& m : *seq) count += m.ptr()->parameters().empty() ? 0 : 1;
  BOOST_TEST(count == 2);

  const Tensor x = xg::randn({5, 3});
  const Tensor expected =
      xg::tanh(xg::sigmoid(seq->at<nn::LinearImpl>(2).forward(xg::relu(seq->at<nn::LinearImpl>(0).forward(x)))));
  BOOST_TEST(seq->forward(x).allclose(expected));
  BOOST_TEST(seq(x).allclose(expected));

  nn::Sequential named({{"fc", nn::Linear(3, 1)}, {"out", nn::Sigmoid()}});
  BOOST_TEST(named->named_parameters().keys() == (std::vector<std::string>{"fc.weight", "fc.bias"}),
             boost::test_tools::per_element());
  nn::Sequential grown;
  grown->extend(*seq);
  BOOST_TEST(grown->size() == 6u);
  BOOST_TEST(starts_with(error_of([] { nn::Sequential()->forward(xg::ones({1})); }),
                         "[Sequential] cannot call forward() on an empty Sequential"));
  // A user module inside a Sequential.
  nn::Sequential with_block(Block(), nn::Linear(4, 1));
  BOOST_TEST(with_block(xg::randn({2, 3})).sizes() == (std::vector<int64_t>{2, 1}));
}

BOOST_AUTO_TEST_CASE(module_list_api) {
  nn::ModuleList list(nn::Linear(3, 4), nn::ReLU());
  list->push_back(nn::Linear(4, 2));
  list->push_back(std::make_shared<nn::TanhImpl>());
  BOOST_TEST(list->size() == 4u);
  BOOST_TEST(list->named_parameters().keys() ==
                 (std::vector<std::string>{"0.weight", "0.bias", "2.weight", "2.bias"}),
             boost::test_tools::per_element());
  BOOST_TEST(list[1]->name() == "xg::nn::ReLUImpl");
  BOOST_TEST(list->at<nn::LinearImpl>(2).options.out_features() == 2);
  BOOST_TEST(!list->ptr<nn::LinearImpl>(1));
  BOOST_TEST(starts_with(error_of([&] { list->at<nn::LinearImpl>(1); }), "[ModuleList] the module at index 1"));
  BOOST_TEST(starts_with(error_of([&] { list->ptr(4); }), "[ModuleList] index 4 is out of range"));

  // insert moves the later modules up one name, so the names follow the order.
  const auto relu = list->ptr(1);
  const auto linear2 = list->ptr(2);
  list->insert(1, nn::Linear(4, 4));
  BOOST_TEST(list->size() == 5u);
  BOOST_TEST(list->ptr(2) == relu);
  BOOST_TEST(list->ptr(3) == linear2);
  const auto children = list->named_children();
  BOOST_TEST(children.keys() == (std::vector<std::string>{"0", "1", "2", "3", "4"}), boost::test_tools::per_element());
  for (size_t i = 0; i < list->size(); ++i) BOOST_TEST(children[std::to_string(i)] == list->ptr(i));
  BOOST_TEST(list->named_parameters().keys() ==
                 (std::vector<std::string>{"0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias"}),
             boost::test_tools::per_element());
  list->insert(5, nn::Sigmoid());
  BOOST_TEST(list[5]->name() == "xg::nn::SigmoidImpl");
  BOOST_TEST(starts_with(error_of([&] { list->insert(9, nn::ReLU()); }), "[ModuleList] index 9"));

  // Iteration, extend and a deep clone.
  Tensor x = xg::randn({2, 3});
  for (const auto& module : *list) {
    if (auto* linear = module->as<nn::Linear>()) x = linear->forward(x);
  }
  BOOST_TEST(x.sizes() == (std::vector<int64_t>{2, 2}));
  nn::ModuleList grown;
  grown->extend(*list);
  BOOST_TEST(grown->size() == 6u);
  BOOST_TEST(grown->ptr(0) == list->ptr(0));
  auto copy = std::dynamic_pointer_cast<nn::ModuleListImpl>(list->clone());
  BOOST_TEST(copy->size() == 6u);
  BOOST_TEST(copy->ptr(0) != list->ptr(0));
  BOOST_TEST(copy->at<nn::LinearImpl>(0).weight.equal(list->at<nn::LinearImpl>(0).weight));
  BOOST_TEST(!copy->at<nn::LinearImpl>(0).weight.is_same(list->at<nn::LinearImpl>(0).weight));
}

// ModuleDict, ParameterList and ParameterDict: the names they register under, their
// LibTorch API and what a deep clone copies. Their printing is compared with LibTorch's
// in tests/compat/containers.cpp.
BOOST_AUTO_TEST_CASE(module_dict_api) {
  using Pairs = std::vector<std::pair<std::string, std::shared_ptr<nn::Module>>>;
  nn::ModuleDict dict(Pairs{{"fc", nn::Linear(3, 4).ptr()}, {"act", nn::ReLU().ptr()}});
  dict->insert("out", nn::Linear(4, 2));
  BOOST_TEST(dict->size() == 3u);
  BOOST_TEST(dict->keys() == (std::vector<std::string>{"fc", "act", "out"}), boost::test_tools::per_element());
  BOOST_TEST(dict->named_parameters().keys() ==
                 (std::vector<std::string>{"fc.weight", "fc.bias", "out.weight", "out.bias"}),
             boost::test_tools::per_element());
  BOOST_TEST(dict->contains("act"));
  BOOST_TEST(!dict->contains("relu"));
  BOOST_TEST(dict["act"]->name() == "xg::nn::ReLUImpl");
  BOOST_TEST(dict->at<nn::LinearImpl>("out").options.out_features() == 2);
  BOOST_TEST(starts_with(error_of([&] { dict->at<nn::LinearImpl>("act"); }), "[ModuleDict] the module under key 'act'"));
  BOOST_TEST(error_of([&] { dict["relu"]; }) == "[ModuleDict] key 'relu' is not defined");

  // A known key is replaced in place: same position, and the child under that name follows.
  const auto tanh = std::make_shared<nn::TanhImpl>();
  dict->update(Pairs{{"act", tanh}});
  BOOST_TEST(dict->keys() == (std::vector<std::string>{"fc", "act", "out"}), boost::test_tools::per_element());
  BOOST_TEST(dict->named_children()["act"] == std::shared_ptr<nn::Module>(tanh));
  BOOST_TEST(dict->values()[1] == std::shared_ptr<nn::Module>(tanh));
  BOOST_TEST(dict->items()[2].first == "out");

  // Iteration in insertion order, and a forward pass through it.
  Tensor x = xg::randn({2, 3});
  std::vector<std::string> seen;
  for (const auto& item : *dict) {
    seen.push_back(item.key());
    if (auto* linear = item.value()->as<nn::Linear>()) x = linear->forward(x);
  }
  BOOST_TEST(seen == dict->keys(), boost::test_tools::per_element());
  BOOST_TEST(x.sizes() == (std::vector<int64_t>{2, 2}));

  // A deep clone: same keys and values, separate parameters.
  auto copy = std::dynamic_pointer_cast<nn::ModuleDictImpl>(dict->clone());
  BOOST_TEST(copy->keys() == dict->keys(), boost::test_tools::per_element());
  BOOST_TEST(copy->at<nn::LinearImpl>("fc").weight.equal(dict->at<nn::LinearImpl>("fc").weight));
  BOOST_TEST(!copy->at<nn::LinearImpl>("fc").weight.is_same(dict->at<nn::LinearImpl>("fc").weight));

  // pop and clear also unregister, so the parameters leave named_parameters().
  const auto out = dict->pop("out");
  BOOST_TEST(out->name() == "xg::nn::LinearImpl");
  BOOST_TEST(dict->named_parameters().keys() == (std::vector<std::string>{"fc.weight", "fc.bias"}),
             boost::test_tools::per_element());
  BOOST_TEST(error_of([&] { dict->pop("out"); }) == "[ModuleDict] key 'out' is not defined");
  dict->clear();
  BOOST_TEST(dict->empty());
  BOOST_TEST(dict->children().empty());

  xg::OrderedDict<std::string, std::shared_ptr<nn::Module>> ordered;
  ordered.insert("b", nn::Linear(1, 1).ptr());
  ordered.insert("a", nn::Linear(1, 1).ptr());
  BOOST_TEST(nn::ModuleDict(ordered)->keys() == (std::vector<std::string>{"b", "a"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(parameter_list_api) {
  nn::ParameterList list(xg::ones({2}), xg::zeros({2, 3}, xg::requires_grad()));
  list->append(xg::full({3}, 2.0, xg::requires_grad()));
  BOOST_TEST(list->size() == 3u);
  BOOST_TEST(list->named_parameters().keys() == (std::vector<std::string>{"0", "1", "2"}),
             boost::test_tools::per_element());
  // Each keeps its own requires_grad, as in LibTorch.
  BOOST_TEST(!list[0].requires_grad());
  BOOST_TEST(list->at(1).requires_grad());
  BOOST_TEST(error_of([&] { list->at(3); }) == "[ParameterList] index 3 is out of range for a ParameterList of 3 parameters");

  // Gradients reach the stored tensors.
  (list[1].sum() * 3 + list[2].pow(2).sum()).backward();
  BOOST_TEST(list[1].grad().equal(xg::full({2, 3}, 3.0)));
  BOOST_TEST(list[2].grad().equal(xg::full({3}, 4.0)));

  nn::ParameterList more;
  more->extend(std::vector<Tensor>{xg::ones({1}), xg::ones({4})});
  *more += *list;  // items of another list: their values, under new indices
  BOOST_TEST(more->size() == 5u);
  BOOST_TEST(more[4].is_same(list[2]));
  std::vector<std::string> keys;
  for (const auto& item : *more) keys.push_back(item.key());
  BOOST_TEST(keys == (std::vector<std::string>{"0", "1", "2", "3", "4"}), boost::test_tools::per_element());

  auto copy = std::dynamic_pointer_cast<nn::ParameterListImpl>(list->clone());
  BOOST_TEST(copy->size() == 3u);
  BOOST_TEST(copy->at(2).equal(list[2]));
  BOOST_TEST(!copy->at(2).is_same(list[2]));
  BOOST_TEST(copy->at(2).requires_grad());
  BOOST_TEST(copy->at(2).is_leaf());
  BOOST_TEST(!copy->at(0).requires_grad());
}

BOOST_AUTO_TEST_CASE(parameter_dict_api) {
  xg::OrderedDict<std::string, Tensor> initial;
  initial.insert("alpha", xg::ones({1}, xg::requires_grad()));
  initial.insert("beta", xg::zeros({2}, xg::kDouble));
  nn::ParameterDict dict(initial);
  dict->insert("gamma", xg::full({3}, 0.5, xg::requires_grad()));
  BOOST_TEST(dict->keys() == (std::vector<std::string>{"alpha", "beta", "gamma"}), boost::test_tools::per_element());
  BOOST_TEST(dict->named_parameters().keys() == dict->keys(), boost::test_tools::per_element());
  BOOST_TEST(dict["alpha"].is_same(initial["alpha"]));
  BOOST_TEST(dict->get("alpha").requires_grad());
  BOOST_TEST(!dict->get("beta").requires_grad());
  BOOST_TEST(dict->contains("gamma"));
  BOOST_TEST(dict->values()[2].equal(xg::full({3}, 0.5)));
  BOOST_TEST(dict->items()[1].first == "beta");
  BOOST_TEST(error_of([&] { dict->insert("beta", xg::ones({1})); }) == "[ParameterDict] key 'beta' is already defined");
  BOOST_TEST(error_of([&] { dict["delta"]; }) == "[ParameterDict] key 'delta' is not defined");

  // update replaces known keys in place and appends new ones.
  xg::OrderedDict<std::string, Tensor> changes;
  changes.insert("beta", xg::ones({4}));
  changes.insert("delta", xg::ones({5}));
  dict->update(changes);
  BOOST_TEST(dict->keys() == (std::vector<std::string>{"alpha", "beta", "gamma", "delta"}),
             boost::test_tools::per_element());
  BOOST_TEST(dict["beta"].is_same(changes["beta"]));
  BOOST_TEST(dict->named_parameters()["beta"].is_same(changes["beta"]));

  auto copy = std::dynamic_pointer_cast<nn::ParameterDictImpl>(dict->clone());
  BOOST_TEST(copy->keys() == dict->keys(), boost::test_tools::per_element());
  BOOST_TEST(copy->get("gamma").equal(dict["gamma"]));
  BOOST_TEST(!copy->get("gamma").is_same(dict["gamma"]));
  BOOST_TEST(copy->get("gamma").requires_grad());

  const Tensor popped = dict->pop("gamma");
  BOOST_TEST(popped.equal(xg::full({3}, 0.5)));
  BOOST_TEST(!dict->contains("gamma"));
  BOOST_TEST(dict->named_parameters().size() == 3u);
  BOOST_TEST(error_of([&] { dict->pop("gamma"); }) == "[ParameterDict] key 'gamma' is not defined");
  dict->clear();
  BOOST_TEST(dict->empty());
  BOOST_TEST(dict->parameters().empty());
}

namespace {
struct HoldsContainersImpl : nn::Module {
  HoldsContainersImpl() {
    using Pairs = std::vector<std::pair<std::string, std::shared_ptr<nn::Module>>>;
    heads = register_module("heads", nn::ModuleDict(Pairs{{"a", nn::Linear(2, 3).ptr()}, {"b", nn::Linear(3, 1).ptr()}}));
    weights = register_module("weights", nn::ParameterList(xg::randn({2, 2}), xg::randn({3})));
    xg::OrderedDict<std::string, Tensor> scales;
    scales.insert("s", xg::randn({1}, xg::requires_grad()));
    extra = register_module("extra", nn::ParameterDict(scales));
  }
  nn::ModuleDict heads{nullptr};
  nn::ParameterList weights{nullptr};
  nn::ParameterDict extra{nullptr};
};
XG_MODULE(HoldsContainers);
}  // namespace

BOOST_AUTO_TEST_CASE(containers_in_a_module_save_and_load) {
  xg::manual_seed(1);
  HoldsContainers saved;
  BOOST_TEST(saved->named_parameters().keys() ==
                 (std::vector<std::string>{"heads.a.weight", "heads.a.bias", "heads.b.weight", "heads.b.bias",
                                           "weights.0", "weights.1", "extra.s"}),
             boost::test_tools::per_element());
  test_util::TempDir dir;
  xg::save(saved, dir / "containers.npz");
  xg::manual_seed(2);
  HoldsContainers loaded;
  BOOST_TEST(!loaded->weights[0].equal(saved->weights[0]));
  xg::load(loaded, dir / "containers.npz");
  const auto expected = saved->named_parameters();
  for (const auto& item : loaded->named_parameters()) {
    BOOST_TEST_CONTEXT(item.key()) { BOOST_TEST(item.value().equal(expected[item.key()])); }
  }
}

BOOST_AUTO_TEST_CASE(functional_module) {
  nn::Functional leaky(xg::leaky_relu, 0.5);
  BOOST_TEST(leaky(xg::tensor({-2.0, 3.0})).equal(xg::tensor({-1.0, 3.0})));
  nn::Sequential seq(nn::Linear(2, 2), nn::Functional([](Tensor x) { return x * 2; }));
  BOOST_TEST(seq(xg::randn({3, 2})).sizes() == (std::vector<int64_t>{3, 2}));
}

// ---- Layers --------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(dropout_modes) {
  nn::Dropout dropout(0.4);
  const Tensor x = xg::ones({1000});
  xg::manual_seed(0);
  const Tensor y = dropout(x);
  const std::vector<double> v = test_util::values(y);
  int zeros = 0;
  for (double e : v) {
    BOOST_TEST((e == 0.0 || std::abs(e - 1 / 0.6) < 1e-6));
    zeros += e == 0.0;
  }
  BOOST_TEST(zeros > 330);
  BOOST_TEST(zeros < 470);
  dropout->eval();
  BOOST_TEST(dropout(x).is_same(x));  // identity in eval mode
  BOOST_TEST(starts_with(error_of([] { nn::Dropout(1.5); }), "[Dropout] dropout probability has to be between 0 and 1"));
  BOOST_TEST(starts_with(error_of([&] { F::dropout(x, F::DropoutFuncOptions().p(-0.1)); }), "[dropout]"));
}

BOOST_AUTO_TEST_CASE(inplace_options) {
  const Tensor source = xg::tensor({-2.0, -0.5, 0.5, 2.0}, xg::kDouble);
  Tensor a = source.clone();
  nn::ReLU(true)(a);
  BOOST_TEST(a.equal(xg::relu(source)));
  Tensor b = source.clone();
  F::leaky_relu(b, F::LeakyReLUFuncOptions().negative_slope(0.1).inplace(true));
  BOOST_TEST(b.equal(xg::leaky_relu(source, 0.1)));
  Tensor c = source.clone();
  nn::ELU(nn::ELUOptions().inplace(true))(c);
  BOOST_TEST(c.allclose(xg::elu(source)));
  Tensor d = source.clone() * 4;
  nn::ReLU6(true)(d);
  BOOST_TEST(d.equal(xg::tensor({0.0, 0.0, 2.0, 6.0}, xg::kDouble)));
  Tensor e = source.clone();
  nn::Hardtanh(nn::HardtanhOptions().min_val(-1).max_val(0.75).inplace(true))(e);
  BOOST_TEST(e.equal(xg::tensor({-1.0, -0.5, 0.5, 0.75}, xg::kDouble)));
  Tensor s = source.clone();
  F::selu(s, F::SELUFuncOptions(true));
  BOOST_TEST(s.allclose(xg::elu(source, 1.6732632423543772, 1.0507009873554805)));
  // Through an in-place hardtanh on a non-leaf, the gradient is 1 inside the bounds only.
  const Tensor x = source.clone().requires_grad_();
  Tensor y = x * 1;
  F::hardtanh(y, F::HardtanhFuncOptions().inplace(true));
  y.sum().backward();
  BOOST_TEST(x.grad().equal(xg::tensor({0.0, 1.0, 1.0, 0.0}, xg::kDouble)));
  // In place on a non-leaf: the gradient flows through the overwritten tensor.
  const Tensor leaf = source.clone().requires_grad_();
  Tensor hidden = leaf * 2;
  F::relu(hidden, true);
  hidden.sum().backward();
  BOOST_TEST(leaf.grad().equal(xg::tensor({0.0, 0.0, 2.0, 2.0}, xg::kDouble)));
  // In place on a leaf that requires grad is refused, as in torch.
  BOOST_TEST(!error_of([&] { Tensor l = leaf; F::relu(l, true); }).empty());
}

BOOST_AUTO_TEST_CASE(linear_shapes_and_errors) {
  nn::Linear linear(4, 3);
  BOOST_TEST(linear(xg::randn({2, 5, 4})).sizes() == (std::vector<int64_t>{2, 5, 3}));
  BOOST_TEST(linear(xg::randn({4})).sizes() == (std::vector<int64_t>{3}));
  BOOST_TEST(starts_with(error_of([&] { linear(xg::randn({2, 5})); }), "[linear] input sizes [2, 5] do not end in in_features=4"));
  nn::Flatten flatten;
  BOOST_TEST(flatten(xg::randn({2, 3, 4})).sizes() == (std::vector<int64_t>{2, 12}));
}

// ---- init and utils ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(init_helpers) {
  BOOST_TEST(nn::init::calculate_gain(xg::kReLU) == std::sqrt(2.0));
  BOOST_TEST(nn::init::calculate_gain(xg::kTanh) == 5.0 / 3.0);
  BOOST_TEST(nn::init::calculate_gain(xg::kLeakyReLU, 0.2) == std::sqrt(2.0 / 1.04));
  const auto fans = nn::init::_calculate_fan_in_and_fan_out(xg::empty({5, 3, 2, 2}));
  BOOST_TEST(std::get<0>(fans) == 12);
  BOOST_TEST(std::get<1>(fans) == 20);
  BOOST_TEST(starts_with(error_of([] { nn::init::xavier_uniform_(xg::empty({5})); }), "[_calculate_fan_in_and_fan_out]"));
  BOOST_TEST(starts_with(error_of([] { nn::init::kaiming_normal_(xg::empty({5})); }), "[kaiming_normal_]"));
  // Works on parameters that require grad, without recording anything.
  nn::Linear linear(3, 3);
  nn::init::eye_(linear->weight);
  BOOST_TEST(linear->weight.is_leaf());
  BOOST_TEST(linear->weight.equal(xg::eye(3)));
  nn::init::zeros_(linear->bias);
  BOOST_TEST(linear->bias.abs().sum().item<double>() == 0.0);
  BOOST_TEST(xg::enumtype::get_enum_name(nn::init::FanModeType(xg::kFanOut)) == "kFanOut");
}

// orthogonal_ fills a [rows, cols] matrix (the trailing dims flattened into cols) whose rows
// (when rows <= cols) or columns are orthonormal, times gain; each call draws a new matrix.
BOOST_AUTO_TEST_CASE(init_orthogonal) {
  for (const auto dtype : {xg::kFloat, xg::kDouble}) {
    const double tolerance = dtype == xg::kFloat ? 1e-5 : 1e-12;
    for (const std::vector<int64_t>& shape : {std::vector<int64_t>{4, 4}, {3, 5}, {6, 2}, {2, 3, 4}, {1, 3}}) {
      for (const double gain : {1.0, 0.5}) {
        Tensor w = xg::empty(shape, xg::dtype(dtype));
        Tensor same = nn::init::orthogonal_(w, gain);
        BOOST_TEST(same.is_same(w));
        const Tensor m = w.reshape({shape[0], -1}).to(xg::kDouble) / gain;
        const bool wide = m.size(0) <= m.size(1);
        const Tensor gram = wide ? m.matmul(m.t()) : m.t().matmul(m);
        const int64_t n = gram.size(0);
        const double error = (gram - xg::eye(n, xg::kDouble)).abs().max().item<double>();
        BOOST_TEST(error < tolerance, "shape " << w.sizes() << " gain " << gain << ": |W W^T - I| = " << error);
      }
    }
  }
  Tensor a = nn::init::orthogonal_(xg::empty({3, 3}));
  Tensor b = nn::init::orthogonal_(xg::empty({3, 3}));
  BOOST_TEST(!a.allclose(b));
  BOOST_TEST(nn::init::orthogonal_(xg::empty({0, 3})).numel() == 0);
}

BOOST_AUTO_TEST_CASE(utils_clip_and_vectors) {
  nn::Linear linear(3, 2);
  linear(xg::ones({4, 3})).sum().mul(100).backward();
  const double norm = nn::utils::clip_grad_norm_(linear->parameters(), 1.0);
  BOOST_TEST(norm > 1.0);
  double clipped = 0;
  for (const Tensor& p : linear->parameters()) clipped += p.grad().square().sum().item<double>();
  BOOST_TEST(std::sqrt(clipped) == 1.0, boost::test_tools::tolerance(1e-5));
  nn::utils::clip_grad_value_(linear->parameters(), 0.01);
  for (const Tensor& p : linear->parameters()) BOOST_TEST(p.grad().abs().max().item<double>() <= 0.01 + 1e-9);
  BOOST_TEST(nn::utils::clip_grad_norm_(std::vector<Tensor>{xg::ones({2})}, 1.0) == 0.0);  // no gradients
  Tensor bad = xg::zeros({2}).requires_grad_();
  bad.mutable_grad() = xg::tensor({std::numeric_limits<double>::infinity(), 1.0});
  BOOST_TEST(starts_with(error_of([&] { nn::utils::clip_grad_norm_(bad, 1.0, 2.0, true); }), "[clip_grad_norm_]"));

  const Tensor flat = nn::utils::parameters_to_vector(linear->parameters());
  BOOST_TEST(flat.sizes() == std::vector<int64_t>{8});
  nn::utils::vector_to_parameters(xg::arange(8, xg::kFloat), linear->parameters());
  BOOST_TEST(linear->weight.equal(xg::arange(6, xg::kFloat).reshape({2, 3})));
  BOOST_TEST(linear->bias.equal(xg::tensor({6.0f, 7.0f})));
  BOOST_TEST(linear->weight.requires_grad());
  BOOST_TEST(starts_with(error_of([&] { nn::utils::vector_to_parameters(xg::zeros({3}), linear->parameters()); }),
                         "[vector_to_parameters] expected a 1-D tensor of 8 elements"));
}

// ---- Loss errors ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(loss_errors_name_the_loss) {
  const Tensor x = xg::randn({4, 3});
  const Tensor classes = xg::tensor({0, 2, 1, 0});
  struct Expectation {
    std::string prefix;
    std::function<void()> call;
  };
  const std::vector<Expectation> cases = {
      {"[mse_loss] target dtype Long differs from input dtype Float", [&] { F::mse_loss(x, xg::zeros({4, 3}, xg::kLong)); }},
      {"[mse_loss] target sizes [4] differ from input sizes [4, 3]", [&] { nn::MSELoss()(x, xg::randn({4})); }},
      {"[l1_loss] target sizes", [&] { F::l1_loss(x, xg::randn({4, 1})); }},
      {"[smooth_l1_loss] beta must not be negative", [&] { F::smooth_l1_loss(x, x, {}, -1.0); }},
      {"[huber_loss] delta must be positive", [&] { nn::HuberLoss(nn::HuberLossOptions().delta(0))(x, x); }},
      {"[binary_cross_entropy] all elements of input should be between 0 and 1", [&] { nn::BCELoss()(x * 10, xg::ones({4, 3})); }},
      {"[binary_cross_entropy] target sizes", [&] { nn::BCELoss()(xg::sigmoid(x), xg::ones({4})); }},
      {"[binary_cross_entropy_with_logits] target dtype Long", [&] { nn::BCEWithLogitsLoss()(x, xg::ones({4, 3}, xg::kLong)); }},
      {"[nll_loss] expected a target of class indices with dtype Long, got Float", [&] { nn::NLLLoss()(x, xg::zeros({4})); }},
      {"[nll_loss] target 3 is out of range for 3 classes (expected 0 to 2, or ignore_index=-100)",
       [&] { nn::NLLLoss()(x, xg::tensor({0, 3, 1, 0})); }},
      {"[nll_loss] input batch size (4) does not match target batch size (3)", [&] { F::nll_loss(x, xg::tensor({0, 1, 2})); }},
      {"[nll_loss] weight must be a 1-D tensor with one entry per class (3)",
       [&] { F::nll_loss(x, classes, F::NLLLossFuncOptions().weight(xg::ones({2}))); }},
      {"[cross_entropy] target -1 is out of range for 3 classes", [&] { nn::CrossEntropyLoss()(x, xg::tensor({0, -1, 1, 0})); }},
      {"[cross_entropy] expected a target with 1 dims", [&] { F::cross_entropy(x, xg::zeros({4, 1}, xg::kLong)); }},
      {"[cross_entropy] a target of class probabilities must have the input's sizes [4, 3], got [4]",
       [&] { F::cross_entropy(x, xg::zeros({4})); }},
      {"[cross_entropy] label_smoothing must be between 0.0 and 1.0",
       [&] { F::cross_entropy(x, classes, F::CrossEntropyFuncOptions().label_smoothing(1.5)); }},
  };
  for (const Expectation& e : cases) {
    BOOST_TEST_CONTEXT(e.prefix) {
      const std::string message = error_of(e.call);
      BOOST_TEST(starts_with(message, e.prefix), "got: " << message);
    }
  }
}

BOOST_AUTO_TEST_CASE(loss_reduction_spellings) {
  const Tensor x = xg::randn({3, 2}), y = xg::randn({3, 2});
  BOOST_TEST(F::mse_loss(x, y, xg::kSum).allclose(xg::square(x - y).sum()));
  BOOST_TEST(nn::MSELoss(xg::kNone)(x, y).sizes() == (std::vector<int64_t>{3, 2}));
  BOOST_TEST(xg::mse_loss(x, y, xg::Reduction::Sum).allclose(F::mse_loss(x, y, xg::kSum)));
  BOOST_TEST(xg::enumtype::get_enum_name(nn::MSELossOptions().reduction()) == "kMean");
  BOOST_TEST(F::cross_entropy(x, xg::tensor({0, 1, 1}), xg::kSum).dim() == 0);
}

BOOST_AUTO_TEST_CASE(bce_gradient_stays_finite_when_saturated) {
  // A sigmoid saturated to exactly 1.0 in float: log(1 - x) is clamped, and the gradient is finite.
  const Tensor logits = xg::tensor({30.0f, -30.0f, 0.5f}).requires_grad_();
  const Tensor loss = F::binary_cross_entropy(xg::sigmoid(logits), xg::tensor({0.0f, 1.0f, 1.0f}));
  loss.backward();
  BOOST_TEST(std::isfinite(loss.item<double>()));
  for (double g : test_util::values(logits.grad())) BOOST_TEST(std::isfinite(g));
  // -log(1 - 1) clamped to 100, -log(sigmoid(-30)) = 30, -log(sigmoid(0.5))
  const double expected = (100 + std::log1p(std::exp(-30.0)) + 30 + std::log1p(std::exp(-0.5))) / 3;
  BOOST_TEST(loss.item<double>() == expected, boost::test_tools::tolerance(1e-5));
}

// ---- Gradients -----------------------------------------------------------------------------------

namespace {

struct GradCase {
  std::string name;
  std::function<Tensor(const variable_list&)> fn;
  variable_list inputs;
  bool second_order = true;
};

// Values kept away from the kinks of relu-like functions and of |x - y|.
Tensor away_from_zero(std::vector<int64_t> sizes) {
  const Tensor x = randn64(sizes);
  return xg::where(x.abs() < 0.1, x.sign() * 0.2 + x, x);
}

std::vector<GradCase> grad_cases() {
  xg::manual_seed(123);
  const Tensor x = away_from_zero({3, 4});
  const Tensor y = randn64({3, 4});
  const Tensor probs = xg::sigmoid(randn64({3, 4}));
  const Tensor soft = xg::rand({3, 4}, xg::kDouble);
  const Tensor classes = xg::tensor({2, 0, 3});
  const Tensor class_weight = xg::tensor({1.0, 2.0, 0.5, 1.5}, xg::kDouble);
  const Tensor pos_weight = xg::tensor({2.0, 0.5, 1.0, 3.0}, xg::kDouble);
  auto leaf = [](const Tensor& t) { return t.clone().requires_grad_(); };
  nn::Sequential seq(nn::Linear(4, 5), nn::Tanh(), nn::Linear(5, 2));
  seq->to(xg::kDouble);

  std::vector<GradCase> cases = {
      {"linear", [](const variable_list& v) { return F::linear(v[0], v[1], v[2]); },
       {leaf(x), leaf(randn64({2, 4})), leaf(randn64({2}))}},
      {"linear_module", [seq](const variable_list& v) mutable { return seq->forward(v[0]); }, {leaf(x)}},
      {"flatten", [](const variable_list& v) { return nn::Flatten()(v[0]); }, {leaf(randn64({2, 2, 3}))}},
      {"identity", [](const variable_list& v) { return nn::Identity()(v[0]); }, {leaf(x)}},
      {"relu", [](const variable_list& v) { return nn::ReLU()(v[0]); }, {leaf(x)}},
      {"leaky_relu", [](const variable_list& v) { return nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2))(v[0]); },
       {leaf(x)}},
      {"elu", [](const variable_list& v) { return nn::ELU(nn::ELUOptions().alpha(0.7))(v[0]); }, {leaf(x)}},
      {"gelu", [](const variable_list& v) { return nn::GELU()(v[0]); }, {leaf(x)}},
      {"gelu_tanh", [](const variable_list& v) { return nn::GELU(nn::GELUOptions().approximate("tanh"))(v[0]); },
       {leaf(x)}},
      {"erf", [](const variable_list& v) { return xg::erf(v[0]); }, {leaf(x)}},
      {"sigmoid", [](const variable_list& v) { return nn::Sigmoid()(v[0]); }, {leaf(x)}},
      {"tanh", [](const variable_list& v) { return nn::Tanh()(v[0]); }, {leaf(x)}},
      {"softmax", [](const variable_list& v) { return nn::Softmax(1)(v[0]); }, {leaf(x)}},
      {"log_softmax", [](const variable_list& v) { return nn::LogSoftmax(0)(v[0]); }, {leaf(x)}},
      {"dropout", [](const variable_list& v) {
         xg::manual_seed(5);  // the same mask at every evaluation
         return nn::Dropout(0.3)(v[0]);
       }, {leaf(x)}},
  };
  for (const std::string r : {"none", "mean", "sum"}) {
    const int64_t red = r == "none" ? xg::Reduction::None : r == "sum" ? xg::Reduction::Sum : xg::Reduction::Mean;
    const variable_list pair = {leaf(x), leaf(y)};
    cases.push_back({"mse_" + r, [red](const variable_list& v) { return xg::mse_loss(v[0], v[1], red); }, pair});
    cases.push_back({"l1_" + r, [red](const variable_list& v) { return xg::l1_loss(v[0], v[1], red); },
                     {leaf(x + y), leaf(y)}});
    cases.push_back({"smooth_l1_" + r,
                     [red](const variable_list& v) { return xg::smooth_l1_loss(v[0], v[1], red, 0.8); },
                     {leaf(x * 1.3 + y), leaf(y)}});
    cases.push_back({"huber_" + r, [red](const variable_list& v) { return xg::huber_loss(v[0], v[1], red, 0.8); },
                     {leaf(x * 1.3 + y), leaf(y)}});
    cases.push_back({"bce_" + r,
                     [red](const variable_list& v) { return xg::binary_cross_entropy(v[0], v[1], Tensor(), red); },
                     {leaf(probs), leaf(soft)}});
    cases.push_back({"bce_weight_" + r,
                     [red, class_weight](const variable_list& v) {
                       return xg::binary_cross_entropy(v[0], v[1], class_weight, red);
                     },
                     {leaf(probs), leaf(soft)}});
    cases.push_back({"bce_logits_" + r,
                     [red, class_weight, pos_weight](const variable_list& v) {
                       return xg::binary_cross_entropy_with_logits(v[0], v[1], class_weight, pos_weight, red);
                     },
                     {leaf(x * 3), leaf(soft)}});
    cases.push_back({"nll_" + r,
                     [red, classes, class_weight](const variable_list& v) {
                       return xg::nll_loss(v[0], classes, class_weight, red, /*ignore_index=*/0);
                     },
                     {leaf(x)}});
    cases.push_back({"cross_entropy_" + r,
                     [red, classes, class_weight](const variable_list& v) {
                       return xg::cross_entropy_loss(v[0], classes, class_weight, red, -100, 0.15);
                     },
                     {leaf(x)}});
    cases.push_back({"cross_entropy_probabilities_" + r,
                     [red, class_weight](const variable_list& v) {
                       return xg::cross_entropy_loss(v[0], xg::softmax(v[1], 1), class_weight, red, -100, 0.1);
                     },
                     {leaf(x), leaf(y)}});
  }
  cases.push_back({"nll_3d", [](const variable_list& v) { return F::nll_loss(v[0], xg::tensor({{0, 2}, {1, 1}})); },
                   {leaf(randn64({2, 3, 2}))}});
  cases.push_back({"loss_modules",
                   [y](const variable_list& v) {
                     return nn::CrossEntropyLoss()(v[0], xg::tensor({1, 0, 3})) + nn::SmoothL1Loss()(v[0], y) +
                            nn::HuberLoss()(v[0], y * 2) + nn::L1Loss()(v[0], xg::full_like(y, 10.0)) + nn::MSELoss()(v[0], y);
                   },
                   {leaf(x)}});
  return cases;
}

}  // namespace

BOOST_AUTO_TEST_CASE(gradcheck_every_layer_and_loss) {
  for (const GradCase& c : grad_cases()) {
    BOOST_TEST_CONTEXT(c.name) {
      const std::string first = error_of([&] { xg::autograd::gradcheck(c.fn, c.inputs); });
      BOOST_TEST(first.empty(), first);
      if (c.second_order) {
        const std::string second = error_of([&] { xg::autograd::gradgradcheck(c.fn, c.inputs); });
        BOOST_TEST(second.empty(), second);
      }
    }
  }
}

// ---- Training ------------------------------------------------------------------------------------

namespace {

// A two-layer network: Linear(in, hidden) -> Tanh -> Linear(hidden, out).
nn::Sequential two_layer(int64_t in, int64_t hidden, int64_t out) {
  return nn::Sequential(nn::Linear(in, hidden), nn::Tanh(), nn::Linear(hidden, out));
}

struct Regression {
  Tensor x, y;
};
Regression regression_data() {
  xg::manual_seed(10);
  const Tensor x = xg::rand({64, 2}) * 2 - 1;
  const Tensor y = (xg::sin(x.select(1, 0) * 2) + x.select(1, 1) * 0.5).unsqueeze(1);
  return {x, y};
}

struct Classification {
  Tensor x, labels;
};
// Three Gaussian blobs in the plane, 30 points each.
Classification blobs() {
  xg::manual_seed(11);
  std::vector<Tensor> xs, ys;
  const double centers[3][2] = {{2, 0}, {-1, 1.7}, {-1, -1.7}};
  for (int k = 0; k < 3; ++k) {
    xs.push_back(xg::randn({30, 2}) * 0.5 + xg::tensor({centers[k][0], centers[k][1]}, xg::kFloat));
    ys.push_back(xg::full({30}, k, xg::kLong));
  }
  return {xg::cat(xs), xg::cat(ys)};
}

double accuracy(const Tensor& scores, const Tensor& labels) {
  return (scores.argmax(1) == labels).to(xg::kDouble).mean().item<double>();
}

// Trains `model` full-batch with Adam on loss(model(x)); returns (first loss, last loss).
std::pair<double, double> train(nn::Sequential model, const Tensor& x,
                                const std::function<Tensor(const Tensor&)>& loss_of, int steps, double lr = 0.02) {
  xg::optim::Adam optimizer(model->parameters(), xg::optim::AdamOptions(lr));
  double first = 0, last = 0;
  for (int step = 0; step < steps; ++step) {
    optimizer.zero_grad();
    Tensor loss = loss_of(model(x));
    loss.backward();
    optimizer.step();
    if (step == 0) first = loss.item<double>();
    last = loss.item<double>();
  }
  return {first, last};
}

}  // namespace

BOOST_AUTO_TEST_CASE(regression_converges_with_each_loss) {
  const Regression data = regression_data();
  struct LossCase {
    std::string name;
    std::function<Tensor(const Tensor&, const Tensor&)> loss;
  };
  const std::vector<LossCase> losses = {
      {"MSELoss", [](const Tensor& p, const Tensor& y) { return nn::MSELoss()(p, y); }},
      {"L1Loss", [](const Tensor& p, const Tensor& y) { return nn::L1Loss()(p, y); }},
      {"SmoothL1Loss", [](const Tensor& p, const Tensor& y) { return nn::SmoothL1Loss()(p, y); }},
      {"HuberLoss", [](const Tensor& p, const Tensor& y) { return nn::HuberLoss(nn::HuberLossOptions().delta(0.5))(p, y); }},
  };
  for (const LossCase& l : losses) {
    BOOST_TEST_CONTEXT(l.name) {
      xg::manual_seed(1);
      nn::Sequential model = two_layer(2, 16, 1);
      const double before = F::mse_loss(model(data.x), data.y).item<double>();
      train(model, data.x, [&](const Tensor& p) { return l.loss(p, data.y); }, 400);
      const double after = F::mse_loss(model(data.x), data.y).item<double>();
      // Threshold: the mean squared error falls below 0.01 (from about 0.5) whatever loss drives it.
      BOOST_TEST_MESSAGE(l.name << ": mse " << before << " -> " << after);
      BOOST_TEST(after < 0.01, "mse before " << before << ", after " << after);
    }
  }
}

BOOST_AUTO_TEST_CASE(classification_converges_with_each_loss) {
  const Classification data = blobs();
  const Tensor is_first = (data.labels == 0).to(xg::kFloat).unsqueeze(1);  // a binary task: class 0 or not
  struct LossCase {
    std::string name;
    int64_t outputs;
    std::function<Tensor(const Tensor&)> loss;
    std::function<double(const Tensor&)> accuracy;
  };
  const std::vector<LossCase> losses = {
      {"CrossEntropyLoss", 3, [&](const Tensor& s) { return nn::CrossEntropyLoss()(s, data.labels); },
       [&](const Tensor& s) { return accuracy(s, data.labels); }},
      {"CrossEntropyLoss_smoothing", 3,
       [&](const Tensor& s) { return F::cross_entropy(s, data.labels, F::CrossEntropyFuncOptions().label_smoothing(0.1)); },
       [&](const Tensor& s) { return accuracy(s, data.labels); }},
      {"NLLLoss", 3, [&](const Tensor& s) { return nn::NLLLoss()(nn::LogSoftmax(1)(s), data.labels); },
       [&](const Tensor& s) { return accuracy(s, data.labels); }},
      {"BCELoss", 1, [&](const Tensor& s) { return nn::BCELoss()(nn::Sigmoid()(s), is_first); },
       [&](const Tensor& s) { return ((s > 0).to(xg::kFloat) == is_first).to(xg::kDouble).mean().item<double>(); }},
      {"BCEWithLogitsLoss", 1, [&](const Tensor& s) { return nn::BCEWithLogitsLoss()(s, is_first); },
       [&](const Tensor& s) { return ((s > 0).to(xg::kFloat) == is_first).to(xg::kDouble).mean().item<double>(); }},
  };
  for (const LossCase& l : losses) {
    BOOST_TEST_CONTEXT(l.name) {
      xg::manual_seed(2);
      nn::Sequential model = two_layer(2, 16, l.outputs);
      const auto [first, last] = train(model, data.x, l.loss, 200);
      // Thresholds: the loss falls to under a third, and at least 95% of the points are classified right.
      const double correct = l.accuracy(model(data.x));
      BOOST_TEST_MESSAGE(l.name << ": loss " << first << " -> " << last << ", accuracy " << correct);
      BOOST_TEST(last < first / 3, "loss " << first << " -> " << last);
      BOOST_TEST(correct >= 0.95);
    }
  }
}

BOOST_AUTO_TEST_CASE(small_regression_and_classification_with_sgd) {
  // A LibTorch-style loop with SGD: y = 3 x - 1 by one Linear layer, to within 1e-3.
  xg::manual_seed(3);
  nn::Linear line(1, 1);
  const Tensor x = xg::linspace(-1, 1, 20).unsqueeze(1);
  const Tensor y = x * 3 - 1;
  xg::optim::SGD sgd(line->parameters(), xg::optim::SGDOptions(0.1).momentum(0.9));
  for (int step = 0; step < 300; ++step) {
    sgd.zero_grad();
    Tensor loss = F::mse_loss(line(x), y);
    loss.backward();
    sgd.step();
  }
  BOOST_TEST(line->weight.item<double>() == 3.0, boost::test_tools::tolerance(1e-3));
  BOOST_TEST(line->bias.item<double>() == -1.0, boost::test_tools::tolerance(1e-3));

  // Three blobs with a two-layer network, dropout and SGD: 100% training accuracy.
  const Classification data = blobs();
  xg::manual_seed(4);
  nn::Sequential model(nn::Linear(2, 32), nn::ReLU(), nn::Dropout(0.1), nn::Linear(32, 3));
  xg::optim::SGD optimizer(model->parameters(), xg::optim::SGDOptions(0.05).momentum(0.9));
  for (int step = 0; step < 200; ++step) {
    optimizer.zero_grad();
    Tensor loss = F::cross_entropy(model(data.x), data.labels);
    loss.backward();
    optimizer.step();
  }
  model->eval();
  xg::NoGradGuard no_grad;
  BOOST_TEST(accuracy(model(data.x), data.labels) >= 0.98);
}

// ---- padding layers: printed form, shapes and the border's value (LibTorch 1.13's, from a probe) ----

BOOST_AUTO_TEST_CASE(pad_modules_print_as_libtorch) {
  auto printed = [](const auto& holder) {
    std::ostringstream out;
    out << holder;
    return out.str();
  };
  BOOST_TEST(printed(nn::ReflectionPad2d(nn::ReflectionPad2dOptions({1, 1, 2, 0}))) ==
             "torch::nn::ReflectionPad2d(padding=[1, 1, 2, 0])");
  BOOST_TEST(printed(nn::ReflectionPad1d(nn::ReflectionPad1dOptions({1, 2}))) == "torch::nn::ReflectionPad1d(padding=[1, 2])");
  BOOST_TEST(printed(nn::ReplicationPad2d(nn::ReplicationPad2dOptions(2))) ==
             "torch::nn::ReplicationPad2d(padding=[2, 2, 2, 2])");
  BOOST_TEST(printed(nn::ReplicationPad1d(nn::ReplicationPad1dOptions({3, 1}))) ==
             "torch::nn::ReplicationPad1d(padding=[3, 1])");
  BOOST_TEST(printed(nn::ZeroPad2d(nn::ZeroPad2dOptions({1, 0, 2, 1}))) == "torch::nn::ZeroPad2d(padding=[1, 0, 2, 1])");
  BOOST_TEST(printed(nn::ConstantPad1d(nn::ConstantPad1dOptions({1, 2}, 3.5))) ==
             "torch::nn::ConstantPad1d(padding=[1, 2], value=3.5)");
  BOOST_TEST(printed(nn::ConstantPad2d(nn::ConstantPad2dOptions(1, -2))) ==
             "torch::nn::ConstantPad2d(padding=[1, 1, 1, 1], value=-2)");
}

BOOST_AUTO_TEST_CASE(pad_modules_forward_shapes) {
  // {left, right, top, bottom}: the last dim grows by left + right, the one before by top + bottom.
  nn::ReflectionPad2d reflect(nn::ReflectionPad2dOptions({1, 1, 2, 0}));
  BOOST_TEST(reflect(randn64({2, 3, 4, 5})).sizes().vec() == std::vector<int64_t>({2, 3, 6, 7}));
  BOOST_TEST(reflect(randn64({3, 4, 5})).sizes().vec() == std::vector<int64_t>({3, 6, 7}));  // unbatched
  nn::ReplicationPad1d replicate(nn::ReplicationPad1dOptions({3, 1}));
  BOOST_TEST(replicate(randn64({2, 4})).sizes().vec() == std::vector<int64_t>({2, 8}));
  nn::ConstantPad2d crop(nn::ConstantPad2dOptions({-1, 2, 1, -2}, 0.5));  // negative padding crops
  BOOST_TEST(crop(randn64({1, 2, 4, 4})).sizes().vec() == std::vector<int64_t>({1, 2, 3, 5}));
}

BOOST_AUTO_TEST_CASE(zero_and_constant_pad_keep_the_value) {
  // ZeroPad2d({1, 0, 2, 1}) of ones [1, 1, 2, 2]: a 5 x 3 plane, ones at rows 2-3, columns 1-2.
  const Tensor zero_padded = nn::ZeroPad2d(nn::ZeroPad2dOptions({1, 0, 2, 1}))(xg::ones({1, 1, 2, 2}));
  BOOST_TEST(zero_padded.sizes().vec() == std::vector<int64_t>({1, 1, 5, 3}));
  BOOST_TEST(test_util::values(zero_padded) ==
                 std::vector<double>({0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0}),
             boost::test_tools::per_element());
  // ConstantPad1d({1, 2}, 3.5) of ones [1, 2, 2]: each row 3.5 1 1 3.5 3.5.
  const Tensor constant_padded = nn::ConstantPad1d(nn::ConstantPad1dOptions({1, 2}, 3.5))(xg::ones({1, 2, 2}));
  BOOST_TEST(constant_padded.sizes().vec() == std::vector<int64_t>({1, 2, 5}));
  BOOST_TEST(test_util::values(constant_padded) == std::vector<double>({3.5, 1, 1, 3.5, 3.5, 3.5, 1, 1, 3.5, 3.5}),
             boost::test_tools::per_element());
  // The value survives a copy of the layer's options, and a Float input keeps its dtype.
  nn::ConstantPad2d layer(nn::ConstantPad2dOptions(1, -2));
  BOOST_TEST(layer->options.value() == -2.0);
  const Tensor f = layer(xg::ones({1, 1, 1}, xg::kFloat));
  BOOST_TEST(f.scalar_type() == xg::kFloat);
  BOOST_TEST(test_util::values(f) == std::vector<double>({-2, -2, -2, -2, 1, -2, -2, -2, -2}),
             boost::test_tools::per_element());
}

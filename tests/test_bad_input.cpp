// Bad input at every public entry point, as one table per area.
//
// Each row is (name, action, expected message fragment). The action runs on a fresh
// Fixture (tensors of every dtype, a module, an optimizer that has state, checkpoints
// and CSV files on disk); the row passes when the action throws xg::Error whose message
// starts with "[op]" and contains the fragment, AND the fixture afterwards is exactly
// as before: every tensor's values, version and gradient, the module's parameters,
// the optimizer's state and options, and the files on disk.

#define BOOST_TEST_MODULE test_bad_input
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "test_util.h"

using test_util::TempDir;
using xg::Tensor;
namespace nn = xg::nn;
namespace optim = xg::optim;
namespace F = xg::nn::functional;
using namespace xg::indexing;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

/// Everything a bad call could damage.
struct Fixture {
  TempDir dir;      // checkpoints and CSV files a failed call must leave alone
  TempDir scratch;  // files the actions themselves write
  Tensor x, d, l, b, e, y;  // Float [2,3] leaf with grad, Double [3], Long [4], Bool [2,2], Float [0,3], y = x * 2
  nn::Linear model{nullptr};
  std::unique_ptr<optim::SGD> optimizer;
  std::string model_file, optimizer_file, tensor_file;

  Fixture() {
    xg::manual_seed(0);
    x = xg::arange(6, xg::dtype(xg::kFloat)).reshape({2, 3}).requires_grad_();
    d = xg::tensor({1.0, 2.0, 3.0}, xg::dtype(xg::kDouble));
    l = xg::tensor({0, 1, 2, 3});
    b = xg::tensor({true, false, true, true}).reshape({2, 2});
    e = xg::zeros({0, 3});
    y = x * 2;
    model = nn::Linear(3, 2);
    optimizer = std::make_unique<optim::SGD>(model->parameters(), optim::SGDOptions(0.1).momentum(0.9));
    optimizer->zero_grad();
    model(xg::ones({4, 3})).sum().backward();
    optimizer->step();
    model_file = dir / "model.npz";
    optimizer_file = dir / "optimizer.npz";
    tensor_file = dir / "tensor.npz";
    xg::save(model, model_file);
    xg::save(*optimizer, optimizer_file);
    xg::save(d, tensor_file);
    dir.file("ragged.csv", "1,2,3\n4,5\n");
    dir.file("words.csv", "1,2\n3,abc\n");
    dir.file("empty.csv", "");
    dir.file("header_only.csv", "a,b\n");
    dir.file("fraction.csv", "1,2.5\n");
    dir.file("truncated.npz", read(model_file).substr(0, read(model_file).size() / 2));
    dir.file("not_a_zip.npz", "hello");
  }

  static std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
};

/// A tensor's dtype, shape, bytes, version and gradient, to compare before/after.
struct TensorState {
  std::string description;

  explicit TensorState(const Tensor& t) {
    if (!t.defined()) {
      description = "undefined";
      return;
    }
    std::ostringstream s;
    s << xg::toString(t.scalar_type()) << t.sizes() << " v" << t._version() << " rg" << t.requires_grad() << " ";
    Tensor c = t.detach().contiguous();
    s << std::string(static_cast<const char*>(c.data_ptr()), c.numel() * c.element_size());
    if (t.is_leaf() && t.grad().defined()) s << " grad " << TensorState(t.grad()).description;
    description = s.str();
  }
};

/// Everything of the fixture that a failed call must leave alone, as one comparable string list.
std::vector<std::string> state_of(Fixture& f) {
  std::vector<std::string> state;
  for (const Tensor& t : {f.x, f.d, f.l, f.b, f.e, f.y}) state.push_back(TensorState(t).description);
  for (const auto& p : f.model->named_parameters()) state.push_back(p.key() + " " + TensorState(p.value()).description);
  for (const auto& [name, t] : xg::serialize::optimizer_state_dict(*f.optimizer))
    state.push_back(name + " " + TensorState(t).description);
  state.push_back("parameters " + std::to_string(f.optimizer->parameters().size()) + " groups " +
                  std::to_string(f.optimizer->param_groups().size()));
  for (const auto& entry : f.dir.files()) state.push_back(entry + " " + Fixture::read(f.dir / entry));
  return state;
}

struct Case {
  std::string name;
  std::function<void(Fixture&)> action;
  std::string expected;  // a fragment of the message, starting with "[op]"
  std::function<void(Fixture&)> setup = {};  // runs before the "before" snapshot
};

/// Runs every row of a table; returns how many there were.
void run_table(const std::vector<Case>& table) {
  for (const auto& c : table) {
    BOOST_TEST_CONTEXT("case: " << c.name) {
      Fixture f;
      if (c.setup) c.setup(f);
      const auto before = state_of(f);
      std::string message;
      bool other_exception = false;
      try {
        c.action(f);
      } catch (const xg::Error& e) {
        message = e.what();
      } catch (const std::exception& e) {
        message = e.what();
        other_exception = true;
      }
      BOOST_TEST(!other_exception, "threw something other than xg::Error: " << message);
      BOOST_TEST(!message.empty(), "threw nothing");
      BOOST_TEST(message.rfind(c.expected.substr(0, c.expected.find(']') + 1), 0) == 0,
                 "message does not start with the op: " << message);
      BOOST_TEST(message.find(c.expected) != std::string::npos,
                 "message \"" << message << "\" lacks \"" << c.expected << "\"");
      const auto after = state_of(f);
      BOOST_TEST(before.size() == after.size());
      for (size_t i = 0; i < std::min(before.size(), after.size()); ++i)
        BOOST_TEST(before[i] == after[i], "modified: item " << i);
    }
  }
  BOOST_TEST_MESSAGE(table.size() << " cases");
}

}  // namespace

BOOST_AUTO_TEST_CASE(factories) {
  run_table({
      {"zeros negative size", [](Fixture&) { xg::zeros({2, -1}); }, "[zeros]"},
      {"ones negative size", [](Fixture&) { xg::ones({-3}); }, "[ones]"},
      {"full negative size", [](Fixture&) { xg::full({-1}, 2.0); }, "[full]"},
      {"empty negative size", [](Fixture&) { xg::empty({-1}); }, "[empty]"},
      {"ragged nested list", [](Fixture&) { xg::tensor({{1.0, 2.0}, {3.0}}); }, "[tensor]"},
      {"arange zero step", [](Fixture&) { xg::arange(0, 5, 0); }, "[arange]"},
      {"arange step of the wrong sign", [](Fixture&) { xg::arange(5, 0, 1); }, "[arange]"},
      {"arange infinite end", [](Fixture&) { xg::arange(0.0, kInf); }, "[arange]"},
      {"arange NaN start", [](Fixture&) { xg::arange(kNaN, 1.0); }, "[arange]"},
      {"linspace negative steps", [](Fixture&) { xg::linspace(0, 1, -1); }, "[linspace]"},
      {"eye negative n", [](Fixture&) { xg::eye(-1); }, "[eye]"},
      {"eye negative m", [](Fixture&) { xg::eye(2, -2); }, "[eye]"},
      {"rand of Long", [](Fixture&) { xg::rand({2}, xg::dtype(xg::kLong)); }, "[rand]"},
      {"randn of Bool", [](Fixture&) { xg::randn({2}, xg::dtype(xg::kBool)); }, "[randn]"},
      {"randint empty range", [](Fixture&) { xg::randint(5, 2, {3}); }, "[randint]"},
      {"randint high 0", [](Fixture&) { xg::randint(0, {3}); }, "[randint]"},
      {"zeros_like undefined", [](Fixture&) { xg::zeros_like(Tensor()); }, "[scalar_type] called on an undefined tensor"},
      {"requires_grad on Long", [](Fixture&) { xg::zeros({2}, xg::dtype(xg::kLong).requires_grad(true)); },
       "[requires_grad_] only tensors of floating point dtype can require gradients"},
      {"from_blob negative size", [](Fixture&) { float v[2] = {1, 2}; xg::from_blob(v, {-2}); }, "[from_blob]"},
      // Sizes whose element or byte count int64_t cannot hold, and memory that cannot be had.
      {"zeros of 2^80 elements", [](Fixture&) { xg::zeros({int64_t{1} << 40, int64_t{1} << 40}); },
       "[zeros] sizes [1099511627776, 1099511627776] have more elements than int64_t can count"},
      {"ones whose count wraps to 4", [](Fixture&) { xg::ones({(int64_t{1} << 62) + 1, 4}); },
       "[ones] sizes [4611686018427387905, 4] have more elements than int64_t can count"},
      {"zeros of INT64_MAX floats", [](Fixture&) { xg::zeros({std::numeric_limits<int64_t>::max()}); },
       "[zeros] sizes [9223372036854775807] (9223372036854775807 elements of 4 bytes) need more bytes"},
      {"empty of 2^61 doubles", [](Fixture&) { xg::empty({int64_t{1} << 61}, xg::dtype(xg::kDouble)); },
       "[empty] sizes [2305843009213693952] (2305843009213693952 elements of 8 bytes) need more bytes"},
      {"randn negative size", [](Fixture&) { xg::randn({3, -1}); },
       "[randn] Trying to create tensor with negative dimension -1: [3, -1]"},
      {"new_zeros past int64_t", [](Fixture& f) { f.x.new_zeros({int64_t{1} << 32, int64_t{1} << 32}); },
       "[new_zeros] sizes [4294967296, 4294967296] have more elements"},
      {"empty beyond any address space", [](Fixture&) { xg::empty({int64_t{1} << 60}); },
       "[empty] out of memory: cannot allocate 4611686018427387904 bytes for a Float tensor of sizes "
       "[1152921504606846976]"},
      {"expand to a negative size", [](Fixture& f) { f.d.expand({-2, 3}); },
       "[expand] Trying to create tensor with negative dimension -2: [-2, 3]"},
      {"expand past int64_t", [](Fixture&) { xg::ones({1, 4}).expand({(int64_t{1} << 62) + 1, 4}); },
       "[expand] sizes [4611686018427387905, 4] have more elements than int64_t can count"},
  });
}

// xgrad runs on the CPU: other devices can be named, but nothing can be placed on them.
BOOST_AUTO_TEST_CASE(devices) {
  const char* no_cuda = "cannot place a tensor on device cuda: CUDA is not available in xgrad, which runs on the CPU";
  run_table({
      {"zeros on CUDA", [](Fixture&) { xg::zeros({2}, xg::device(xg::kCUDA)); }, "[zeros]"},
      {"tensor on cuda:0", [](Fixture&) { xg::tensor({1.0}, xg::TensorOptions().device("cuda:0")); },
       "[tensor] cannot place a tensor on device cuda:0"},
      {"randn on CUDA", [](Fixture&) { xg::randn({2}, xg::kCUDA); }, "[randn]"},
      {"randint on MPS", [](Fixture&) { xg::randint(5, {2}, xg::device(xg::kMPS)); },
       "[randint] cannot place a tensor on device mps: MPS is not available"},
      {"to(kCUDA)", [](Fixture& f) { f.x.to(xg::kCUDA); }, std::string("[to] ") + no_cuda},
      {"to(cuda:1, kDouble)", [](Fixture& f) { f.d.to(xg::Device("cuda:1"), xg::kDouble); }, "[to] cannot place a tensor on device cuda:1"},
      {"module to(kCUDA)", [](Fixture& f) { f.model->to(xg::kCUDA); }, std::string("[to] ") + no_cuda},
      {"module to(kCUDA, kDouble)", [](Fixture& f) { f.model->to(xg::kCUDA, xg::kDouble); }, "[to]"},
      {"Device from an unknown type", [](Fixture&) { xg::Device("gpu"); }, "[Device] invalid device string 'gpu'"},
      {"Device index not a number", [](Fixture&) { xg::Device("cuda:x"); }, "[Device] invalid device index in 'cuda:x'"},
      {"Device index -2", [](Fixture&) { xg::Device(xg::kCUDA, -2); }, "[Device] device index must be -1 or non-negative"},
      {"CPU device index 1", [](Fixture&) { xg::Device("cpu:1"); }, "[Device] CPU device index must be -1 or zero"},
      {"device of undefined", [](Fixture&) { Tensor().device(); }, "[device] called on an undefined tensor"},
  });
}

BOOST_AUTO_TEST_CASE(ops) {
  run_table({
      {"add broadcast mismatch", [](Fixture& f) { f.x + xg::ones({4}); }, "[add] shapes [2, 3] and [4]"},
      {"mul broadcast mismatch", [](Fixture& f) { f.x * f.l; }, "[mul] shapes [2, 3] and [4]"},
      {"mm inner sizes", [](Fixture& f) { f.x.mm(f.x); }, "[mm] shapes [2, 3] and [2, 3] cannot be multiplied"},
      {"mm of 1-D", [](Fixture& f) { f.x.mm(f.d.to(xg::kFloat)); }, "[mm]"},
      {"mm dtype mismatch", [](Fixture& f) { f.x.mm(xg::ones({3, 2}, xg::dtype(xg::kDouble))); }, "[mm]"},
      {"matmul of 0-d", [](Fixture& f) { f.x.matmul(xg::ones({})); }, "[matmul]"},
      {"matmul inner sizes", [](Fixture& f) { f.x.matmul(xg::ones({2})); }, "[matmul] shapes [2, 3] and [2] cannot be multiplied: 3 != 2"},
      {"matmul batched inner sizes", [](Fixture&) { xg::matmul(xg::ones({2, 2, 3}), xg::ones({2, 4, 1})); },
       "[matmul] shapes [2, 2, 3] and [2, 4, 1] cannot be multiplied: 3 != 4"},
      {"matmul dtype mismatch", [](Fixture& f) { f.x.matmul(xg::ones({3}, xg::dtype(xg::kDouble))); },
       "[matmul] expected both operands to have the same dtype, but got Float and Double"},
      {"mv sizes", [](Fixture& f) { f.x.mv(xg::ones({2})); }, "[mv]"},
      {"bmm of 2-D", [](Fixture& f) { xg::bmm(f.x, f.x); }, "[bmm]"},
      {"dot sizes", [](Fixture& f) { xg::dot(f.d, xg::ones({2}, xg::dtype(xg::kDouble))); }, "[dot]"},
      {"outer of 2-D", [](Fixture& f) { xg::outer(f.x, f.x); }, "[outer]"},
      {"Bool subtraction", [](Fixture& f) { f.b - f.b; }, "[sub]"},
      {"Bool negation", [](Fixture& f) { -f.b; }, "[neg]"},
      {"Long to a negative Long tensor power", [](Fixture& f) { f.l.pow(xg::tensor({1, 2, -1, 0})); },
       "[pow] integers to negative integer powers are not allowed, got exponent -1"},
      {"Long to a negative power", [](Fixture& f) { f.l.pow(-1); }, "[pow] integers to negative integer powers are not allowed"},
      {"sum dim out of range", [](Fixture& f) { f.x.sum({2}); }, "[sum]"},
      {"sum repeated dim", [](Fixture& f) { f.x.sum({0, 0}); }, "[sum]"},
      {"mean of Long", [](Fixture& f) { f.l.mean(); }, "[mean]"},
      {"mean dim out of range", [](Fixture& f) { f.x.mean({-3}); }, "[mean]"},
      {"softmax dim out of range", [](Fixture& f) { f.x.softmax(2); }, "[softmax]"},
      {"log_softmax dim out of range", [](Fixture& f) { f.x.log_softmax(-3); }, "[log_softmax]"},
      {"prod dim out of range", [](Fixture& f) { f.x.prod(5); }, "[prod]"},
      {"max of empty", [](Fixture& f) { f.e.max(); }, "[max]"},
      {"min over an empty dim", [](Fixture& f) { f.e.min(0); }, "[min]"},
      {"argmax of empty", [](Fixture& f) { f.e.argmax(); }, "[argmax]"},
      {"argmin dim out of range", [](Fixture& f) { f.x.argmin(2); }, "[argmin]"},
      {"var dim out of range", [](Fixture& f) { f.x.var(std::vector<int64_t>{3}); }, "[var]"},
      {"logsumexp dim out of range", [](Fixture& f) { f.x.logsumexp({2}); }, "[logsumexp]"},
      {"norm of Long", [](Fixture& f) { f.l.norm(); }, "[norm]"},
      {"item of several elements", [](Fixture& f) { f.x.item(); }, "[item]"},
      {"item of empty", [](Fixture& f) { f.e.item(); }, "[item]"},
      {"cat of nothing", [](Fixture&) { xg::cat({}); }, "[cat]"},
      {"cat shapes", [](Fixture& f) { xg::cat({f.x, xg::ones({2, 2})}, 0); }, "[cat]"},
      {"cat dim out of range", [](Fixture& f) { xg::cat({f.x, f.x}, 2); }, "[cat]"},
      {"stack shapes", [](Fixture& f) { xg::stack({f.x, xg::ones({3, 2})}); }, "[stack]"},
      {"stack of nothing", [](Fixture&) { xg::stack({}); }, "[stack]"},
      {"where condition not Bool", [](Fixture& f) { xg::where(f.x, f.x, f.x); }, "[where]"},
      {"where shapes", [](Fixture& f) { xg::where(f.b, f.x, f.x); }, "[where]"},
      {"maximum shapes", [](Fixture& f) { f.x.maximum(xg::ones({4})); }, "[maximum]"},
      {"logical_and shapes", [](Fixture& f) { xg::logical_and(f.b, f.l); }, "[logical_and]"},
      {"eq shapes", [](Fixture& f) { f.x.eq(f.l); }, "[eq]"},
      {"allclose shapes", [](Fixture& f) { f.x.allclose(f.l); }, "[allclose]"},
      {"undefined operand", [](Fixture& f) { f.x + Tensor(); }, "[result_type] an operand is an undefined tensor"},
      {"to undefined", [](Fixture&) { Tensor().to(xg::kDouble); }, "[scalar_type] called on an undefined tensor"},
      {"add_ on a leaf that requires grad", [](Fixture& f) { f.x.add_(1); }, "[add_]"},
      {"mul_ result would broadcast", [](Fixture& f) { f.d.mul_(xg::ones({2, 3}, xg::dtype(xg::kDouble))); }, "[mul_]"},
      {"add_ shapes", [](Fixture& f) { f.d.add_(xg::ones({4}, xg::dtype(xg::kDouble))); }, "[add_]"},
      {"mul_ Float into Long", [](Fixture& f) { f.l.mul_(1.5); }, "[inplace] result type Float can't be cast to the desired output type Long"},
      {"div_ of Long", [](Fixture& f) { f.l.div_(2); }, "[div_]"},
      {"add_ on Bool", [](Fixture& f) { f.b.add_(1); }, "[inplace] result type Long can't be cast to the desired output type Bool"},
      {"sub_ Double tensor into Long", [](Fixture& f) { f.l.sub_(xg::ones({4}, xg::dtype(xg::kDouble))); },
       "[inplace] result type Double can't be cast to the desired output type Long"},
      {"copy_ shapes", [](Fixture& f) { f.d.copy_(xg::ones({2, 2})); }, "[copy_]"},
      {"copy_ from undefined", [](Fixture& f) { f.d.copy_(Tensor()); }, "[copy_]"},
      {"clamp_ of Bool", [](Fixture& f) { f.b.clamp_(0, 1); }, "[inplace] result type Long can't be cast to the desired output type Bool"},
      {"clamp without bounds", [](Fixture& f) { f.x.clamp(std::nullopt, std::nullopt); }, "[clamp]"},
      {"index_put_ value shape", [](Fixture& f) { f.d.index_put_({Slice()}, xg::ones({2}, xg::dtype(xg::kDouble))); },
       "[copy_] shapes [3] and [2] cannot be broadcast"},
      {"index_put_ mask of more dims", [](Fixture& f) { f.d.index_put_({f.b}, 0.0); }, "[index_put_] too many indices for tensor of dimension 1"},
      {"zero_ on a leaf that requires grad", [](Fixture& f) { f.x.zero_(); }, "[zero_] a leaf Variable that requires grad"},
  });
}

BOOST_AUTO_TEST_CASE(views_and_indexing) {
  run_table({
      {"select dim out of range", [](Fixture& f) { f.x.select(2, 0); }, "[select]"},
      {"select index out of range", [](Fixture& f) { f.x.select(1, 3); }, "[select] index 3 is out of bounds"},
      {"select negative index out of range", [](Fixture& f) { f.x.select(0, -3); }, "[select]"},
      {"select of 0-d", [](Fixture&) { xg::ones({}).select(0, 0); }, "[select]"},
      {"operator[] out of range", [](Fixture& f) { f.x[2]; }, "[select]"},
      {"narrow past the end", [](Fixture& f) { f.x.narrow(1, 2, 2); }, "[narrow]"},
      {"narrow negative length", [](Fixture& f) { f.x.narrow(1, 0, -1); }, "[narrow]"},
      {"narrow dim out of range", [](Fixture& f) { f.x.narrow(2, 0, 1); }, "[narrow]"},
      {"slice step 0", [](Fixture& f) { f.x.slice(1, 0, 2, 0); }, "[slice]"},
      {"slice negative step", [](Fixture& f) { f.x.slice(1, 0, 2, -1); }, "[slice]"},
      {"slice dim out of range", [](Fixture& f) { f.x.slice(3); }, "[slice]"},
      {"transpose dim out of range", [](Fixture& f) { f.x.transpose(0, 2); }, "[transpose]"},
      {"t of 3-D", [](Fixture&) { xg::ones({1, 2, 3}).t(); }, "[t]"},
      {"permute too short", [](Fixture& f) { f.x.permute({0}); }, "[permute]"},
      {"permute repeated dim", [](Fixture& f) { f.x.permute({0, 0}); }, "[permute]"},
      {"permute dim out of range", [](Fixture& f) { f.x.permute({0, 2}); }, "[permute]"},
      {"expand incompatible", [](Fixture& f) { f.x.expand({2, 4}); }, "[expand]"},
      {"expand to fewer dims", [](Fixture& f) { f.x.expand({3}); }, "[expand]"},
      {"expand negative new dim", [](Fixture& f) { f.x.expand({-1, 2, 3}); }, "[expand]"},
      {"view wrong numel", [](Fixture& f) { f.x.view({4}); }, "[view]"},
      {"view two -1", [](Fixture& f) { f.x.view({-1, -1}); }, "[view]"},
      {"view of non-contiguous", [](Fixture& f) { f.x.t().view({6}); }, "[view]"},
      {"view negative size", [](Fixture& f) { f.x.view({-2, -3}); }, "[view]"},
      {"reshape wrong numel", [](Fixture& f) { f.x.reshape({5}); }, "[reshape]"},
      {"reshape -1 of empty", [](Fixture& f) { f.e.reshape({0, -1}); }, "[reshape]"},
      {"squeeze dim out of range", [](Fixture& f) { f.x.squeeze(2); }, "[squeeze]"},
      {"unsqueeze dim out of range", [](Fixture& f) { f.x.unsqueeze(4); }, "[unsqueeze]"},
      {"flatten start after end", [](Fixture&) { xg::ones({2, 3, 4}).flatten(2, 1); }, "[flatten]"},
      {"unbind dim out of range", [](Fixture& f) { f.x.unbind(2); }, "[unbind]"},
      {"index too many indices", [](Fixture& f) { f.x.index({0, 0, 0}); }, "[index]"},
      {"index out of range", [](Fixture& f) { f.x.index({0, 5}); }, "[select] index 5 is out of bounds"},
      {"index two ellipses", [](Fixture& f) { f.x.index({Ellipsis, Ellipsis}); }, "[index]"},
      {"index slice step 0", [](Fixture& f) { f.x.index({Slice(0, 2, 0)}); }, "[slice] step must be positive, got 0"},
      {"write through a view of a leaf that requires grad", [](Fixture& f) { f.x[0].add_(1); },
       "[add_] a view of a leaf Variable that requires grad is being used in an in-place operation"},
      {"write with grad through a view made without", [](Fixture& f) {
         Tensor view;
         {
           xg::NoGradGuard no_grad;
           view = f.y[0];
         }
         view.mul_(f.y.sum());
       }, "[mul_] a view was created in no_grad mode"},
      {"write to an expanded view", [](Fixture& f) { f.d.expand({2, 3}).add_(1); }, "[add_]"},
  });
}

BOOST_AUTO_TEST_CASE(advanced_indexing) {
  using Indices = std::vector<std::optional<Tensor>>;
  run_table({
      {"index out of range", [](Fixture& f) { f.x.index({xg::tensor({0, 2})}); }, "[index] index 2 is out of bounds for dimension 0 with size 2"},
      {"index negative out of range", [](Fixture& f) { f.x.index({Slice(), xg::tensor({-4})}); }, "[index] index -4 is out of bounds for dimension 1 with size 3"},
      {"index float index", [](Fixture& f) { f.x.index({f.d}); }, "[index] tensors used as indices must be long or bool tensors, got Double"},
      {"index mask shape", [](Fixture& f) { f.x.index({f.b}); }, "[index] the shape of the mask [2, 2] at index 1 does not match the shape of the indexed tensor [2, 3] at index 1"},
      {"index too many index tensors", [](Fixture& f) { f.x.index({xg::tensor({0}), 0, xg::tensor({0})}); }, "[index] too many indices for tensor of dimension 2 (got 3)"},
      {"index mask of too many dims", [](Fixture& f) { f.d.index({f.b}); }, "[index] too many indices for tensor of dimension 1"},
      {"index tensors that do not broadcast", [](Fixture& f) { f.x.index({xg::tensor({0, 1}), xg::tensor({0, 1, 2})}); }, "[index]"},
      {"index_put_ out of range leaves self", [](Fixture& f) {
         xg::NoGradGuard no_grad;
         f.d.index_put_({xg::tensor({1, 3})}, 7.0);
       }, "[index_put_] index 3 is out of bounds for dimension 0 with size 3"},
      {"index_put_ float index", [](Fixture& f) { f.d.index_put_(Indices{f.d}, f.d); }, "[index_put_] tensors used as indices must be long or bool tensors"},
      {"index_put_ mask shape", [](Fixture& f) { f.d.index_put_({xg::tensor({true, false})}, 0.0); }, "[index_put_] the shape of the mask [2] at index 0 does not match"},
      {"index_put_ values dtype", [](Fixture& f) { f.d.index_put_(Indices{xg::tensor({0})}, xg::ones({1}), true); }, "[index_put_] index_put requires the source and destination dtypes match"},
      {"index_put_ values shape", [](Fixture& f) { f.d.index_put_(Indices{xg::tensor({0, 1})}, f.d); }, "[index_put_] shapes [2] and [3] cannot be broadcast"},
      {"index_put_ too many indices", [](Fixture& f) { f.y.index_put_({0, 0, xg::tensor({0})}, 1.0); }, "[index_put_] too many indices for tensor of dimension 2"},
      {"index_put_ into a leaf that requires grad", [](Fixture& f) { f.x.index_put_({xg::tensor({0})}, 1.0); }, "[index_put_] a leaf Variable that requires grad"},
      {"index_put out of range", [](Fixture& f) { f.y.index_put(Indices{xg::tensor({0}), xg::tensor({3})}, f.y.sum()); }, "[index_put] index 3 is out of bounds for dimension 1 with size 3"},
  });
}

BOOST_AUTO_TEST_CASE(gather_scatter_and_masks) {
  run_table({
      {"gather index out of range", [](Fixture& f) { f.x.gather(1, f.l.view({2, 2})); }, "[gather] index 3 is out of bounds for dimension 1 with size 3"},
      {"gather negative index", [](Fixture& f) { f.x.gather(0, (f.l - 1).view({2, 2})); }, "[gather] index -1 is out of bounds"},
      {"gather float index", [](Fixture& f) { f.x.gather(1, f.x); }, "[gather] expected dtype int64 for index"},
      {"gather index of other rank", [](Fixture& f) { f.x.gather(1, f.l); }, "[gather] index tensor must have the same number of dimensions"},
      {"gather index too large", [](Fixture& f) { f.x.gather(1, xg::zeros({3, 1}, xg::dtype(xg::kLong))); }, "[gather] size does not match at dimension 0"},
      {"gather dim out of range", [](Fixture& f) { f.x.gather(2, f.l.view({2, 2})); }, "[gather]"},
      {"gather sparse_grad", [](Fixture& f) { f.x.gather(1, f.l.view({2, 2}), true); }, "[gather] sparse_grad"},
      {"scatter index out of range", [](Fixture& f) { f.y.scatter(1, f.l.view({2, 2}), f.y); }, "[scatter] index 3 is out of bounds"},
      {"scatter src dtype", [](Fixture& f) { f.x.scatter(0, xg::zeros({1, 3}, xg::dtype(xg::kLong)), f.d.view({1, 3})); }, "[scatter] expected self.dtype to be equal to src.dtype"},
      {"scatter src smaller than index", [](Fixture& f) { f.x.scatter(0, xg::zeros({2, 3}, xg::dtype(xg::kLong)), f.x[0].view({1, 3})); }, "[scatter] size does not match at dimension 0"},
      {"scatter_ out of range leaves self", [](Fixture& f) {
         xg::NoGradGuard no_grad;
         f.d.scatter_(0, xg::tensor({0, 3}), 7.0);
       }, "[scatter] index 3 is out of bounds"},
      {"scatter_ into a leaf that requires grad", [](Fixture& f) { f.x.scatter_(0, xg::zeros({1, 3}, xg::dtype(xg::kLong)), 1.0); }, "[scatter_] a leaf Variable that requires grad"},
      {"scatter_add bool index", [](Fixture& f) { f.y.scatter_add(0, f.b, f.y); }, "[scatter_add] expected dtype int64 for index"},
      {"scatter_add_ out of range leaves self", [](Fixture& f) { f.l.scatter_add_(0, xg::tensor({1, 4}), f.l); }, "[scatter_add] index 4 is out of bounds"},
      {"index_select out of range", [](Fixture& f) { f.x.index_select(1, f.l); }, "[index_select] index 3 is out of bounds"},
      {"index_select 2-D index", [](Fixture& f) { f.x.index_select(0, f.l.view({2, 2})); }, "[index_select] index is supposed to be a vector"},
      {"index_select float index", [](Fixture& f) { f.x.index_select(0, f.d); }, "[index_select] expected dtype int64"},
      {"index_add source shape", [](Fixture& f) { f.x.index_add(1, xg::tensor({0, 1}), f.x); }, "[index_add] source of shape"},
      {"index_add out of range", [](Fixture& f) { f.d.index_add(0, xg::tensor({5}), f.d.narrow(0, 0, 1)); }, "[index_add] index 5 is out of bounds"},
      {"masked_fill long mask", [](Fixture& f) { f.x.masked_fill(f.l.narrow(0, 0, 3), 0.0); }, "[masked_fill] expected a bool mask"},
      {"masked_fill mask shape", [](Fixture& f) { f.x.masked_fill(f.b, 0.0); }, "[masked_fill]"},
      {"masked_fill 1-D value", [](Fixture& f) { f.y.masked_fill(f.y > 2, f.d); }, "[masked_fill] only supports a 0-dimensional value tensor"},
      {"masked_fill_ mask shape leaves self", [](Fixture& f) {
         xg::NoGradGuard no_grad;
         f.d.masked_fill_(f.b, 0.0);
       }, "[masked_fill]"},
      {"masked_fill_ into a leaf that requires grad", [](Fixture& f) { f.x.masked_fill_(f.x > 2, 0.0); }, "[masked_fill_] a leaf Variable"},
      {"masked_select mask shape", [](Fixture& f) { f.x.masked_select(f.b); }, "[masked_select]"},
      {"masked_select long mask", [](Fixture& f) { f.d.masked_select(f.l.narrow(0, 0, 3)); }, "[masked_select] expected a bool mask"},
  });
}

BOOST_AUTO_TEST_CASE(autograd_calls) {
  run_table({
      {"backward of non-scalar without gradient", [](Fixture& f) { f.y.backward(); }, "[backward]"},
      {"backward of a tensor without grad", [](Fixture& f) { f.d.sum().backward(); }, "[backward]"},
      {"backward gradient shape", [](Fixture& f) { f.y.backward(xg::ones({3})); }, "[backward]"},
      {"backward of undefined", [](Fixture&) { Tensor().backward(); }, "[backward]"},
      {"second backward through a freed graph",
       [](Fixture&) {
         Tensor a = xg::ones({2}, xg::requires_grad());
         Tensor c = (a * a).sum();
         c.backward();
         c.backward();
       },
       "[backward]"},
      {"grad of an output that does not require grad",
       [](Fixture& f) { xg::autograd::grad({f.d.sum()}, {f.x}); },
       "[backward] element 0 of tensors does not require grad"},
      {"grad w.r.t. an unused input", [](Fixture& f) { xg::autograd::grad({f.y.sum()}, {xg::ones({1}, xg::requires_grad())}); }, "[grad]"},
      {"grad w.r.t. a tensor without grad", [](Fixture& f) { xg::autograd::grad({f.y.sum()}, {f.d}); }, "[grad]"},
      {"grad with grad_outputs of the wrong count",
       [](Fixture& f) { xg::autograd::grad({f.y.sum()}, {f.x}, {xg::ones({}), xg::ones({})}); },
       "[backward] got 2 gradients for 1 tensors"},
      {"grad with no outputs", [](Fixture& f) { xg::autograd::grad({}, {f.x}); }, "[grad]"},
      {"backward after an in-place change of a saved tensor",
       [](Fixture& f) {
         Tensor a = f.x * 1;
         Tensor c = a.sin();  // saves a
         a.add_(1);
         c.sum().backward();
       },
       "[backward]"},
      {"register_hook on a tensor without grad", [](Fixture& f) { f.d.register_hook([](const Tensor& g) { return g; }); },
       "[register_hook]"},
      {"hook returning the wrong shape",
       [](Fixture& f) {
         Tensor a = f.x * 1;
         a.register_hook([](const Tensor&) { return xg::ones({5}); });
         a.sum().backward();
       },
       "[register_hook] a hook changed the shape of the gradient from [2, 3] to [5]"},
      {"requires_grad_ on Long", [](Fixture& f) { f.l.requires_grad_(); }, "[requires_grad_]"},
      {"requires_grad_(false) on a non-leaf", [](Fixture& f) { f.y.requires_grad_(false); }, "[requires_grad_]"},
      {"retain_grad on a tensor without grad", [](Fixture& f) { f.d.retain_grad(); }, "[retain_grad]"},
      {"gradcheck of a Float input",
       [](Fixture&) {
         xg::autograd::gradcheck([](const xg::autograd::variable_list& v) { return v[0].sum(); },
                                 {xg::ones({2}, xg::requires_grad())});
       },
       "[gradcheck]"},
  });
}

BOOST_AUTO_TEST_CASE(modules) {
  run_table({
      {"Linear input features", [](Fixture& f) { f.model(xg::ones({4, 5})); }, "[linear]"},
      {"Linear input dtype", [](Fixture& f) { f.model(xg::ones({4, 3}, xg::dtype(xg::kDouble))); },
       "[matmul] expected both operands to have the same dtype, but got Double and Float"},
      {"Linear input Long", [](Fixture& f) { f.model(f.l.reshape({4, 1}).expand({4, 3})); },
       "[matmul] expected both operands to have the same dtype, but got Long and Float"},
      {"Linear 0-d input", [](Fixture& f) { f.model(xg::ones({})); }, "[linear]"},
      {"Linear negative features", [](Fixture&) { nn::Linear(-1, 2); }, "[Linear]"},
      {"Dropout p above 1", [](Fixture&) { nn::Dropout dropout(1.5); }, "[Dropout]"},
      {"Dropout p NaN", [](Fixture&) { nn::Dropout dropout(kNaN); }, "[Dropout]"},
      {"Softmax dim out of range", [](Fixture& f) { nn::Softmax(2)(f.x); }, "[softmax]"},
      {"Flatten dims out of range", [](Fixture& f) { nn::Flatten(nn::FlattenOptions().start_dim(3))(f.x); }, "[flatten]"},
      {"Sequential of the wrong shapes",
       [](Fixture&) { nn::Sequential(nn::Linear(3, 4), nn::Linear(5, 1))(xg::ones({2, 3})); }, "[linear]"},
      {"ReLU of Bool", [](Fixture& f) { nn::ReLU()(f.b); }, "[relu]"},
      {"register_parameter empty name",
       [](Fixture& f) { f.model->register_parameter("", xg::ones({1})); }, "[register_parameter]"},
      {"register_parameter dotted name",
       [](Fixture& f) { f.model->register_parameter("a.b", xg::ones({1})); }, "[register_parameter]"},
      {"register_parameter existing name",
       [](Fixture& f) { f.model->register_parameter("weight", xg::ones({1})); },
       "[OrderedDict] Parameter 'weight' already defined"},
      {"clip_grad_norm_ non-finite",
       [](Fixture& f) { nn::utils::clip_grad_norm_(f.model->parameters(), 1.0, 2.0, true); }, "[clip_grad_norm_]",
       [](Fixture& f) { f.model->weight.mutable_grad() = xg::full({2, 3}, kInf); }},
      {"vector_to_parameters wrong length",
       [](Fixture& f) { nn::utils::vector_to_parameters(xg::ones({3}), f.model->parameters()); }, "[vector_to_parameters]"},
  });
}

// Activations, Unflatten, ModuleList and init::orthogonal_.
BOOST_AUTO_TEST_CASE(activations_and_containers) {
  run_table({
      {"silu of Long", [](Fixture& f) { xg::silu(f.l); }, "[silu] expected a floating-point tensor"},
      {"silu of Bool", [](Fixture& f) { F::silu(f.b); }, "[silu] expected a floating-point tensor"},
      {"mish of Long", [](Fixture& f) { nn::Mish()(f.l); }, "[mish] expected a floating-point tensor"},
      {"softplus of Long", [](Fixture& f) { F::softplus(f.l); }, "[softplus] expected a floating-point tensor"},
      {"selu of Long", [](Fixture& f) { nn::SELU()(f.l); }, "[selu] expected a floating-point tensor"},
      {"selu in place of Long", [](Fixture& f) { F::selu(f.l, F::SELUFuncOptions(true)); }, "[selu]"},
      {"hardtanh of Bool", [](Fixture& f) { xg::hardtanh(f.b); }, "[hardtanh] not supported for Bool"},
      {"relu6 in place of Bool", [](Fixture& f) { nn::ReLU6(true)(f.b); }, "[hardtanh] not supported for Bool"},
      {"Hardtanh max_val not above min_val",
       [](Fixture&) { nn::Hardtanh(nn::HardtanhOptions().min_val(1).max_val(1)); }, "[Hardtanh] max_val (1)"},
      {"prelu weight of the wrong size", [](Fixture& f) { xg::prelu(f.x, xg::ones({2})); },
       "[prelu] mismatch of parameter numbers and input channel size: weight has 2 elements, input has 3"},
      {"prelu weight 2-d", [](Fixture& f) { xg::prelu(f.x, xg::ones({1, 1})); }, "[prelu] weight must be"},
      {"prelu weight dtype", [](Fixture& f) { xg::prelu(f.x, xg::ones({1}, xg::dtype(xg::kDouble))); },
       "[prelu] weight has dtype Double but input has dtype Float"},
      {"prelu of Long", [](Fixture& f) { xg::prelu(f.l, xg::ones({1})); }, "[prelu] expected a floating-point input"},
      {"orthogonal_ of a 1-d tensor", [](Fixture& f) { nn::init::orthogonal_(f.d); },
       "[orthogonal_] only tensors with 2 or more dimensions are supported"},
      {"orthogonal_ of Long", [](Fixture& f) { nn::init::orthogonal_(f.l.reshape({2, 2})); },
       "[orthogonal_] expected a floating-point tensor"},
      {"Unflatten sizes that do not multiply",
       [](Fixture& f) { nn::Unflatten(nn::UnflattenOptions(1, {2, 2}))(f.x); },
       "[unflatten] the sizes [2, 2] do not multiply to the size 3 of dim 1"},
      {"Unflatten two -1", [](Fixture& f) { nn::Unflatten(nn::UnflattenOptions(1, {-1, -1}))(f.x); },
       "[unflatten] only one"},
      {"Unflatten dim out of range", [](Fixture& f) { nn::Unflatten(nn::UnflattenOptions(2, {1}))(f.x); },
       "[unflatten] dim 2"},
      {"ModuleList index out of range", [](Fixture&) { nn::ModuleList(nn::ReLU())->ptr(1); },
       "[ModuleList] index 1 is out of range for a ModuleList of 1 modules"},
      {"ModuleList insert past the end", [](Fixture&) { nn::ModuleList()->insert(1, nn::ReLU()); },
       "[ModuleList] index 1 is out of range for insert"},
      {"ModuleList empty module", [](Fixture&) { nn::ModuleList()->push_back(std::shared_ptr<nn::Module>()); },
       "[ModuleList] cannot add an empty module"},
      {"PReLU channels mismatch", [](Fixture& f) { nn::PReLU(nn::PReLUOptions().num_parameters(2))(f.x); },
       "[prelu] mismatch"},
  });
}

// ModuleDict, ParameterList, ParameterDict, accessor, to(other)/type_as and new_zeros & co.
BOOST_AUTO_TEST_CASE(containers_accessors_and_new_tensors) {
  using Pairs = std::vector<std::pair<std::string, std::shared_ptr<nn::Module>>>;
  const auto two_modules = [] { return nn::ModuleDict(Pairs{{"fc", nn::Linear(2, 2).ptr()}, {"act", nn::ReLU().ptr()}}); };
  const auto two_parameters = [] {
    xg::OrderedDict<std::string, Tensor> params;
    params.insert("a", xg::ones({1}));
    params.insert("b", xg::zeros({2}));
    return nn::ParameterDict(params);
  };
  run_table({
      {"ModuleDict missing key", [two_modules](Fixture&) { two_modules()["conv"]; },
       "[ModuleDict] key 'conv' is not defined"},
      {"ModuleDict pop of a missing key", [two_modules](Fixture&) { two_modules()->pop("conv"); },
       "[ModuleDict] key 'conv' is not defined"},
      {"ModuleDict at of the wrong type", [two_modules](Fixture&) { two_modules()->at<nn::LinearImpl>("act"); },
       "[ModuleDict] the module under key 'act' is not of the requested type"},
      {"ModuleDict empty module", [](Fixture&) { nn::ModuleDict()->insert("m", std::shared_ptr<nn::Module>()); },
       "[ModuleDict] cannot add an empty module under key 'm'"},
      {"ParameterList index out of range", [](Fixture& f) { nn::ParameterList(f.x, f.d)->at(2); },
       "[ParameterList] index 2 is out of range for a ParameterList of 2 parameters"},
      {"ParameterList undefined tensor", [](Fixture&) { nn::ParameterList()->append(Tensor()); },
       "[ParameterList] cannot append an undefined tensor"},
      {"ParameterDict duplicate key", [two_parameters](Fixture& f) { two_parameters()->insert("b", f.x); },
       "[ParameterDict] key 'b' is already defined"},
      {"ParameterDict missing key", [two_parameters](Fixture&) { two_parameters()["c"]; },
       "[ParameterDict] key 'c' is not defined"},
      {"ParameterDict pop of a missing key", [two_parameters](Fixture&) { two_parameters()->pop("c"); },
       "[ParameterDict] key 'c' is not defined"},
      {"accessor with the wrong number of dims", [](Fixture& f) { f.x.accessor<float, 1>(); },
       "[accessor] TensorAccessor expected 1 dims but tensor has 2"},
      {"accessor with the wrong element type", [](Fixture& f) { f.d.accessor<float, 1>(); },
       "[accessor] expected scalar type Float but found Double"},
      {"to an undefined tensor's type", [](Fixture& f) { f.x.to(Tensor()); }, "[to] the tensor whose dtype to take is undefined"},
      {"type_as an undefined tensor", [](Fixture& f) { f.d.type_as(Tensor()); }, "[type_as] the tensor whose dtype"},
      {"new_zeros negative size", [](Fixture& f) { f.x.new_zeros({2, -1}); }, "[new_zeros] Trying to create tensor with negative dimension -1: [2, -1]"},
      {"new_ones negative size", [](Fixture& f) { f.l.new_ones({-3}); }, "[new_ones] Trying to create tensor with negative dimension -3: [-3]"},
      {"new_full negative size", [](Fixture& f) { f.d.new_full({-1}, 2.0); }, "[new_full] Trying to create tensor with negative dimension -1: [-1]"},
      {"new_empty negative size", [](Fixture& f) { f.b.new_empty({-2}); }, "[new_empty] Trying to create tensor with negative dimension -2: [-2]"},
  });
}

BOOST_AUTO_TEST_CASE(losses) {
  const auto logits = [] { return xg::zeros({2, 3}); };
  run_table({
      {"mse_loss shapes", [](Fixture& f) { F::mse_loss(f.x, xg::ones({3, 2})); }, "[mse_loss]"},
      {"l1_loss shapes", [](Fixture& f) { F::l1_loss(f.x, xg::ones({2})); }, "[l1_loss]"},
      {"mse_loss dtypes", [](Fixture& f) { F::mse_loss(f.x, xg::ones({2, 3}, xg::dtype(xg::kLong))); }, "[mse_loss]"},
      {"smooth_l1_loss negative beta", [](Fixture& f) { F::smooth_l1_loss(f.x, f.x, xg::nn::functional::SmoothL1LossFuncOptions(), -1.0); }, "[smooth_l1_loss]"},
      {"huber_loss delta 0", [](Fixture& f) { F::huber_loss(f.x, f.x, F::HuberLossFuncOptions().delta(0)); }, "[huber_loss]"},
      {"cross_entropy class out of range", [logits](Fixture&) { F::cross_entropy(logits(), xg::tensor({0, 3})); },
       "[cross_entropy]"},
      {"cross_entropy negative class", [logits](Fixture&) { F::cross_entropy(logits(), xg::tensor({0, -2})); },
       "[cross_entropy]"},
      {"cross_entropy batch mismatch", [logits](Fixture&) { F::cross_entropy(logits(), xg::tensor({0, 1, 2})); },
       "[cross_entropy]"},
      {"cross_entropy Bool target", [logits](Fixture&) { F::cross_entropy(logits(), xg::tensor({true, false})); },
       "[cross_entropy]"},
      {"cross_entropy weight size",
       [logits](Fixture&) { F::cross_entropy(logits(), xg::tensor({0, 1}), F::CrossEntropyFuncOptions().weight(xg::ones({2}))); },
       "[cross_entropy]"},
      {"cross_entropy 0-d input", [](Fixture&) { F::cross_entropy(xg::zeros({}), xg::tensor({0})); }, "[cross_entropy]"},
      {"nll_loss class out of range", [logits](Fixture&) { F::nll_loss(logits(), xg::tensor({5, 0})); }, "[nll_loss]"},
      {"nll_loss Float target", [logits](Fixture&) { F::nll_loss(logits(), xg::zeros({2})); }, "[nll_loss]"},
      {"nll_loss target shape", [logits](Fixture&) { F::nll_loss(logits(), xg::tensor({{0, 1}})); }, "[nll_loss]"},
      {"binary_cross_entropy input above 1",
       [](Fixture&) { F::binary_cross_entropy(xg::full({2}, 1.5), xg::ones({2})); }, "[binary_cross_entropy]"},
      {"binary_cross_entropy NaN input",
       [](Fixture&) { F::binary_cross_entropy(xg::full({2}, kNaN), xg::ones({2})); }, "[binary_cross_entropy]"},
      {"binary_cross_entropy shapes",
       [](Fixture&) { F::binary_cross_entropy(xg::full({2}, 0.5), xg::ones({3})); }, "[binary_cross_entropy]"},
      {"binary_cross_entropy_with_logits shapes",
       [](Fixture&) { F::binary_cross_entropy_with_logits(xg::zeros({2}), xg::ones({2, 2})); },
       "[binary_cross_entropy_with_logits]"},
      {"CrossEntropyLoss module class out of range",
       [logits](Fixture&) { nn::CrossEntropyLoss()(logits(), xg::tensor({7, 0})); }, "[cross_entropy]"},
  });
}

BOOST_AUTO_TEST_CASE(optimizers) {
  run_table({
      {"SGD negative lr", [](Fixture& f) { optim::SGD(f.model->parameters(), -0.1); }, "[SGD] invalid learning rate"},
      {"SGD NaN lr", [](Fixture& f) { optim::SGD(f.model->parameters(), kNaN); }, "[SGD] invalid learning rate"},
      {"SGD negative momentum", [](Fixture& f) { optim::SGD(f.model->parameters(), optim::SGDOptions(0.1).momentum(-1)); }, "[SGD] invalid momentum"},
      {"SGD nesterov without momentum", [](Fixture& f) { optim::SGD(f.model->parameters(), optim::SGDOptions(0.1).nesterov(true)); }, "[SGD]"},
      {"Adam beta 1", [](Fixture& f) { optim::Adam(f.model->parameters(), optim::AdamOptions(0.1).betas({1.0, 0.999})); }, "[Adam] invalid beta"},
      {"Adam negative eps", [](Fixture& f) { optim::Adam(f.model->parameters(), optim::AdamOptions(0.1).eps(-1)); }, "[Adam] invalid epsilon"},
      {"AdamW NaN weight decay", [](Fixture& f) { optim::AdamW(f.model->parameters(), optim::AdamWOptions(0.1).weight_decay(kNaN)); }, "[AdamW]"},
      {"RMSprop negative alpha", [](Fixture& f) { optim::RMSprop(f.model->parameters(), optim::RMSpropOptions(0.1).alpha(-1)); }, "[RMSprop]"},
      {"Adagrad negative lr_decay", [](Fixture& f) { optim::Adagrad(f.model->parameters(), optim::AdagradOptions(0.1).lr_decay(-1)); }, "[Adagrad]"},
      {"LBFGS step without closure",
       [](Fixture& f) { optim::LBFGS(f.model->parameters()).step(nullptr); }, "[LBFGS]"},
      {"non-leaf parameter", [](Fixture& f) { optim::SGD({f.y}, 0.1); }, "[Optimizer] can't optimize a non-leaf Tensor"},
      {"undefined parameter", [](Fixture&) { optim::SGD({Tensor()}, 0.1); }, "[Optimizer] can't optimize an undefined Tensor"},
      {"parameter in two groups",
       [](Fixture& f) { f.optimizer->add_param_group(optim::OptimizerParamGroup({f.model->weight})); },
       "[Optimizer] some parameters appear in more than one parameter group"},
      {"add_param_group with a negative lr",
       [](Fixture& f) { f.optimizer->add_param_group(optim::OptimizerParamGroup({f.x}, std::make_unique<optim::SGDOptions>(-1))); },
       "[SGD] invalid learning rate: -1"},
      {"add_param_group with another optimizer's options",
       [](Fixture& f) { f.optimizer->add_param_group(optim::OptimizerParamGroup({f.x}, std::make_unique<optim::AdamOptions>(0.1))); },
       "[SGD] a param group has options of another optimizer type"},
      {"Adam add_param_group with beta 1",
       [](Fixture& f) {
         optim::Adam adam(f.model->parameters());
         adam.add_param_group(optim::OptimizerParamGroup({f.x}, std::make_unique<optim::AdamOptions>(optim::AdamOptions(0.1).betas({1.0, 0.9}))));
       },
       "[Adam] invalid beta parameter at index 0: 1"},
      {"LBFGS add_param_group",
       [](Fixture& f) { optim::LBFGS(f.model->parameters()).add_param_group(optim::OptimizerParamGroup({f.x})); },
       "[LBFGS] doesn't support per-parameter options (parameter groups)"},
      {"step with a gradient of the wrong shape",
       [](Fixture& f) { f.optimizer->step(); },
       "[SGD] the gradient of parameter 0 is Float [3, 2] but the parameter is Float [2, 3]",
       [](Fixture& f) { f.model->weight.mutable_grad() = xg::ones({3, 2}); }},
      {"step with a gradient of the wrong dtype",
       [](Fixture& f) { f.optimizer->step(); },
       "[SGD] the gradient of parameter 0 is Double [2, 3] but the parameter is Float [2, 3]",
       [](Fixture& f) { f.model->weight.mutable_grad() = xg::ones({2, 3}, xg::dtype(xg::kDouble)); }},
      {"Adam step with a gradient of the wrong shape",
       [](Fixture& f) { optim::Adam(f.model->parameters()).step(); },
       "[Adam] the gradient of parameter 1 is Float [] but the parameter is Float [2]",
       [](Fixture& f) { f.model->bias.mutable_grad() = xg::ones({}); }},
      {"StepLR step size 0", [](Fixture& f) { optim::StepLR(*f.optimizer, 0); }, "[StepLR]"},
      {"ExponentialLR NaN gamma", [](Fixture& f) { optim::ExponentialLR(*f.optimizer, kNaN); }, "[ExponentialLR]"},
      {"CosineAnnealingLR T_max 0", [](Fixture& f) { optim::CosineAnnealingLR(*f.optimizer, 0); }, "[CosineAnnealingLR]"},
      {"LambdaLR lambdas count",
       [](Fixture& f) { optim::LambdaLR(*f.optimizer, std::vector<optim::LambdaLR::LRLambda>(3, [](unsigned) { return 1.0; })); },
       "[LambdaLR]"},
  });
}

BOOST_AUTO_TEST_CASE(data_loading) {
  run_table({
      {"DataLoader batch size 0", [](Fixture& f) { xg::data::DataLoader(xg::data::TensorDataset({f.x}), 0); }, "[DataLoader]"},
      {"DataLoader negative batch size", [](Fixture& f) { xg::data::DataLoader(xg::data::TensorDataset({f.x}), -2); }, "[DataLoader]"},
      {"DataLoader empty dataset", [](Fixture& f) { xg::data::DataLoader(xg::data::TensorDataset({f.e}), 2); }, "[DataLoader]"},
      {"TensorDataset no tensors", [](Fixture&) { xg::data::TensorDataset({}); }, "[TensorDataset]"},
      {"TensorDataset sizes differ", [](Fixture& f) { xg::data::TensorDataset({f.x, f.l}); }, "[TensorDataset]"},
      {"TensorDataset 0-d tensor", [](Fixture&) { xg::data::TensorDataset({xg::ones({})}); }, "[TensorDataset]"},
      {"TensorDataset undefined tensor", [](Fixture& f) { xg::data::TensorDataset({f.x, Tensor()}); }, "[TensorDataset]"},
      {"read_csv missing file", [](Fixture& f) { xg::data::read_csv(f.dir / "missing.csv"); }, "[read_csv]"},
      {"read_csv ragged rows", [](Fixture& f) { xg::data::read_csv(f.dir / "ragged.csv"); }, "line 2"},
      {"read_csv not a number", [](Fixture& f) { xg::data::read_csv(f.dir / "words.csv"); }, "abc"},
      {"read_csv fraction as Long", [](Fixture& f) { xg::data::read_csv(f.dir / "fraction.csv", xg::data::CsvOptions().dtype(xg::kLong)); }, "[read_csv]"},
      {"split_target of 1-D", [](Fixture& f) { xg::data::split_target(f.d); }, "[split_target]"},
      {"split_target column out of range", [](Fixture& f) { xg::data::split_target(f.x, 3); }, "[split_target]"},
  });
}

BOOST_AUTO_TEST_CASE(checkpoints) {
  run_table({
      {"load tensor missing file", [](Fixture& f) { xg::load(f.d, f.dir / "missing.npz"); }, "[load]"},
      {"load tensor wrong shape", [](Fixture& f) { xg::load(f.x, f.model_file); }, "[load]"},
      {"load tensor wrong dtype", [](Fixture& f) { Tensor t = f.d.to(xg::kFloat); xg::load(t, f.tensor_file); f.d.copy_(t); }, "[load]"},
      {"load tensor not a zip", [](Fixture& f) { xg::load(f.d, f.dir / "not_a_zip.npz"); }, "[load]"},
      {"load module missing file", [](Fixture& f) { xg::load(f.model, f.dir / "missing.npz"); }, "[load]"},
      {"load module truncated", [](Fixture& f) { xg::load(f.model, f.dir / "truncated.npz"); }, "[load]"},
      {"load module wrong shapes", [](Fixture& f) {
         nn::Linear other(2, 3);
         xg::save(other, f.scratch / "other.npz");
         xg::load(f.model, f.scratch / "other.npz");
       }, "[load]"},
      {"load module wrong keys", [](Fixture& f) { xg::load(f.model, f.tensor_file); }, "[load]"},
      {"load module wrong dtypes", [](Fixture& f) {
         nn::Linear other(3, 2);
         other->to(xg::kDouble);
         xg::save(other, f.scratch / "double.npz");
         xg::load(f.model, f.scratch / "double.npz");
       }, "[load]"},
      {"load optimizer of another type", [](Fixture& f) {
         optim::Adam adam(f.model->parameters(), 0.1);
         xg::load(*f.optimizer, f.model_file);
       }, "[load]"},
      {"load optimizer into an Adam", [](Fixture& f) {
         optim::Adam adam(f.model->parameters(), 0.1);
         xg::load(adam, f.optimizer_file);
       }, "[load]"},
      {"load optimizer truncated", [](Fixture& f) { xg::load(*f.optimizer, f.dir / "truncated.npz"); }, "[load]"},
      {"save undefined tensor", [](Fixture& f) { xg::save(Tensor(), f.tensor_file); }, "[save]"},
      {"save into a missing folder", [](Fixture& f) { xg::save(f.d, f.dir / "no/such/folder/t.npz"); }, "[save]"},
      {"save_named duplicate names",
       [](Fixture& f) { xg::serialize::save_named({{"a", f.d}, {"a", f.d}}, f.tensor_file); }, "[save]"},
      {"save_named empty name", [](Fixture& f) { xg::serialize::save_named({{"", f.d}}, f.tensor_file); }, "[save]"},
      {"load vector count", [](Fixture& f) { std::vector<Tensor> v = {f.d, f.l}; xg::load(v, f.tensor_file); }, "[load]"},
  });
}

BOOST_AUTO_TEST_CASE(more_elementwise) {
  run_table({
      {"floor of Bool", [](Fixture& f) { f.b.floor(); }, "[floor]"},
      {"round of Bool", [](Fixture& f) { f.b.round(); }, "[round]"},
      {"atan2 shapes", [](Fixture& f) { f.x.atan2(xg::ones({4})); }, "[atan2] shapes [2, 3] and [4]"},
      {"fmod of Bool", [](Fixture& f) { f.b.fmod(f.b); }, "[fmod]"},
      {"fmod Long by a zero tensor", [](Fixture& f) { f.l.fmod(xg::tensor({1, 0, 2, 3})); },
       "[fmod] ZeroDivisionError"},
      {"remainder Long by 0", [](Fixture& f) { f.l.remainder(0); }, "[remainder] ZeroDivisionError"},
      {"div Long by a zero tensor, floor", [](Fixture& f) { f.l.div(xg::tensor({1, 0, 2, 3}), "floor"); },
       "[div] ZeroDivisionError"},
      {"div Long by 0, trunc", [](Fixture& f) { f.l.div(0, "trunc"); }, "[div] ZeroDivisionError"},
      {"div with an unknown rounding mode", [](Fixture& f) { f.x.div(f.x, "round"); },
       "[div] expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'round'"},
      {"remainder shapes", [](Fixture& f) { f.x.remainder(f.l); }, "[remainder] shapes [2, 3] and [4]"},
      {"lerp of Long", [](Fixture& f) { f.l.lerp(f.l, 0.5); }, "[lerp] expected a floating point tensor"},
      {"lerp end dtype", [](Fixture& f) { f.x.lerp(f.d, 0.5); }, "[lerp] expected dtype Float for `end` but got dtype Double"},
      {"lerp weight dtype", [](Fixture& f) { f.d.lerp(f.d, xg::ones({3})); },
       "[lerp] expected dtype Double for `weight` but got dtype Float"},
      {"lerp weight shape", [](Fixture& f) { f.x.lerp(f.x, xg::ones({2})); }, "[lerp] shapes"},
      {"addcmul shapes", [](Fixture& f) { f.x.addcmul(f.x, xg::ones({4})); }, "[addcmul] shapes"},
      {"addcdiv of Long", [](Fixture& f) { f.l.addcdiv(f.l, f.l); }, "[addcdiv] Integer division"},
      {"addcdiv shapes", [](Fixture& f) { f.d.addcdiv(f.d, xg::ones({2})); }, "[addcdiv] shapes"},
      {"isclose dtypes", [](Fixture& f) { f.x.isclose(f.d); }, "[isclose] Float did not match Double"},
      {"isclose negative rtol", [](Fixture& f) { f.d.isclose(f.d, -1); }, "[isclose] rtol must be greater than or equal to zero"},
      {"isclose shapes", [](Fixture& f) { f.d.isclose(xg::ones({2}, xg::dtype(xg::kDouble))); }, "[isclose] shapes"},
  });
}

BOOST_AUTO_TEST_CASE(more_reductions) {
  run_table({
      {"amax dim out of range", [](Fixture& f) { f.x.amax({2}); }, "[amax]"},
      {"amax repeated dim", [](Fixture& f) { f.x.amax({1, -1}); }, "[amax] dim 1 appears multiple times"},
      {"amin of empty", [](Fixture& f) { f.e.amin(); }, "[amin] expected a non-empty tensor"},
      {"all dim out of range", [](Fixture& f) { f.b.all(2); }, "[all]"},
      {"any dim out of range", [](Fixture& f) { f.l.any(-2); }, "[any]"},
      {"cumsum dim out of range", [](Fixture& f) { f.x.cumsum(2); }, "[cumsum]"},
      {"cumsum to Bool", [](Fixture& f) { f.l.cumsum(0, xg::kBool); }, "[cumsum]"},
  });
}

BOOST_AUTO_TEST_CASE(convolution_and_pooling) {
  const xg::Tensor image = xg::ones({2, 3, 5, 5}), filters = xg::ones({4, 3, 3, 3});
  run_table({
      {"conv2d channel mismatch", [&](Fixture&) { xg::conv2d(image, xg::ones({4, 2, 3, 3})); },
       "[conv2d] weight of sizes [4, 2, 3, 3] with groups=1 expects 2 input channels"},
      {"conv2d kernel larger than the padded input", [&](Fixture&) { xg::conv2d(image, xg::ones({4, 3, 6, 6})); },
       "[conv2d] the kernel (6 x 6, dilation 1 x 1) is larger than the padded input (5 x 5)"},
      {"conv2d groups not dividing the channels", [&](Fixture&) { xg::conv2d(image, xg::ones({4, 1, 3, 3}), {}, 1, 0, 1, 2); },
       "[conv2d] groups=2 must divide the input channels"},
      {"conv2d wrong input rank", [&](Fixture& f) { xg::conv2d(f.x, filters); },
       "[conv2d] expected a 3-D (unbatched) or 4-D (batched) input, got sizes [2, 3]"},
      {"conv2d wrong weight rank", [&](Fixture&) { xg::conv2d(image, xg::ones({4, 3, 3})); }, "[conv2d] weight must be 4-D"},
      {"conv2d bias size", [&](Fixture&) { xg::conv2d(image, filters, xg::ones({3})); },
       "[conv2d] bias must be 1-D of size out_channels=4"},
      {"conv2d dtype mismatch", [&](Fixture&) { xg::conv2d(image, filters.to(xg::kDouble)); }, "[conv2d] input (Float)"},
      {"conv2d of Long", [&](Fixture&) { xg::conv2d(xg::ones({1, 1, 3, 3}, xg::kLong), xg::ones({1, 1, 2, 2}, xg::kLong)); },
       "[conv2d] expected a floating-point tensor"},
      {"conv2d zero stride", [&](Fixture&) { xg::conv2d(image, filters, {}, 0); }, "[conv2d] stride must be positive"},
      {"conv2d three strides", [&](Fixture&) { xg::conv2d(image, filters, {}, {1, 1, 1}); },
       "[conv2d] stride must have one or two values"},
      {"conv1d wrong input rank", [&](Fixture&) { xg::conv1d(image, xg::ones({4, 3, 3})); }, "[conv1d] expected a 2-D"},
      {"conv1d two strides", [&](Fixture&) { xg::conv1d(xg::ones({2, 3, 7}), xg::ones({4, 3, 3}), {}, {1, 1}); },
       "[conv1d] stride must have one value"},
      {"Conv2d groups not dividing in_channels", [](Fixture&) { nn::Conv2d(nn::Conv2dOptions(3, 4, 3).groups(2)); },
       "[Conv2d] in_channels=3 must be divisible by groups=2"},
      {"max_pool2d wrong rank", [](Fixture& f) { xg::max_pool2d(f.x, 2); },
       "[max_pool2d] expected a 3-D (unbatched) or 4-D (batched) input, got sizes [2, 3]"},
      {"max_pool2d padding over half the kernel", [&](Fixture&) { xg::max_pool2d(image, 2, {}, 2); },
       "[max_pool2d] padding should be at most half of the effective kernel size"},
      {"max_pool2d kernel larger than the input", [&](Fixture&) { xg::max_pool2d(image, 6); },
       "[max_pool2d] the kernel (6 x 6"},
      {"max_pool2d of Long", [](Fixture&) { xg::max_pool2d(xg::ones({1, 2, 2}, xg::kLong), 2); },
       "[max_pool2d] expected a floating-point tensor"},
      {"avg_pool2d zero divisor", [&](Fixture&) { xg::avg_pool2d(image, 2, {}, 0, false, true, 0); },
       "[avg_pool2d] divisor_override must not be zero"},
      {"avg_pool2d zero kernel", [&](Fixture&) { xg::avg_pool2d(image, 0); }, "[avg_pool2d] kernel size must be positive"},
      {"dropout2d wrong rank", [](Fixture& f) { F::dropout2d(f.x); }, "[dropout2d] expected a 3-D"},
      {"im2col wrong rank", [](Fixture& f) { xg::im2col(f.x, 2, 1, 0, 1); }, "[im2col] expected a 3-D or 4-D input"},
      {"col2im column count", [](Fixture&) { xg::col2im(xg::ones({1, 4, 5}), {3, 3}, 2, 1, 0, 1); },
       "[col2im] self has 5 columns"},
  });
}

BOOST_AUTO_TEST_CASE(shape_and_ordering) {
  run_table({
      {"split dim out of range", [](Fixture& f) { f.x.split(1, 2); }, "[split] dimension out of range"},
      {"split negative size", [](Fixture& f) { f.x.split(-1); }, "[split] split expects split_size be non-negative"},
      {"split size 0", [](Fixture& f) { f.x.split(0, 1); }, "[split] split_size can only be 0 if dimension size is 0"},
      {"split of a 0-d tensor", [](Fixture& f) { f.x.sum().split(1); }, "[split] expected at least a 1-dimensional tensor"},
      {"split sizes not summing to the dim", [](Fixture& f) { f.x.split({1, 1}, 1); },
       "[split_with_sizes] split_sizes must sum exactly to 3"},
      {"split_with_sizes negative size", [](Fixture& f) { f.x.split_with_sizes({4, -1}, 1); },
       "[split_with_sizes] split_sizes must be non-negative"},
      {"chunk 0 chunks", [](Fixture& f) { f.x.chunk(0); }, "[chunk] chunks must be greater than 0"},
      {"chunk dim out of range", [](Fixture& f) { f.d.chunk(2, 1); }, "[chunk] dimension out of range"},
      {"tensor_split 0 sections", [](Fixture& f) { f.d.tensor_split(0); }, "[tensor_split] number of sections must be"},
      {"tensor_split dim out of range", [](Fixture& f) { f.x.tensor_split({1}, -3); }, "[tensor_split] dimension out of range"},
      {"diagonal of a vector", [](Fixture& f) { f.d.diagonal(); }, "[diagonal] expected a tensor with at least 2 dimensions"},
      {"diagonal same dims", [](Fixture& f) { f.x.diagonal(0, 1, -1); }, "[diagonal] dimensions cannot be identical"},
      {"diag of 3-d", [](Fixture& f) { f.x.unsqueeze(0).diag(); }, "[diag] supports 1D or 2D tensors, got 3D"},
      {"tril of a vector", [](Fixture& f) { f.d.tril(); }, "[tril] input tensor must have at least 2 dimensions"},
      {"triu of a vector", [](Fixture& f) { f.l.triu(1); }, "[triu] input tensor must have at least 2 dimensions"},
      {"tril_ of a vector", [](Fixture& f) { f.d.tril_(); }, "[tril_] input tensor must have at least 2 dimensions"},
      {"triu_ on a leaf that requires grad", [](Fixture& f) { f.x.triu_(); }, "[triu_] a leaf Variable that requires grad"},
      {"flip dim out of range", [](Fixture& f) { f.x.flip({2}); }, "[flip] dimension out of range"},
      {"flip repeated dim", [](Fixture& f) { f.x.flip({0, -2}); }, "[flip] dims has duplicates"},
      {"roll without shifts", [](Fixture& f) { f.x.roll(xg::IntArrayRef()); }, "[roll] `shifts` required"},
      {"roll shifts and dims of different lengths", [](Fixture& f) { f.x.roll({1, 2}, {0}); },
       "[roll] shifts and dimensions must align. shifts: 2, dims: 1"},
      {"roll dim out of range", [](Fixture& f) { f.x.roll(1, 2); }, "[roll] dimension out of range"},
      {"repeat with fewer repeats than dims", [](Fixture& f) { f.x.repeat({2}); },
       "[repeat] number of dimensions of repeat dims (1) can not be smaller"},
      {"repeat negative", [](Fixture& f) { f.x.repeat({1, -1}); }, "[repeat] repeats must be non-negative"},
      {"repeat_interleave negative", [](Fixture& f) { f.x.repeat_interleave(-1); }, "[repeat_interleave] repeats can not be negative"},
      {"repeat_interleave dim out of range", [](Fixture& f) { f.d.repeat_interleave(2, 1); }, "[repeat_interleave] dimension out of range"},
      {"repeat_interleave wrong output_size", [](Fixture& f) { f.d.repeat_interleave(2, 0, 5); },
       "[repeat_interleave] output_size 5 does not match the repeated size 6"},
      {"cumprod dim out of range", [](Fixture& f) { f.x.cumprod(2); }, "[cumprod] dimension out of range"},
      {"cumprod to Bool", [](Fixture& f) { f.l.cumprod(0, xg::kBool); }, "[cumprod]"},
      {"sort dim out of range", [](Fixture& f) { f.x.sort(2); }, "[sort] dimension out of range"},
      {"sort without a stable value", [](Fixture& f) { f.x.sort(std::optional<bool>()); }, "[sort] stable must be true or false"},
      {"argsort dim out of range", [](Fixture& f) { f.l.argsort(1); }, "[argsort] dimension out of range"},
      {"topk k larger than the dim", [](Fixture& f) { f.x.topk(4); }, "[topk] selected index k out of range: k = 4"},
      {"topk negative k", [](Fixture& f) { f.d.topk(-1); }, "[topk] selected index k out of range"},
      {"topk dim out of range", [](Fixture& f) { f.d.topk(1, 1); }, "[topk] dimension out of range"},
      {"topk of Bool", [](Fixture& f) { f.b.topk(1); }, "[topk] not supported for Bool tensors"},
      {"randperm of a negative n", [](Fixture&) { xg::randperm(-1); }, "[randperm] n must be non-negative, got -1"},
      {"randperm too large for Float", [](Fixture&) { xg::randperm(1 << 25, xg::kFloat); }, "[randperm] n is too large"},
      {"bernoulli of Long", [](Fixture& f) { f.l.bernoulli(); }, "[bernoulli] expected a Float or Double tensor"},
      {"bernoulli of values above 1", [](Fixture& f) { f.d.bernoulli(); }, "[bernoulli] expects all of p to be in [0, 1]"},
      {"bernoulli p above 1", [](Fixture& f) { f.x.bernoulli(1.5); }, "[bernoulli] expects p to be in [0, 1], but got p=1.5"},
      {"bernoulli_ p below 0", [](Fixture& f) { f.y.bernoulli_(-0.5); }, "[bernoulli_] expects p to be in [0, 1]"},
      {"bernoulli_ on a leaf that requires grad", [](Fixture& f) { f.x.bernoulli_(0.5); }, "[bernoulli_] a leaf Variable"},
      {"bernoulli_ p of another shape", [](Fixture& f) { f.y.bernoulli_(xg::full({4}, 0.5)); },
       "[bernoulli_] p of shape [4] does not broadcast to the shape [2, 3]"},
      {"bernoulli_ p of Long", [](Fixture& f) { f.y.bernoulli_(f.l); }, "[bernoulli_] expected p to be a Float or Double tensor"},
  });
}

BOOST_AUTO_TEST_CASE(einsum_and_linear_algebra) {
  run_table({
      {"einsum without operands", [](Fixture&) { xg::einsum("i", {}); }, "[einsum] must provide at least one operand"},
      {"einsum more operands than subscripts", [](Fixture& f) { xg::einsum("i", {f.d, f.d}); },
       "[einsum] more operands were provided than specified in the equation"},
      {"einsum fewer operands than subscripts", [](Fixture& f) { xg::einsum("i,i->", {f.d}); },
       "[einsum] fewer operands were provided than specified in the equation"},
      {"einsum subscripts fewer than dims", [](Fixture& f) { xg::einsum("i->", {f.x}); },
       "[einsum] the number of subscripts in the equation (1) does not match the number of dimensions (2) for operand 0"},
      {"einsum subscripts more than dims", [](Fixture& f) { xg::einsum("...ijk", {f.x}); },
       "[einsum] the number of subscripts in the equation (3) is more than the number of dimensions (2) for operand 0"},
      {"einsum bad character", [](Fixture& f) { xg::einsum("i1", {f.x}); },
       "[einsum] invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]"},
      {"einsum lone dot", [](Fixture& f) { xg::einsum("i.j", {f.x}); }, "[einsum] found '.' for operand 0 that is not part of any ellipsis"},
      {"einsum two ellipses", [](Fixture& f) { xg::einsum("......", {f.x}); },
       "[einsum] found '.' for operand 0 for which an ellipsis was already found"},
      {"einsum repeated label of two sizes", [](Fixture& f) { xg::einsum("ii->i", {f.x}); },
       "[einsum] subscript i is repeated for operand 0 but the sizes don't match, 2 != 3"},
      {"einsum label sizes that do not broadcast", [](Fixture& f) { xg::einsum("ij,jk->ik", {f.x, f.x}); },
       "[einsum] subscript j has size 2 for operand 1 which does not broadcast with previously seen size 3"},
      {"einsum output label not in the inputs", [](Fixture& f) { xg::einsum("ij->k", {f.x}); },
       "[einsum] output subscript k does not appear in the equation for any input operand"},
      {"einsum output label twice", [](Fixture& f) { xg::einsum("ij->ii", {f.x}); },
       "[einsum] output subscript i appears more than once in the output"},
      {"einsum operands of two dtypes", [](Fixture& f) { xg::einsum("ij,j->i", {f.x, f.d}); },
       "[einsum] expected all operands to have the same dtype"},
      {"inverse of a vector", [](Fixture& f) { f.d.inverse(); }, "[inverse] The input tensor A must have at least 2 dimensions"},
      {"inverse of a non-square matrix", [](Fixture& f) { f.x.inverse(); },
       "[inverse] A must be batches of square matrices, but they are 2 by 3 matrices"},
      {"inverse of Long", [](Fixture& f) { f.l.view({2, 2}).inverse(); }, "[inverse] Expected a floating point tensor"},
      {"inverse of a singular matrix", [](Fixture&) { xg::ones({2, 2}).inverse(); },
       "[inverse] The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular."},
      {"linalg_inv of a singular batch element", [](Fixture&) { xg::linalg_inv(xg::stack({xg::eye(2), xg::zeros({2, 2})})); },
       "[linalg_inv] (Batch element 1): The diagonal element 1 is zero"},
      {"det of a non-square matrix", [](Fixture& f) { f.x.det(); }, "[det] A must be batches of square matrices"},
      {"linalg_det of Bool", [](Fixture& f) { xg::linalg_det(f.b); }, "[linalg_det] Expected a floating point tensor"},
      {"solve with a non-square A", [](Fixture& f) { xg::linalg_solve(f.x, f.d); }, "[linalg_solve] A must be batches of square matrices"},
      {"solve with B of the wrong rows", [](Fixture& f) { xg::linalg_solve(xg::eye(2, xg::dtype(xg::kDouble)), f.d); },
       "[linalg_solve] Incompatible shapes of A and B for the equation AX = B ([2, 2] and [3])"},
      {"solve with batches that do not broadcast", [](Fixture&) { xg::linalg_solve(xg::ones({2, 2, 2}), xg::ones({3, 2, 1})); },
       "[linalg_solve]"},
      {"solve with A and B of two dtypes", [](Fixture& f) { xg::linalg_solve(xg::eye(3), f.d); },
       "[linalg_solve] Expected A and B to have the same dtype, but found A of type Float and B of type Double instead"},
      {"solve with a singular A", [](Fixture&) { xg::linalg_solve(xg::zeros({2, 2}), xg::ones({2})); },
       "[linalg_solve] The diagonal element 1 is zero, the solve could not be completed because the input matrix is singular."},
  });
}

BOOST_AUTO_TEST_CASE(distribution_and_margin_losses) {
  const auto rows = [] { return xg::zeros({2, 3}, xg::kDouble); };
  const auto labels = [] { return xg::tensor({1.0, -1.0}, xg::dtype(xg::kDouble)); };
  run_table({
      {"xlogy shapes that do not broadcast", [](Fixture& f) { xg::xlogy(f.b, f.d); }, "[xlogy]"},
      {"log_sigmoid of Long", [](Fixture& f) { xg::log_sigmoid(f.l); }, "[log_sigmoid]"},
      {"kl_div shapes", [](Fixture& f) { F::kl_div(f.x, xg::ones({3})); }, "[kl_div] target sizes [3] differ"},
      {"kl_div bad reduction", [](Fixture& f) { xg::kl_div(f.x, f.x, 7); }, "[kl_div] unknown reduction 7"},
      {"kl_div Long input", [](Fixture& f) { F::kl_div(f.l, f.l); }, "[kl_div] expected a floating-point input"},
      {"poisson_nll_loss shapes", [](Fixture& f) { F::poisson_nll_loss(f.x, xg::ones({2})); }, "[poisson_nll_loss]"},
      {"poisson_nll_loss eps 0 on rates",
       [](Fixture& f) { F::poisson_nll_loss(f.x, f.x, F::PoissonNLLLossFuncOptions().log_input(false).eps(0)); },
       "[poisson_nll_loss] eps must be positive"},
      {"poisson_nll_loss bad reduction", [](Fixture& f) { xg::poisson_nll_loss(f.x, f.x, true, false, 1e-8, -1); },
       "[poisson_nll_loss] unknown reduction"},
      {"gaussian_nll_loss negative variance",
       [](Fixture& f) { F::gaussian_nll_loss(f.d, f.d, xg::tensor({1.0, -0.5, 1.0}, xg::dtype(xg::kDouble))); },
       "[gaussian_nll_loss] var has negative entries"},
      {"gaussian_nll_loss var sizes", [rows](Fixture&) { F::gaussian_nll_loss(rows(), rows(), xg::ones({3}, xg::kDouble)); },
       "[gaussian_nll_loss] var sizes [3] fit neither"},
      {"gaussian_nll_loss eps 0",
       [](Fixture& f) { F::gaussian_nll_loss(f.d, f.d, f.d, F::GaussianNLLLossFuncOptions().eps(0)); },
       "[gaussian_nll_loss] eps must be positive"},
      {"gaussian_nll_loss var dtype", [](Fixture& f) { F::gaussian_nll_loss(f.d, f.d, xg::ones({3})); },
       "[gaussian_nll_loss] var dtype Float differs"},
      {"margin_ranking_loss sizes", [labels](Fixture& f) { F::margin_ranking_loss(f.d, f.d, labels()); },
       "[margin_ranking_loss] input1 and target differ in sizes"},
      {"margin_ranking_loss bad reduction", [](Fixture& f) { xg::margin_ranking_loss(f.d, f.d, f.d, 0.0, 3); },
       "[margin_ranking_loss] unknown reduction 3"},
      {"cosine_embedding_loss 2-d target",
       [rows](Fixture&) { F::cosine_embedding_loss(rows(), rows(), xg::ones({2, 1}, xg::kDouble)); },
       "[cosine_embedding_loss] expected a 0-d or 1-d target"},
      {"cosine_embedding_loss 1-d inputs for a 1-d target",
       [labels](Fixture& f) { F::cosine_embedding_loss(f.d, f.d, labels()); },
       "[cosine_embedding_loss] a 1-d target expects 2-d inputs"},
      {"cosine_embedding_loss target size",
       [rows](Fixture& f) { F::cosine_embedding_loss(rows(), rows(), f.d); }, "[cosine_embedding_loss] target sizes [3]"},
      {"cosine_embedding_loss margin above 1",
       [rows, labels](Fixture&) {
         F::cosine_embedding_loss(rows(), rows(), labels(), F::CosineEmbeddingLossFuncOptions().margin(1.5));
       },
       "[cosine_embedding_loss] margin must be between -1 and 1"},
      {"triplet_margin_loss sizes", [rows](Fixture& f) { F::triplet_margin_loss(rows(), rows(), f.d); },
       "[triplet_margin_loss] anchor and negative differ in sizes"},
      {"triplet_margin_loss p 0",
       [](Fixture& f) { F::triplet_margin_loss(f.d, f.d, f.d, F::TripletMarginLossFuncOptions().p(0)); },
       "[triplet_margin_loss] the norm's order p must be positive"},
      {"triplet_margin_loss negative eps",
       [](Fixture& f) { F::triplet_margin_loss(f.d, f.d, f.d, F::TripletMarginLossFuncOptions().eps(-1)); },
       "[triplet_margin_loss] eps must not be negative"},
      {"multilabel_soft_margin_loss shapes", [rows](Fixture& f) { F::multilabel_soft_margin_loss(rows(), f.d); },
       "[multilabel_soft_margin_loss] target sizes [3] differ"},
      {"multilabel_soft_margin_loss weight size",
       [rows](Fixture&) {
         F::multilabel_soft_margin_loss(rows(), rows(),
                                        F::MultilabelSoftMarginLossFuncOptions().weight(xg::ones({2}, xg::kDouble)));
       },
       "[multilabel_soft_margin_loss] weight must be a 1-D tensor with one entry per class (3)"},
      {"KLDivLoss module shapes", [](Fixture& f) { nn::KLDivLoss(xg::kBatchMean)(f.x, f.d); }, "[kl_div]"},
      {"TripletMarginLoss module 0-d inputs",
       [](Fixture&) { nn::TripletMarginLoss()(xg::zeros({}), xg::zeros({}), xg::zeros({})); },
       "[triplet_margin_loss] expected inputs of sizes [N, D] or [D]"},
  });
}

// ---- calls that used to give a silently wrong result ---------------------------------------------
BOOST_AUTO_TEST_CASE(formerly_silently_wrong) {
  run_table({
      {"unbind of a 0-d tensor", [](Fixture&) { xg::tensor(1.0).unbind(0); },
       "[unbind] Dimension specified as 0 but tensor has no dimensions"},
      {"copy_ from its own transpose", [](Fixture& f) { Tensor x = f.d.view({3, 1}).expand({3, 3}).clone(); x.copy_(x.t()); },
       "[copy_] unsupported operation: some elements of the input tensor and the written-to tensor"},
      {"SGD with a parameter twice", [](Fixture& f) { optim::SGD({f.model->weight, f.model->weight}, 0.1); },
       "[Optimizer] a parameter group lists parameter 1 twice (also as 0)"},
      {"SGD with no parameters", [](Fixture&) { optim::SGD(std::vector<Tensor>{}, 0.1); },
       "[Optimizer] optimizer got an empty parameter list"},
      {"Adam with no parameters", [](Fixture&) { optim::Adam(std::vector<Tensor>{}); },
       "[Optimizer] optimizer got an empty parameter list"},
      {"register_buffer over a parameter", [](Fixture& f) { f.model->register_buffer("weight", xg::zeros({2})); },
       "[register_buffer] 'weight' is already a parameter of this module"},
      {"register_parameter over a buffer",
       [](Fixture&) { nn::BatchNorm1d bn(2); bn->register_parameter("running_mean", xg::zeros({2})); },
       "[register_parameter] 'running_mean' is already a buffer of this module"},
      {"StepLR negative gamma", [](Fixture& f) { optim::StepLR(*f.optimizer, 2, -0.5); },
       "[StepLR] gamma must be a finite number not below 0, got -0.5"},
      {"MultiStepLR NaN gamma", [](Fixture& f) { optim::MultiStepLR(*f.optimizer, {2}, kNaN); },
       "[MultiStepLR] gamma must be a finite number not below 0, got nan"},
      {"ExponentialLR negative gamma", [](Fixture& f) { optim::ExponentialLR(*f.optimizer, -1.0); },
       "[ExponentialLR] gamma must be a finite number not below 0, got -1"},
      {"arange of more elements than int64_t counts", [](Fixture&) { xg::arange(0.0, 1e300, 1e-300); },
       "[arange] invalid size, possible overflow? (inf elements from 0 to 1e+300 in steps of 1e-300)"},
      {"narrow negative length names it", [](Fixture& f) { f.x.narrow(1, 0, -1); },
       "[narrow] length must be non-negative, got -1"},
      {"read_csv of a directory", [](Fixture& f) { xg::data::read_csv(f.dir.path.string()); },
       "is a directory, not a CSV file"},
  });
}

// ---- torch::data: datasets::MNIST, transforms, samplers, make_data_loader ----------------------
BOOST_AUTO_TEST_CASE(torch_data) {
  // A training set whose images file starts with the labels' magic number.
  const auto wrong_magic = [](Fixture& f) {
    f.scratch.file("train-images-idx3-ubyte", std::string("\0\0\x08\x01\0\0\0\0\0\0\0\x1c\0\0\0\x1c", 16));
    f.scratch.file("train-labels-idx1-ubyte", std::string("\0\0\x08\x01\0\0\0\0", 8));
    return f.scratch.path.string();
  };
  const auto numbers = [] { return xg::data::datasets::MNIST(std::string(XGRAD_TEST_DATA_DIR) + "/mnist_fixture/gz"); };
  run_table({
      {"MNIST in a folder without the files", [](Fixture& f) { xg::data::datasets::MNIST(f.dir.path.string()); },
       "train-images-idx3-ubyte' not found (nor '"},
      {"MNIST images with the labels' magic number",
       [wrong_magic](Fixture& f) { xg::data::datasets::MNIST(wrong_magic(f)); },
       "train-images-idx3-ubyte' has the magic number 2049, expected 2051 (images)"},
      {"MNIST index past the end", [numbers](Fixture&) { numbers().get(100); },
       "[MNIST] index 100 is out of range for a dataset of 100 examples"},
      {"Normalize without a mean", [](Fixture&) { xg::data::transforms::Normalize<>(std::vector<double>{}, 1.0); },
       "[Normalize] mean has 0 values and stddev 1"},
      {"Stack of no examples", [](Fixture&) { xg::data::transforms::Stack<>().apply_batch({}); },
       "[Stack] cannot stack an empty batch of examples"},
      {"DistributedSequentialSampler with no replicas",
       [](Fixture&) { xg::data::samplers::DistributedSequentialSampler(10, 0); },
       "[DistributedSampler] num_replicas must be at least 1, got 0"},
      {"RandomSampler of negative size", [](Fixture&) { xg::data::samplers::RandomSampler(-1); },
       "[RandomSampler] size must be non-negative, got -1"},
      {"make_data_loader batch size 0",
       [numbers](Fixture&) { xg::data::make_data_loader(numbers().map(xg::data::transforms::Stack<>()), 0); },
       "[DataLoader] batch_size must be at least 1, got 0"},
      {"make_data_loader with workers but no jobs",
       [numbers](Fixture&) {
         xg::data::make_data_loader(numbers().map(xg::data::transforms::Stack<>()),
                                    xg::data::DataLoaderOptions(2).workers(2).max_jobs(0));
       },
       "[DataLoader] max_jobs must be at least 1, got 0"},
  });
}

// ---- normalisation: batch_norm, layer_norm, group_norm, instance_norm and their layers ----
BOOST_AUTO_TEST_CASE(normalisation) {
  const xg::Tensor batch = xg::ones({4, 3, 5});
  run_table({
      {"batch_norm running_mean of the wrong channel count",
       [&](Fixture&) { xg::batch_norm(batch, {}, {}, xg::zeros({4}), xg::ones({4}), true, 0.1, 1e-5, false); },
       "[batch_norm] running_mean should contain 3 elements not 4"},
      {"batch_norm weight of the wrong channel count",
       [&](Fixture&) { xg::batch_norm(batch, xg::ones({2}), {}, {}, {}, true, 0.1, 1e-5, false); },
       "[batch_norm] weight should contain 3 elements not 2"},
      {"batch_norm one value per channel in training",
       [](Fixture&) { F::batch_norm(xg::ones({1, 3}), {}, {}, F::BatchNormFuncOptions().training(true)); },
       "[batch_norm] Expected more than 1 value per channel when training, got input size [1, 3]"},
      {"batch_norm 1-d input", [](Fixture& f) { xg::batch_norm(f.d, {}, {}, {}, {}, true, 0.1, 1e-5, false); },
       "[batch_norm] expected an input of at least 2 dims [N, C, *], got sizes [3]"},
      {"batch_norm eval without running statistics",
       [&](Fixture&) { xg::batch_norm(batch, {}, {}, {}, {}, false, 0.1, 1e-5, false); },
       "[batch_norm] running_mean must be defined in evaluation mode"},
      {"batch_norm of Long", [](Fixture&) { xg::batch_norm(xg::ones({4, 3}, xg::kLong), {}, {}, {}, {}, true, 0.1, 1e-5, false); },
       "[batch_norm] expected a floating-point tensor"},
      {"batch_norm weight dtype",
       [&](Fixture&) { xg::batch_norm(batch, xg::ones({3}, xg::kDouble), {}, {}, {}, true, 0.1, 1e-5, false); },
       "[batch_norm] weight (Double) and input (Float) must have the same dtype"},
      {"F::batch_norm without momentum",
       [&](Fixture&) {
         F::batch_norm(batch, xg::zeros({3}), xg::ones({3}), F::BatchNormFuncOptions().training(true).momentum(std::nullopt));
       },
       "[batch_norm] momentum must be given"},
      {"BatchNorm1d batch of 1", [](Fixture&) { nn::BatchNorm1d(3)(xg::ones({1, 3})); },
       "[batch_norm] Expected more than 1 value per channel when training, got input size [1, 3]"},
      {"BatchNorm1d 4-d input", [](Fixture&) { nn::BatchNorm1d(3)(xg::ones({2, 3, 4, 5})); },
       "[BatchNorm1d] expected 2D or 3D input (got 4D input)"},
      {"BatchNorm1d wrong channel count", [](Fixture&) { nn::BatchNorm1d(3)(xg::ones({2, 4})); },
       "[batch_norm] weight should contain 4 elements not 3"},
      {"BatchNorm2d 3-d input", [](Fixture&) { nn::BatchNorm2d(4)(xg::ones({2, 4, 5})); },
       "[BatchNorm2d] expected 4D input (got 3D input)"},
      {"BatchNorm2d no features", [](Fixture&) { nn::BatchNorm2d(0); }, "[BatchNorm2d] num_features must be positive"},
      {"InstanceNorm1d 4-d input", [](Fixture&) { nn::InstanceNorm1d(3)(xg::ones({2, 3, 4, 5})); },
       "[InstanceNorm1d] expected 2D or 3D input (got 4D input)"},
      {"InstanceNorm2d wrong channel count",
       [](Fixture&) { nn::InstanceNorm2d(nn::InstanceNorm2dOptions(3).affine(true))(xg::ones({2, 4, 3, 3})); },
       "[instance_norm] weight should contain 4 elements not 3"},
      {"instance_norm one spatial element in training",
       [](Fixture&) { F::instance_norm(xg::ones({2, 3, 1})); },
       "[instance_norm] Expected more than 1 spatial element when training, got input size [2, 3, 1]"},
      {"layer_norm wrong normalized_shape", [](Fixture&) { xg::layer_norm(xg::ones({2, 5, 7}), {5, 6}); },
       "[layer_norm] Given normalized_shape=[5, 6], expected input with shape [*, 5, 6], but got input of size [2, 5, 7]"},
      {"layer_norm empty normalized_shape", [](Fixture& f) { xg::layer_norm(f.x, {}); },
       "[layer_norm] Expected normalized_shape to be at least 1-dimensional"},
      {"layer_norm weight shape", [](Fixture& f) { F::layer_norm(f.x, F::LayerNormFuncOptions({3}).weight(xg::ones({2}))); },
       "[layer_norm] Expected weight to be of same shape as normalized_shape, but got weight of shape [2]"},
      {"LayerNorm input of other trailing sizes", [](Fixture& f) { nn::LayerNorm(std::vector<int64_t>{4})(f.x); },
       "[layer_norm] Given normalized_shape=[4], expected input with shape [*, 4], but got input of size [2, 3]"},
      {"group_norm groups not dividing the channels", [](Fixture&) { xg::group_norm(xg::ones({2, 6, 5}), 4); },
       "[group_norm] Expected number of channels in input to be divisible by num_groups, but got input of shape "
       "[2, 6, 5] and num_groups=4"},
      {"group_norm no groups", [](Fixture&) { xg::group_norm(xg::ones({2, 6, 5}), 0); },
       "[group_norm] Expected num groups to be greater than 0, got 0"},
      {"group_norm 1-d input", [](Fixture& f) { xg::group_norm(f.d, 1); },
       "[group_norm] expected an input of at least 2 dims [N, C, *], got sizes [3]"},
      {"GroupNorm groups not dividing the channels", [](Fixture&) { nn::GroupNorm(4, 6); },
       "[GroupNorm] num_channels must be divisible by num_groups, got num_channels=6 and num_groups=4"},
      {"GroupNorm wrong channel count", [](Fixture&) { nn::GroupNorm(2, 6)(xg::ones({2, 4, 3})); },
       "[group_norm] weight should contain 4 elements not 6"},
  });
}

// ---- padding, conv padding modes, transposed convolutions ----------------------------------
BOOST_AUTO_TEST_CASE(padding_and_transposed_convolution) {
  const xg::Tensor image = xg::ones({2, 3, 4, 5}), row = xg::ones({2, 3, 5});
  run_table({
      {"constant_pad_nd odd pad", [&](Fixture&) { xg::constant_pad_nd(image, {1, 2, 3}); },
       "[constant_pad_nd] Length of pad must be even but instead it equals 3"},
      {"constant_pad_nd too many pads", [&](Fixture& f) { xg::constant_pad_nd(f.x, {1, 1, 1, 1, 1, 1}); },
       "[constant_pad_nd] Length of pad should be no more than twice the number of dimensions"},
      {"constant_pad_nd crop past empty", [&](Fixture&) { xg::constant_pad_nd(image, {-3, -3}); },
       "[constant_pad_nd] The input size 5, plus negative padding -3 and -3 resulted in a negative output size"},
      {"F::pad odd pad", [&](Fixture&) { F::pad(image, F::PadFuncOptions({1, 1, 1}).mode(xg::kReflect)); },
       "[pad] Padding length must be divisible by 2"},
      {"F::pad reflect of one dim of a 4-d input", [&](Fixture&) { F::pad(image, F::PadFuncOptions({1, 1}).mode(xg::kReflect)); },
       "[pad] padding [1, 1] of input sizes [2, 3, 4, 5] in mode reflect"},
      {"F::pad reflect 3-d", [&](Fixture&) { F::pad(image, F::PadFuncOptions({1, 1, 1, 1, 1, 1}).mode(xg::kReplicate)); },
       "[pad] padding [1, 1, 1, 1, 1, 1] of input sizes [2, 3, 4, 5] in mode replicate"},
      {"F::pad reflect as wide as the input", [&](Fixture&) { F::pad(image, F::PadFuncOptions({1, 1, 4, 1}).mode(xg::kReflect)); },
       "[reflection_pad2d] Padding size should be less than the corresponding input dimension, but got: padding (4, 1) "
       "at dimension 2"},
      {"F::pad circular wrapping twice", [&](Fixture&) { F::pad(row, F::PadFuncOptions({6, 0}).mode(xg::kCircular)); },
       "[_pad_circular] Padding value causes wrapping around more than once"},
      {"F::pad replicate cropping everything", [&](Fixture&) { F::pad(row, F::PadFuncOptions({-3, -2}).mode(xg::kReplicate)); },
       "[replication_pad1d] input sizes [2, 3, 5] are too small for padding (-3, -2)"},
      {"pad unknown mode", [&](Fixture&) { xg::pad(image, {1, 1, 1, 1}, "mirror"); }, "[pad] Unrecognised padding mode mirror"},
      {"pad value with reflect", [&](Fixture&) { xg::pad(image, {1, 1, 1, 1}, "reflect", 2.0); },
       "[pad] Padding mode \"reflect\" doesn't take in value argument"},
      {"reflection_pad1d 4 pads", [&](Fixture&) { xg::reflection_pad1d(row, {1, 1, 1, 1}); },
       "[reflection_pad1d] padding size is expected to be 2, but got: 4"},
      {"reflection_pad2d of a 2-d input", [&](Fixture& f) { xg::reflection_pad2d(f.x, {1, 1, 1, 1}); },
       "[reflection_pad2d] 3D or 4D (batch mode) tensor expected for input, but got sizes [2, 3]"},
      {"reflection_pad1d of Long", [&](Fixture&) { xg::reflection_pad1d(xg::ones({2, 3}, xg::kLong), {1, 1}); },
       "[reflection_pad1d]"},
      {"replication_pad2d_backward grad sizes",
       [&](Fixture&) { xg::replication_pad2d_backward(image, image, {1, 1, 1, 1}); },
       "[replication_pad2d_backward] grad_output must have sizes [2, 3, 6, 7], got [2, 3, 4, 5]"},
      {"conv2d same with stride", [&](Fixture&) { xg::conv2d(image, xg::ones({4, 3, 3, 3}), {}, 2, "same"); },
       "[conv2d] padding='same' is not supported for strided convolutions"},
      {"conv1d unknown padding string", [&](Fixture&) { xg::conv1d(row, xg::ones({4, 3, 3}), {}, 1, "full"); },
       "[conv1d] Invalid padding string: 'full'"},
      {"Conv2d same with stride",
       [](Fixture&) { nn::Conv2d(nn::Conv2dOptions(3, 4, 3).padding(xg::kSame).stride(2)); },
       "[Conv2d] padding='same' is not supported for strided convolutions"},
      {"Conv2d reflect padding wider than the input",
       [&](Fixture&) { nn::Conv2d(nn::Conv2dOptions(3, 4, 3).padding(5).padding_mode(xg::kReflect))(image); },
       "[reflection_pad2d] Padding size should be less than the corresponding input dimension"},
      {"conv_transpose2d input channels", [&](Fixture&) { xg::conv_transpose2d(image, xg::ones({4, 2, 3, 3})); },
       "[conv_transpose2d] Given transposed=1, weight of size [4, 2, 3, 3], expected input[2, 3, 4, 5] to have 4 "
       "channels, but got 3 channels instead"},
      {"conv_transpose2d groups", [&](Fixture&) { xg::conv_transpose2d(image, xg::ones({3, 2, 3, 3}), {}, 1, 0, 0, 2); },
       "[conv_transpose2d] Given groups=2, expected weight to be divisible by 2 at dimension 0"},
      {"conv_transpose2d output_padding", [&](Fixture&) { xg::conv_transpose2d(image, xg::ones({3, 2, 3, 3}), {}, 2, 0, 2); },
       "[conv_transpose2d] output padding must be smaller than either stride or dilation"},
      {"conv_transpose1d output too small", [](Fixture&) { xg::conv_transpose1d(xg::ones({2, 3, 2}), xg::ones({3, 2, 1}), {}, 1, 2); },
       "[conv_transpose1d] Given input size per channel: (1 x 2). Calculated output size per channel: (1 x -2). Output "
       "size is too small"},
      {"conv_transpose2d bias size", [&](Fixture&) { xg::conv_transpose2d(image, xg::ones({3, 2, 3, 3}), xg::ones({3})); },
       "[conv_transpose2d] bias must be 1-D of size out_channels=2"},
      {"conv_transpose2d weight rank", [&](Fixture&) { xg::conv_transpose2d(image, xg::ones({3, 2, 3})); },
       "[conv_transpose2d] weight must be 4-D"},
      {"conv_transpose1d two strides", [&](Fixture&) { xg::conv_transpose1d(row, xg::ones({3, 2, 3}), {}, {1, 1}); },
       "[conv_transpose1d] stride must have one value"},
      {"ConvTranspose2d reflect padding mode",
       [](Fixture&) { nn::ConvTranspose2d(nn::ConvTranspose2dOptions(3, 4, 3).padding_mode(xg::kReflect)); },
       "[ConvTranspose2d] Only `zeros` padding mode is supported for ConvTranspose2d"},
      {"ConvTranspose2d output_size out of range",
       [&](Fixture&) { nn::ConvTranspose2d(nn::ConvTranspose2dOptions(3, 4, 3).stride(2))(image, std::vector<int64_t>{20, 11}); },
       "[ConvTranspose2d] requested an output size of [20, 11], but valid sizes range from [9, 11] to [10, 12] (for an "
       "input of [4, 5])"},
      {"ConvTranspose1d output_size count",
       [&](Fixture&) { nn::ConvTranspose1d(nn::ConvTranspose1dOptions(3, 4, 3))(row, std::vector<int64_t>{1, 7}); },
       "[ConvTranspose1d] output_size must have 1 or 3 elements (got 2)"},
      {"ConvTranspose1d groups", [](Fixture&) { nn::ConvTranspose1d(nn::ConvTranspose1dOptions(3, 4, 3).groups(2)); },
       "[ConvTranspose1d] in_channels=3 must be divisible by groups=2"},
  });
}

// ---- upsampling, 1-d and adaptive pooling -------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(upsampling_and_more_pooling) {
  const xg::Tensor image = xg::ones({2, 3, 5, 5}), signal = xg::ones({2, 3, 6});
  using Sizes = std::vector<int64_t>;
  using Scales = std::vector<double>;
  run_table({
      {"interpolate neither size nor scale_factor", [&](Fixture&) { F::interpolate(image); },
       "[interpolate] either size or scale_factor should be defined"},
      {"interpolate both size and scale_factor",
       [&](Fixture&) { F::interpolate(image, F::InterpolateFuncOptions().size(Sizes{4, 4}).scale_factor(Scales{2, 2})); },
       "[interpolate] only one of size or scale_factor should be defined"},
      {"interpolate scale_factor count", [&](Fixture&) { F::interpolate(image, F::InterpolateFuncOptions().scale_factor(Scales{2})); },
       "[interpolate] scale_factor shape must match input shape: input is 2-D, scale_factor size is [2]"},
      {"interpolate output size 0",
       [&](Fixture&) { F::interpolate(image, F::InterpolateFuncOptions().scale_factor(Scales{0.1, 1})); },
       "[upsample_nearest2d] Input and output sizes should be greater than 0"},
      {"interpolate of Long",
       [](Fixture&) { F::interpolate(xg::ones({1, 1, 2, 2}, xg::kLong), F::InterpolateFuncOptions().size(Sizes{4, 4})); },
       "[upsample_nearest2d] expected a floating-point input, got Long"},
      {"interpolate bilinear of a 3-D input",
       [&](Fixture&) { F::interpolate(signal, F::InterpolateFuncOptions().size(Sizes{4}).mode(xg::kBilinear)); },
       "[interpolate] expected a 4-D input [N, C, H, W] for mode kBilinear, got sizes [2, 3, 6]"},
      {"interpolate nearest of a 2-D input", [](Fixture& f) { F::interpolate(f.x, F::InterpolateFuncOptions().size(Sizes{4})); },
       "[interpolate] expected a 3-D [N, C, W] or 4-D [N, C, H, W] input for mode kNearest, got sizes [2, 3]"},
      {"interpolate bicubic",
       [&](Fixture&) { F::interpolate(image, F::InterpolateFuncOptions().size(Sizes{4, 4}).mode(xg::kBicubic)); },
       "[interpolate] mode kBicubic is not supported"},
      {"interpolate nearest with align_corners",
       [&](Fixture&) { F::interpolate(image, F::InterpolateFuncOptions().size(Sizes{4, 4}).align_corners(true)); },
       "[interpolate] align_corners option can only be set with the interpolating modes"},
      {"upsample_nearest1d output_size count", [&](Fixture&) { xg::upsample_nearest1d(signal, {4, 4}); },
       "[upsample_nearest1d] expected output_size to have 1 elements, got [4, 4]"},
      {"upsample_bilinear2d wrong rank", [&](Fixture&) { xg::upsample_bilinear2d(signal, {4, 4}, false); },
       "[upsample_bilinear2d] expected a 4-D input (batch, channels, height, width), got sizes [2, 3, 6]"},
      {"Upsample module of a 5-D input",
       [](Fixture&) { nn::Upsample(nn::UpsampleOptions().scale_factor(Scales{2, 2}))(xg::ones({1, 1, 2, 2, 2})); },
       "[interpolate] expected a 3-D [N, C, W] or 4-D [N, C, H, W] input"},
      {"max_pool1d wrong rank", [&](Fixture&) { xg::max_pool1d(image, 2); },
       "[max_pool1d] expected a 2-D (unbatched) or 3-D (batched) input, got sizes [2, 3, 5, 5]"},
      {"max_pool1d kernel larger than the input", [&](Fixture&) { xg::max_pool1d(signal, 7); },
       "[max_pool1d] the kernel (1 x 7"},
      {"max_pool1d two kernel sizes", [&](Fixture&) { xg::max_pool1d(signal, {2, 2}); },
       "[max_pool1d] kernel_size must have one value, got [2, 2]"},
      {"avg_pool1d wrong rank", [](Fixture&) { xg::avg_pool1d(xg::ones({4}), 2); },
       "[avg_pool1d] expected a 2-D (unbatched) or 3-D (batched) input, got sizes [4]"},
      {"adaptive_avg_pool2d negative size", [&](Fixture&) { xg::adaptive_avg_pool2d(image, {-1, 2}); },
       "[adaptive_avg_pool2d] output_size must not be negative, got [-1, 2]"},
      {"adaptive_avg_pool2d empty plane", [](Fixture&) { xg::adaptive_avg_pool2d(xg::ones({1, 2, 0, 3}), {2, 2}); },
       "[adaptive_avg_pool2d] expected an input with non-zero sizes except the batch, got sizes [1, 2, 0, 3]"},
      {"adaptive_max_pool2d wrong rank", [](Fixture& f) { xg::adaptive_max_pool2d(f.x, {2, 2}); },
       "[adaptive_max_pool2d] expected a 3-D (unbatched) or 4-D (batched) input, got sizes [2, 3]"},
      {"adaptive_max_pool2d of Long", [](Fixture&) { xg::adaptive_max_pool2d(xg::ones({1, 2, 2}, xg::kLong), {1, 1}); },
       "[adaptive_max_pool2d] expected a floating-point tensor"},
      {"adaptive_avg_pool1d two sizes", [&](Fixture&) { xg::adaptive_avg_pool1d(signal, {2, 2}); },
       "[adaptive_avg_pool1d] output_size must have one value, got [2, 2]"},
      {"AdaptiveMaxPool1d module wrong rank", [&](Fixture&) { nn::AdaptiveMaxPool1d(2)(image); },
       "[adaptive_max_pool1d] expected a 2-D (unbatched) or 3-D (batched) input"},
  });
}

// resample
// ---- pixel shuffle, fold and unfold --------------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(pixel_shuffle_fold_and_unfold) {
  const xg::Tensor image = xg::ones({1, 3, 4, 4}), cols = xg::ones({1, 12, 9});
  run_table({
      {"pixel_shuffle of a 2-D input", [](Fixture& f) { xg::pixel_shuffle(f.x, 2); },
       "[pixel_shuffle] expects input to have at least 3 dimensions, but got input with 2 dimension(s)"},
      {"pixel_shuffle factor 0", [](Fixture&) { xg::pixel_shuffle(xg::ones({1, 4, 2, 2}), 0); },
       "[pixel_shuffle] expects a positive upscale_factor, but got 0"},
      {"pixel_shuffle negative factor", [](Fixture&) { xg::pixel_shuffle(xg::ones({1, 4, 2, 2}), -2); },
       "[pixel_shuffle] expects a positive upscale_factor, but got -2"},
      {"pixel_shuffle channels not divisible", [](Fixture&) { xg::pixel_shuffle(xg::ones({1, 6, 2, 2}), 2); },
       "[pixel_shuffle] expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but "
       "input.size(-3)=6 is not divisible by 4"},
      {"pixel_shuffle channels divisible by the factor only", [](Fixture&) { xg::pixel_shuffle(xg::ones({9, 2, 2}), 9); },
       "input.size(-3)=9 is not divisible by 81"},
      {"pixel_shuffle of an undefined tensor", [](Fixture&) { xg::pixel_shuffle(Tensor(), 2); },
       "[pixel_shuffle] input is undefined"},
      {"F::pixel_shuffle of a 1-D input", [](Fixture& f) { F::pixel_shuffle(f.d, 1); },
       "[pixel_shuffle] expects input to have at least 3 dimensions, but got input with 1 dimension(s)"},
      {"PixelShuffle module channels not divisible", [](Fixture&) { nn::PixelShuffle(3)(xg::ones({2, 3, 2, 2})); },
       "input.size(-3)=3 is not divisible by 9"},
      {"pixel_unshuffle of a 2-D input", [](Fixture& f) { xg::pixel_unshuffle(f.x, 2); },
       "[pixel_unshuffle] expects input to have at least 3 dimensions, but got input with 2 dimension(s)"},
      {"pixel_unshuffle factor 0", [&](Fixture&) { xg::pixel_unshuffle(image, 0); },
       "[pixel_unshuffle] expects a positive downscale_factor, but got 0"},
      {"pixel_unshuffle height not divisible", [](Fixture&) { xg::pixel_unshuffle(xg::ones({1, 1, 3, 4}), 2); },
       "[pixel_unshuffle] expects height to be divisible by downscale_factor, but input.size(-2)=3 is not divisible by 2"},
      {"pixel_unshuffle width not divisible", [](Fixture&) { xg::pixel_unshuffle(xg::ones({1, 1, 4, 3}), 2); },
       "[pixel_unshuffle] expects width to be divisible by downscale_factor, but input.size(-1)=3 is not divisible by 2"},
      {"PixelUnshuffle module negative factor", [&](Fixture&) { nn::PixelUnshuffle(-1)(image); },
       "[pixel_unshuffle] expects a positive downscale_factor, but got -1"},
      {"F::unfold of a 2-D input", [](Fixture& f) { F::unfold(f.x, F::UnfoldFuncOptions(2)); },
       "[unfold] Input Error: Only unbatched (3D) or batched (4D) input Tensors are supported (got 2D)"},
      {"Unfold module of a 5-D input", [](Fixture&) { nn::Unfold(2)(xg::ones({1, 1, 3, 4, 4})); },
       "[unfold] Input Error: Only unbatched (3D) or batched (4D) input Tensors are supported (got 5D)"},
      {"F::unfold of an undefined tensor", [](Fixture&) { F::unfold(Tensor(), F::UnfoldFuncOptions(2)); },
       "[unfold] input is undefined"},
      {"F::unfold kernel 0", [&](Fixture&) { F::unfold(image, F::UnfoldFuncOptions(0)); },
       "[im2col] kernel size must be positive, got 0 x 0"},
      {"F::unfold stride 0", [&](Fixture&) { F::unfold(image, F::UnfoldFuncOptions(2).stride({1, 0})); },
       "[im2col] stride must be positive, got 1 x 0"},
      {"F::unfold dilation 0", [&](Fixture&) { F::unfold(image, F::UnfoldFuncOptions(2).dilation(0)); },
       "[im2col] dilation must be positive, got 0 x 0"},
      {"F::unfold negative padding", [&](Fixture&) { F::unfold(image, F::UnfoldFuncOptions(2).padding(-1)); },
       "[im2col] padding must not be negative, got -1 x -1"},
      {"F::unfold kernel larger than the input", [&](Fixture&) { F::unfold(image, F::UnfoldFuncOptions({2, 5})); },
       "[im2col] the kernel (2 x 5, dilation 1 x 1) is larger than the padded input (4 x 4)"},
      {"F::unfold of Long", [](Fixture&) { F::unfold(xg::ones({1, 1, 4, 4}, xg::kLong), F::UnfoldFuncOptions(2)); },
       "[im2col] expected a floating-point tensor (Float or Double), got Long"},
      {"F::fold of a 4-D input", [&](Fixture&) { F::fold(image, F::FoldFuncOptions({4, 4}, 2)); },
       "[fold] Input Error: Only unbatched (2D) or batched (3D) input Tensors are supported (got 4D)"},
      {"Fold module of a 1-D input", [](Fixture& f) { nn::Fold(nn::FoldOptions({4, 4}, 2))(f.d); },
       "[fold] Input Error: Only unbatched (2D) or batched (3D) input Tensors are supported (got 1D)"},
      {"F::fold of an undefined tensor", [](Fixture&) { F::fold(Tensor(), F::FoldFuncOptions({4, 4}, 2)); },
       "[fold] input is undefined"},
      {"F::fold number of blocks", [](Fixture&) { F::fold(xg::ones({1, 12, 8}), F::FoldFuncOptions({4, 4}, 2)); },
       "[col2im] self has 8 columns (sizes [1, 12, 8]), the windows of the output 9"},
      {"F::fold rows not a multiple of the kernel", [](Fixture&) { F::fold(xg::ones({1, 11, 9}), F::FoldFuncOptions({4, 4}, 2)); },
       "[col2im] the rows of self (sizes [1, 11, 9]) must be a multiple of the kernel's 4 taps"},
      {"F::fold output size smaller than the kernel", [&](Fixture&) { F::fold(cols, F::FoldFuncOptions({1, 4}, 2)); },
       "[col2im] the kernel (2 x 2, dilation 1 x 1) is larger than the padded input (1 x 4)"},
      {"F::fold kernel 0", [&](Fixture&) { F::fold(cols, F::FoldFuncOptions({4, 4}, 0)); },
       "[col2im] kernel size must be positive, got 0 x 0"},
      {"F::fold stride 0", [&](Fixture&) { F::fold(cols, F::FoldFuncOptions({4, 4}, 2).stride(0)); },
       "[col2im] stride must be positive, got 0 x 0"},
      {"F::fold dilation 0", [&](Fixture&) { F::fold(cols, F::FoldFuncOptions({4, 4}, 2).dilation({0, 1})); },
       "[col2im] dilation must be positive, got 0 x 1"},
      {"F::fold of Long", [](Fixture&) { F::fold(xg::ones({1, 4, 9}, xg::kLong), F::FoldFuncOptions({4, 4}, 2)); },
       "[col2im] expected a floating-point tensor (Float or Double), got Long"},
      {"FoldOptions with three output sizes", [](Fixture&) { nn::FoldOptions({4, 4, 4}, 2); },
       "[ExpandingArray] expected 2 values, got 3"},
  });
}

// ---- cnnfuzz: the 1-d pooling ops name themselves; CNN ops the program fuzzer found -----------------------------
BOOST_AUTO_TEST_CASE(cnnfuzz_pooling_and_fuzzer_findings) {
  const xg::Tensor signal = xg::ones({2, 3, 6});
  run_table({
      {"avg_pool1d padding over half the kernel", [&](Fixture&) { xg::avg_pool1d(signal, 2, 1, 2); },
       "[avg_pool1d] padding should be at most half of the effective kernel size"},
      {"avg_pool1d zero stride", [&](Fixture&) { xg::avg_pool1d(signal, 2, 0); },
       "[avg_pool1d] stride must be positive"},
      {"avg_pool1d kernel larger than the input", [&](Fixture&) { xg::avg_pool1d(signal, 7); },
       "[avg_pool1d] the kernel (1 x 7, dilation 1 x 1) is larger than the padded input (1 x 6)"},
      {"avg_pool1d zero kernel", [&](Fixture&) { xg::avg_pool1d(signal, 0); },
       "[avg_pool1d] kernel size must be positive"},
      {"avg_pool1d of Long", [](Fixture&) { xg::avg_pool1d(xg::ones({1, 2, 6}, xg::kLong), 2); },
       "[avg_pool1d] expected a floating-point tensor (Float or Double), got Long"},
      {"avg_pool1d negative padding", [&](Fixture&) { xg::avg_pool1d(signal, 2, 1, -1); },
       "[avg_pool1d] padding must not be negative"},
      {"max_pool1d padding over half the kernel", [&](Fixture&) { xg::max_pool1d(signal, 2, 1, 2); },
       "[max_pool1d] padding should be at most half of the effective kernel size"},
      {"max_pool1d zero stride", [&](Fixture&) { xg::max_pool1d(signal, 2, 0); },
       "[max_pool1d] stride must be positive"},
      {"max_pool1d zero dilation", [&](Fixture&) { xg::max_pool1d(signal, 2, 1, 0, 0); },
       "[max_pool1d] dilation must be positive"},
      {"max_pool1d_with_indices of Long", [](Fixture&) { xg::max_pool1d_with_indices(xg::ones({1, 2, 6}, xg::kLong), 2); },
       "[max_pool1d] expected a floating-point tensor (Float or Double), got Long"},
      {"circular pad border longer than the crop keeps", [&](Fixture&) { xg::pad(signal, {-4, 3}, "circular"); },
       "[_pad_circular] Padding value causes wrapping around more than once: padding (-4, 3) at dimension 2 of input "
       "sizes [2, 3, 6] asks for a border longer than the 2 element(s) its negative part keeps"},
      {"Conv1d circular padding longer than the crop keeps",
       [](Fixture&) { nn::Conv1d(nn::Conv1dOptions(1, 1, 1).padding(3).padding_mode(xg::kCircular))(xg::ones({1, 1, 2})); },
       "[_pad_circular] Padding value causes wrapping around more than once"},
      {"adaptive_max_pool2d_backward index outside the plane",
       [](Fixture&) {
         xg::adaptive_max_pool2d_backward(xg::ones({1, 2, 2}), xg::ones({1, 3, 3}), xg::full({1, 2, 2}, -1, xg::kLong));
       },
       "[adaptive_max_pool2d_backward] index -1 is outside a plane of 9 positions (input sizes [1, 3, 3])"},
      {"max_pool1d dilated window between the input elements", [](Fixture&) { xg::max_pool1d(xg::ones({2, 3, 1}), 2, 2, 1, 2); },
       "[max_pool1d] a window holds no input element: input 1 x 1, kernel 1 x 2, padding 0 x 1, dilation 1 x 2"},
  });
}

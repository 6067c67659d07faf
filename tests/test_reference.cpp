// Every op checked against PyTorch: result dtype, shape and values, and the
// gradients of (out * w).sum() (and, for some cases, second-order gradients).
//
// tests/data/reference_ops.txt holds PyTorch's answers; tools/gen_reference.py
// wrote it (its docstring describes the format). Each case names an entry of
// the op table below, which runs the same op through xgrad. The test fails when
// the file is missing, when a case names an op the table lacks, and when a
// table entry has no case, so the data and the table cannot drift apart.

#define BOOST_TEST_MODULE reference
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <xgrad/xgrad.hpp>

using xg::Tensor;
using xg::autograd::variable_list;

namespace {

// Cases whose mismatches are reported as messages instead of failures, each
// with the reason it cannot be fixed inside its op. A listed case that passes
// is an error, so the list only ever shrinks.
const std::map<std::string, std::string> known_failures = {
};

// ---- the data file ---------------------------------------------------------------------

[[noreturn]] void parse_error(int line, const std::string& message) {
  throw std::runtime_error("reference_ops.txt line " + std::to_string(line) + ": " + message);
}

xg::ScalarType dtype_named(const std::string& name) {
  if (name == "float64") return xg::kDouble;
  if (name == "float32") return xg::kFloat;
  if (name == "int64") return xg::kLong;
  if (name == "bool") return xg::kBool;
  throw std::runtime_error("unknown dtype name '" + name + "'");
}

// One tensor of the file. Doubles hold every value exactly: float64 and float32
// values are written to round-trip, and integers stay small.
struct RefTensor {
  std::string role, name;
  xg::ScalarType dtype = xg::kDouble;
  std::vector<int64_t> sizes;
  std::vector<double> values;
};

// The op parameters of a case, from its `arg key tokens...` lines.
class Args {
 public:
  void set(const std::string& key, std::vector<std::string> tokens) { values_[key] = std::move(tokens); }
  bool has(const std::string& key) const { return values_.count(key) > 0; }

  const std::vector<std::string>& tokens(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) throw std::runtime_error("missing argument '" + key + "'");
    return it->second;
  }
  int64_t integer(const std::string& key) const { return std::stoll(single(key)); }
  std::optional<int64_t> optional_integer(const std::string& key) const {
    return has(key) ? std::optional<int64_t>(integer(key)) : std::nullopt;
  }
  std::vector<int64_t> integers(const std::string& key) const {
    std::vector<int64_t> list;
    for (const std::string& t : tokens(key)) list.push_back(std::stoll(t));
    return list;
  }
  bool flag(const std::string& key) const { return has(key) && integer(key) != 0; }
  /// An integral Scalar for a token like "2", a floating one for "2.0" or "inf":
  /// the kind decides the result dtype, as it does in Python.
  xg::Scalar scalar(const std::string& key) const {
    const std::string& t = single(key);
    const bool integral = t.find_first_not_of("-0123456789") == std::string::npos;
    if (integral) return xg::Scalar(static_cast<int64_t>(std::stoll(t)));
    return xg::Scalar(std::strtod(t.c_str(), nullptr));
  }
  xg::Scalar scalar_or(const std::string& key, const xg::Scalar& fallback) const {
    return has(key) ? scalar(key) : fallback;
  }
  std::optional<xg::Scalar> optional_scalar(const std::string& key) const {
    return has(key) ? std::optional<xg::Scalar>(scalar(key)) : std::nullopt;
  }
  std::optional<xg::ScalarType> optional_dtype(const std::string& key) const {
    return has(key) ? std::optional<xg::ScalarType>(dtype_named(single(key))) : std::nullopt;
  }
  xg::ScalarType dtype(const std::string& key) const { return dtype_named(single(key)); }

 private:
  const std::string& single(const std::string& key) const {
    const std::vector<std::string>& list = tokens(key);
    if (list.size() != 1) throw std::runtime_error("argument '" + key + "' should be a single value");
    return list[0];
  }
  std::map<std::string, std::vector<std::string>> values_;
};

struct Case {
  std::string name, op;
  int line = 0;
  Args args;
  std::vector<RefTensor> inputs;  // "input" (differentiated) and "const", in file order
  RefTensor out;
  std::string grad_fn;  // the name of the node PyTorch's result records, if it records one
  std::optional<RefTensor> weight;
  // One per differentiated input, in input order.
  std::vector<RefTensor> grads, grad_weights, grads2;
};

RefTensor parse_tensor(std::istringstream& in, const std::string& role, int line) {
  RefTensor t;
  t.role = role;
  std::string dtype_name;
  int64_t ndim = -1;
  if (!(in >> t.name >> dtype_name >> ndim) || ndim < 0) parse_error(line, "expected '<name> <dtype> <ndim>'");
  t.dtype = dtype_named(dtype_name);
  int64_t numel = 1;
  for (int64_t i = 0; i < ndim; ++i) {
    int64_t size = -1;
    if (!(in >> size) || size < 0) parse_error(line, "bad size of dim " + std::to_string(i));
    t.sizes.push_back(size);
    numel *= size;
  }
  // strtod, not operator>>, so that "inf" and "nan" parse.
  std::string token;
  while (in >> token) {
    char* end = nullptr;
    t.values.push_back(std::strtod(token.c_str(), &end));
    if (*end != '\0') parse_error(line, "bad value '" + token + "'");
  }
  if (static_cast<int64_t>(t.values.size()) != numel)
    parse_error(line, t.name + ": expected " + std::to_string(numel) + " values, got " + std::to_string(t.values.size()));
  return t;
}

// Checks that a finished case is complete and consistent.
void validate(const Case& c) {
  if (c.op.empty()) parse_error(c.line, c.name + ": no op line");
  if (c.out.role.empty()) parse_error(c.line, c.name + ": no out line");
  size_t differentiated = 0;
  for (const RefTensor& t : c.inputs) differentiated += t.role == "input";
  if (c.weight.has_value() != (differentiated > 0)) parse_error(c.line, c.name + ": a weight goes with differentiated inputs");
  if (c.grads.size() != differentiated) parse_error(c.line, c.name + ": expected one grad per input");
  if (!c.grads2.empty() && (c.grads2.size() != differentiated || c.grad_weights.size() != differentiated))
    parse_error(c.line, c.name + ": expected one gradweight and one grad2 per input");
}

std::vector<Case> load_cases(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot open the reference data " + path +
                                      " (regenerate it with /usr/bin/python3 tools/gen_reference.py)");
  std::vector<Case> cases;
  std::optional<Case> current;
  std::set<std::string> names;
  std::string text;
  for (int line = 1; std::getline(file, text); ++line) {
    std::istringstream in(text);
    std::string word;
    if (!(in >> word) || word[0] == '#') continue;
    if (word == "case") {
      if (current) parse_error(line, "case " + current->name + " has no 'end'");
      current.emplace();
      current->line = line;
      if (!(in >> current->name) || !names.insert(current->name).second) parse_error(line, "missing or repeated case name");
      continue;
    }
    if (!current) parse_error(line, "'" + word + "' outside a case");
    Case& c = *current;
    if (word == "end") {
      validate(c);
      cases.push_back(std::move(c));
      current.reset();
    } else if (word == "op") {
      in >> c.op;
    } else if (word == "arg") {
      std::string key, token;
      std::vector<std::string> tokens;
      in >> key;
      while (in >> token) tokens.push_back(token);
      c.args.set(key, tokens);
    } else if (word == "input" || word == "const") {
      c.inputs.push_back(parse_tensor(in, word, line));
    } else if (word == "out") {
      c.out = parse_tensor(in, word, line);
    } else if (word == "gradfn") {
      in >> c.grad_fn;
    } else if (word == "weight") {
      c.weight = parse_tensor(in, word, line);
    } else if (word == "grad") {
      c.grads.push_back(parse_tensor(in, word, line));
    } else if (word == "gradweight") {
      c.grad_weights.push_back(parse_tensor(in, word, line));
    } else if (word == "grad2") {
      c.grads2.push_back(parse_tensor(in, word, line));
    } else {
      parse_error(line, "unknown line kind '" + word + "'");
    }
  }
  if (current) throw std::runtime_error("reference_ops.txt: case " + current->name + " has no 'end'");
  return cases;
}

// ---- tensors in and out --------------------------------------------------------------

Tensor to_tensor(const RefTensor& ref) {
  return xg::dispatch_all(ref.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    std::unique_ptr<T[]> data(new T[std::max<size_t>(1, ref.values.size())]);
    for (size_t i = 0; i < ref.values.size(); ++i) data[i] = static_cast<T>(ref.values[i]);
    return xg::from_blob(data.get(), ref.sizes, ref.dtype).clone();
  });
}

std::vector<double> values_of(const Tensor& t) {
  Tensor d = t.detach().to(xg::kDouble).contiguous();
  const double* p = d.data_ptr<double>();
  return std::vector<double>(p, p + d.numel());
}

std::string shape_string(const std::vector<int64_t>& sizes) {
  std::ostringstream out;
  out << xg::IntArrayRef(sizes);
  return out.str();
}

// ---- comparison ------------------------------------------------------------------------

// The largest deviations met, per precision, for the summary.
struct Deviation {
  double max_abs = 0, max_rel = 0;
  std::string where_abs, where_rel;
  void add(double abs_dev, double rel_dev, const std::string& where) {
    if (abs_dev > max_abs) max_abs = abs_dev, where_abs = where;
    if (rel_dev > max_rel) max_rel = rel_dev, where_rel = where;
  }
};
std::map<xg::ScalarType, Deviation> deviations;

// A case computes in float32 when any of its tensors is float32: then even its
// float64 results (a float32 gradient promoted to a float64 input, say) carry
// float32 rounding.
xg::ScalarType precision_of(const Case& c) {
  bool single = c.out.dtype == xg::kFloat;
  for (const RefTensor& t : c.inputs) single = single || t.dtype == xg::kFloat;
  return single ? xg::kFloat : xg::kDouble;
}

// Compares the tensors of one case with PyTorch's and collects what differs.
// Floating values pass when |actual - expected| <= tol * (1 + |expected|), with
// tol set by the case's precision; integers and bools must be equal.
class Checker {
 public:
  Checker(const Case& c, bool record_deviation)
      : case_name_(c.name), precision_(precision_of(c)), record_deviation_(record_deviation) {}

  void compare(const std::string& what, const Tensor& actual, const RefTensor& expected) {
    if (!actual.defined()) {
      const bool all_zero = std::all_of(expected.values.begin(), expected.values.end(), [](double v) { return v == 0; });
      if (!all_zero) problems_.push_back(what + ": undefined, expected nonzero values");
      return;
    }
    if (actual.scalar_type() != expected.dtype) {
      std::ostringstream msg;
      msg << what << ": dtype " << actual.scalar_type() << ", expected " << expected.dtype;
      problems_.push_back(msg.str());
    }
    const std::vector<int64_t> sizes = actual.sizes().vec();
    if (sizes != expected.sizes) {
      problems_.push_back(what + ": shape " + shape_string(sizes) + ", expected " + shape_string(expected.sizes));
      return;
    }
    compare_values(what, values_of(actual), expected);
  }

  void fail(const std::string& problem) { problems_.push_back(problem); }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  void compare_values(const std::string& what, const std::vector<double>& got, const RefTensor& expected) {
    const bool floating = xg::isFloatingType(expected.dtype);
    const double tol = !floating ? 0.0 : precision_ == xg::kFloat ? 1e-5 : 1e-10;
    size_t bad = 0, first_bad = 0;
    for (size_t i = 0; i < got.size(); ++i) {
      const double want = expected.values[i];
      const bool both_nan = std::isnan(got[i]) && std::isnan(want);
      const double dev = both_nan || got[i] == want ? 0.0 : std::abs(got[i] - want);
      if (!(dev <= tol * (1 + std::abs(want))) && bad++ == 0) first_bad = i;
      if (record_deviation_ && floating && std::isfinite(dev))
        deviations[precision_].add(dev, want != 0 ? dev / std::abs(want) : 0.0, case_name_ + " " + what);
    }
    if (bad == 0) return;
    std::ostringstream msg;
    msg.precision(17);
    msg << what << ": " << bad << " of " << got.size() << " values differ; first at flat index " << first_bad << ": "
        << got[first_bad] << ", expected " << expected.values[first_bad];
    problems_.push_back(msg.str());
  }

  std::string case_name_;
  xg::ScalarType precision_;
  bool record_deviation_;
  std::vector<std::string> problems_;
};

// ---- the ops ---------------------------------------------------------------------------

using Inputs = std::vector<Tensor>;
using OpFn = std::function<Tensor(const Inputs&, const Args&)>;

OpFn unary(Tensor (*f)(const Tensor&)) {
  return [f](const Inputs& x, const Args&) { return f(x[0]); };
}

OpFn binary(Tensor (*f)(const Tensor&, const Tensor&)) {
  return [f](const Inputs& x, const Args&) { return f(x[0], x[1]); };
}

// One Python index token: int:<i>, slice:<start>:<stop>:<step> (empty parts are None), none, ellipsis.
xg::indexing::TensorIndex index_token(const std::string& token) {
  using namespace xg::indexing;
  if (token == "none") return None;
  if (token == "ellipsis") return Ellipsis;
  if (token.rfind("int:", 0) == 0) return static_cast<int64_t>(std::stoll(token.substr(4)));
  if (token.rfind("slice:", 0) == 0) {
    std::vector<std::optional<int64_t>> parts;
    std::istringstream in(token.substr(6));
    for (std::string part; std::getline(in, part, ':');)
      parts.push_back(part.empty() ? std::nullopt : std::optional<int64_t>(std::stoll(part)));
    parts.resize(3);
    return Slice(parts[0], parts[1], parts[2]);
  }
  throw std::runtime_error("unknown index token '" + token + "'");
}

Tensor reduce_with_max(const Tensor& x, const Args& a, bool max, bool want_indices) {
  auto [values, indices] = max ? xg::max(x, a.integer("dim"), a.flag("keepdim"))
                               : xg::min(x, a.integer("dim"), a.flag("keepdim"));
  return want_indices ? indices : values;
}

xg::TensorPair topk_of(const Tensor& x, const Args& a) {
  return x.topk(a.integer("k"), a.optional_integer("dim").value_or(-1), !a.has("largest") || a.flag("largest"),
                !a.has("sorted") || a.flag("sorted"));
}

// The same keys and meanings as OPS in tools/gen_reference.py.
// The integer list argument `key`, or `fallback` when the case leaves it out.
std::vector<int64_t> ints_or(const Args& a, const std::string& key, std::vector<int64_t> fallback) {
  return a.has(key) ? a.integers(key) : fallback;
}

const std::map<std::string, OpFn>& op_table() {
  static const std::map<std::string, OpFn> table = {
      // arithmetic
      {"add", [](const Inputs& x, const Args& a) { return xg::add(x[0], x[1], a.scalar_or("alpha", 1)); }},
      {"add_scalar", [](const Inputs& x, const Args& a) { return xg::add(x[0], a.scalar("other"), a.scalar_or("alpha", 1)); }},
      {"sub", [](const Inputs& x, const Args& a) { return xg::sub(x[0], x[1], a.scalar_or("alpha", 1)); }},
      {"sub_scalar", [](const Inputs& x, const Args& a) { return xg::sub(x[0], a.scalar("other"), a.scalar_or("alpha", 1)); }},
      {"rsub", [](const Inputs& x, const Args& a) { return xg::rsub(x[0], x[1], a.scalar_or("alpha", 1)); }},
      {"rsub_scalar", [](const Inputs& x, const Args& a) { return xg::rsub(x[0], a.scalar("other"), a.scalar_or("alpha", 1)); }},
      {"scalar_minus", [](const Inputs& x, const Args& a) { return a.scalar("other") - x[0]; }},
      {"mul", [](const Inputs& x, const Args&) { return x[0] * x[1]; }},
      {"mul_scalar", [](const Inputs& x, const Args& a) { return x[0] * a.scalar("other"); }},
      {"div", [](const Inputs& x, const Args&) { return x[0] / x[1]; }},
      {"div_scalar", [](const Inputs& x, const Args& a) { return x[0] / a.scalar("other"); }},
      {"scalar_div", [](const Inputs& x, const Args& a) { return a.scalar("other") / x[0]; }},
      {"neg", [](const Inputs& x, const Args&) { return -x[0]; }},
      {"pow", [](const Inputs& x, const Args&) { return xg::pow(x[0], x[1]); }},
      {"pow_scalar", [](const Inputs& x, const Args& a) { return xg::pow(x[0], a.scalar("exponent")); }},
      {"pow_scalar_base", [](const Inputs& x, const Args& a) { return xg::pow(a.scalar("base"), x[0]); }},
      // elementwise
      {"abs", unary(xg::abs)},
      {"exp", unary(xg::exp)},
      {"log", unary(xg::log)},
      {"sqrt", unary(xg::sqrt)},
      {"rsqrt", unary(xg::rsqrt)},
      {"square", unary(xg::square)},
      {"sin", unary(xg::sin)},
      {"cos", unary(xg::cos)},
      {"tanh", unary(xg::tanh)},
      {"sigmoid", unary(xg::sigmoid)},
      {"relu", unary(xg::relu)},
      {"sign", unary(xg::sign)},
      {"reciprocal", unary(xg::reciprocal)},
      {"clamp", [](const Inputs& x, const Args& a) { return xg::clamp(x[0], a.optional_scalar("min"), a.optional_scalar("max")); }},
      {"clamp_min", [](const Inputs& x, const Args& a) { return xg::clamp_min(x[0], a.scalar("min")); }},
      {"clamp_max", [](const Inputs& x, const Args& a) { return xg::clamp_max(x[0], a.scalar("max")); }},
      {"maximum", binary(xg::maximum)},
      {"minimum", binary(xg::minimum)},
      {"where", [](const Inputs& x, const Args&) { return xg::where(x[0], x[1], x[2]); }},
      {"where_scalar_other", [](const Inputs& x, const Args& a) { return xg::where(x[0], x[1], a.scalar("scalar")); }},
      {"where_scalar_self", [](const Inputs& x, const Args& a) { return xg::where(x[0], a.scalar("scalar"), x[1]); }},
      // reductions
      {"sum", [](const Inputs& x, const Args& a) { return xg::sum(x[0], a.optional_dtype("dtype")); }},
      {"sum_dims", [](const Inputs& x, const Args& a) { return xg::sum(x[0], a.integers("dims"), a.flag("keepdim")); }},
      {"mean", [](const Inputs& x, const Args& a) { return xg::mean(x[0], a.optional_dtype("dtype")); }},
      {"mean_dims", [](const Inputs& x, const Args& a) { return xg::mean(x[0], a.integers("dims"), a.flag("keepdim")); }},
      {"prod", [](const Inputs& x, const Args& a) { return xg::prod(x[0], a.optional_dtype("dtype")); }},
      {"prod_dim", [](const Inputs& x, const Args& a) { return xg::prod(x[0], a.integer("dim"), a.flag("keepdim")); }},
      {"max", [](const Inputs& x, const Args&) { return xg::max(x[0]); }},
      {"min", [](const Inputs& x, const Args&) { return xg::min(x[0]); }},
      {"max_dim", [](const Inputs& x, const Args& a) { return reduce_with_max(x[0], a, true, false); }},
      {"min_dim", [](const Inputs& x, const Args& a) { return reduce_with_max(x[0], a, false, false); }},
      {"max_dim_indices", [](const Inputs& x, const Args& a) { return reduce_with_max(x[0], a, true, true); }},
      {"min_dim_indices", [](const Inputs& x, const Args& a) { return reduce_with_max(x[0], a, false, true); }},
      {"argmax", [](const Inputs& x, const Args& a) { return xg::argmax(x[0], a.optional_integer("dim"), a.flag("keepdim")); }},
      {"argmin", [](const Inputs& x, const Args& a) { return xg::argmin(x[0], a.optional_integer("dim"), a.flag("keepdim")); }},
      {"norm", [](const Inputs& x, const Args& a) { return xg::norm(x[0], a.scalar("p")); }},
      {"norm_dims", [](const Inputs& x, const Args& a) { return xg::norm(x[0], a.scalar("p"), a.integers("dims"), a.flag("keepdim")); }},
      {"var", [](const Inputs& x, const Args& a) { return xg::var(x[0], a.flag("unbiased")); }},
      {"var_dims", [](const Inputs& x, const Args& a) { return xg::var(x[0], a.integers("dims"), a.flag("unbiased"), a.flag("keepdim")); }},
      {"std", [](const Inputs& x, const Args& a) { return xg::std(x[0], a.flag("unbiased")); }},
      {"std_dims", [](const Inputs& x, const Args& a) { return xg::std(x[0], a.integers("dims"), a.flag("unbiased"), a.flag("keepdim")); }},
      {"logsumexp", [](const Inputs& x, const Args& a) { return xg::logsumexp(x[0], a.integers("dims"), a.flag("keepdim")); }},
      {"softmax", [](const Inputs& x, const Args& a) { return xg::softmax(x[0], a.integer("dim"), a.optional_dtype("dtype")); }},
      {"log_softmax", [](const Inputs& x, const Args& a) { return xg::log_softmax(x[0], a.integer("dim"), a.optional_dtype("dtype")); }},
      // linear algebra
      {"matmul", binary(xg::matmul)},
      {"mm", binary(xg::mm)},
      {"mv", binary(xg::mv)},
      {"bmm", binary(xg::bmm)},
      {"dot", binary(xg::dot)},
      {"outer", binary(xg::outer)},
      {"einsum", [](const Inputs& x, const Args& a) { return xg::einsum(a.tokens("equation")[0], x); }},
      {"inverse", unary(xg::inverse)},
      {"det", unary(xg::det)},
      {"linalg_solve", [](const Inputs& x, const Args& a) { return xg::linalg_solve(x[0], x[1], !a.has("left") || a.flag("left")); }},
      // joining
      {"cat", [](const Inputs& x, const Args& a) { return xg::cat(x, a.integer("dim")); }},
      {"stack", [](const Inputs& x, const Args& a) { return xg::stack(x, a.integer("dim")); }},
      // views and copies
      {"view", [](const Inputs& x, const Args& a) { return x[0].view(a.integers("shape")); }},
      {"reshape", [](const Inputs& x, const Args& a) { return x[0].reshape(a.integers("shape")); }},
      {"select", [](const Inputs& x, const Args& a) { return x[0].select(a.integer("dim"), a.integer("index")); }},
      {"narrow", [](const Inputs& x, const Args& a) { return x[0].narrow(a.integer("dim"), a.integer("start"), a.integer("length")); }},
      {"slice", [](const Inputs& x, const Args& a) {
         return x[0].slice(a.integer("dim"), a.optional_integer("start"), a.optional_integer("end"),
                           a.optional_integer("step").value_or(1));
       }},
      {"transpose", [](const Inputs& x, const Args& a) { return x[0].transpose(a.integer("dim0"), a.integer("dim1")); }},
      {"permute", [](const Inputs& x, const Args& a) { return x[0].permute(a.integers("dims")); }},
      {"expand", [](const Inputs& x, const Args& a) { return x[0].expand(a.integers("shape")); }},
      {"squeeze", [](const Inputs& x, const Args&) { return x[0].squeeze(); }},
      {"squeeze_dim", [](const Inputs& x, const Args& a) { return x[0].squeeze(a.integer("dim")); }},
      {"unsqueeze", [](const Inputs& x, const Args& a) { return x[0].unsqueeze(a.integer("dim")); }},
      {"flatten", [](const Inputs& x, const Args& a) {
         return x[0].flatten(a.optional_integer("start_dim").value_or(0), a.optional_integer("end_dim").value_or(-1));
       }},
      {"t", [](const Inputs& x, const Args&) { return x[0].t(); }},
      {"index", [](const Inputs& x, const Args& a) {
         std::vector<xg::indexing::TensorIndex> indices;
         for (const std::string& token : a.tokens("spec")) indices.push_back(index_token(token));
         return x[0].index(indices);
       }},
      {"to", [](const Inputs& x, const Args& a) { return x[0].to(a.dtype("dtype")); }},
      {"clone", [](const Inputs& x, const Args&) { return x[0].clone(); }},
      {"contiguous", [](const Inputs& x, const Args&) { return x[0].contiguous(); }},
      {"unbind", [](const Inputs& x, const Args& a) { return x[0].unbind(a.integer("dim")).at(a.integer("index")); }},
      // in-place writes into a tensor made inside the expression
      {"inplace_chain", [](const Inputs& x, const Args&) {
         Tensor z = x[0] * 1.0;
         z.mul_(x[1]);
         z.add_(x[1], 0.5);
         z.div_(2.0);
         z.sub_(x[0]);
         z.add_(1.5);
         return z.clamp_(-1.0, 1.0);
       }},
      {"index_put_slice", [](const Inputs& x, const Args&) {
         Tensor z = x[0] * 2.0;
         z.index_put_({xg::indexing::Slice(), 1}, x[1]);
         return z;
       }},
      {"index_put_mask", [](const Inputs& x, const Args&) {
         Tensor z = x[1].sin();
         z.index_put_({x[0]}, 0.5);
         return z;
       }},
      // expressions that reuse a node
      {"mul_self", [](const Inputs& x, const Args&) { return x[0] * x[0]; }},
      {"view_chain", [](const Inputs& x, const Args&) {
         using namespace xg::indexing;
         return xg::tanh(x[0].t().select(0, 1) * x[0].narrow(1, 0, 1).squeeze(1)) * x[0].index({Slice(), None, -1});
       }},
      // gather, scatter and masks
      {"gather", [](const Inputs& x, const Args& a) { return xg::gather(x[0], a.integer("dim"), x[1]); }},
      {"scatter", [](const Inputs& x, const Args& a) { return xg::scatter(x[0], a.integer("dim"), x[1], x[2]); }},
      {"scatter_value",
       [](const Inputs& x, const Args& a) { return xg::scatter(x[0], a.integer("dim"), x[1], a.scalar("value")); }},
      {"scatter_add", [](const Inputs& x, const Args& a) { return xg::scatter_add(x[0], a.integer("dim"), x[1], x[2]); }},
      {"scatter_add_inplace",
       [](const Inputs& x, const Args& a) { return Tensor(x[0] * 1.0).scatter_add_(a.integer("dim"), x[1], x[2]); }},
      {"index_select", [](const Inputs& x, const Args& a) { return xg::index_select(x[0], a.integer("dim"), x[1]); }},
      {"index_add", [](const Inputs& x, const Args& a) {
         return xg::index_add(x[0], a.integer("dim"), x[1], x[2], a.scalar_or("alpha", 1));
       }},
      {"masked_fill", [](const Inputs& x, const Args& a) { return x[0].masked_fill(x[1], a.scalar("value")); }},
      {"masked_fill_tensor", [](const Inputs& x, const Args&) { return x[0].masked_fill(x[1], x[2].sum()); }},
      {"masked_fill_inplace",
       [](const Inputs& x, const Args& a) { return Tensor(x[0] * 1.0).masked_fill_(x[1], a.scalar("value")); }},
      {"masked_select", [](const Inputs& x, const Args&) { return x[0].masked_select(x[1]); }},
      {"nonzero", [](const Inputs& x, const Args&) { return x[0].nonzero(); }},
      {"where_condition", [](const Inputs& x, const Args& a) { return xg::where(x[0])[a.integer("index")]; }},
      {"reuse_chain", [](const Inputs& x, const Args&) {
         return xg::tanh(x[0]) * x[0] + xg::exp(x[0] * x[1]).sum({-1}, true) / x[1];
       }},
      // more elementwise functions and arithmetic
      {"log1p", unary(xg::log1p)},
      {"expm1", unary(xg::expm1)},
      {"tan", unary(xg::tan)},
      {"atan", unary(xg::atan)},
      {"sinh", unary(xg::sinh)},
      {"cosh", unary(xg::cosh)},
      {"log2", unary(xg::log2)},
      {"log10", unary(xg::log10)},
      {"floor", unary(xg::floor)},
      {"ceil", unary(xg::ceil)},
      {"round", unary(xg::round)},
      {"trunc", unary(xg::trunc)},
      {"atan2", binary(xg::atan2)},
      {"xlogy", binary(xg::xlogy)},
      {"log_sigmoid", unary(xg::log_sigmoid)},
      {"fmod", binary(xg::fmod)},
      {"fmod_scalar", [](const Inputs& x, const Args& a) { return xg::fmod(x[0], a.scalar("other")); }},
      {"remainder", binary(xg::remainder)},
      {"remainder_scalar", [](const Inputs& x, const Args& a) { return xg::remainder(x[0], a.scalar("other")); }},
      {"lerp", [](const Inputs& x, const Args& a) { return xg::lerp(x[0], x[1], a.scalar("weight")); }},
      {"lerp_tensor", [](const Inputs& x, const Args&) { return xg::lerp(x[0], x[1], x[2]); }},
      {"addcmul", [](const Inputs& x, const Args& a) { return xg::addcmul(x[0], x[1], x[2], a.scalar_or("value", 1)); }},
      {"addcdiv", [](const Inputs& x, const Args& a) { return xg::addcdiv(x[0], x[1], x[2], a.scalar_or("value", 1)); }},
      {"isinf", unary(xg::isinf)},
      {"isclose", [](const Inputs& x, const Args& a) {
         return xg::isclose(x[0], x[1], a.scalar_or("rtol", 1e-05).toDouble(), a.scalar_or("atol", 1e-08).toDouble(),
                            a.flag("equal_nan"));
       }},
      // more reductions and scans
      {"amax", [](const Inputs& x, const Args& a) { return xg::amax(x[0], a.integers("dims"), a.flag("keepdim")); }},
      {"amin", [](const Inputs& x, const Args& a) { return xg::amin(x[0], a.integers("dims"), a.flag("keepdim")); }},
      {"all_dim", [](const Inputs& x, const Args& a) { return xg::all(x[0], a.integer("dim"), a.flag("keepdim")); }},
      {"any_dim", [](const Inputs& x, const Args& a) { return xg::any(x[0], a.integer("dim"), a.flag("keepdim")); }},
      {"cumsum", [](const Inputs& x, const Args& a) { return xg::cumsum(x[0], a.integer("dim"), a.optional_dtype("dtype")); }},
      // convolutions and pooling (the bias, when there is one, is the third input)
      {"conv2d", [](const Inputs& x, const Args& a) {
         return xg::conv2d(x[0], x[1], x.size() > 2 ? x[2] : Tensor(), ints_or(a, "stride", {1}), ints_or(a, "padding", {0}),
                           ints_or(a, "dilation", {1}), a.optional_integer("groups").value_or(1));
       }},
      {"conv1d", [](const Inputs& x, const Args& a) {
         return xg::conv1d(x[0], x[1], x.size() > 2 ? x[2] : Tensor(), ints_or(a, "stride", {1}), ints_or(a, "padding", {0}),
                           ints_or(a, "dilation", {1}), a.optional_integer("groups").value_or(1));
       }},
      {"max_pool2d", [](const Inputs& x, const Args& a) {
         return xg::max_pool2d(x[0], a.integers("kernel"), ints_or(a, "stride", {}), ints_or(a, "padding", {0}),
                               ints_or(a, "dilation", {1}), a.flag("ceil_mode"));
       }},
      {"avg_pool2d", [](const Inputs& x, const Args& a) {
         return xg::avg_pool2d(x[0], a.integers("kernel"), ints_or(a, "stride", {}), ints_or(a, "padding", {0}),
                               a.flag("ceil_mode"), !a.has("count_include_pad") || a.flag("count_include_pad"),
                               a.optional_integer("divisor_override"));
       }},
      // shape and ordering: splitting, triangles, diagonals, flips, rolls, repeats, cumprod, sort, topk
      {"split", [](const Inputs& x, const Args& a) {
         return x[0].split(a.integer("size"), a.integer("dim")).at(a.integer("index"));
       }},
      {"split_sizes", [](const Inputs& x, const Args& a) {
         return x[0].split(a.integers("sizes"), a.integer("dim")).at(a.integer("index"));
       }},
      {"chunk", [](const Inputs& x, const Args& a) {
         return x[0].chunk(a.integer("chunks"), a.integer("dim")).at(a.integer("index"));
       }},
      {"tensor_split", [](const Inputs& x, const Args& a) {
         return x[0].tensor_split(a.integer("sections"), a.integer("dim")).at(a.integer("index"));
       }},
      {"tensor_split_indices", [](const Inputs& x, const Args& a) {
         return x[0].tensor_split(a.integers("indices"), a.integer("dim")).at(a.integer("index"));
       }},
      {"diagonal", [](const Inputs& x, const Args& a) {
         return x[0].diagonal(a.optional_integer("offset").value_or(0), a.optional_integer("dim1").value_or(0),
                              a.optional_integer("dim2").value_or(1));
       }},
      {"diag", [](const Inputs& x, const Args& a) { return xg::diag(x[0], a.optional_integer("diagonal").value_or(0)); }},
      {"tril", [](const Inputs& x, const Args& a) { return xg::tril(x[0], a.optional_integer("diagonal").value_or(0)); }},
      {"triu", [](const Inputs& x, const Args& a) { return xg::triu(x[0], a.optional_integer("diagonal").value_or(0)); }},
      {"triu_inplace", [](const Inputs& x, const Args& a) {
         return Tensor(x[0] * 1.0).triu_(a.optional_integer("diagonal").value_or(0));
       }},
      {"flip", [](const Inputs& x, const Args& a) { return x[0].flip(a.integers("dims")); }},
      {"roll", [](const Inputs& x, const Args& a) {
         return x[0].roll(a.integers("shifts"), a.has("dims") ? a.integers("dims") : std::vector<int64_t>{});
       }},
      {"repeat", [](const Inputs& x, const Args& a) { return x[0].repeat(a.integers("repeats")); }},
      {"repeat_interleave", [](const Inputs& x, const Args& a) {
         return x[0].repeat_interleave(a.integer("repeats"), a.optional_integer("dim"));
       }},
      {"cumprod", [](const Inputs& x, const Args& a) { return xg::cumprod(x[0], a.integer("dim"), a.optional_dtype("dtype")); }},
      {"sort", [](const Inputs& x, const Args& a) {
         return std::get<0>(x[0].sort(a.optional_integer("dim").value_or(-1), a.flag("descending")));
       }},
      {"sort_indices", [](const Inputs& x, const Args& a) {
         return std::get<1>(x[0].sort(a.optional_integer("dim").value_or(-1), a.flag("descending")));
       }},
      {"sort_stable_indices", [](const Inputs& x, const Args& a) {
         return std::get<1>(x[0].sort(std::optional<bool>(true), a.optional_integer("dim").value_or(-1), a.flag("descending")));
       }},
      {"argsort", [](const Inputs& x, const Args& a) {
         return x[0].argsort(a.optional_integer("dim").value_or(-1), a.flag("descending"));
       }},
      {"topk", [](const Inputs& x, const Args& a) { return std::get<0>(topk_of(x[0], a)); }},
      {"topk_indices", [](const Inputs& x, const Args& a) { return std::get<1>(topk_of(x[0], a)); }},
      // advanced indexing (index tensors and masks) and in-place ops on views (CopySlices)
      {"index_tensor", [](const Inputs& x, const Args&) { return x[0].index({x[1]}); }},
      {"index_slice_tensor", [](const Inputs& x, const Args&) { return x[0].index({xg::indexing::Slice(), x[1]}); }},
      {"index_adjacent_tensors", [](const Inputs& x, const Args&) { return x[0].index({xg::indexing::Slice(), x[1], x[2]}); }},
      {"index_separated_tensors", [](const Inputs& x, const Args&) { return x[0].index({x[1], xg::indexing::Slice(), x[2]}); }},
      {"index_put_tensor", [](const Inputs& x, const Args& a) {
         return x[0].index_put({x[1]}, x[2], a.scalar_or("accumulate", 0).toDouble() != 0);
       }},
      {"index_put_tensor_inplace", [](const Inputs& x, const Args& a) {
         Tensor z = x[0] * 1.0;
         return z.index_put_(std::vector<std::optional<Tensor>>{x[1]}, x[2], a.scalar_or("accumulate", 0).toDouble() != 0);
       }},
      {"copy_slices_mul", [](const Inputs& x, const Args&) {
         Tensor z = x[0] * 1.0;
         z.select(0, 1).mul_(2.0);
         return z;
       }},
      {"copy_slices_copy", [](const Inputs& x, const Args&) {
         Tensor z = x[0] * 1.0;
         z.narrow(1, 0, 1).copy_(x[1]);
         return z;
       }},
      {"copy_slices_zero", [](const Inputs& x, const Args&) {
         Tensor z = x[0].sin();
         z.index({xg::indexing::Slice(0, 2)}).zero_();
         return z;
       }},
      // conversions to another tensor's dtype, and new tensors with self's dtype
      {"type_as", [](const Inputs& x, const Args&) { return x[0].type_as(x[1]); }},
      {"to_other", [](const Inputs& x, const Args&) { return x[0].to(x[1]); }},
      {"new_full", [](const Inputs& x, const Args& a) { return x[0].new_full(a.integers("size"), a.scalar("value")); }},
      // upsampling, 1-d and adaptive pooling
      {"interpolate", [](const Inputs& x, const Args& a) {
         namespace F = xg::nn::functional;
         F::InterpolateFuncOptions options;
         if (a.has("size")) options.size(a.integers("size"));
         if (a.has("scale")) {
           std::vector<double> scale;
           for (const std::string& t : a.tokens("scale")) scale.push_back(std::strtod(t.c_str(), nullptr));
           options.scale_factor(scale);
         }
         if (a.tokens("mode").at(0) == "bilinear") options.mode(xg::kBilinear);
         if (a.has("align_corners")) options.align_corners(a.flag("align_corners"));
         if (a.flag("recompute")) options.recompute_scale_factor(true);
         return F::interpolate(x[0], options);
       }},
      {"max_pool1d", [](const Inputs& x, const Args& a) {
         return xg::max_pool1d(x[0], a.integers("kernel"), ints_or(a, "stride", {}), ints_or(a, "padding", {0}),
                               ints_or(a, "dilation", {1}), a.flag("ceil_mode"));
       }},
      {"avg_pool1d", [](const Inputs& x, const Args& a) {
         return xg::avg_pool1d(x[0], a.integers("kernel"), ints_or(a, "stride", {}), ints_or(a, "padding", {0}),
                               a.flag("ceil_mode"), !a.has("count_include_pad") || a.flag("count_include_pad"));
       }},
      {"adaptive_avg_pool1d", [](const Inputs& x, const Args& a) { return xg::adaptive_avg_pool1d(x[0], a.integers("size")); }},
      {"adaptive_avg_pool2d", [](const Inputs& x, const Args& a) { return xg::adaptive_avg_pool2d(x[0], a.integers("size")); }},
      {"adaptive_max_pool1d", [](const Inputs& x, const Args& a) {
         return std::get<0>(xg::adaptive_max_pool1d(x[0], a.integers("size")));
       }},
      {"adaptive_max_pool2d", [](const Inputs& x, const Args& a) {
         return std::get<0>(xg::adaptive_max_pool2d(x[0], a.integers("size")));
       }},
      // pixel shuffle, fold and unfold (every window argument written with its two values)
      {"pixel_shuffle", [](const Inputs& x, const Args& a) { return xg::pixel_shuffle(x[0], a.integer("factor")); }},
      {"pixel_unshuffle", [](const Inputs& x, const Args& a) { return xg::pixel_unshuffle(x[0], a.integer("factor")); }},
      {"unfold", [](const Inputs& x, const Args& a) {
         namespace F = xg::nn::functional;
         return F::unfold(x[0], F::UnfoldFuncOptions(a.integers("kernel"))
                                    .dilation(ints_or(a, "dilation", {1, 1}))
                                    .padding(ints_or(a, "padding", {0, 0}))
                                    .stride(ints_or(a, "stride", {1, 1})));
       }},
      {"fold", [](const Inputs& x, const Args& a) {
         namespace F = xg::nn::functional;
         return F::fold(x[0], F::FoldFuncOptions(a.integers("size"), a.integers("kernel"))
                                  .dilation(ints_or(a, "dilation", {1, 1}))
                                  .padding(ints_or(a, "padding", {0, 0}))
                                  .stride(ints_or(a, "stride", {1, 1})));
       }},
  };
  return table;
}

// ---- running a case --------------------------------------------------------------------

// The op's view of its inputs: those listed in transpose_inputs are seen
// transposed, so the op meets strided memory.
Inputs as_seen_by_op(const Inputs& inputs, const Args& args) {
  Inputs seen = inputs;
  if (args.has("transpose_inputs"))
    for (int64_t i : args.integers("transpose_inputs")) seen.at(static_cast<size_t>(i)) = seen[i].transpose(-2, -1);
  return seen;
}

std::vector<std::string> run_case(const Case& c, const OpFn& op, bool record_deviation) {
  Checker check(c, record_deviation);
  Inputs inputs;
  variable_list wrt;
  for (const RefTensor& ref : c.inputs) {
    Tensor t = to_tensor(ref);
    if (ref.role == "input") wrt.push_back(t.requires_grad_(true));
    inputs.push_back(t);
  }
  const Tensor out = op(as_seen_by_op(inputs, c.args), c.args);
  check.compare("forward", out, c.out);
  const std::string grad_fn = out.grad_fn() ? out.grad_fn()->name() : "no node";
  if (!c.grad_fn.empty() && grad_fn != c.grad_fn) check.fail("records " + grad_fn + " where PyTorch records " + c.grad_fn);
  // A wrong forward result is reported alone: its gradients would differ too.
  if (!c.weight || !check.problems().empty()) return check.problems();

  const bool second_order = !c.grads2.empty();
  const Tensor loss = (out * to_tensor(*c.weight)).sum();
  const variable_list grads = xg::autograd::grad({loss}, wrt, {}, std::nullopt, second_order, true);
  for (size_t i = 0; i < wrt.size(); ++i) check.compare("grad " + c.grads[i].name, grads[i], c.grads[i]);
  if (!second_order) return check.problems();

  Tensor loss2;
  for (size_t i = 0; i < wrt.size(); ++i) {
    if (!grads[i].defined() || !grads[i].requires_grad()) continue;
    Tensor term = (grads[i] * to_tensor(c.grad_weights[i])).sum();
    loss2 = loss2.defined() ? loss2 + term : term;
  }
  if (!loss2.defined()) {
    check.fail("no first gradient depends on the inputs: create_graph recorded nothing");
    return check.problems();
  }
  const variable_list grads2 = xg::autograd::grad({loss2}, wrt, {}, std::nullopt, false, true);
  for (size_t i = 0; i < wrt.size(); ++i) check.compare("grad2 " + c.grads2[i].name, grads2[i], c.grads2[i]);
  return check.problems();
}

std::vector<std::string> run_case_safely(const Case& c, const OpFn& op, bool record_deviation) {
  try {
    return run_case(c, op, record_deviation);
  } catch (const std::exception& e) {
    return {std::string("threw: ") + e.what()};
  }
}

void check_case(const Case& c, std::set<std::string>& ops_used) {
  auto entry = op_table().find(c.op);
  if (entry == op_table().end()) {
    BOOST_ERROR("op '" << c.op << "' is not in the op table of test_reference.cpp");
    return;
  }
  ops_used.insert(c.op);
  const bool known = known_failures.count(c.name) > 0;
  const std::vector<std::string> problems = run_case_safely(c, entry->second, !known);
  if (!known) {
    for (const std::string& p : problems) BOOST_ERROR(p);
  } else if (problems.empty()) {
    BOOST_ERROR("listed in known_failures but passes now: remove it from the list");
  } else {
    for (const std::string& p : problems) BOOST_TEST_MESSAGE("known failure (" << known_failures.at(c.name) << "): " << p);
  }
}

const std::vector<Case>& cases() {
  static const std::vector<Case> loaded = load_cases(std::string(XGRAD_TEST_DATA_DIR) + "/reference_ops.txt");
  return loaded;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_case_matches_pytorch) {
  BOOST_TEST_REQUIRE(!cases().empty(), "the reference data holds no case");
  std::set<std::string> ops_used;
  for (const Case& c : cases()) {
    BOOST_TEST_CONTEXT("case " << c.name << " (op " << c.op << ", line " << c.line << ")") { check_case(c, ops_used); }
  }
  for (const auto& entry : op_table())
    BOOST_TEST(ops_used.count(entry.first) == 1u, "op table entry '" << entry.first << "' has no case in the data");
  for (const auto& [type, dev] : deviations) {
    BOOST_TEST_MESSAGE(type << " cases: max abs deviation " << dev.max_abs << " (" << dev.where_abs << "), max rel deviation "
                            << dev.max_rel << " (" << dev.where_rel << ")");
  }
}

BOOST_AUTO_TEST_CASE(known_failures_name_real_cases) {
  BOOST_TEST_REQUIRE(!cases().empty(), "the reference data holds no case");
  std::set<std::string> names;
  for (const Case& c : cases()) names.insert(c.name);
  for (const auto& entry : known_failures)
    BOOST_TEST(names.count(entry.first) == 1u, "known failure '" << entry.first << "' is not a case of the data");
}

// Tensors without autograd: factories, attributes, views that alias storage,
// indexing, type promotion, broadcasting, reductions, products, xtensor interop.

#define BOOST_TEST_MODULE tensor
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include <xtensor/xarray.hpp>

#include <xgrad/xgrad.hpp>

#include "test_util.h"

using test_util::error_of;
using test_util::values;
using xg::Tensor;
using xg::indexing::Ellipsis;
using xg::indexing::None;
using xg::indexing::Slice;
namespace tt = boost::test_tools;

namespace {
std::vector<int64_t> sizes(const Tensor& t) { return t.sizes().vec(); }
}  // namespace

BOOST_AUTO_TEST_CASE(factories) {
  BOOST_TEST(xg::zeros({2, 3}).scalar_type() == xg::kFloat);
  BOOST_TEST(sizes(xg::zeros({2, 3})) == std::vector<int64_t>({2, 3}), tt::per_element());
  BOOST_TEST(values(xg::ones({2}, xg::kDouble)) == std::vector<double>({1, 1}), tt::per_element());
  BOOST_TEST(xg::full({2}, 7).scalar_type() == xg::kLong);
  BOOST_TEST(xg::full({2}, 7.5).scalar_type() == xg::kFloat);
  BOOST_TEST(xg::full({2}, true).scalar_type() == xg::kBool);
  BOOST_TEST(values(xg::eye(2, 3)) == std::vector<double>({1, 0, 0, 0, 1, 0}), tt::per_element());
  BOOST_TEST(xg::arange(5).scalar_type() == xg::kLong);
  BOOST_TEST(values(xg::arange(1, 2, 0.25)) == std::vector<double>({1, 1.25, 1.5, 1.75}), tt::per_element());
  BOOST_TEST(values(xg::linspace(0, 1, 5, xg::kDouble)) == std::vector<double>({0, 0.25, 0.5, 0.75, 1}), tt::per_element());
  BOOST_TEST(xg::tensor({1, 2}).scalar_type() == xg::kLong);
  BOOST_TEST(xg::tensor({1.0, 2.0}).scalar_type() == xg::kFloat);
  BOOST_TEST(xg::tensor({true, false}).scalar_type() == xg::kBool);
  Tensor nested = xg::tensor({{{1.0, 2.0}, {3.0, 4.0}}, {{5.0, 6.0}, {7.0, 8.0}}}, xg::kDouble);
  BOOST_TEST(sizes(nested) == std::vector<int64_t>({2, 2, 2}), tt::per_element());
  BOOST_TEST(nested[1][0][1].item<double>() == 6.0);
  BOOST_TEST(xg::tensor(3.5).dim() == 0);
  BOOST_TEST(xg::tensor(3.5, xg::requires_grad()).requires_grad());
  BOOST_TEST(xg::zeros_like(nested).scalar_type() == xg::kDouble);
  BOOST_TEST(xg::randint(0, 10, {100}).scalar_type() == xg::kLong);
  BOOST_TEST(xg::randint(0, 10, {100}).max().item<int64_t>() < 10);
  BOOST_TEST(xg::rand({1000}).min().item<float>() >= 0.0f);
  std::string m = error_of([] { xg::tensor({{1.0, 2.0}, {3.0}}); });
  BOOST_TEST(m.find("[tensor] expected all sub-lists") == 0, m);
  m = error_of([] { xg::zeros({2, -1}); });
  BOOST_TEST(m.find("[zeros] Trying to create tensor with negative dimension -1: [2, -1]") == 0, m);
}

BOOST_AUTO_TEST_CASE(from_blob_and_xtensor_interop_do_not_copy) {
  std::vector<float> data = {1, 2, 3, 4, 5, 6};
  Tensor t = xg::from_blob(data.data(), {2, 3});
  BOOST_TEST(t.data_ptr<float>() == data.data());
  t[1][2].fill_(60);
  BOOST_TEST(data[5] == 60.0f);

  xt::xarray<double> array = {{1.0, 2.0}, {3.0, 4.0}};
  const double* buffer = array.data();
  Tensor wrapped = xg::from_xtensor(std::move(array));
  BOOST_TEST(wrapped.data_ptr<double>() == buffer);
  BOOST_TEST(wrapped.scalar_type() == xg::kDouble);
  BOOST_TEST(values(wrapped.t()) == std::vector<double>({1, 3, 2, 4}), tt::per_element());
  auto view = xg::as_xtensor<double>(wrapped.t());  // strided, no copy
  BOOST_TEST(view(0, 1) == 3.0);
  view(1, 0) = 20.0;
  BOOST_TEST(wrapped[0][1].item<double>() == 20.0);
  xt::xarray<double> copy = xg::to_xarray<double>(wrapped * 2);
  BOOST_TEST(copy(1, 1) == 8.0);
  const std::string m = error_of([&] { xg::as_xtensor<float>(wrapped); });
  BOOST_TEST(m.find("[data_ptr] expected scalar type Float but found Double") == 0, m);
}

BOOST_AUTO_TEST_CASE(attributes) {
  Tensor t = xg::zeros({2, 3, 4});
  BOOST_TEST(t.dim() == 3);
  BOOST_TEST(t.numel() == 24);
  BOOST_TEST(t.size(-1) == 4);
  BOOST_TEST(t.sizes() == std::vector<int64_t>({2, 3, 4}));
  BOOST_TEST(t.is_contiguous());
  BOOST_TEST(!t.transpose(0, 2).is_contiguous());
  BOOST_TEST(t.defined());
  BOOST_TEST(!Tensor().defined());
  BOOST_TEST(t.toString() == "CPUFloatType");
  const std::string m = error_of([&] { t.size(3); });
  BOOST_TEST(m.find("[size] dimension out of range (expected to be in range of [-3, 2], but got 3)") == 0, m);
}

BOOST_AUTO_TEST_CASE(views_share_storage) {
  Tensor base = xg::arange(12, xg::kDouble).view({3, 4});
  Tensor row = base[1];
  Tensor column = base.select(1, 2);
  Tensor block = base.narrow(0, 1, 2).narrow(1, 1, 2);
  Tensor transposed = base.t();
  row.fill_(-1);
  BOOST_TEST(values(base[1]) == std::vector<double>({-1, -1, -1, -1}), tt::per_element());
  column.mul_(10);
  BOOST_TEST(base[0][2].item<double>() == 20.0);
  block.zero_();
  BOOST_TEST(values(base) == std::vector<double>({0, 1, 20, 3, -1, 0, 0, -1, 8, 0, 0, 11}), tt::per_element());
  BOOST_TEST(transposed[3][2].item<double>() == 11.0);
  Tensor expanded = xg::tensor({1.0, 2.0}).expand({3, 2});
  BOOST_TEST(expanded.stride(0) == 0);
  BOOST_TEST(values(expanded.sum(0)) == std::vector<double>({3, 6}), tt::per_element());
  BOOST_TEST(sizes(base.unsqueeze(1)) == std::vector<int64_t>({3, 1, 4}), tt::per_element());
  BOOST_TEST(sizes(base.unsqueeze(1).squeeze()) == std::vector<int64_t>({3, 4}), tt::per_element());
  BOOST_TEST(sizes(xg::zeros({2, 3, 4}).permute({2, 0, 1})) == std::vector<int64_t>({4, 2, 3}), tt::per_element());
  BOOST_TEST(sizes(xg::zeros({2, 3, 4}).flatten(1)) == std::vector<int64_t>({2, 12}), tt::per_element());
  BOOST_TEST(sizes(base.view({-1})) == std::vector<int64_t>({12}), tt::per_element());
  std::string m = error_of([&] { transposed.view({12}); });
  BOOST_TEST(m.find("[view] view size [12] is not compatible") == 0, m);
  BOOST_TEST(values(xg::arange(12).view({3, 4}).t().reshape({12}))[1] == 4.0);  // reshape copies when it must
  m = error_of([&] { base.view({5, -1}); });
  BOOST_TEST(m.find("[view] shape [5, -1] is invalid for input of size 12") == 0, m);
  m = error_of([&] { base.select(0, 3); });
  BOOST_TEST(m.find("[select] index 3 is out of bounds for dimension 0 with size 3") == 0, m);
  m = error_of([&] { base.expand({2, 4, 3}); });
  BOOST_TEST(m.find("[expand] the expanded size of the tensor (3) must match the existing size (4)") == 0, m);
  m = error_of([&] { expanded.add_(1); });
  BOOST_TEST(m.find("[add_] unsupported operation: more than one element of the written-to tensor refers to a single memory location") == 0, m);
  Tensor copy = base.clone();
  copy.fill_(0);
  BOOST_TEST(base[2][3].item<double>() == 11.0);
}

BOOST_AUTO_TEST_CASE(indexing) {
  Tensor t = xg::arange(24).view({2, 3, 4});
  BOOST_TEST(sizes(t.index({Slice(), 1})) == std::vector<int64_t>({2, 4}), tt::per_element());
  BOOST_TEST(sizes(t.index({None, Ellipsis, 0})) == std::vector<int64_t>({1, 2, 3}), tt::per_element());
  BOOST_TEST(values(t.index({1, Slice(None, None, 2), -1})) == std::vector<double>({15, 23}), tt::per_element());
  BOOST_TEST(values(t.index({0, 0, Slice(-2, None)})) == std::vector<double>({2, 3}), tt::per_element());
  BOOST_TEST(sizes(t.index({"...", Slice(1, 3)})) == std::vector<int64_t>({2, 3, 2}), tt::per_element());
  Tensor u = xg::zeros({3, 3});
  u.index_put_({Slice(), 1}, 5);
  u.index_put_({0}, xg::tensor({1.0f, 2.0f, 3.0f}));
  BOOST_TEST(values(u) == std::vector<double>({1, 2, 3, 0, 5, 0, 0, 5, 0}), tt::per_element());
  u.index_put_({u > 2}, -1);
  BOOST_TEST(values(u) == std::vector<double>({1, 2, -1, 0, -1, 0, 0, -1, 0}), tt::per_element());
  const std::string m = error_of([&] { t.index({0, 0, 0, 0}); });
  BOOST_TEST(m.find("[index] too many indices for tensor of dimension 3") == 0, m);
}

BOOST_AUTO_TEST_CASE(type_promotion) {
  Tensor f32 = xg::ones({2});
  Tensor f64 = xg::ones({2}, xg::kDouble);
  Tensor i64 = xg::ones({2}, xg::kLong);
  Tensor b = xg::ones({2}, xg::kBool);
  BOOST_TEST((f32 + f64).scalar_type() == xg::kDouble);
  BOOST_TEST((i64 * 2.5).scalar_type() == xg::kFloat);
  BOOST_TEST((i64 * 2).scalar_type() == xg::kLong);
  BOOST_TEST((f32 * 2.0).scalar_type() == xg::kFloat);
  BOOST_TEST((b + 1).scalar_type() == xg::kLong);
  BOOST_TEST((b * f32).scalar_type() == xg::kFloat);
  BOOST_TEST((i64 / 2).scalar_type() == xg::kFloat);  // true division
  BOOST_TEST((f32 + xg::tensor(1.0, xg::kDouble)).scalar_type() == xg::kFloat);  // 0-d does not win
  BOOST_TEST((i64 + xg::tensor(1.0, xg::kDouble)).scalar_type() == xg::kDouble);  // unless of a higher kind
  BOOST_TEST((i64 + f32).scalar_type() == xg::kFloat);
  BOOST_TEST(i64.exp().scalar_type() == xg::kFloat);
  BOOST_TEST(i64.sum().scalar_type() == xg::kLong);
  BOOST_TEST(b.sum().item<int64_t>() == 2);
  BOOST_TEST((f32 < 2).scalar_type() == xg::kBool);
  const std::string m = error_of([&] { i64.div_(2); });
  BOOST_TEST(m.find("[div_] result type Float can't be cast to the desired output type Long") == 0, m);
}

BOOST_AUTO_TEST_CASE(narrow_integer_dtypes) {
  // c10's promotion lattice: Bool < Byte; Byte and Char meet in Short; then by width.
  BOOST_TEST(xg::promoteTypes(xg::kByte, xg::kChar) == xg::kShort);
  BOOST_TEST(xg::promoteTypes(xg::kByte, xg::kShort) == xg::kShort);
  BOOST_TEST(xg::promoteTypes(xg::kChar, xg::kInt) == xg::kInt);
  BOOST_TEST(xg::promoteTypes(xg::kBool, xg::kByte) == xg::kByte);
  BOOST_TEST(xg::promoteTypes(xg::kInt, xg::kFloat) == xg::kFloat);
  Tensor u8 = xg::tensor(std::vector<uint8_t>{250, 3});
  Tensor i8 = xg::tensor(std::vector<int8_t>{-100, 3});
  BOOST_TEST(u8.scalar_type() == xg::kByte);
  BOOST_TEST((u8 + i8).scalar_type() == xg::kShort);
  BOOST_TEST(values(u8 + i8) == std::vector<double>({150, 6}), tt::per_element());
  BOOST_TEST(values(u8 + 10) == std::vector<double>({4, 13}), tt::per_element());  // wraps modulo 256
  BOOST_TEST(values(i8 * 2) == std::vector<double>({56, 6}), tt::per_element());    // -200 wraps to 56
  BOOST_TEST(u8.sum().scalar_type() == xg::kLong);
  BOOST_TEST(u8.sum().item<int64_t>() == 253);
  BOOST_TEST((i8 / 2).scalar_type() == xg::kFloat);
  BOOST_TEST(u8[0].to(xg::kInt).item<int32_t>() == 250);
  BOOST_TEST((xg::tensor(true) + xg::tensor(true)).item<bool>());  // bools add by or
}

BOOST_AUTO_TEST_CASE(division_with_a_rounding_mode) {
  // Python's // and int(a / b), on both signs; integers stay integers.
  Tensor a = xg::tensor({7, -7, 7, -7}, xg::kInt);
  Tensor b = xg::tensor({2, 2, -2, -2}, xg::kInt);
  BOOST_TEST(a.div(b, "floor").scalar_type() == xg::kInt);
  BOOST_TEST(values(a.div(b, "floor")) == std::vector<double>({3, -4, -4, 3}), tt::per_element());
  BOOST_TEST(values(a.div(b, "trunc")) == std::vector<double>({3, -3, -3, 3}), tt::per_element());
  BOOST_TEST(values(a.div(b, std::nullopt)) == std::vector<double>({3.5, -3.5, -3.5, 3.5}), tt::per_element());
  // 1 // 0.1 is 9 in Python: 0.1 is slightly more than a tenth.
  Tensor one = xg::tensor({1.0, -1.0}, xg::kDouble);
  BOOST_TEST(values(one.div(0.1, "floor")) == std::vector<double>({9, -10}), tt::per_element());
  BOOST_TEST(values(one.div(0.0, "floor")) == std::vector<double>({std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()}), tt::per_element());
  // The most negative integer divided by -1 wraps instead of trapping.
  Tensor lowest = xg::tensor({std::numeric_limits<int32_t>::min()}, xg::kInt);
  BOOST_TEST(lowest.div(-1, "floor").item<int32_t>() == std::numeric_limits<int32_t>::min());
  BOOST_TEST(lowest.fmod(-1).item<int32_t>() == 0);
  // The rounded quotient is flat: zero gradients for both inputs.
  Tensor x = xg::tensor({1.5, -2.5}, xg::requires_grad());
  Tensor y = xg::tensor({0.5, 2.0}, xg::requires_grad());
  x.div(y, "floor").sum().backward();
  BOOST_TEST(values(x.grad()) == std::vector<double>({0, 0}), tt::per_element());
  BOOST_TEST(values(y.grad()) == std::vector<double>({0, 0}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(broadcasting) {
  Tensor a = xg::arange(3, xg::kDouble).view({3, 1});
  Tensor b = xg::arange(4, xg::kDouble);
  Tensor c = a * 10 + b;
  BOOST_TEST(sizes(c) == std::vector<int64_t>({3, 4}), tt::per_element());
  BOOST_TEST(c[2][3].item<double>() == 23.0);
  const std::string m = error_of([&] { xg::ones({2, 3}) + xg::ones({4}); });
  BOOST_TEST(m.find("[add] shapes [2, 3] and [4] cannot be broadcast") == 0, m);
  Tensor d = xg::zeros({3, 4}, xg::kDouble);
  d += b;  // in-place broadcast of the right-hand side
  BOOST_TEST(values(d[2]) == std::vector<double>({0, 1, 2, 3}), tt::per_element());
  const std::string m2 = error_of([&] { b.add_(d); });
  BOOST_TEST(m2.find("[add_] output with shape [4] doesn't match the broadcast shape [3, 4]") == 0, m2);
}

BOOST_AUTO_TEST_CASE(elementwise_and_comparisons) {
  Tensor x = xg::tensor({-2.0, -0.5, 0.0, 1.5}, xg::kDouble);
  BOOST_TEST(values(x.abs()) == std::vector<double>({2, 0.5, 0, 1.5}), tt::per_element());
  BOOST_TEST(values(x.relu()) == std::vector<double>({0, 0, 0, 1.5}), tt::per_element());
  BOOST_TEST(values(x.sign()) == std::vector<double>({-1, -1, 0, 1}), tt::per_element());
  BOOST_TEST(values(x.clamp(-1, 1)) == std::vector<double>({-1, -0.5, 0, 1}), tt::per_element());
  BOOST_TEST(values(x.clamp(std::nullopt, 0)) == std::vector<double>({-2, -0.5, 0, 0}), tt::per_element());
  BOOST_TEST(values(xg::where(x > 0, x, xg::zeros_like(x) - 7)) == std::vector<double>({-7, -7, -7, 1.5}), tt::per_element());
  BOOST_TEST(values(x.pow(2)) == std::vector<double>({4, 0.25, 0, 2.25}), tt::per_element());
  BOOST_TEST(values(xg::maximum(x, xg::zeros_like(x))) == values(x.relu()), tt::per_element());
  BOOST_TEST(values(x.eq(0)) == std::vector<double>({0, 0, 1, 0}), tt::per_element());
  BOOST_TEST((x >= -0.5).sum().item<int64_t>() == 3);
  BOOST_TEST(xg::all(x.abs() >= 0).item<bool>());
  BOOST_TEST(!xg::any(x > 2).item<bool>());
  BOOST_TEST(xg::allclose(x, x + 1e-9));
  BOOST_TEST(!xg::allclose(x, x + 1e-3));
  Tensor nan = xg::tensor({std::nan(""), 1.0}, xg::kDouble);
  BOOST_TEST(!xg::allclose(nan, nan));
  BOOST_TEST(xg::allclose(nan, nan, 1e-5, 1e-8, /*equal_nan=*/true));
  BOOST_TEST(std::isnan(nan.max().item<double>()));  // NaN propagates like torch
  BOOST_TEST(values(xg::sigmoid(xg::zeros({1}))) == std::vector<double>({0.5}), tt::per_element());
}

// A sum over leading dims (a bias gradient) adds whole rows instead of copying the input
// transposed; each output still adds its terms in the same order, so the results equal
// those of the transposed layout to the last bit.
BOOST_AUTO_TEST_CASE(sums_over_leading_dims_add_in_the_same_order) {
  xg::manual_seed(3);
  for (xg::ScalarType dtype : {xg::kFloat, xg::kDouble}) {
    Tensor x = xg::randn({5, 7, 33}, dtype) * 1000;  // large terms: the order of additions shows
    Tensor moved = x.permute({2, 0, 1}).contiguous().permute({1, 2, 0});  // same values, reduced dims not leading
    BOOST_TEST(!moved.is_contiguous());
    BOOST_TEST(xg::equal(x.sum(0), moved.sum(0)));
    BOOST_TEST(xg::equal(x.sum({0, 1}), moved.sum({0, 1})));
    BOOST_TEST(xg::equal(x.sum({0, 1}, true), moved.sum({0, 1}, true)));
    BOOST_TEST(sizes(x.sum({0, 1}, true)) == std::vector<int64_t>({1, 1, 33}), tt::per_element());
    BOOST_TEST(xg::equal(x.mean(0), moved.mean(0)));
  }
  Tensor counts = xg::arange(12).view({4, 3});  // Long sums stay exact
  BOOST_TEST(values(counts.sum(0)) == std::vector<double>({18, 22, 26}), tt::per_element());
  BOOST_TEST(xg::zeros({0, 3}).sum(0).abs().sum().item<float>() == 0.0f);
}

// float tanh goes through one double exp (faster than tanhf); it must round like the exact value.
BOOST_AUTO_TEST_CASE(float_tanh_is_correctly_rounded) {
  std::vector<float> inputs = {0.0f, -0.0f, 1e-40f, -1e-30f, 9.9e-5f, 1e-4f, 1.01e-4f, 0.5f, -1.0f, 9.0f, 9.02f, 10.0f,
                               10.5f, -20.0f, std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity()};
  std::mt19937 engine(7);
  std::uniform_real_distribution<float> wide(-12.0f, 12.0f), narrow(-1e-3f, 1e-3f);
  for (int i = 0; i < 100000; ++i) inputs.push_back(i % 2 ? wide(engine) : narrow(engine));
  Tensor got = xg::tensor(inputs).tanh();
  const float* values = got.data_ptr<float>();
  int64_t wrong = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const float exact = static_cast<float>(std::tanh(static_cast<long double>(inputs[i])));
    if (std::memcmp(&values[i], &exact, sizeof exact) != 0) ++wrong;  // compares the sign of zero too
  }
  BOOST_TEST(wrong == 0);
  BOOST_TEST(std::isnan(xg::tensor({std::nanf("")}).tanh().item<float>()));
}

// A float sum adds eight interleaved partial sums in double; rounded to float, the result is
// the one a single chain in order gives (the double sum of the same values).
BOOST_AUTO_TEST_CASE(float_sums_match_the_double_sum_rounded) {
  xg::manual_seed(5);
  for (int64_t n : {1, 7, 8, 9, 1000, 100003}) {
    Tensor x = xg::randn({n}) * 100 + 3;
    BOOST_TEST(x.sum().item<float>() == static_cast<float>(x.to(xg::kDouble).sum().item<double>()));
  }
}

// In-place updates run their own loop (vectorised); every layout and both operand kinds
// must give what the out-of-place op gives, also when the operand is self.
BOOST_AUTO_TEST_CASE(in_place_updates_equal_out_of_place_ops) {
  xg::manual_seed(6);
  for (xg::ScalarType dtype : {xg::kFloat, xg::kDouble}) {
    Tensor a = xg::randn({1001}, dtype), b = xg::randn({1001}, dtype);
    Tensor c = a.clone();
    BOOST_TEST(xg::equal(c.mul_(b), a * b));
    c = a.clone();
    BOOST_TEST(xg::equal(c.add_(b, 0.5), a + b * 0.5));
    c = a.clone();
    BOOST_TEST(xg::equal(c.div_(3.0), a / 3.0));
    c = a.clone();
    BOOST_TEST(xg::equal(c.mul_(c), a * a));
    c = a.clone();
    BOOST_TEST(xg::equal(c.sub_(c), xg::zeros_like(a)));
    Tensor rows = a.view({7, 143}).clone();
    BOOST_TEST(xg::equal(rows.add_(b.view({7, 143}).select(0, 2)), a.view({7, 143}) + b.view({7, 143})[2]));
  }
}

BOOST_AUTO_TEST_CASE(reductions) {
  Tensor t = xg::arange(1, 7, xg::kDouble).view({2, 3});  // [[1 2 3] [4 5 6]]
  BOOST_TEST(t.sum().item<double>() == 21.0);
  BOOST_TEST(values(t.sum(0)) == std::vector<double>({5, 7, 9}), tt::per_element());
  BOOST_TEST(sizes(t.sum({1}, true)) == std::vector<int64_t>({2, 1}), tt::per_element());
  BOOST_TEST(values(t.mean(-1)) == std::vector<double>({2, 5}), tt::per_element());
  BOOST_TEST(t.prod().item<double>() == 720.0);
  BOOST_TEST(values(t.prod(1)) == std::vector<double>({6, 120}), tt::per_element());
  auto [values_max, indices_max] = t.max(1);
  BOOST_TEST(values(values_max) == std::vector<double>({3, 6}), tt::per_element());
  BOOST_TEST(indices_max.scalar_type() == xg::kLong);
  BOOST_TEST(values(indices_max) == std::vector<double>({2, 2}), tt::per_element());
  BOOST_TEST(t.argmin().item<int64_t>() == 0);
  BOOST_TEST(values(t.argmax(0)) == std::vector<double>({1, 1, 1}), tt::per_element());
  BOOST_TEST(t.norm().item<double>() == std::sqrt(91.0), tt::tolerance(1e-14));
  BOOST_TEST(t.norm(1).item<double>() == 21.0);
  BOOST_TEST(values(t.var({1}, true)) == std::vector<double>({1, 1}), tt::per_element());
  BOOST_TEST(values(t.var(1)) == std::vector<double>({1, 1}), tt::per_element());  // over dim 1, as in LibTorch
  BOOST_TEST(t.var(true).item<double>() == 3.5);
  BOOST_TEST(t.var(false).item<double>() == 17.5 / 6, tt::tolerance(1e-14));
  BOOST_TEST(t.std().item<double>() == std::sqrt(3.5), tt::tolerance(1e-14));
  BOOST_TEST(t.logsumexp({0, 1}).item<double>() == std::log(std::exp(1) + std::exp(2) + std::exp(3) + std::exp(4) + std::exp(5) + std::exp(6)), tt::tolerance(1e-14));
  BOOST_TEST(xg::allclose(t.softmax(1).sum(1), xg::ones({2}, xg::kDouble), 1e-14, 0));
  BOOST_TEST(xg::allclose(t.log_softmax(1).exp(), t.softmax(1), 1e-14, 0));
  // Large inputs stay finite (computed with the max subtracted).
  BOOST_TEST(std::isfinite(xg::tensor({1000.0, 1000.0}).logsumexp({0}).item<float>()));
  const std::string m = error_of([&] { xg::ones({2}, xg::kLong).mean(); });
  BOOST_TEST(m.find("[mean] could not infer output dtype") == 0, m);
}

// A braced list {d} means a dim, as in LibTorch (checked there with the same calls): an
// overload taking a bool or a scalar must not catch it. Each call is compared with the
// overload it should resolve to, named explicitly.
BOOST_AUTO_TEST_CASE(braced_lists_resolve_as_in_libtorch) {
  const Tensor c = xg::randn({2, 3, 4}, xg::kDouble);
  const std::vector<int64_t> dim1{1};
  const auto same = [](const Tensor& a, const Tensor& b) { return a.sizes() == b.sizes() && a.equal(b); };
  BOOST_TEST(same(c.var({1}), c.var(dim1, true, false)));
  BOOST_TEST(same(c.var({1}, false), c.var(dim1, false, false)));
  BOOST_TEST(same(c.var({0, 2}), c.var(xg::IntArrayRef{0, 2}, true, false)));
  BOOST_TEST(same(xg::var(c, {1}), c.var(dim1, true, false)));
  BOOST_TEST(same(c.std({1}), c.std(dim1, true, false)));
  BOOST_TEST(same(c.std(1), c.std(dim1, true, false)));
  BOOST_TEST(same(xg::std(c, 1), c.std(dim1, true, false)));
  BOOST_TEST(same(c.sum({1}), c.sum(dim1, false, std::nullopt)));
  BOOST_TEST(same(c.sum({0, 2}), c.sum(xg::IntArrayRef{0, 2}, false, std::nullopt)));
  BOOST_TEST(same(c.mean({1}), c.mean(dim1, false, std::nullopt)));
  BOOST_TEST(same(c.norm(2, {1}), c.norm(2, dim1, false)));
  BOOST_TEST(same(c.logsumexp({1}), c.logsumexp(dim1, false)));
  BOOST_TEST(same(c.prod({1}), c.prod(int64_t{1}, false, std::nullopt)));
  BOOST_TEST(same(std::get<0>(c.max({1})), std::get<0>(c.max(int64_t{1}, false))));
  BOOST_TEST(same(std::get<0>(c.min({1})), std::get<0>(c.min(int64_t{1}, false))));
  BOOST_TEST(same(c.argmax({1}), c.argmax(std::optional<int64_t>(1), false)));
  BOOST_TEST(same(c.softmax({1}), c.softmax(int64_t{1}, std::nullopt)));
  BOOST_TEST(same(xg::ones({1, 3}).squeeze({0}), xg::ones({1, 3}).squeeze(int64_t{0})));
  BOOST_TEST(same(c.flatten({1}), c.flatten(int64_t{1}, int64_t{-1})));
  BOOST_TEST(same(c.unsqueeze({0}), c.unsqueeze(int64_t{0})));
  BOOST_TEST(same(c.transpose({0}, {1}), c.transpose(int64_t{0}, int64_t{1})));
  BOOST_TEST(same(c.select({0}, {1}), c.select(int64_t{0}, int64_t{1})));
  BOOST_TEST(sizes(c.permute({2, 0, 1})) == std::vector<int64_t>({4, 2, 3}), tt::per_element());
  BOOST_TEST(sizes(c.view({-1})) == std::vector<int64_t>({24}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(matrix_products_use_layout_not_copies) {
  Tensor a = xg::arange(6, xg::kDouble).view({2, 3});
  Tensor b = xg::arange(12, xg::kDouble).view({3, 4});
  Tensor c = a.mm(b);
  BOOST_TEST(values(c) == std::vector<double>({20, 23, 26, 29, 56, 68, 80, 92}), tt::per_element());
  // Transposed operands (BLAS transpose flags) give the same as contiguous copies.
  BOOST_TEST(xg::equal(a.t().contiguous().t().mm(b.t().contiguous().t()), c));
  BOOST_TEST(xg::equal(b.t().mm(a.t()), c.t()));
  BOOST_TEST(values(a.mv(xg::ones({3}, xg::kDouble))) == std::vector<double>({3, 12}), tt::per_element());
  BOOST_TEST(values(a.t().mv(xg::ones({2}, xg::kDouble))) == std::vector<double>({3, 5, 7}), tt::per_element());
  BOOST_TEST(xg::dot(xg::arange(3, xg::kDouble), xg::arange(3, xg::kDouble)).item<double>() == 5.0);
  BOOST_TEST(sizes(xg::outer(xg::ones({2}), xg::ones({3}))) == std::vector<int64_t>({2, 3}), tt::per_element());
  BOOST_TEST(values(xg::matmul(a, b)) == values(c), tt::per_element());
  Tensor batch = xg::randn({5, 2, 3, 4}, xg::kDouble);
  Tensor right = xg::randn({2, 4, 3}, xg::kDouble);
  Tensor product = xg::matmul(batch, right);
  BOOST_TEST(sizes(product) == std::vector<int64_t>({5, 2, 3, 3}), tt::per_element());
  BOOST_TEST(xg::allclose(product[4][1], batch[4][1].mm(right[1])));
  BOOST_TEST(values(xg::matmul(xg::arange(4, xg::kLong).view({2, 2}), xg::arange(4, xg::kLong).view({2, 2}))) ==
                 std::vector<double>({2, 3, 6, 11}),
             tt::per_element());
  std::string m = error_of([&] { a.mm(a); });
  BOOST_TEST(m.find("[mm] shapes [2, 3] and [2, 3] cannot be multiplied: 3 != 2") == 0, m);
  m = error_of([&] { a.mm(b.to(xg::kFloat)); });
  BOOST_TEST(m.find("[mm] expected both operands to have the same dtype") == 0, m);
  m = error_of([&] { xg::matmul(xg::ones({3}), xg::ones({4})); });
  BOOST_TEST(m.find("[matmul] shapes [3] and [4] cannot be multiplied: 3 != 4") == 0, m);
}

BOOST_AUTO_TEST_CASE(dtypes_an_op_does_not_take) {
  const Tensor flags = xg::ones({2, 2}, xg::kBool);
  std::string m = error_of([&] { flags.neg(); });
  BOOST_TEST(m.find("[neg] negation, the `-` operator, on a bool tensor is not supported") == 0, m);
  m = error_of([&] { flags.mm(flags); });
  BOOST_TEST(m.find("[mm] not supported for Bool tensors") == 0, m);
  m = error_of([&] { flags - flags; });
  BOOST_TEST(m.find("[sub] subtraction with two bool tensors is not supported") == 0, m);
  m = error_of([&] { xg::rand({2}, xg::kLong); });
  BOOST_TEST(m.find("[rand]") == 0, m);
  m = error_of([&] { xg::ones({2}).data_ptr<double>(); });
  BOOST_TEST(m.find("[data_ptr] expected scalar type Double but found Float") == 0, m);
  m = error_of([&] { xg::where(xg::ones({2}), xg::ones({2}), xg::zeros({2})); });
  BOOST_TEST(m.find("[where] expected condition to be a bool tensor, but got Float") == 0, m);
  m = error_of([&] { Tensor().sizes(); });
  BOOST_TEST(m.find("[sizes] called on an undefined tensor") == 0, m);
}

BOOST_AUTO_TEST_CASE(join_and_convert) {
  Tensor a = xg::ones({2, 2});
  Tensor b = xg::zeros({1, 2});
  BOOST_TEST(sizes(xg::cat({a, b})) == std::vector<int64_t>({3, 2}), tt::per_element());
  BOOST_TEST(sizes(xg::stack({a, a}, 2)) == std::vector<int64_t>({2, 2, 2}), tt::per_element());
  const std::string m = error_of([&] { xg::cat({a, xg::zeros({2, 3})}, 0); });
  BOOST_TEST(m.find("[cat] sizes of tensors must match except in dimension 0") == 0, m);
  Tensor d = a.to(xg::kDouble);
  BOOST_TEST(d.scalar_type() == xg::kDouble);
  BOOST_TEST(a.to(xg::kFloat).is_same(a));
  BOOST_TEST(!a.to(xg::kFloat, false, /*copy=*/true).is_same(a));
  BOOST_TEST(xg::tensor({1.7, -1.7}).to(xg::kLong)[1].item<int64_t>() == -1);
  Tensor nc = a.t();
  BOOST_TEST(nc.contiguous().is_contiguous());
}

// x.accessor<T, N>(): a[i][j] reads and writes the elements through the view's strides.
BOOST_AUTO_TEST_CASE(accessor_reads_and_writes_through_strides) {
  Tensor x = xg::arange(6, xg::kFloat).reshape({2, 3});
  Tensor xt = x.t();  // a [3, 2] view with strides [1, 3]
  auto a = xt.accessor<float, 2>();
  BOOST_TEST(a.size(0) == 3);
  BOOST_TEST(a.size(1) == 2);
  BOOST_TEST(a.stride(0) == 1);
  BOOST_TEST(a.stride(1) == 3);
  BOOST_TEST(a.sizes().vec() == std::vector<int64_t>({3, 2}), tt::per_element());
  BOOST_TEST(a.strides().vec() == std::vector<int64_t>({1, 3}), tt::per_element());
  for (int64_t i = 0; i < 3; ++i)
    for (int64_t j = 0; j < 2; ++j) BOOST_TEST(a[i][j] == xt[i][j].item<float>());
  a[2][1] = 50.0f;  // element (1, 2) of x
  BOOST_TEST(x[1][2].item<float>() == 50.0f);
  auto row = a[1];  // a 1-d accessor: x's column 1
  BOOST_TEST(row.size(0) == 2);
  BOOST_TEST(row[1] == 4.0f);

  Tensor d = xg::tensor({{1.0, 2.0}, {3.0, 4.0}}, xg::kDouble).narrow(1, 1, 1);  // offset 1
  BOOST_TEST((d.accessor<double, 2>()[1][0]) == 4.0);
  const Tensor l = xg::tensor({7, 8, 9});
  const auto la = l.accessor<int64_t, 1>();  // a const accessor reads const elements
  BOOST_TEST(la[2] == 9);

  BOOST_TEST(error_of([&] { x.accessor<float, 3>(); }) == "[accessor] TensorAccessor expected 3 dims but tensor has 2");
  BOOST_TEST(error_of([&] { x.accessor<double, 2>(); }) == "[accessor] expected scalar type Double but found Float");
}

// x.to(other) and x.type_as(other) take other's dtype; x.new_zeros(size) and its kin make a
// fresh tensor with x's dtype unless the options name another.
BOOST_AUTO_TEST_CASE(to_other_type_as_and_new_tensors) {
  Tensor f = xg::tensor({1.5, -2.5}, xg::requires_grad());
  const Tensor d = xg::zeros({3}, xg::kDouble);
  const Tensor l = xg::tensor({1, 2});
  BOOST_TEST(f.to(d).scalar_type() == xg::kDouble);
  BOOST_TEST(f.to(d).grad_fn()->name() == "ToCopyBackward0");
  BOOST_TEST(f.to(f).is_same(f));
  BOOST_TEST(!f.to(f, false, /*copy=*/true).is_same(f));
  BOOST_TEST(l.type_as(f).equal(xg::tensor({1.0f, 2.0f})));
  BOOST_TEST(f.detach().type_as(l).equal(xg::tensor({1, -2})));
  f.type_as(d).sum().backward();
  BOOST_TEST(f.grad().equal(xg::ones({2})));

  BOOST_TEST(f.new_zeros({2, 3}).equal(xg::zeros({2, 3})));
  BOOST_TEST(!f.new_zeros({2}).requires_grad());
  BOOST_TEST(d.new_ones({2}).equal(xg::ones({2}, xg::kDouble)));
  BOOST_TEST(l.new_full({2}, 2.5).equal(xg::tensor({2, 2})));  // the Long dtype truncates, as in LibTorch
  BOOST_TEST(f.new_full({1}, 3, xg::kLong).equal(xg::tensor({3})));
  BOOST_TEST(d.new_empty({4, 0}).scalar_type() == xg::kDouble);
  BOOST_TEST(sizes(d.new_empty({4, 0})) == std::vector<int64_t>({4, 0}), tt::per_element());
  // LibTorch's Tensor methods ignore options.requires_grad().
  BOOST_TEST(!f.new_ones({2}, xg::requires_grad()).requires_grad());
  BOOST_TEST(error_of([&] { f.new_zeros({-1}); }).rfind("[new_zeros] Trying to create tensor with negative dimension -1: [-1]", 0) == 0);
}

// Braced lists pick the IntArrayRef overloads, as in LibTorch: x.amax({1}) reduces dim 1.
BOOST_AUTO_TEST_CASE(amax_amin_take_braced_dim_lists) {
  const Tensor x = xg::tensor({3.0, -1.0, 4.0, 1.0, -5.0, 9.0, 2.0, 6.0, -5.0, 3.0, 5.0, 8.0}).view({2, 3, 2});
  BOOST_TEST(x.amax({1}).equal(std::get<0>(x.max(1))));
  BOOST_TEST(x.amin({1}, true).equal(std::get<0>(x.min(1, true))));
  BOOST_TEST(x.amax({0, 2}).equal(std::get<0>(std::get<0>(x.max(2)).max(0))));
  BOOST_TEST(x.amax().equal(x.max()));
  BOOST_TEST(xg::amin(x, {}).equal(x.min()));
}

// Edge values where xgrad gave another answer than PyTorch (no error, a different number).
BOOST_AUTO_TEST_CASE(edge_values_are_pytorchs) {
  // var/std of nothing, and unbiased of one element, divide 0 by max(0, n - 1) = 0: nan, not -0.
  BOOST_TEST(std::isnan(xg::zeros({0}).var().item<double>()));
  BOOST_TEST(std::isnan(xg::zeros({0}).std().item<double>()));
  BOOST_TEST(std::isnan(xg::ones({1}).var().item<double>()));
  BOOST_TEST(xg::zeros({0}).var(/*unbiased=*/false).item<double>() != 0.0);  // nan too: no elements

  // softmax of nothing is nothing (it used to fail in max).
  BOOST_TEST(xg::zeros({0}).softmax(0).numel() == 0);
  BOOST_TEST(xg::zeros({0, 3}).log_softmax(0).sizes() == xg::IntArrayRef({0, 3}));

  // d(x^p)/dx at x = 0, p = 0 is 0 (x^0 = 1 whatever x), not 0 * inf.
  Tensor x = xg::zeros({2}, xg::kDouble).requires_grad_();
  xg::pow(x, xg::zeros({2}, xg::kDouble)).sum().backward();
  BOOST_TEST(x.grad().equal(xg::zeros({2}, xg::kDouble)));

  // A -inf logit on a class that is not the target: the loss is finite, the gradient 0 there.
  // With logits [0, -inf, 1] and target 0: loss = log(1 + e), gradient softmax - one_hot.
  Tensor logits = xg::tensor({{0.0, -std::numeric_limits<double>::infinity(), 1.0}}, xg::kDouble).requires_grad_();
  Tensor loss = xg::nn::functional::cross_entropy(logits, xg::tensor({int64_t{0}}));
  const double e = std::exp(1.0);
  BOOST_TEST(loss.item<double>() == std::log(1 + e), tt::tolerance(1e-12));
  loss.backward();
  BOOST_TEST(logits.grad()[0][0].item<double>() == 1 / (1 + e) - 1, tt::tolerance(1e-12));
  BOOST_TEST(logits.grad()[0][1].item<double>() == 0.0);
  BOOST_TEST(logits.grad()[0][2].item<double>() == e / (1 + e), tt::tolerance(1e-12));
}

// In-place writes from an input that shares some of the output's memory are refused, as in
// PyTorch (a.copy_(a.t()) used to write {0, 2, 2, 3}); the very same elements, or disjoint
// ones, are fine.
BOOST_AUTO_TEST_CASE(overlapping_inplace_writes_are_refused) {
  Tensor a = xg::arange(4.0).reshape({2, 2});
  const std::string overlap = "some elements of the input tensor and the written-to tensor refer to a single memory";
  BOOST_TEST(error_of([&] { a.copy_(a.t()); }).find("[copy_] unsupported operation: " + overlap) == 0);
  BOOST_TEST(error_of([&] { a.copy_(a[0]); }).find("[copy_] unsupported operation") == 0);
  BOOST_TEST(error_of([&] { a.add_(a.t()); }).find("[add_] unsupported operation") == 0);
  Tensor v = xg::arange(6.0);
  BOOST_TEST(error_of([&] { v.slice(0, 1, 4).mul_(v.slice(0, 0, 3)); }).find("[mul_] unsupported operation") == 0);
  BOOST_TEST(a.equal(xg::arange(4.0).reshape({2, 2})));  // untouched
  BOOST_TEST(v.equal(xg::arange(6.0)));
  a.copy_(a);   // the same elements
  a.mul_(a);
  BOOST_TEST(a.equal(xg::tensor({0.0, 1.0, 4.0, 9.0}).reshape({2, 2})));
  v.slice(0, 3, 6).copy_(v.slice(0, 0, 3));  // disjoint halves of one storage
  BOOST_TEST(v.equal(xg::tensor({0.0, 1.0, 2.0, 0.0, 1.0, 2.0})));
}

// The indices max, sort and topk return are saved for backward the way tensors are: writing
// into them afterwards makes backward refuse, as in PyTorch, instead of sending the gradient
// to the wrong elements.
BOOST_AUTO_TEST_CASE(returned_indices_written_in_place_are_refused_by_backward) {
  const std::string modified = "modified by an inplace operation";
  Tensor x = xg::tensor({3.0, 1.0, 2.0}, xg::kDouble).requires_grad_();
  auto [largest, at] = x.max(0, false);
  at.fill_(1);
  BOOST_TEST(error_of([&] { largest.backward(); }).find(modified) != std::string::npos);
  auto [sorted, order] = x.sort(0);
  order.zero_();
  BOOST_TEST(error_of([&] { sorted.sum().backward(); }).find(modified) != std::string::npos);
  auto [top, where] = x.topk(2);
  where.zero_();
  BOOST_TEST(error_of([&] { top.sum().backward(); }).find(modified) != std::string::npos);
  BOOST_TEST(!x.grad().defined());
}

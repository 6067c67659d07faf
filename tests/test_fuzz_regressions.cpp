// Bugs the fuzzers (fuzz/) found, each pinned by the smallest program that showed it.
// Expected numbers are PyTorch 1.13's (tools/gen_fuzz_regressions.py prints them).

#define BOOST_TEST_MODULE test_fuzz_regressions
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "test_util.h"

using test_util::error_of;
using xg::Tensor;

namespace {
std::vector<int64_t> longs(const Tensor& t) {
  Tensor c = t.contiguous();
  return std::vector<int64_t>(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
}
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();
}  // namespace

// Joining empty tensors wrote through empty views at a non-zero offset into a storage with
// no buffer: null + offset, undefined behaviour (UBSan: "applying non-zero offset to null pointer").
BOOST_AUTO_TEST_CASE(empty_views_into_empty_storage) {
  Tensor a = xg::zeros({0, 2}, xg::dtype(xg::kBool));
  Tensor joined = xg::cat({a, a}, 1);
  BOOST_TEST(joined.sizes() == std::vector<int64_t>({0, 4}));
  BOOST_TEST(xg::stack({a, a}, 2).sizes() == std::vector<int64_t>({0, 2, 2}));
  BOOST_TEST(joined.narrow(1, 2, 2).data_ptr() == nullptr);
}

// Float -> Long of NaN, Inf or out-of-range values was undefined behaviour in C++ (UBSan:
// "-nan is outside the range of representable values of type 'long'"); now it is INT64_MIN,
// what torch gives on x86.
BOOST_AUTO_TEST_CASE(float_to_long_out_of_range) {
  Tensor d = xg::tensor({kNaN, kInf, -kInf, 1e30, -1e30, 2.7, -2.7}, xg::dtype(xg::kDouble));
  BOOST_TEST(longs(d.to(xg::kLong)) == std::vector<int64_t>({kMin, kMin, kMin, kMin, kMin, 2, -2}),
             boost::test_tools::per_element());
  Tensor f = xg::tensor({kNaN, 1e30, 2.7}, xg::dtype(xg::kFloat));
  BOOST_TEST(longs(f.to(xg::kLong)) == std::vector<int64_t>({kMin, kMin, 2}), boost::test_tools::per_element());
  // The same conversion in in-place writes of a Double result into a Long tensor's copy_.
  Tensor l = xg::zeros({2}, xg::dtype(xg::kLong));
  BOOST_TEST(!error_of([&] { l.add_(xg::tensor({kNaN, 1.0})); }).empty());  // Double into Long: refused
}

// Integer pow: a negative exponent gave silently wrong numbers (2^-2 = 1), a huge exponent
// looped for ever, and Long ** Long tensors went through double (inf -> Long: UB).
BOOST_AUTO_TEST_CASE(integer_pow) {
  Tensor base = xg::tensor({2, 3, -3, 0, 1, -1});
  BOOST_TEST(longs(base.pow(62)) ==
                 std::vector<int64_t>({4611686018427387904, 5069619362125685561, 5069619362125685561, 0, 1, 1}),
             boost::test_tools::per_element());
  Tensor exponent = xg::tensor({int64_t{62}, int64_t{41}, int64_t{3}, int64_t{0}, int64_t{1} << 62,
                                (int64_t{1} << 62) + 1});
  BOOST_TEST(longs(base.pow(exponent)) ==
                 std::vector<int64_t>({4611686018427387904, -420491770248316829, -27, 1, 1, -1}),
             boost::test_tools::per_element());
  BOOST_TEST(error_of([&] { base.pow(-2); }).rfind("[pow] integers to negative integer powers are not allowed", 0) == 0);
  BOOST_TEST(error_of([&] { base.pow(xg::tensor({1, 1, 1, 1, 1, -1})); })
                 .rfind("[pow] integers to negative integer powers are not allowed", 0) == 0);
  BOOST_TEST(longs(xg::tensor({2}).pow(xg::tensor({-1}, xg::dtype(xg::kDouble))).to(xg::kLong)) ==
                 std::vector<int64_t>({0}),
             boost::test_tools::per_element());  // a Double exponent promotes: 0.5, truncated to 0
}

// Long arithmetic that overflows was undefined behaviour (UBSan: "signed integer overflow:
// 665416609183179841 * 665416609183179841 cannot be represented in type 'long'"); the library
// is now built with -fwrapv, so it wraps around as torch's does.
BOOST_AUTO_TEST_CASE(long_overflow_wraps) {
  const int64_t big = 665416609183179841, max = std::numeric_limits<int64_t>::max();
  Tensor a = xg::tensor({big, max, kMin});
  BOOST_TEST(longs(a * a) == std::vector<int64_t>({3919697708568696961, 1, 0}), boost::test_tools::per_element());
  BOOST_TEST(longs(a + 1) == std::vector<int64_t>({big + 1, kMin, kMin + 1}), boost::test_tools::per_element());
  BOOST_TEST(longs(a - 2) == std::vector<int64_t>({big - 2, max - 2, max - 1}), boost::test_tools::per_element());
  BOOST_TEST(a.sum().item<int64_t>() == 665416609183179840);
  BOOST_TEST(a.prod().item<int64_t>() == kMin);
  Tensor b = a.clone();
  b.mul_(a);
  BOOST_TEST(longs(b) == std::vector<int64_t>({3919697708568696961, 1, 0}), boost::test_tools::per_element());
}

// y.mul_(y) on a non-leaf: mul's backward saved y itself, then the in-place op gave y that
// backward node as grad_fn, a reference cycle that leaked the graph (LeakSanitizer).
BOOST_AUTO_TEST_CASE(inplace_op_on_itself_frees_its_graph) {
  std::weak_ptr<xg::autograd::Node> node;
  {
    Tensor x = xg::ones({2}, xg::requires_grad());
    Tensor y = x * 1;
    y.mul_(y);
    node = y.grad_fn();
    BOOST_TEST(!node.expired());
    // As in torch: backward needs y's old value, which the op itself overwrote.
    BOOST_TEST(error_of([&] { y.sum().backward(); }).find("modified by an inplace operation") != std::string::npos);
  }
  BOOST_TEST(node.expired());
  // Saving a non-leaf input keeps its history: second-order gradients still flow through it.
  Tensor x = xg::tensor({1.5, -2.0}, xg::requires_grad());
  Tensor y = x * x;
  Tensor z = (y * y).sum();  // x^4
  Tensor g = xg::autograd::grad({z}, {x}, {}, std::nullopt, true)[0];  // 4 x^3
  Tensor h = xg::autograd::grad({g.sum()}, {x})[0];                    // 12 x^2
  BOOST_TEST(test_util::values(g) == std::vector<double>({13.5, -32.0}), boost::test_tools::per_element());
  BOOST_TEST(test_util::values(h) == std::vector<double>({27.0, 48.0}), boost::test_tools::per_element());
}

// Circular padding wrote its result into uninitialised memory and copied the borders of the
// last dim along whole rows before the border rows of the dim before were written: a Bool
// input read bytes that are not a bool (UBSan: "load of value 190, which is not a valid value
// for type 'const bool'", from a Conv2d with padding_mode kCircular). And a border longer than
// what a negative amount keeps was copied from memory never written (silently wrong numbers);
// torch refuses it (an overlapping copy).
BOOST_AUTO_TEST_CASE(circular_padding_reads_only_written_memory) {
  Tensor b = xg::tensor({true, false}).reshape({1, 2, 1});
  Tensor padded = xg::pad(b, {1, 1, 1, 1}, "circular");
  BOOST_TEST(padded.sizes() == std::vector<int64_t>({1, 4, 3}));
  BOOST_TEST(longs(padded.to(xg::kLong)) == std::vector<int64_t>({0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1}),
             boost::test_tools::per_element());
  Tensor x = xg::arange(3, xg::dtype(xg::kDouble)).reshape({1, 1, 3});
  BOOST_TEST(test_util::values(xg::pad(x, {-1, 2}, "circular")) == std::vector<double>({1, 2, 1, 2}),
             boost::test_tools::per_element());
  BOOST_TEST(test_util::values(xg::pad(x, {1, -2}, "circular")) == std::vector<double>({0, 0}),
             boost::test_tools::per_element());
  for (const std::vector<int64_t>& refused : {std::vector<int64_t>{-1, 3}, {3, -2}, {-2, 2}})
    BOOST_TEST(error_of([&] { xg::pad(x, refused, "circular"); })
                   .rfind("[_pad_circular] Padding value causes wrapping around more than once", 0) == 0);
}

// Max pooling's backward kept the indices it returned as a plain tensor: after an in-place
// write to them (indices.mul_(5) under NoGradGuard) backward scattered the gradient out of
// the input's bounds (ASan: heap-buffer-overflow in scatter_to_indices, from
// adaptive_max_pool2d). They are saved with their version now, so backward refuses, as
// torch does; and indices handed to the backward ops directly are checked.
BOOST_AUTO_TEST_CASE(max_pool_indices_written_in_place) {
  Tensor x = xg::randn({1, 2, 3, 3}, xg::dtype(xg::kDouble).requires_grad(true));
  auto [y, indices] = xg::adaptive_max_pool2d(x, {2, 2});
  {
    xg::NoGradGuard no_grad;
    indices.mul_(5);
  }
  BOOST_TEST(error_of([&] { y.sum().backward(); }).find("modified by an inplace operation") != std::string::npos);
  auto [z, z_indices] = xg::max_pool2d_with_indices(x, 2);
  z_indices.add_(100);
  BOOST_TEST(error_of([&] { z.sum().backward(); }).find("modified by an inplace operation") != std::string::npos);
  BOOST_TEST(error_of([&] {
               xg::max_pool2d_with_indices_backward(xg::ones({1, 2, 1, 1}, xg::kDouble), x.detach(), 2, 2, 0, 1, false,
                                                    xg::full({1, 2, 1, 1}, 100, xg::kLong));
             }).rfind("[max_pool2d_with_indices_backward] index 100 is outside a plane of 9 positions", 0) == 0);
}

// max_pool1d(x [2, 3, 1], kernel 2, stride 2, padding 1, dilation 2): the one window has taps at
// -1 and 1, both outside the length-1 input, and its first tap was read anyway (ASan:
// heap-buffer-overflow in max_pool_with_indices). Such a window has no maximum: an error now
// (torch 1.13 gives -inf and index 1, outside the input, and its backward corrupts the heap).
BOOST_AUTO_TEST_CASE(max_pool_window_between_the_input_elements) {
  Tensor x = xg::ones({2, 3, 1});
  BOOST_TEST(error_of([&] { xg::max_pool1d(x, 2, 2, 1, 2); })
                 .rfind("[max_pool1d] a window holds no input element: input 1 x 1, kernel 1 x 2, padding 0 x 1, "
                        "dilation 1 x 2", 0) == 0);
  BOOST_TEST(error_of([&] { xg::max_pool2d(x.unsqueeze(0), {1, 2}, {1, 2}, {0, 1}, {1, 2}); })
                 .rfind("[max_pool2d] a window holds no input element", 0) == 0);
  // Windows that reach an element still pool: length 2, taps at -1 and 1.
  BOOST_TEST(xg::max_pool1d(xg::ones({1, 1, 2}), 2, 2, 1, 2).sizes() == std::vector<int64_t>({1, 1, 1}));
}

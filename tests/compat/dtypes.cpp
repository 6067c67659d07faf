// Integer dtypes beside Long, Float, Double and Bool: the dtype a literal gives, the dtype
// mixed operands promote to (every pair, and tensors with C++ scalars and 0-d tensors), the
// ops whose result dtype is not the input's (sum, division, comparisons), conversions,
// printing, and wrap-around on overflow.
#include <torch/torch.h>

#include <cstdint>
#include <iostream>
#include <vector>

// Prints the dtype and the values of t, whatever its dtype.
void show(const char* what, const torch::Tensor& t) {
  std::cout << what << " -> " << t.scalar_type() << " [";
  const torch::Tensor flat = t.reshape({-1}).to(torch::kDouble);
  for (int64_t i = 0; i < flat.numel(); ++i) std::cout << " " << flat[i].item<double>();
  std::cout << " ]\n";
}
#define SHOW(expr) show(#expr, (expr))

// Runs `op` and prints whether it threw, as both libraries' messages differ.
template <class F>
void expect_error(const char* what, F op) {
  try {
    op();
    std::cout << what << ": no error\n";
  } catch (const c10::Error&) {
    std::cout << what << ": error\n";
  }
}

int main() {
  // Literals: C++ int and int64 give Long, the narrower integer types keep their own.
  SHOW(torch::tensor({1, 2}));
  SHOW(torch::tensor(std::vector<int>{1, 2}));
  SHOW(torch::tensor(std::vector<int64_t>{1, 2}));
  SHOW(torch::tensor(std::vector<uint8_t>{1, 255}));
  SHOW(torch::tensor(std::vector<int8_t>{-1, 2}));
  SHOW(torch::tensor(std::vector<int16_t>{-300, 2}));
  SHOW(torch::tensor(static_cast<uint8_t>(3)));
  SHOW(torch::tensor(static_cast<int16_t>(3)));
  SHOW(torch::tensor({static_cast<uint8_t>(3), static_cast<uint8_t>(4)}));
  SHOW(torch::tensor({1, 2}, torch::kInt));
  SHOW(torch::tensor({1.5, 2.5}, torch::kInt16));
  std::cout << torch::kByte << " " << torch::kUInt8 << " " << torch::kChar << " " << torch::kInt8 << " "
            << torch::kShort << " " << torch::kInt16 << " " << torch::kInt << " " << torch::kInt32 << "\n";

  // Every pair of dtypes, as dimensioned tensors.
  const std::vector<torch::ScalarType> dtypes = {torch::kUInt8, torch::kInt8,  torch::kInt16, torch::kInt32,
                                                 torch::kInt64, torch::kFloat, torch::kDouble, torch::kBool};
  for (torch::ScalarType a : dtypes) {
    for (torch::ScalarType b : dtypes) {
      const torch::Tensor x = torch::tensor({1, 0}, a);
      const torch::Tensor y = torch::tensor({1, 1}, b);
      std::cout << a << " + " << b << " -> ";
      if (a == torch::kBool && b == torch::kBool) {
        std::cout << (x + y).scalar_type() << " " << (x == y).scalar_type() << "\n";
        continue;
      }
      std::cout << (x + y).scalar_type() << " * " << (x * y).scalar_type() << " / " << (x / y).scalar_type()
                << " == " << (x == y).scalar_type() << " cat " << torch::cat({x, y}).scalar_type() << "\n";
    }
  }

  const auto u8 = torch::tensor({250, 3}, torch::kUInt8);
  const auto i8 = torch::tensor({-100, 3}, torch::kInt8);
  const auto i16 = torch::tensor({1000, 3}, torch::kInt16);
  const auto i32 = torch::tensor({100000, 3}, torch::kInt);
  const auto i64 = torch::tensor({1, 3}, torch::kLong);
  const auto f = torch::tensor({0.5, 3.0}, torch::kFloat);
  const auto b = torch::tensor({true, false});

  // Mixed operands: values as well as dtypes.
  SHOW(u8 + i8);
  SHOW(u8 + i16);
  SHOW(i8 + i32);
  SHOW(u8 + i64);
  SHOW(i32 + f);
  SHOW(u8 + b);
  // C++ scalars and 0-d tensors of the same category do not widen a dimensioned tensor.
  SHOW(u8 + 1000);
  SHOW(u8 * 2.5);
  SHOW(u8 + torch::tensor(7));
  SHOW(torch::tensor(7, torch::kUInt8) + i8);
  SHOW(i8 + torch::tensor(300));
  SHOW(i16 + torch::tensor(2.5));
  SHOW(torch::tensor(3, torch::kInt16) + torch::tensor(4, torch::kUInt8));
  // Wrap-around as in C and torch.
  SHOW(u8 * 2);
  SHOW(i8 * 2);
  SHOW(i16 * 100);
  SHOW(u8 - 251);
  SHOW(-i8);
  SHOW(u8.neg());
  // Results of another dtype: sums in int64, division and floating functions in float32.
  SHOW(u8.sum());
  SHOW(i8.sum());
  SHOW(i32.sum());
  SHOW(i16.sum(0, /*keepdim=*/true));
  SHOW(i32.prod());
  SHOW(u8.cumsum(0));
  SHOW(i32 / 2);
  SHOW(u8 / u8);
  SHOW(i32.div(2, "floor"));
  SHOW(u8.sqrt());
  SHOW(i8.exp());
  SHOW(u8.to(torch::kFloat).mean());
  // Ops that keep the dtype.
  SHOW(i8.abs());
  SHOW(u8.max());
  SHOW(u8.argmax());
  SHOW(u8.min());
  SHOW(i16.clamp(0, 500));
  SHOW(i32.pow(2));
  SHOW(i32.fmod(7));
  SHOW(i8.remainder(7));
  SHOW(i32.where(b, i8));
  SHOW(torch::cat({u8, i8}));
  SHOW(torch::stack({u8, u8}));
  SHOW(i16.reshape({2, 1}).t());
  SHOW(u8 > 4);
  SHOW(u8.eq(i8));
  SHOW(i32.matmul(i32.to(torch::kInt)));
  // Conversions.
  SHOW(u8.to(torch::kFloat));
  SHOW(f.to(torch::kUInt8));
  SHOW(i32.to(torch::kInt8));
  SHOW(i8.to(torch::kUInt8));
  SHOW(b.to(torch::kInt16));
  SHOW(torch::arange(3, torch::kInt));
  SHOW(torch::arange(0, 6, 2, torch::TensorOptions().dtype(torch::kInt8)));
  SHOW(torch::zeros({2}, torch::kUInt8));
  SHOW(torch::ones({2}, torch::kInt16));
  SHOW(torch::full({2}, 7, torch::kInt));
  SHOW(torch::zeros_like(u8));
  SHOW(torch::empty({0}, torch::kInt8));
  // In place: the result is cast to the tensor's own dtype.
  auto acc = torch::tensor({1, 2}, torch::kInt8);
  acc.add_(i32);
  SHOW(acc);
  acc.mul_(3);
  SHOW(acc);
  acc.zero_();
  SHOW(acc);
  // Elements and printing.
  std::cout << u8[0].item<int>() << " " << i8[0].item<int64_t>() << " " << static_cast<int>(u8.data_ptr<uint8_t>()[0])
            << " " << i16.data_ptr<int16_t>()[0] << " " << i32.data_ptr<int32_t>()[0] << " "
            << static_cast<int>(i8.data_ptr<int8_t>()[0]) << "\n";
  std::cout << u8 << "\n" << i8 << "\n" << i16.reshape({2, 1}) << "\n" << i32 << "\n";

  expect_error("int32 mean", [&] { return i32.mean(); });
  expect_error("uint8 += 1.5", [&] { auto c = u8.clone(); c += 1.5; });
  expect_error("int32 requires_grad", [&] { return torch::tensor({1, 2}, torch::kInt).requires_grad_(); });
  expect_error("int16 to float requires_grad",
               [&] { return torch::ones({2}, torch::TensorOptions().dtype(torch::kInt16).requires_grad(true)); });
  expect_error("gather with int32 index", [&] { return u8.gather(0, torch::tensor({1}, torch::kInt)); });
  expect_error("nll_loss with int32 target",
               [&] { return torch::nll_loss(torch::zeros({2, 3}), torch::tensor({1, 2}, torch::kInt)); });
  expect_error("randint beyond int8", [&] { return torch::randint(0, 200, {2}, torch::kInt8); });
  return 0;
}

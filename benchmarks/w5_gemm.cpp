// W5, GEMM (float32 and float64): how close a matrix product gets to raw OpenBLAS.
//   manual_seed(0); A, B = randn(n, n), n = 1024 (N)
//   fwd:     C = A.matmul(B) without autograd                                  2 n^3 flops
//   fwd+bwd: A, B require grad; C = A.matmul(B); C.sum().backward(); grads reset  6 n^3 flops
// One call is timed first; a repeat runs as many calls as fill MIN_TIME seconds (0.2).
// Every repeat then runs the same number of raw BLAS calls on the same data: the forward's
// one gemm, or the three of forward+backward (C = A B, dA = G B^T, dB = A^T G with G all
// ones). Alternating with xgrad, they see the same machine, so the ratio of the two figures
// holds where a noisy machine moves both (the *_raw_gflops figures in the JSON).
// Prints GFLOP/s, and checks C and both gradients against plain double loops on two rows.

#include <cmath>
#include <functional>
#include <iostream>
#include <sstream>

#include <cblas.h>

#include <xgrad/xgrad.hpp>

#include "timing.h"

namespace {

/// |got - want| within float rounding of a length-n dot product whose terms sum to `scale` in magnitude.
bool close(double got, double want, double scale, xg::ScalarType dtype) {
  const double eps = dtype == xg::kFloat ? 1.2e-7 : 2.3e-16;
  return std::abs(got - want) <= 4 * eps * scale + 1e-30;
}

/// Checks rows 0 and n-1 of C = A B, of dA = 1 B^T (row sums of B) and of dB = A^T 1 (column sums of A).
void check_product(const xg::Tensor& A, const xg::Tensor& B, const xg::Tensor& C, const xg::Tensor& dA,
                   const xg::Tensor& dB) {
  const int64_t n = A.size(0);
  xg::Tensor Ad = A.to(xg::kDouble), Bd = B.to(xg::kDouble), Cd = C.to(xg::kDouble);
  xg::Tensor dAd = dA.to(xg::kDouble), dBd = dB.to(xg::kDouble);
  const double *pa = Ad.data_ptr<double>(), *pb = Bd.data_ptr<double>(), *pc = Cd.data_ptr<double>();
  const double *pda = dAd.data_ptr<double>(), *pdb = dBd.data_ptr<double>();
  for (int64_t i : {int64_t{0}, n - 1}) {
    for (int64_t j = 0; j < n; ++j) {
      double c = 0, c_scale = 0, row_b = 0, row_b_scale = 0, col_a = 0, col_a_scale = 0;
      for (int64_t k = 0; k < n; ++k) {
        c += pa[i * n + k] * pb[k * n + j];
        c_scale += std::abs(pa[i * n + k] * pb[k * n + j]);
        row_b += pb[j * n + k];  // dA[i][j] = sum_k B[j][k]
        row_b_scale += std::abs(pb[j * n + k]);
        col_a += pa[k * n + i];  // dB[i][j] = sum_k A[k][i]
        col_a_scale += std::abs(pa[k * n + i]);
      }
      std::ostringstream where;
      where << "[" << i << "][" << j << "]";
      bench::require(close(pc[i * n + j], c, c_scale, A.scalar_type()), "C" + where.str());
      bench::require(close(pda[i * n + j], row_b, row_b_scale, A.scalar_type()), "dA" + where.str());
      bench::require(close(pdb[i * n + j], col_a, col_a_scale, A.scalar_type()), "dB" + where.str());
    }
  }
}

/// c = op(a) op(b) for n x n row-major matrices, straight to OpenBLAS.
void raw_gemm(bool transpose_a, bool transpose_b, const xg::Tensor& a, const xg::Tensor& b, const xg::Tensor& c) {
  const int n = static_cast<int>(a.size(0));
  const CBLAS_TRANSPOSE ta = transpose_a ? CblasTrans : CblasNoTrans, tb = transpose_b ? CblasTrans : CblasNoTrans;
  if (a.scalar_type() == xg::kFloat)
    cblas_sgemm(CblasRowMajor, ta, tb, n, n, n, 1, a.data_ptr<float>(), n, b.data_ptr<float>(), n, 0, c.data_ptr<float>(), n);
  else
    cblas_dgemm(CblasRowMajor, ta, tb, n, n, n, 1, a.data_ptr<double>(), n, b.data_ptr<double>(), n, 0, c.data_ptr<double>(), n);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string config = bench::thread_config(argc, argv);
  const int64_t n = bench::env_int("N", 1024);
  const int repeats = bench::env_int("REPEATS", 7);
  const double min_time = bench::env_double("MIN_TIME", 0.2);
  std::ostringstream json;
  json << "{\"W5\": {";
  for (xg::ScalarType dtype : {xg::kFloat, xg::kDouble}) {
    const std::string name = dtype == xg::kFloat ? "float32" : "float64";
    xg::manual_seed(0);
    xg::Tensor A = xg::randn({n, n}, dtype), B = xg::randn({n, n}, dtype);
    xg::Tensor Ag = A.clone().requires_grad_(), Bg = B.clone().requires_grad_();
    std::function<void()> forward = [&] {
      xg::NoGradGuard no_grad;
      xg::Tensor C = A.matmul(B);
    };
    std::function<void()> forward_backward = [&] {
      xg::Tensor C = Ag.matmul(Bg);
      C.sum().backward();
      Ag.mutable_grad() = xg::Tensor();
      Bg.mutable_grad() = xg::Tensor();
    };
    xg::Tensor ones = xg::ones({n, n}, dtype), raw_C = xg::empty({n, n}, dtype), raw_dA = xg::empty({n, n}, dtype),
               raw_dB = xg::empty({n, n}, dtype);
    std::function<void()> raw_forward = [&] { raw_gemm(false, false, A, B, raw_C); };
    std::function<void()> raw_forward_backward = [&] {
      raw_gemm(false, false, A, B, raw_C);
      raw_gemm(false, true, ones, B, raw_dA);
      raw_gemm(true, false, A, ones, raw_dB);
    };
    const double n3 = double(n) * n * n;
    const std::tuple<const char*, std::function<void()>*, std::function<void()>*, double> modes[] = {
        {"fwd", &forward, &raw_forward, 2 * n3}, {"fwd_bwd", &forward_backward, &raw_forward_backward, 6 * n3}};
    for (auto [mode, run, raw, flops] : modes) {
      auto start = std::chrono::steady_clock::now();
      (*run)();
      (*raw)();
      const int calls = std::max(1, int(min_time / std::max(bench::seconds_since(start), 1e-6)));
      auto repeat_of = [calls](std::function<void()>* f) {
        const auto begin = std::chrono::steady_clock::now();
        for (int c = 0; c < calls; ++c) (*f)();
        return bench::seconds_since(begin);
      };
      bench::Stats raw_gflops;
      bench::Stats gflops = bench::collect(repeats, [&, run = run, raw = raw] {
        const double seconds = repeat_of(run);
        raw_gflops.values.push_back(flops * calls / repeat_of(raw) / 1e9);
        return seconds;
      });
      for (double& v : gflops.values) v = flops * calls / v / 1e9;
      std::sort(gflops.values.begin(), gflops.values.end());
      std::sort(raw_gflops.values.begin(), raw_gflops.values.end());
      std::cout << "W5 GEMM n=" << n << " " << name << " " << mode << " [" << config << "]: " << gflops.median()
                << " GFLOP/s (min " << gflops.min() << ", max " << gflops.max() << "); raw BLAS alternating with it "
                << raw_gflops.median() << " GFLOP/s\n";
      json << "\"" << name << "_" << mode << "_gflops\": ";
      bench::write_json(json, gflops);
      json << ", \"" << name << "_" << mode << "_raw_gflops\": ";
      bench::write_json(json, raw_gflops);
      json << ", ";
    }
    xg::Tensor C = Ag.matmul(Bg);
    C.sum().backward();
    check_product(A, B, C.detach(), Ag.grad(), Bg.grad());
  }
  json << "\"n\": " << n << "}}\n";
  std::cout << json.str();
}

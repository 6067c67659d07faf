// The distribution and margin losses (KLDiv, PoissonNLL, MarginRanking, CosineEmbedding,
// TripletMargin, MultiLabelSoftMargin): as torch:: functions, F:: functions and modules,
// for every reduction: values, input gradients, the node each result records, the modules'
// printed forms, and inputs that must be rejected.
#include <torch/torch.h>

#include <functional>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

namespace F = torch::nn::functional;

void print(const std::string& name, const torch::Tensor& t) {
  std::cout << name << " " << t.sizes() << " [";
  const torch::Tensor flat = t.detach().reshape({-1});
  for (int64_t i = 0; i < flat.numel(); ++i) std::cout << (i ? " " : "") << flat[i].item<double>() + 0.0;  // + 0.0: -0 prints as 0
  std::cout << "]\n";
}

// The loss, its node, and the gradients of sum(loss * (1 + i / 10)) for each input.
void report(const std::string& name, const torch::Tensor& loss, std::initializer_list<torch::Tensor> inputs) {
  print(name, loss);
  std::cout << name << " node " << loss.grad_fn()->name() << "\n";
  const torch::Tensor w = torch::arange(loss.numel(), torch::kDouble).reshape(loss.sizes()) / 10 + 1;
  for (const torch::Tensor& x : inputs) {
    if (x.grad().defined()) x.grad().zero_();
  }
  (loss * w).sum().backward();
  int i = 0;
  for (const torch::Tensor& x : inputs) print(name + " grad" + std::to_string(i++), x.grad());
}

void expect_error(const std::string& name, const std::function<void()>& f) {
  try {
    f();
    std::cout << name << " accepted\n";
  } catch (const c10::Error&) {
    std::cout << name << " rejected\n";
  }
}

torch::Tensor leaf(std::initializer_list<double> values, torch::IntArrayRef shape) {
  return torch::tensor(std::vector<double>(values), torch::kDouble).reshape(shape).requires_grad_();
}

int main() {
  std::cout << std::setprecision(10);
  // log-probabilities and targets for the KL divergence
  const torch::Tensor logp = torch::log_softmax(torch::tensor({0.1, 1.2, -0.7, 0.4, 0.3, -1.1}, torch::kDouble).reshape({2, 3}), 1)
                                 .detach()
                                 .requires_grad_();
  const torch::Tensor probs = leaf({0.2, 0.5, 0.3, 0.1, 0.5, 0.4}, {2, 3});
  // a 0 target adds 0 log 0 = 0
  print("kl_div zero target", torch::kl_div(logp, torch::tensor({0.0, 0.5, 0.5, 0.2, 0.0, 0.8}, torch::kDouble).reshape({2, 3}), at::Reduction::None));
  report("kl_div none", F::kl_div(logp, probs, F::KLDivFuncOptions().reduction(torch::kNone)), {logp, probs});
  report("kl_div sum", F::kl_div(logp, probs, F::KLDivFuncOptions().reduction(torch::kSum)), {logp, probs});
  report("kl_div batchmean", F::kl_div(logp, probs, F::KLDivFuncOptions(torch::kBatchMean)), {logp, probs});
  const torch::Tensor log_probs = leaf({-1.5, -0.7, -1.2, -2.0, -0.4, -1.0}, {2, 3});
  report("kl_div log_target", torch::kl_div(logp, log_probs, at::Reduction::Sum, true), {logp, log_probs});
  torch::nn::KLDivLoss kl(torch::nn::KLDivLossOptions(torch::kBatchMean).log_target(true));
  report("KLDivLoss", kl(logp, log_probs), {logp});
  std::cout << kl << " " << torch::nn::KLDivLoss() << "\n";

  const torch::Tensor rates = leaf({0.3, -0.5, 1.2, 0.8, -1.0, 0.1}, {2, 3});
  const torch::Tensor counts = torch::tensor({0.0, 1.0, 3.0, 2.0, 0.0, 5.0}, torch::kDouble).reshape({2, 3});
  report("poisson none", F::poisson_nll_loss(rates, counts, F::PoissonNLLLossFuncOptions().reduction(torch::kNone)),
         {rates});
  report("poisson full mean", F::poisson_nll_loss(rates, counts, F::PoissonNLLLossFuncOptions().full(true)), {rates});
  const torch::Tensor positive_rates = leaf({0.3, 0.5, 1.2, 2.8, 1.0, 4.1}, {2, 3});
  report("poisson rates sum",
         torch::poisson_nll_loss(positive_rates, counts, false, true, 1e-8, at::Reduction::Sum), {positive_rates});
  torch::nn::PoissonNLLLoss poisson(torch::nn::PoissonNLLLossOptions().log_input(false).eps(1e-3));
  report("PoissonNLLLoss", poisson(positive_rates, counts), {positive_rates});
  std::cout << poisson << "\n";

  const torch::Tensor x1 = leaf({0.5, -0.3, 1.4, 0.2}, {4});
  const torch::Tensor x2 = leaf({0.1, 0.4, 1.0, 1.1}, {4});
  const torch::Tensor y = torch::tensor({1.0, -1.0, -1.0, 1.0}, torch::kDouble);
  report("margin_ranking none",
         F::margin_ranking_loss(x1, x2, y, F::MarginRankingLossFuncOptions().margin(0.2).reduction(torch::kNone)),
         {x1, x2});
  report("margin_ranking mean", torch::margin_ranking_loss(x1, x2, y, 0.1), {x1, x2});
  torch::nn::MarginRankingLoss ranking(torch::nn::MarginRankingLossOptions().reduction(torch::kSum));
  report("MarginRankingLoss", ranking(x1, x2, y), {x1, x2});
  std::cout << ranking << "\n";

  const torch::Tensor e1 = leaf({0.5, -0.3, 1.4, 0.2, 1.0, 0.0, -0.6, 0.9, 0.3}, {3, 3});
  const torch::Tensor e2 = leaf({0.1, 0.4, 1.0, 1.1, 0.2, -0.5, 0.7, 0.8, -0.2}, {3, 3});
  const torch::Tensor labels = torch::tensor({1.0, -1.0, -1.0}, torch::kDouble);
  report("cosine none",
         F::cosine_embedding_loss(e1, e2, labels, F::CosineEmbeddingLossFuncOptions().reduction(torch::kNone)),
         {e1, e2});
  report("cosine mean margin", torch::cosine_embedding_loss(e1, e2, labels, -0.2), {e1, e2});
  const torch::Tensor v1 = leaf({0.5, -0.3, 1.4}, {3});
  const torch::Tensor v2 = leaf({0.1, 0.4, 1.0}, {3});
  report("cosine 1-d", torch::cosine_embedding_loss(v1, v2, torch::tensor(-1.0, torch::kDouble)), {v1, v2});
  torch::nn::CosineEmbeddingLoss cosine(torch::nn::CosineEmbeddingLossOptions().margin(0.1).reduction(torch::kSum));
  report("CosineEmbeddingLoss", cosine(e1, e2, labels), {e1, e2});
  std::cout << cosine << " " << torch::nn::CosineEmbeddingLoss() << "\n";

  const torch::Tensor anchor = leaf({0.5, -0.3, 1.4, 0.2, 1.0, 0.0}, {2, 3});
  const torch::Tensor positive = leaf({0.6, -0.1, 1.0, 0.9, 0.2, 0.4}, {2, 3});
  const torch::Tensor negative = leaf({0.4, 0.1, 1.9, 0.3, 1.1, -0.2}, {2, 3});
  report("triplet none",
         F::triplet_margin_loss(anchor, positive, negative, F::TripletMarginLossFuncOptions().reduction(torch::kNone)),
         {anchor, positive, negative});
  report("triplet swap p1", torch::triplet_margin_loss(anchor, positive, negative, 1.5, 1, 1e-6, true),
         {anchor, positive, negative});
  torch::nn::TripletMarginLoss triplet(
      torch::nn::TripletMarginLossOptions().margin(0.5).p(3).swap(true).reduction(torch::kSum));
  report("TripletMarginLoss", triplet(anchor, positive, negative), {anchor, positive, negative});
  std::cout << triplet << " " << torch::nn::TripletMarginLoss() << "\n";

  const torch::Tensor logits = leaf({0.5, -2.3, 1.4, 0.2, 3.0, 0.0}, {2, 3});
  const torch::Tensor multi = torch::tensor({1.0, 0.0, 1.0, 0.0, 1.0, 1.0}, torch::kDouble).reshape({2, 3});
  const torch::Tensor class_weight = torch::tensor({0.5, 1.0, 2.0}, torch::kDouble);
  report("multilabel none",
         F::multilabel_soft_margin_loss(logits, multi,
                                        F::MultilabelSoftMarginLossFuncOptions().reduction(torch::kNone)),
         {logits});
  torch::nn::MultiLabelSoftMarginLoss multilabel(torch::nn::MultiLabelSoftMarginLossOptions().weight(class_weight));
  report("MultiLabelSoftMarginLoss", multilabel(logits, multi), {logits});
  std::cout << multilabel << " buffers " << multilabel->named_buffers().size() << "\n";

  expect_error("margin_ranking dims", [&] { F::margin_ranking_loss(x1, x2, y.reshape({2, 2})); });
  expect_error("cosine 2-d target", [&] { F::cosine_embedding_loss(e1, e2, labels.reshape({3, 1})); });
  expect_error("cosine 1-d inputs with 1-d target", [&] { F::cosine_embedding_loss(v1, v2, labels); });
  expect_error("triplet dims", [&] { F::triplet_margin_loss(anchor, positive, negative.reshape({6})); });
  return 0;
}

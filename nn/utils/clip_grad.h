#pragma once
// Gradient clipping, as torch::nn::utils: call between backward() and the
// optimizer's step() to keep one bad batch from throwing the weights far away.
//
//   loss.backward();
//   double norm = nn::utils::clip_grad_norm_(model->parameters(), 1.0);
//   optimizer.step();

#include <initializer_list>
#include <vector>

#include "../../autograd/tensor/tensor.h"

namespace xg::nn::utils {

/// The norm_type-norm of all `tensors` viewed as one vector, as a 0-d tensor (norm_type may be
/// inf; 0 counts the tensors); undefined tensors are skipped, and none gives 0. Not differentiable.
/// torch::nn::utils::get_total_norm of PyTorch 2.6; clip_grad_norm_ measures with it.
Tensor get_total_norm(const std::vector<Tensor>& tensors, double norm_type = 2.0);

/// Scales all gradients together by min(1, max_norm / (total_norm + 1e-6)), where total_norm
/// is the norm_type-norm of all gradients viewed as one vector (norm_type may be inf; 0 counts
/// the parameters). Returns total_norm, measured before clipping. Parameters without a
/// gradient are skipped (0 when none has one). With error_if_nonfinite, a nan or inf total
/// norm is an error instead.
double clip_grad_norm_(std::vector<Tensor> parameters, double max_norm, double norm_type = 2.0,
                       bool error_if_nonfinite = false);
double clip_grad_norm_(std::initializer_list<Tensor> parameters, double max_norm, double norm_type = 2.0,
                       bool error_if_nonfinite = false);
double clip_grad_norm_(Tensor parameter, double max_norm, double norm_type = 2.0, bool error_if_nonfinite = false);

/// Clamps every gradient element to [-clip_value, clip_value].
void clip_grad_value_(std::vector<Tensor> parameters, double clip_value);
void clip_grad_value_(std::initializer_list<Tensor> parameters, double clip_value);
void clip_grad_value_(Tensor parameter, double clip_value);

}  // namespace xg::nn::utils

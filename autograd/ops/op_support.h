#pragma once
// What the ops' files share: the kernels (forward) and the autograd recording
// helpers (backward), under short names. Internal, not installed.

#include "../graph/inplace.h"
#include "../graph/input_info.h"
#include "../graph/node.h"
#include "../graph/saved_variable.h"
#include "../kernels/elementwise.h"
#include "../tensor/factories.h"

namespace xg {

using autograd::needs_grad;
using autograd::record;
using autograd::SavedVariable;
using autograd::variable_list;
using detail::InputInfo;

namespace detail {
/// view(self, shape), recording the node `node` instead of ViewBackward0: LibTorch's ops
/// that end in a reshape of their own result record the name of the op they use there
/// (UnsafeViewBackward0 for matmul's _unsafe_view, ...). Defined in view.cpp.
Tensor view_recorded_as(const char* node, const Tensor& self, IntArrayRef shape);
/// select(self, dim, index), recording the node `node` (unbind's slices record UnbindBackward0).
Tensor select_recorded_as(const char* node, const Tensor& self, int64_t dim, int64_t index);
/// out = a b for matrices a [M,K] and b [K,N] into out [M,N], whose rows are contiguous and
/// N apart (a slice of a fresh tensor): BLAS for float and double, not recorded. Defined in
/// linalg.cpp; the convolutions run their GEMMs through it.
void mm_into(const Tensor& a, const Tensor& b, const Tensor& out);
}  // namespace detail

}  // namespace xg

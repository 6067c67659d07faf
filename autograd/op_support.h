#pragma once
// What the ops_*.cpp files share: the kernels and the autograd recording
// helpers, under short names. Internal, not installed with the public headers.

#include "kernels.h"
#include "node.h"
#include "ops.h"
#include "saved_variable.h"

namespace xg {

using autograd::needs_grad;
using autograd::record;
using autograd::SavedVariable;
using autograd::variable_list;
using detail::InputInfo;
namespace names = autograd::names;

}  // namespace xg

#pragma once
// <ATen/ATen.h>: namespace at (the tensor API) comes with <torch/torch.h>.
#include "../torch/torch.h"

#pragma once
// <torch/script.h>: xgrad has no TorchScript; programs that include this header for the
// tensor API alone get <torch/torch.h>.
#include "torch.h"

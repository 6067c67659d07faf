#pragma once
// xg::nn::utils: gradient clipping and parameter/vector conversion.

#include "utils/clip_grad.h"
#include "utils/convert_parameters.h"

#pragma once
// xg::nn::functional: the layers and losses as plain functions, as
// torch::nn::functional. Write `namespace F = xg::nn::functional;` and call
// F::linear, F::relu, F::dropout, F::mse_loss, F::cross_entropy, ...

#include "functional/activation.h"
#include "functional/conv.h"
#include "functional/dropout.h"
#include "functional/linear.h"
#include "functional/loss.h"
#include "functional/pooling.h"
// normalisation: F::batch_norm, F::instance_norm, F::layer_norm, F::group_norm
#include "functional/normalization.h"
// padding
#include "functional/padding.h"
// upsampling, folding and pixel shuffling
#include "functional/upsampling.h"
#include "functional/fold.h"
#include "functional/pixelshuffle.h"

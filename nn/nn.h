#pragma once
// xg::nn: modules, layers, losses, functional forms, initialisation and
// utilities, mirroring torch::nn name for name.
//
//   module.h, pimpl.h, cloneable.h   Module, its holder (XG_MODULE) and Cloneable
//   ordered_dict.h, enum.h           OrderedDict; kMean / kSum / kNone, kFanIn, kReLU, ...
//   options/                         the options structs of the layers and losses
//   modules/                         the layers and losses as modules, Sequential, Functional
//   functional/                      the same as functions (F::relu, F::cross_entropy, ...)
//   init.h                           nn::init
//   utils/                           clip_grad_norm_, parameters_to_vector, ...

#include "cloneable.h"
#include "enum.h"
#include "functional.h"
#include "init.h"
#include "module.h"
#include "modules/activation.h"
#include "modules/container/any.h"
#include "modules/container/functional.h"
#include "modules/container/moduledict.h"
#include "modules/container/modulelist.h"
#include "modules/container/parameterdict.h"
#include "modules/container/parameterlist.h"
#include "modules/container/sequential.h"
#include "modules/conv.h"
#include "modules/dropout.h"
#include "modules/linear.h"
#include "modules/loss.h"
#include "modules/pooling.h"
#include "options/activation.h"
#include "options/conv.h"
#include "options/dropout.h"
#include "options/linear.h"
#include "options/loss.h"
#include "options/pooling.h"
#include "expanding_array.h"
#include "ordered_dict.h"
#include "pimpl.h"
#include "utils.h"
// normalisation: BatchNorm1d/2d/3d, InstanceNorm1d/2d/3d, LayerNorm, GroupNorm
#include "modules/batchnorm.h"
#include "modules/instancenorm.h"
#include "modules/normalization.h"
#include "options/batchnorm.h"
#include "options/instancenorm.h"
#include "options/normalization.h"
// padding layers
#include "modules/padding.h"
#include "options/padding.h"
// upsampling, folding and pixel shuffling
#include "modules/upsampling.h"
#include "options/upsampling.h"
#include "modules/fold.h"
#include "modules/pixelshuffle.h"
#include "options/fold.h"
#include "options/pixelshuffle.h"

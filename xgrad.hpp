#pragma once
// xgrad: a small reverse-mode autodiff tensor library on xtensor + OpenBLAS.
// One include gives the whole API:  #include <xgrad/xgrad.hpp>

#include "autograd/base/array_ref.h"
#include "autograd/base/device.h"
#include "autograd/base/dtype.h"
#include "autograd/base/error.h"
#include "autograd/base/live_objects.h"
#include "autograd/base/memory.h"
#include "autograd/base/options.h"
#include "autograd/base/parallel.h"
#include "autograd/base/scalar.h"
#include "autograd/tensor/factories.h"
#include "autograd/tensor/indexing.h"
#include "autograd/tensor/linalg.h"
#include "autograd/tensor/tensor.h"
#include "autograd/tensor/xtensor_interop.h"
#include "autograd/graph/anomaly_mode.h"
#include "autograd/graph/engine.h"
#include "autograd/graph/function.h"
#include "autograd/graph/grad_mode.h"
#include "autograd/graph/node.h"
#include "autograd/graph/zero_grad.h"
#include "autograd/inspect/gradcheck.h"
#include "autograd/inspect/graph_view.h"
#include "nn/nn.h"
#include "optim/optim.h"
#include "data/data.h"
#include "serialize/serialize.h"
#include "viz/viz.h"
#ifdef XGRAD_WITH_MPI
#include "distributed/distributed.h"
#endif

#pragma once
// xgrad: a small reverse-mode autodiff tensor library on xtensor + OpenBLAS.
// One include gives the whole API:  #include <xgrad/xgrad.hpp>

#include "autograd/anomaly_mode.h"
#include "autograd/array_ref.h"
#include "autograd/dtype.h"
#include "autograd/engine.h"
#include "autograd/error.h"
#include "autograd/factories.h"
#include "autograd/function.h"
#include "autograd/grad_mode.h"
#include "autograd/gradcheck.h"
#include "autograd/graph_view.h"
#include "autograd/indexing.h"
#include "autograd/live_objects.h"
#include "autograd/memory.h"
#include "autograd/node.h"
#include "autograd/ops.h"
#include "autograd/options.h"
#include "autograd/parallel.h"
#include "autograd/scalar.h"
#include "autograd/tensor.h"
#include "autograd/xtensor_interop.h"
#include "nn/nn.h"
#include "optim/optim.h"
#include "data/data.h"
#include "serialize/serialize.h"
#include "viz/viz.h"
#ifdef XGRAD_WITH_MPI
#include "distributed/distributed.h"
#endif

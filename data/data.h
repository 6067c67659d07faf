#pragma once
// xg::data: datasets held in tensors, the DataLoader that batches and shuffles
// them, the DistributedSampler that shards them across ranks, read_csv, and NumPy's
// legacy generator for programs ported from NumPy.

#include "csv.h"
#include "data_loader.h"
#include "distributed_sampler.h"
#include "numpy_random.h"
#include "tensor_dataset.h"

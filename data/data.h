#pragma once
// xg::data: datasets held in tensors, the DataLoader that batches and shuffles
// them, the DistributedSampler that shards them across ranks, read_csv, and NumPy's
// legacy generator for programs ported from NumPy; and LibTorch's torch::data: datasets
// (MNIST), map and transforms, samplers, make_data_loader with worker threads.

#include "csv.h"
#include "data_loader.h"
#include "distributed_sampler.h"
#include "numpy_random.h"
#include "tensor_dataset.h"

// torch::data, as LibTorch spells it
#include "dataset.h"
#include "example.h"
#include "mnist.h"
#include "samplers.h"
#include "stateless_data_loader.h"
#include "transforms.h"

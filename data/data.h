#pragma once
// xg::data: datasets held in tensors, the DataLoader that batches and shuffles
// them, the DistributedSampler that shards them across ranks, and read_csv.

#include "csv.h"
#include "data_loader.h"
#include "distributed_sampler.h"
#include "tensor_dataset.h"

#pragma once
// xg::distributed: data-parallel training over MPI (built when XGRAD_WITH_MPI is ON).
// The process group (rank, world size), collectives on tensors, and DistributedDataParallel.
// The DistributedSampler that shards a data set lives in data/.

#include "collectives.h"
#include "distributed_data_parallel.h"
#include "process_group.h"

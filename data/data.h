#pragma once
// xg::data: datasets held in tensors, the DataLoader that batches and shuffles
// them, and read_csv.

#include "csv.h"
#include "data_loader.h"
#include "tensor_dataset.h"

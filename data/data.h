#pragma once
// xg::data: datasets held in tensors, the DataLoader that batches and shuffles
// them, read_csv, and NumPy's legacy generator for programs ported from NumPy.

#include "csv.h"
#include "data_loader.h"
#include "numpy_random.h"
#include "tensor_dataset.h"

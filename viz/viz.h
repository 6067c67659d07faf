#pragma once
// xg::viz: learning aids. Figure draws curves, iterates, contours and decision
// regions, heatmaps and image grids through gnuplot; ProgressBar shows how far a long loop is;
// TrainingMonitor diagnoses a training run.

#include "image_grid.h"
#include "plot.h"
#include "progress.h"
#include "pyformat.h"
#include "training_monitor.h"

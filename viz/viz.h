#pragma once
// xg::viz: learning aids. Figure draws curves, iterates, contours and decision
// regions through gnuplot.

#include "plot.h"
#include "pyformat.h"

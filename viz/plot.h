#pragma once
// xg::viz::Figure: one picture, drawn by gnuplot as SVG and PNG.
//
//   xg::viz::Figure()
//       .title("f(x) = (x-1)^2 + 1").xlabel("x").ylabel("f(x)")
//       .line(xs, ys, "f(x)")
//       .path(iterates_x, iterates_y, "gradient descent")
//       .save("descent_1d");            // -> descent_1d.svg, descent_1d.png
//
//   xg::viz::Figure()                   // a matrix as coloured cells, captions on top
//       .heatmap(confusion, "blues")
//       .xtick_labels(classes).ytick_labels(classes)
//       .text(0, 0, "93")
//       .save("confusion");
//
// Layers are drawn in the order they were added (contour, regions and heatmap are
// backgrounds: add them first). save() pipes a gnuplot script to Debian's
// gnuplot (package gnuplot-nox). Without gnuplot on PATH, or with the
// environment variable XGRAD_PLOT=csv, it writes the data (stem.csv) and the
// script (stem.gp, which names its files relative to its own folder) instead
// and says on stderr how to draw them later.

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace xg::viz {

/// An interval [first, second] of an axis.
using Range = std::pair<double, double>;

class Figure {
 public:
  /// One drawable layer: curves and scatters hold points; contour and regions hold a grid.
  struct Layer {
    enum class Kind { line, points, path, contour, regions, heatmap } kind;
    std::string label;
    std::vector<double> x, y, z;  // points: x, y; grids: x, y, z row by row (x fastest)
    int columns = 0;              // grids: points per row
    std::vector<double> levels;   // contour levels
  };

  /// Title printed above the plot.
  Figure& title(std::string text);
  /// Label of the horizontal axis.
  Figure& xlabel(std::string text);
  /// Label of the vertical axis.
  Figure& ylabel(std::string text);
  /// Logarithmic vertical axis (for losses that fall by orders of magnitude).
  Figure& log_y(bool on = true);
  /// Where the legend goes, in gnuplot's words: "top right" (default), "top left",
  /// "bottom left", "bottom right", "outside right"...
  Figure& key(std::string position);
  /// One unit is as long on both axes (circles look round): for contours of f(x, y).
  Figure& equal_axes(bool on = true);
  /// Visible horizontal interval (default: fit the data).
  Figure& xrange(double low, double high);
  /// Visible vertical interval (default: fit the data).
  Figure& yrange(double low, double high);

  /// The picture's size in pixels; default 800 x 500.
  Figure& size(int width, int height);
  /// Names written under the horizontal axis at x = 0, 1, 2, ... (class names).
  Figure& xtick_labels(std::vector<std::string> labels);
  /// Names written beside the vertical axis at y = 0, 1, 2, ...
  Figure& ytick_labels(std::vector<std::string> labels);
  /// `text` centred at (x, y) in the data's coordinates, drawn above every layer; colour as
  /// gnuplot names it ("black", "#2ca02c", ...).
  Figure& text(double x, double y, std::string text, std::string colour = "black");

  /// A curve through (x[i], y[i]).
  Figure& line(std::vector<double> x, std::vector<double> y, std::string label = "");
  /// A scatter plot of (x[i], y[i]).
  Figure& points(std::vector<double> x, std::vector<double> y, std::string label = "");
  /// A curve with a marker at each point: iterates of an optimizer.
  Figure& path(std::vector<double> x, std::vector<double> y, std::string label = "");
  /// Contour lines of f over a grid of x_range x y_range (resolution points per
  /// side); levels empty: 10 levels chosen by gnuplot.
  Figure& contour(const std::function<double(double, double)>& f, Range x_range, Range y_range,
                  std::vector<double> levels = {}, int resolution = 100);
  /// A background coloured by classify(x, y) (a class index from 0): a decision boundary.
  Figure& regions(const std::function<int(double, double)>& classify, Range x_range, Range y_range,
                  int resolution = 200);

  /// The matrix values[row][column] as square cells, row 0 at the top and column 0 at the
  /// left, cell (r, c) centred at x = c, y = r (an image, a confusion matrix, a filter).
  /// palette "gray" (lowest black, highest white) or "blues" (lowest white, highest dark
  /// blue). The axes then have ticks only where tick labels are given.
  Figure& heatmap(const std::vector<std::vector<double>>& values, std::string palette = "gray");

  /// Writes stem.svg and stem.png with gnuplot, or stem.csv and stem.gp without
  /// it; returns the paths written. Throws xg::Error for an empty figure, an
  /// unwritable path or a gnuplot failure.
  std::vector<std::string> save(const std::string& stem) const;

  /// The layers as comma-separated text, one block per layer (blocks separated
  /// by two blank lines, grid rows by one, as gnuplot's `index` expects).
  std::string data() const;
  /// The gnuplot script that draws this figure into stem.svg and stem.png,
  /// reading the layers from data_source (a quoted file name or a datablock).
  std::string script(const std::string& stem, const std::string& data_source) const;

 private:
  Figure& add(Layer layer);

  struct Caption {
    double x, y;
    std::string text, colour;
  };

  std::string title_, xlabel_, ylabel_, key_ = "top right", palette_;
  int width_ = 800, height_ = 500;
  std::vector<std::string> xtick_labels_, ytick_labels_;
  std::vector<Caption> captions_;
  bool log_y_ = false, equal_axes_ = false;
  bool has_xrange_ = false, has_yrange_ = false;
  Range xrange_{0, 0}, yrange_{0, 0};
  std::vector<Layer> layers_;
};

}  // namespace xg::viz

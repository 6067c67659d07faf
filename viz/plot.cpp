#include "plot.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include "../autograd/base/error.h"
#include "pyformat.h"

namespace xg::viz {

namespace {

using Kind = Figure::Layer::Kind;

// Matplotlib's first colours: readable on white, in print and for most colour-blind readers.
constexpr const char* kColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
// Pale versions of the same colours, for class regions behind the data.
constexpr const char* kPaleColours[] = {"#c6dbef", "#fdd0a2", "#c7e9c0", "#fcbba1", "#dadaeb",
                                        "#e0cfc9", "#f7d3ea", "#e0e0e0", "#ececb5", "#c2edf2"};

// A gnuplot single-quoted string: no escapes, a quote is written twice.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// The shortest text that reads back as the same double; non-finite values become NaN (a gap).
std::string number(double v) { return std::isfinite(v) ? py_repr(v) : "NaN"; }

std::vector<double> grid(Range range, int n) {
  std::vector<double> out(n);
  for (int i = 0; i < n; ++i) out[i] = range.first + (range.second - range.first) * i / (n - 1);
  return out;
}

void check_grid(const char* op, Range x_range, Range y_range, int resolution) {
  XG_CHECK(resolution >= 2, op, "resolution must be at least 2, got ", resolution);
  XG_CHECK(x_range.first < x_range.second && y_range.first < y_range.second, op,
           "ranges must be increasing, got x [", x_range.first, ", ", x_range.second, "] and y [",
           y_range.first, ", ", y_range.second, "]");
}

Figure::Layer grid_layer(Kind kind, const std::function<double(double, double)>& f, Range x_range,
                         Range y_range, int resolution) {
  Figure::Layer layer{kind, "", {}, {}, {}, resolution, {}};
  const std::vector<double> xs = grid(x_range, resolution), ys = grid(y_range, resolution);
  for (double y : ys)
    for (double x : xs) {
      layer.x.push_back(x);
      layer.y.push_back(y);
      layer.z.push_back(f(x, y));
    }
  return layer;
}

bool gnuplot_available() {
  const char* mode = std::getenv("XGRAD_PLOT");
  if (mode && std::string(mode) == "csv") return false;
  return std::system("command -v gnuplot >/dev/null 2>&1") == 0;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  XG_CHECK(out, "plot", "cannot write ", path);
  out << text;
  out.close();
  XG_CHECK(out, "plot", "cannot write ", path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool non_empty_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  return in && in.tellg() > 0;
}

// Runs gnuplot on the script; throws with gnuplot's own message if it fails.
void run_gnuplot(const std::string& script) {
  char errors[] = "/tmp/xgrad_plot_XXXXXX";
  const int fd = mkstemp(errors);
  XG_CHECK(fd >= 0, "plot", "cannot create a temporary file for gnuplot's messages");
  close(fd);
  const std::string command = "gnuplot 2>" + std::string(errors);
  FILE* pipe = popen(command.c_str(), "w");
  if (!pipe) {
    std::remove(errors);
    detail::fail("plot", "cannot start gnuplot");
  }
  std::fwrite(script.data(), 1, script.size(), pipe);
  const int status = pclose(pipe);
  const std::string message = read_file(errors);
  std::remove(errors);
  XG_CHECK(status == 0, "plot", "gnuplot failed: ", message);
}

}  // namespace

Figure& Figure::title(std::string text) { title_ = std::move(text); return *this; }
Figure& Figure::xlabel(std::string text) { xlabel_ = std::move(text); return *this; }
Figure& Figure::ylabel(std::string text) { ylabel_ = std::move(text); return *this; }
Figure& Figure::log_y(bool on) { log_y_ = on; return *this; }
Figure& Figure::equal_axes(bool on) { equal_axes_ = on; return *this; }
Figure& Figure::key(std::string position) {
  // Only words: the position goes into the gnuplot script as it is.
  const bool words = !position.empty() && std::all_of(position.begin(), position.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == ' ';
  });
  XG_CHECK(words, "plot", "the key position must be gnuplot words such as \"top right\", got \"", position, "\"");
  key_ = std::move(position);
  return *this;
}

Figure& Figure::xrange(double low, double high) {
  XG_CHECK(low < high, "plot", "xrange must be increasing, got [", low, ", ", high, "]");
  has_xrange_ = true;
  xrange_ = {low, high};
  return *this;
}

Figure& Figure::yrange(double low, double high) {
  XG_CHECK(low < high, "plot", "yrange must be increasing, got [", low, ", ", high, "]");
  has_yrange_ = true;
  yrange_ = {low, high};
  return *this;
}

Figure& Figure::add(Layer layer) {
  XG_CHECK(layer.x.size() == layer.y.size(), "plot", "x has ", layer.x.size(), " values but y has ",
           layer.y.size(), " (layer '", layer.label, "')");
  XG_CHECK(!layer.x.empty(), "plot", "no data in layer '", layer.label, "'");
  layers_.push_back(std::move(layer));
  return *this;
}

Figure& Figure::line(std::vector<double> x, std::vector<double> y, std::string label) {
  return add({Kind::line, std::move(label), std::move(x), std::move(y), {}, 0, {}});
}

Figure& Figure::points(std::vector<double> x, std::vector<double> y, std::string label) {
  return add({Kind::points, std::move(label), std::move(x), std::move(y), {}, 0, {}});
}

Figure& Figure::path(std::vector<double> x, std::vector<double> y, std::string label) {
  return add({Kind::path, std::move(label), std::move(x), std::move(y), {}, 0, {}});
}

Figure& Figure::contour(const std::function<double(double, double)>& f, Range x_range, Range y_range,
                        std::vector<double> levels, int resolution) {
  check_grid("plot", x_range, y_range, resolution);
  Layer layer = grid_layer(Kind::contour, f, x_range, y_range, resolution);
  layer.levels = std::move(levels);
  return add(std::move(layer));
}

Figure& Figure::regions(const std::function<int(double, double)>& classify, Range x_range, Range y_range,
                        int resolution) {
  check_grid("plot", x_range, y_range, resolution);
  auto as_double = [&](double x, double y) {
    const int k = classify(x, y);
    XG_CHECK(k >= 0 && k < 10, "plot", "regions take class indices 0..9, got ", k);
    return static_cast<double>(k);
  };
  XG_CHECK(palette_.empty() || palette_ == "regions", "plot",
           "a figure has one palette: regions cannot be combined with a heatmap");
  palette_ = "regions";
  return add(grid_layer(Kind::regions, as_double, x_range, y_range, resolution));
}

Figure& Figure::size(int width, int height) {
  XG_CHECK(width >= 16 && height >= 16 && width <= 10000 && height <= 10000, "plot",
           "size must be between 16 and 10000 pixels a side, got ", width, " x ", height);
  width_ = width;
  height_ = height;
  return *this;
}

Figure& Figure::xtick_labels(std::vector<std::string> labels) {
  xtick_labels_ = std::move(labels);
  return *this;
}

Figure& Figure::ytick_labels(std::vector<std::string> labels) {
  ytick_labels_ = std::move(labels);
  return *this;
}

Figure& Figure::text(double x, double y, std::string text, std::string colour) {
  XG_CHECK(std::isfinite(x) && std::isfinite(y), "plot", "text '", text, "' at a non-finite position (", x, ", ",
           y, ")");
  captions_.push_back({x, y, std::move(text), std::move(colour)});
  return *this;
}

Figure& Figure::heatmap(const std::vector<std::vector<double>>& values, std::string palette) {
  XG_CHECK(palette == "gray" || palette == "blues", "plot", "heatmap palette must be \"gray\" or \"blues\", got \"",
           palette, "\"");
  XG_CHECK(palette_ != "regions", "plot", "a figure has one palette: a heatmap cannot be combined with regions");
  XG_CHECK(palette_.empty() || palette_ == palette, "plot", "a figure has one palette: heatmaps in \"", palette_,
           "\" and \"", palette, "\" cannot be combined");
  XG_CHECK(!values.empty() && !values[0].empty(), "plot", "heatmap of an empty matrix");
  Layer layer{Kind::heatmap, "", {}, {}, {}, static_cast<int>(values[0].size()), {}};
  for (size_t r = 0; r < values.size(); ++r) {
    XG_CHECK(values[r].size() == values[0].size(), "plot", "heatmap rows must have equal lengths: row 0 has ",
             values[0].size(), " values, row ", r, " has ", values[r].size());
    for (size_t c = 0; c < values[r].size(); ++c) {
      layer.x.push_back(static_cast<double>(c));
      layer.y.push_back(static_cast<double>(r));
      layer.z.push_back(values[r][c]);
    }
  }
  palette_ = std::move(palette);
  return add(std::move(layer));
}

std::string Figure::data() const {
  std::ostringstream out;
  for (size_t i = 0; i < layers_.size(); ++i) {
    const Layer& layer = layers_[i];
    const bool is_grid = layer.columns > 0;
    if (i > 0) out << "\n\n";
    out << "# layer " << i << (layer.label.empty() ? "" : ": " + layer.label) << "\n";
    out << (is_grid ? "# x,y,z\n" : "# x,y\n");
    for (size_t j = 0; j < layer.x.size(); ++j) {
      if (is_grid && j > 0 && j % layer.columns == 0) out << "\n";  // a new grid row (gnuplot "scan")
      out << number(layer.x[j]) << ',' << number(layer.y[j]);
      if (is_grid) out << ',' << number(layer.z[j]);
      out << "\n";
    }
  }
  return out.str();
}

std::string Figure::script(const std::string& stem, const std::string& data_source) const {
  std::ostringstream s;
  s << "set terminal svg size " << width_ << "," << height_ << " dynamic noenhanced font 'sans,13' background rgb 'white'\n"
    << "set output " << quoted(stem + ".svg") << "\n"
    << "set datafile separator comma\n"
    << "set grid lc rgb '#dddddd'\n"
    << "set border lc rgb '#555555'\n"
    << "set key " << key_ << " box opaque\n";
  for (int i = 0; i < 10; ++i) s << "set linetype " << i + 1 << " lc rgb '" << kColours[i] << "'\n";
  if (!title_.empty()) s << "set title " << quoted(title_) << "\n";
  if (!xlabel_.empty()) s << "set xlabel " << quoted(xlabel_) << "\n";
  if (!ylabel_.empty()) s << "set ylabel " << quoted(ylabel_) << "\n";
  if (log_y_) s << "set logscale y\n";
  if (equal_axes_) s << "set size ratio -1\n";
  // Without explicit ranges, a background grid sets them: it should fill the frame.
  Range x_range = xrange_, y_range = yrange_;
  bool fixed_x = has_xrange_, fixed_y = has_yrange_;
  bool has_heatmap = false;
  for (const Layer& layer : layers_) {
    if (layer.kind == Kind::heatmap) {
      // whole cells, row 0 at the top: the vertical axis runs downwards
      const double rows = static_cast<double>(layer.z.size() / layer.columns);
      if (!fixed_x) x_range = {-0.5, layer.columns - 0.5}, fixed_x = true;
      if (!fixed_y) y_range = {rows - 0.5, -0.5}, fixed_y = true;
      has_heatmap = true;
    }
    if (layer.columns == 0) continue;
    const auto [x_low, x_high] = std::minmax_element(layer.x.begin(), layer.x.end());
    const auto [y_low, y_high] = std::minmax_element(layer.y.begin(), layer.y.end());
    if (!fixed_x) x_range = {*x_low, *x_high}, fixed_x = true;
    if (!fixed_y) y_range = {*y_low, *y_high}, fixed_y = true;
  }
  if (fixed_x) s << "set xrange [" << number(x_range.first) << ":" << number(x_range.second) << "]\n";
  if (fixed_y) s << "set yrange [" << number(y_range.first) << ":" << number(y_range.second) << "]\n";

  // Contour lines are computed by gnuplot's 3-D engine into a datablock first,
  // then drawn as ordinary 2-D curves with the other layers.
  for (size_t i = 0; i < layers_.size(); ++i) {
    const Layer& layer = layers_[i];
    if (layer.kind != Kind::contour) continue;
    s << "set contour base\nunset surface\nset view map\n";
    if (layer.levels.empty()) {
      s << "set cntrparam levels auto 10\n";
    } else {
      s << "set cntrparam levels discrete ";
      for (size_t j = 0; j < layer.levels.size(); ++j) s << (j ? "," : "") << number(layer.levels[j]);
      s << "\n";
    }
    s << "set table $contour" << i << "\n"
      << "splot " << data_source << " index " << i << " using 1:2:3 with lines notitle\n"
      << "unset table\nunset contour\nset surface\n";
  }
  if (has_heatmap) {
    s << "unset grid\nunset colorbox\nset size ratio -1\n";
    s << (palette_ == "gray" ? "set palette gray\n" : "set palette defined (0 '#f7fbff', 1 '#6baed6', 2 '#08306b')\n");
  }
  // Ticks: the labels given; a heatmap without labels has none (pixel indices mean nothing).
  auto ticks = [&](const char* axis, const std::vector<std::string>& labels) {
    if (!labels.empty()) {
      s << "set " << axis << "tics (";
      for (size_t i = 0; i < labels.size(); ++i) s << (i ? ", " : "") << quoted(labels[i]) << " " << i;
      s << ")" << (std::string(axis) == "x" ? " rotate by -30 left" : "") << "\n";
    } else if (has_heatmap) {
      s << "unset " << axis << "tics\n";
    }
  };
  ticks("x", xtick_labels_);
  ticks("y", ytick_labels_);
  for (size_t i = 0; i < captions_.size(); ++i) {
    const Caption& c = captions_[i];
    s << "set label " << i + 1 << " " << quoted(c.text) << " at " << number(c.x) << "," << number(c.y)
      << " center front textcolor rgb " << quoted(c.colour) << "\n";
  }
  bool has_regions = false;
  for (const Layer& layer : layers_) has_regions |= layer.kind == Kind::regions;
  if (has_regions) {
    s << "set palette maxcolors 10\nset palette defined (";
    for (int k = 0; k < 10; ++k) s << (k ? ", " : "") << k << " '" << kPaleColours[k] << "'";
    s << ")\nset cbrange [-0.5:9.5]\nunset colorbox\n";
  }

  bool any_label = false;
  for (const Layer& layer : layers_) any_label |= !layer.label.empty();
  if (!any_label) s << "unset key\n";  // a key with no entries would draw an empty box

  int colour = 0;  // the next curve colour
  s << "plot ";
  for (size_t i = 0; i < layers_.size(); ++i) {
    const Layer& layer = layers_[i];
    const std::string title = layer.label.empty() ? "notitle" : "title " + quoted(layer.label);
    if (i > 0) s << ", \\\n     ";
    const std::string source = data_source + " index " + std::to_string(i);
    switch (layer.kind) {
      case Kind::regions:
      case Kind::heatmap:
        s << source << " using 1:2:3 with image " << title;
        break;
      case Kind::contour:
        // gnuplot writes the contour table with spaces, whatever the separator: split each line.
        s << "$contour" << i << " using (real(word(strcol(1),1))):(real(word(strcol(1),2))) with lines lw 1 "
          << "lc rgb '#9aa9b8' " << title;
        break;
      case Kind::line:
        s << source << " using 1:2 with lines lw 2 lt " << (colour++ % 10) + 1 << " " << title;
        break;
      case Kind::points:
        s << source << " using 1:2 with points pt 7 ps 0.8 lt " << (colour++ % 10) + 1 << " " << title;
        break;
      case Kind::path:
        s << source << " using 1:2 with linespoints pt 7 ps 0.7 lw 1.5 lt " << (colour++ % 10) + 1 << " "
          << title;
        break;
    }
  }
  s << "\n";
  s << "set terminal pngcairo size " << width_ << "," << height_ << " noenhanced font 'sans,11' background rgb 'white'\n"
    << "set output " << quoted(stem + ".png") << "\n"
    << "replot\n"
    << "unset output\n";
  return s.str();
}

std::vector<std::string> Figure::save(const std::string& stem) const {
  XG_CHECK(!layers_.empty(), "plot", "figure '", stem, "' has nothing to draw");
  if (!gnuplot_available()) {
    // The script names its files relative to its own folder, so the pair can be moved together.
    const size_t slash = stem.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : stem.substr(0, slash);
    const std::string name = slash == std::string::npos ? stem : stem.substr(slash + 1);
    write_file(stem + ".csv", data());
    write_file(stem + ".gp", script(name, quoted(name + ".csv")));
    std::cerr << "[plot] gnuplot not found (or XGRAD_PLOT=csv): wrote " << stem << ".csv and " << stem
              << ".gp; draw them with: " << (folder.empty() ? "" : "cd " + folder + " && ") << "gnuplot " << name
              << ".gp\n";
    return {stem + ".csv", stem + ".gp"};
  }
  // Fail early, before gnuplot, if the folder cannot be written (appending changes
  // nothing); if gnuplot then fails, remove the files this call created.
  std::vector<std::string> created;
  for (const char* extension : {".svg", ".png"}) {
    const std::string path = stem + extension;
    const bool existed = std::ifstream(path).good();
    XG_CHECK(std::ofstream(path, std::ios::app).good(), "plot", "cannot write ", path);
    if (!existed) created.push_back(path);
  }
  try {
    run_gnuplot("$data << EOD\n" + data() + "EOD\n" + script(stem, "$data"));
  } catch (const Error&) {
    for (const std::string& path : created) std::remove(path.c_str());
    throw;
  }
  for (const char* extension : {".svg", ".png"})
    XG_CHECK(non_empty_file(stem + extension), "plot", "gnuplot wrote no ", stem, extension);
  return {stem + ".svg", stem + ".png"};
}

}  // namespace xg::viz

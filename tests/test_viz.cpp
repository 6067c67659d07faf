// xg::viz::Figure: pictures through gnuplot, the CSV fallback, and the errors.

#define BOOST_TEST_MODULE viz
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "test_util.h"

using test_util::error_of;
using test_util::TempDir;
using xg::viz::Figure;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A figure with one layer of every kind.
Figure every_layer() {
  std::vector<double> x, y;
  for (int i = 0; i <= 20; ++i) {
    x.push_back(-2 + 0.2 * i);
    y.push_back(x.back() * x.back());
  }
  return Figure()
      .title("Every layer")
      .xlabel("x axis")
      .ylabel("y axis")
      .regions([](double a, double b) { return a + b > 0 ? 1 : 0; }, {-2, 2}, {-1, 4}, 40)
      .contour([](double a, double b) { return a * a + b * b; }, {-2, 2}, {-1, 4}, {1, 4, 9})
      .line(x, y, "parabola")
      .points({-1, 0, 1}, {3, 2, 3}, "samples")
      .path({1.5, 0.75, 0.375}, {2.25, 0.5625, 0.140625}, "iterates");
}

// Sets an environment variable for one scope.
struct ScopedEnv {
  std::string name;
  ScopedEnv(std::string n, const char* value) : name(std::move(n)) { ::setenv(name.c_str(), value, 1); }
  ~ScopedEnv() { ::unsetenv(name.c_str()); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(gnuplot_writes_svg_and_png) {
  BOOST_REQUIRE_MESSAGE(std::system("command -v gnuplot >/dev/null 2>&1") == 0,
                        "gnuplot is not installed (bash tools/install_deps.sh installs gnuplot-nox)");
  TempDir dir;
  const std::vector<std::string> written = every_layer().save(dir / "figure");
  BOOST_TEST(written == (std::vector<std::string>{dir / "figure.svg", dir / "figure.png"}));
  const std::string svg = read(dir / "figure.svg");
  BOOST_TEST(svg.find("<svg") != std::string::npos);
  for (const char* text : {"Every layer", "x axis", "y axis", "parabola", "samples", "iterates"})
    BOOST_TEST(svg.find(text) != std::string::npos, "the SVG shows " << text);
  const std::string png = read(dir / "figure.png");
  BOOST_TEST(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  BOOST_TEST(png.size() > 5000u);  // a picture, not an empty frame
}

BOOST_AUTO_TEST_CASE(csv_fallback_writes_the_data_and_a_script) {
  TempDir dir;
  ScopedEnv force("XGRAD_PLOT", "csv");
  const std::vector<std::string> written =
      Figure().title("Fallback").line({1, 2, 3}, {0.5, 0.25, 0.125}, "halving").save(dir / "curve");
  BOOST_TEST(written == (std::vector<std::string>{dir / "curve.csv", dir / "curve.gp"}));
  BOOST_TEST(dir.files() == (std::vector<std::string>{"curve.csv", "curve.gp"}));
  BOOST_TEST(read(dir / "curve.csv") == "# layer 0: halving\n# x,y\n1.0,0.5\n2.0,0.25\n3.0,0.125\n");
  const std::string script = read(dir / "curve.gp");
  BOOST_TEST(script.find("'curve.csv' index 0") != std::string::npos);  // next to the script
  BOOST_TEST(script.find("set output 'curve.png'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(csv_fallback_script_draws_the_same_picture) {
  TempDir dir;
  {
    ScopedEnv force("XGRAD_PLOT", "csv");
    every_layer().save(dir / "figure");
  }
  BOOST_REQUIRE(std::system(("cd " + dir.path.string() + " && gnuplot figure.gp").c_str()) == 0);
  BOOST_TEST(read(dir / "figure.svg").find("iterates") != std::string::npos);
  BOOST_TEST(read(dir / "figure.png").substr(1, 3) == "PNG");
}

BOOST_AUTO_TEST_CASE(grids_are_written_row_by_row) {
  const std::string data =
      Figure().contour([](double x, double y) { return 10 * y + x; }, {0, 1}, {0, 2}, {}, 2).data();
  BOOST_TEST(data == "# layer 0\n# x,y,z\n0.0,0.0,0.0\n1.0,0.0,1.0\n\n0.0,2.0,20.0\n1.0,2.0,21.0\n");
}

BOOST_AUTO_TEST_CASE(labels_with_quotes_are_escaped) {
  const std::string script = Figure().title("it's").line({0, 1}, {0, 1}, "f'(x)").script("out", "$data");
  BOOST_TEST(script.find("set title 'it''s'") != std::string::npos);
  BOOST_TEST(script.find("title 'f''(x)'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_input_throws) {
  BOOST_TEST(error_of([] { Figure().line({1, 2}, {1}); }) == "[plot] x has 2 values but y has 1 (layer '')");
  BOOST_TEST(error_of([] { Figure().points({}, {}, "none"); }) == "[plot] no data in layer 'none'");
  BOOST_TEST(error_of([] { Figure().xrange(1, 0); }) == "[plot] xrange must be increasing, got [1, 0]");
  BOOST_TEST(error_of([] { Figure().save("/tmp/nothing"); }) == "[plot] figure '/tmp/nothing' has nothing to draw");
  BOOST_TEST(error_of([] {
               Figure().contour([](double, double) { return 0.0; }, {0, 1}, {0, 1}, {}, 1);
             }) == "[plot] resolution must be at least 2, got 1");
  BOOST_TEST(error_of([] {
               Figure().regions([](double, double) { return 12; }, {0, 1}, {0, 1});
             }) == "[plot] regions take class indices 0..9, got 12");
  BOOST_TEST(error_of([] { Figure().line({0, 1}, {0, 1}).save("/nonexistent/folder/figure"); }) ==
             "[plot] cannot write /nonexistent/folder/figure.svg");
  ScopedEnv force("XGRAD_PLOT", "csv");
  BOOST_TEST(error_of([] { Figure().line({0, 1}, {0, 1}).save("/nonexistent/folder/figure"); }) ==
             "[plot] cannot write /nonexistent/folder/figure.csv");
}

BOOST_AUTO_TEST_CASE(gnuplot_failure_is_an_error) {
  TempDir dir;
  // No point of a log axis is positive: gnuplot stops with an error.
  const std::string message =
      error_of([&] { Figure().log_y().line({0, 1}, {-1, -2}).save(dir / "negative"); });
  BOOST_TEST(message.rfind("[plot] gnuplot failed: ", 0) == 0, message);
  BOOST_TEST(dir.files().empty(), "no half-written pictures are left");
}

BOOST_AUTO_TEST_CASE(the_key_can_move_but_only_to_gnuplot_positions) {
  const std::string script = Figure().key("outside right").line({0, 1}, {0, 1}, "f").script("out", "$data");
  BOOST_TEST(script.find("set key outside right box opaque\n") != std::string::npos);
  BOOST_TEST(Figure().line({0, 1}, {0, 1}, "f").script("out", "$data").find("set key top right") != std::string::npos);
  BOOST_TEST(error_of([] { Figure().key("top\nsystem 'x'"); }) ==
             "[plot] the key position must be gnuplot words such as \"top right\", got \"top\nsystem 'x'\"");
}

BOOST_AUTO_TEST_CASE(heatmap_draws_cells_with_row_zero_at_the_top) {
  const Figure figure = Figure()
                            .size(400, 300)
                            .heatmap({{0, 1, 2}, {3, 4, 5}}, "blues")
                            .xtick_labels({"a", "b", "c"})
                            .text(1, 0, "it's 1", "#2ca02c");
  const std::string script = figure.script("out", "$data");
  for (const char* line : {"set terminal svg size 400,300 ", "set xrange [-0.5:2.5]\n", "set yrange [1.5:-0.5]\n",
                           "unset grid\n", "set size ratio -1\n", "set xtics ('a' 0, 'b' 1, 'c' 2) rotate by -30 left\n",
                           "unset ytics\n", "set label 1 'it''s 1' at 1.0,0.0 center front textcolor rgb '#2ca02c'\n",
                           "$data index 0 using 1:2:3 with image notitle", "set terminal pngcairo size 400,300 "})
    BOOST_TEST(script.find(line) != std::string::npos, "the script has " << line);
  // cell (r, c) is the point x = c, y = r, written row by row
  BOOST_TEST(figure.data() == "# layer 0\n# x,y,z\n0.0,0.0,0.0\n1.0,0.0,1.0\n2.0,0.0,2.0\n\n0.0,1.0,3.0\n1.0,1.0,4.0\n2.0,1.0,5.0\n");
  BOOST_TEST(Figure().heatmap({{1}}).script("out", "$data").find("set palette gray\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(heatmap_bad_input_throws) {
  BOOST_TEST(error_of([] { Figure().heatmap({}); }) == "[plot] heatmap of an empty matrix");
  BOOST_TEST(error_of([] { Figure().heatmap({{1, 2}, {3}}); }) ==
             "[plot] heatmap rows must have equal lengths: row 0 has 2 values, row 1 has 1");
  BOOST_TEST(error_of([] { Figure().heatmap({{1}}, "jet"); }) ==
             "[plot] heatmap palette must be \"gray\" or \"blues\", got \"jet\"");
  BOOST_TEST(error_of([] { Figure().heatmap({{1}}, "gray").heatmap({{1}}, "blues"); }) ==
             "[plot] a figure has one palette: heatmaps in \"gray\" and \"blues\" cannot be combined");
  BOOST_TEST(error_of([] {
               Figure().regions([](double, double) { return 0; }, {0, 1}, {0, 1}).heatmap({{1}});
             }) == "[plot] a figure has one palette: a heatmap cannot be combined with regions");
  BOOST_TEST(error_of([] { Figure().size(10, 300); }) ==
             "[plot] size must be between 16 and 10000 pixels a side, got 10 x 300");
  BOOST_TEST(error_of([] { Figure().text(std::nan(""), 0, "x"); }) ==
             "[plot] text 'x' at a non-finite position (nan, 0)");
}

BOOST_AUTO_TEST_CASE(image_grid_tiles_scaled_images_with_gaps) {
  // three 2x2 images, two to a row, one cell of gap: 2 rows * 3 + 1 = 7 by 2 columns * 3 + 1 = 7
  const xg::Tensor images = xg::tensor({0.0, 1, 2, 3, /**/ 5, 5, 5, 5, /**/ -1, 1, 0, 0}).view({3, 1, 2, 2});
  const xg::viz::ImageGrid grid = xg::viz::image_grid(images, 2, 1, -7);
  BOOST_REQUIRE_EQUAL(grid.cells.size(), 7u);
  BOOST_REQUIRE_EQUAL(grid.cells[0].size(), 7u);
  const std::vector<std::vector<double>> want = {
      {-7, -7, -7, -7, -7, -7, -7},       //
      {-7, 0, 1.0 / 3, -7, 0, 0, -7},     // image 0 scaled to [0, 1]; image 1 is constant: 0
      {-7, 2.0 / 3, 1, -7, 0, 0, -7},     //
      {-7, -7, -7, -7, -7, -7, -7},       //
      {-7, 0, 1, -7, -7, -7, -7},         // image 2: -1..1 -> 0..1
      {-7, 0.5, 0.5, -7, -7, -7, -7},     //
      {-7, -7, -7, -7, -7, -7, -7}};
  for (size_t r = 0; r < want.size(); ++r)
    for (size_t c = 0; c < want[r].size(); ++c)
      BOOST_TEST(grid.cells[r][c] == want[r][c], boost::test_tools::tolerance(1e-12));
  // captions go in the gap above each tile, centred over it
  BOOST_TEST(grid.caption_position(0).first == 1.5);
  BOOST_TEST(grid.caption_position(0).second == 0.0);
  BOOST_TEST(grid.caption_position(2).first == 1.5);
  BOOST_TEST(grid.caption_position(2).second == 3.0);
  BOOST_TEST(grid.caption_position(1).first == 4.5);
  BOOST_TEST(error_of([] { xg::viz::image_grid(xg::zeros({2, 3, 4, 4}), 2); }) ==
             "[image_grid] expected images [N, H, W] or [N, 1, H, W], got [2, 3, 4, 4]");
  BOOST_TEST(error_of([] { xg::viz::image_grid(xg::zeros({0, 4, 4}), 2); }) ==
             "[image_grid] no images to tile (sizes [0, 4, 4])");
  BOOST_TEST(error_of([] { xg::viz::image_grid(xg::zeros({1, 4, 4}), 0); }) ==
             "[image_grid] columns must be at least 1, got 0");
}

BOOST_AUTO_TEST_CASE(gnuplot_draws_a_heatmap_with_captions) {
  TempDir dir;
  Figure().heatmap({{3, 1}, {0, 4}}, "blues").xtick_labels({"cat", "dog"}).text(0, 0, "three").save(dir / "heat");
  const std::string svg = read(dir / "heat.svg");
  for (const char* text : {"cat", "dog", "three"}) BOOST_TEST(svg.find(text) != std::string::npos, "the SVG shows " << text);
}

// Checkpoints: the .npy/.npz format, round trips, numpy interop, checked loading,
// corrupt files and interrupted saves.

#define BOOST_TEST_MODULE test_serialize
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <xgrad/serialize/npy.h>

#include "test_util.h"

using test_util::error_of;
using test_util::values;
using xg::Tensor;
using NamedTensors = xg::serialize::NamedTensors;
namespace fs = std::filesystem;

using test_util::TempDir;
using test_util::read_bytes;

namespace {


void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

/// The elements of a tensor as raw bytes, in row-major order.
std::string raw(const Tensor& t) {
  Tensor c = t.contiguous();
  return std::string(static_cast<const char*>(c.data_ptr()), static_cast<size_t>(c.numel()) * c.element_size());
}

/// Same dtype, same shape, same bits.
bool bit_equal(const Tensor& a, const Tensor& b) {
  return a.scalar_type() == b.scalar_type() && a.sizes() == b.sizes() && raw(a) == raw(b);
}

/// A tensor of `shape` filled with arbitrary bit patterns: NaNs with payloads, infinities,
/// subnormals and -0 for floats, the whole range for Long, 0 and 1 for Bool.
Tensor random_bits(xg::IntArrayRef shape, xg::ScalarType dtype, std::mt19937_64& engine) {
  Tensor t = xg::empty(shape, dtype);
  auto* bytes = static_cast<unsigned char*>(t.data_ptr());
  const size_t size = static_cast<size_t>(t.numel()) * t.element_size();
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<unsigned char>(engine());
  if (dtype == xg::kBool) {
    for (size_t i = 0; i < size; ++i) bytes[i] &= 1;
  }
  if (dtype == xg::kFloat && t.numel() >= 4) {
    float* f = t.data_ptr<float>();
    f[0] = -0.0f;
    f[1] = std::numeric_limits<float>::denorm_min();
    f[2] = -std::numeric_limits<float>::infinity();
    std::uint32_t nan_with_payload = 0x7fc12345;
    std::memcpy(&f[3], &nan_with_payload, 4);
  }
  return t;
}

/// Whether /usr/bin/python3 can import numpy (Debian's python3-numpy).
bool have_numpy() {
  static const bool available = std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") == 0;
  return available;
}

/// Runs a Python script with numpy; true when it exits with 0.
bool run_python(const TempDir& dir, const std::string& script, const std::string& argument) {
  const std::string script_path = dir / "check.py";
  write_bytes(script_path, script);
  return std::system(("/usr/bin/python3 " + script_path + " '" + argument + "'").c_str()) == 0;
}

/// A small "model": what a module's named_parameters() + named_buffers() would give.
NamedTensors model() {
  return {{"fc1.weight", xg::arange(6, xg::kFloat).reshape({2, 3}).requires_grad_()},
          {"fc1.bias", xg::tensor({0.5f, -0.5f}).requires_grad_()},
          {"bn.num_batches_tracked", xg::tensor(7)}};
}

/// A copy of every value, to check later that nothing changed.
std::vector<std::string> snapshot(const NamedTensors& tensors) {
  std::vector<std::string> raws;
  for (const auto& [name, t] : tensors) raws.push_back(raw(t));
  return raws;
}

}  // namespace

// ---- The .npy header ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(npy_header_layout) {
  const std::string header = xg::serialize::npy_header(xg::kFloat, {2, 3});
  BOOST_TEST(header.size() == 128u);  // the data starts 64-byte aligned
  BOOST_TEST(header.substr(0, 8) == std::string("\x93NUMPY\x01\x00", 8));
  BOOST_TEST(static_cast<unsigned char>(header[8]) + 256 * static_cast<unsigned char>(header[9]) == 128 - 10);
  const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  BOOST_TEST(header.substr(10, dict.size()) == dict);
  BOOST_TEST(header.back() == '\n');
  BOOST_TEST(xg::serialize::npy_header(xg::kLong, {5}).find("'descr': '<i8', 'fortran_order': False, 'shape': (5,), }") !=
             std::string::npos);
  BOOST_TEST(xg::serialize::npy_header(xg::kBool, {}).find("'descr': '|b1', 'fortran_order': False, 'shape': (), }") !=
             std::string::npos);
  BOOST_TEST(xg::serialize::npy_header(xg::kDouble, {}).find("'<f8'") != std::string::npos);
}

// ---- Round trips ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(bit_exact_round_trip_of_every_dtype_and_shape) {
  TempDir dir;
  std::mt19937_64 engine(42);
  const std::vector<std::vector<int64_t>> shapes = {{}, {0}, {1}, {7}, {2, 3}, {2, 0, 3}, {3, 1, 4, 2}};
  for (xg::ScalarType dtype : {xg::kFloat, xg::kDouble, xg::kLong, xg::kInt, xg::kShort, xg::kChar, xg::kByte, xg::kBool}) {
    NamedTensors saved;
    for (const auto& shape : shapes) {
      saved.emplace_back("t" + std::to_string(saved.size()), random_bits(shape, dtype, engine));
    }
    const std::string path = dir / (std::string(xg::toString(dtype)) + ".npz");
    xg::serialize::save_named(saved, path);
    const NamedTensors loaded = xg::serialize::load_named(path);
    BOOST_TEST_REQUIRE(loaded.size() == saved.size());
    for (size_t i = 0; i < saved.size(); ++i) {
      BOOST_TEST_CONTEXT(dtype << " shape " << saved[i].second.sizes()) {
        BOOST_TEST(loaded[i].first == saved[i].first);
        BOOST_TEST(bit_equal(loaded[i].second, saved[i].second));
        BOOST_TEST(loaded[i].second.is_contiguous());
        BOOST_TEST(!loaded[i].second.requires_grad());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(views_are_saved_in_row_major_order) {
  TempDir dir;
  Tensor base = xg::arange(24, xg::kDouble).reshape({4, 6});
  const std::vector<Tensor> views = {
      base.t(),                              // transposed
      base.slice(1, 1, 6, 2),                // strided columns
      base.select(1, 2),                     // a column
      base.narrow(0, 1, 2),                  // rows with an offset
      xg::tensor({1.0f, 2.0f}).expand({3, 2}),  // stride 0
      base.permute({1, 0}).reshape({2, 12})[1],
  };
  const std::string path = dir / "views.npz";
  xg::save(views, path);
  std::vector<Tensor> loaded;
  xg::load(loaded, path);
  BOOST_TEST_REQUIRE(loaded.size() == views.size());
  for (size_t i = 0; i < views.size(); ++i) {
    BOOST_TEST_CONTEXT("view " << i) {
      BOOST_TEST(bit_equal(loaded[i], views[i]));
      BOOST_TEST(values(loaded[i]) == values(views[i]), boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(positional_and_named_saves) {
  TempDir dir;
  // One tensor: "arr_0"; load(Tensor&) into an undefined tensor takes the loaded one.
  xg::save(xg::tensor({1.5, 2.5}), dir / "one.npz");
  Tensor one;
  xg::load(one, dir / "one.npz");
  BOOST_TEST(values(one) == std::vector<double>({1.5, 2.5}), boost::test_tools::per_element());
  BOOST_TEST(xg::serialize::load_named(dir / "one.npz")[0].first == "arr_0");

  // Names keep the order they were saved in.
  const NamedTensors named = {{"z", xg::tensor(1)}, {"a", xg::tensor(2)}, {"m.weight", xg::tensor(3)}};
  xg::serialize::save_named(named, dir / "named.npz");
  const NamedTensors loaded = xg::serialize::load_named(dir / "named.npz");
  BOOST_TEST_REQUIRE(loaded.size() == 3u);
  for (size_t i = 0; i < 3; ++i) {
    BOOST_TEST(loaded[i].first == named[i].first);
    BOOST_TEST(bit_equal(loaded[i].second, named[i].second));
  }

  // No tensors at all is a valid (empty) archive.
  xg::save(std::vector<Tensor>{}, dir / "none.npz");
  BOOST_TEST(xg::serialize::load_named(dir / "none.npz").empty());
  BOOST_TEST(read_bytes(dir / "none.npz").size() == 22u);
}

BOOST_AUTO_TEST_CASE(save_errors) {
  TempDir dir;
  const std::string path = dir / "bad.npz";
  BOOST_TEST(error_of([&] { xg::serialize::save_named({{"a", xg::ones({1})}, {"a", xg::ones({1})}}, path); }) ==
             "[save] cannot save '" + path + "': two tensors are named 'a'");
  BOOST_TEST(error_of([&] { xg::serialize::save_named({{"", xg::ones({1})}}, path); }) ==
             "[save] cannot save '" + path + "': a tensor has an empty name");
  BOOST_TEST(error_of([&] { xg::save(Tensor(), path); }) == "[save] cannot save '" + path + "': tensor 'arr_0' is undefined");
  const std::string nowhere = dir / "no/such/dir/x.npz";
  BOOST_TEST(error_of([&] { xg::save(xg::ones({1}), nowhere); }) ==
             "[save] cannot create a temporary file next to '" + nowhere + "': No such file or directory");
  BOOST_TEST(dir.files().empty());
}

// ---- numpy interop ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(numpy_reads_our_checkpoints) {
  if (!have_numpy()) {
    BOOST_TEST_MESSAGE("skipped: /usr/bin/python3 cannot import numpy");
    return;
  }
  TempDir dir;
  const std::string path = dir / "model.npz";
  xg::serialize::save_named({{"fc.weight", xg::arange(6, xg::kFloat).reshape({2, 3}) / 4},
                             {"fc.bias", xg::tensor({0.1, -0.2}, xg::kDouble)},
                             {"step", xg::tensor(int64_t{-9007199254740993})},
                             {"mask", xg::tensor({true, false, true})},
                             {"empty", xg::zeros({0, 3})},
                             {"view", xg::arange(6).reshape({2, 3}).t()}},
                            path);
  const std::string script = R"(
import sys
import numpy as np
z = np.load(sys.argv[1])
assert z.files == ['fc.weight', 'fc.bias', 'step', 'mask', 'empty', 'view'], z.files
w = z['fc.weight']
assert w.dtype == np.float32 and w.shape == (2, 3) and (w == np.arange(6, dtype=np.float32).reshape(2, 3) / 4).all()
b = z['fc.bias']
assert b.dtype == np.float64 and (b == np.array([0.1, -0.2])).all()
s = z['step']
assert s.dtype == np.int64 and s.shape == () and int(s) == -9007199254740993
m = z['mask']
assert m.dtype == np.bool_ and m.tolist() == [True, False, True]
e = z['empty']
assert e.dtype == np.float32 and e.shape == (0, 3)
v = z['view']
assert v.dtype == np.int64 and (v == np.arange(6).reshape(2, 3).T).all()
)";
  BOOST_TEST(run_python(dir, script, path));
}

BOOST_AUTO_TEST_CASE(we_read_numpy_checkpoints) {
  if (!have_numpy()) {
    BOOST_TEST_MESSAGE("skipped: /usr/bin/python3 cannot import numpy");
    return;
  }
  TempDir dir;
  // savez (stored) and savez_compressed (deflated); a Fortran-ordered array; a 0-d array.
  const std::string script = R"(
import sys
import numpy as np
a = np.arange(12, dtype=np.float64).reshape(3, 4)
arrays = dict(c=a, f=np.asfortranarray(a), s=np.float32(2.5), b=np.array([[True], [False]]), i=np.array([-1, 2**62]))
np.savez(sys.argv[1] + '/plain.npz', **arrays)
np.savez_compressed(sys.argv[1] + '/compressed.npz', **arrays)
)";
  BOOST_TEST_REQUIRE(run_python(dir, script, dir.path.string()));
  for (const char* file : {"plain.npz", "compressed.npz"}) {
    BOOST_TEST_CONTEXT(file) {
      const NamedTensors loaded = xg::serialize::load_named(dir / file);
      BOOST_TEST_REQUIRE(loaded.size() == 5u);
      Tensor expected = xg::arange(12, xg::kDouble).reshape({3, 4});
      BOOST_TEST(loaded[0].first == "c");
      BOOST_TEST(bit_equal(loaded[0].second, expected));
      BOOST_TEST(loaded[1].first == "f");
      BOOST_TEST(bit_equal(loaded[1].second, expected));
      BOOST_TEST(bit_equal(loaded[2].second, xg::tensor(2.5f)));
      BOOST_TEST(bit_equal(loaded[3].second, xg::tensor({true, false}).reshape({2, 1})));
      BOOST_TEST(bit_equal(loaded[4].second, xg::tensor({int64_t{-1}, int64_t{1} << 62})));
    }
  }
}

// ---- Checked loading ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(loading_into_a_model_copies_in_place) {
  TempDir dir;
  const std::string path = dir / "model.npz";
  NamedTensors trained = model();
  {
    xg::NoGradGuard no_grad;
    trained[0].second.mul_(-1);
    trained[1].second.add_(10);
  }
  xg::serialize::save_named(trained, path);

  NamedTensors fresh = model();
  const void* weight_memory = fresh[0].second.data_ptr();
  xg::serialize::load_named_into(fresh, path);
  for (size_t i = 0; i < fresh.size(); ++i) BOOST_TEST(bit_equal(fresh[i].second, trained[i].second));
  BOOST_TEST(fresh[0].second.data_ptr() == weight_memory);  // the same tensors, now holding the values
  BOOST_TEST(fresh[0].second.requires_grad());
  BOOST_TEST(fresh[0].second.is_leaf());

  // Also into a non-contiguous target.
  Tensor target = xg::zeros({3, 2}, xg::kFloat).t();
  xg::serialize::load_named_into({{"fc1.weight", target}}, path, /*strict=*/false);
  BOOST_TEST(values(target) == values(trained[0].second), boost::test_tools::per_element());

  // Positional loading into defined tensors checks them the same way.
  std::vector<Tensor> tensors = {xg::zeros({2}), xg::zeros({}, xg::kLong)};
  xg::save(std::vector<Tensor>{xg::tensor({1.0f, 2.0f}), xg::tensor(3)}, dir / "list.npz");
  xg::load(tensors, dir / "list.npz");
  BOOST_TEST(values(tensors[0]) == std::vector<double>({1, 2}), boost::test_tools::per_element());
  BOOST_TEST(tensors[1].item<int64_t>() == 3);
}

BOOST_AUTO_TEST_CASE(mismatches_are_named_and_change_nothing) {
  TempDir dir;
  const std::string path = dir / "x.npz";
  xg::serialize::save_named({{"weight", xg::zeros({3, 2})}, {"bias", xg::zeros({2}, xg::kDouble)}}, path);

  NamedTensors targets = {{"weight", xg::ones({2, 3})}, {"bias", xg::ones({2})}};
  const std::vector<std::string> before = snapshot(targets);
  const uint32_t version = targets[0].second._version();
  BOOST_TEST(error_of([&] { xg::serialize::load_named_into({targets[0]}, path, false); }) ==
             "[load] checkpoint '" + path + "' has weight with shape [3, 2], expected [2, 3]");
  BOOST_TEST(error_of([&] { xg::serialize::load_named_into({targets[1]}, path, false); }) ==
             "[load] checkpoint '" + path + "' has bias with dtype Double, expected Float");
  BOOST_TEST(error_of([&] { xg::serialize::load_named_into(targets, path); }) ==
             "[load] checkpoint '" + path + "' has weight with shape [3, 2], expected [2, 3]; "
             "has bias with dtype Double, expected Float");
  BOOST_TEST(error_of([&] { xg::serialize::load_named_into({{"weight", xg::ones({3, 2})}, {"gamma", xg::ones({2})}}, path); }) ==
             "[load] checkpoint '" + path + "' has no gamma; has unexpected bias (it holds weight, bias)");
  BOOST_TEST(error_of([&] { xg::serialize::load_named_into({{"weight", xg::ones({3, 2})}}, path); }) ==
             "[load] checkpoint '" + path + "' has unexpected bias");
  BOOST_TEST(error_of([&] { xg::serialize::load_named_into({{"weight", Tensor()}}, path); }) ==
             "[load] cannot load '" + path + "' into 'weight': the target tensor is undefined");
  // The first target matched, the second did not: neither changed.
  NamedTensors half = {{"weight", xg::ones({3, 2})}, {"bias", xg::ones({3}, xg::kDouble)}};
  const std::vector<std::string> half_before = snapshot(half);
  BOOST_TEST(error_of([&] { xg::serialize::load_named_into(half, path); }) ==
             "[load] checkpoint '" + path + "' has bias with shape [2], expected [3]");
  BOOST_TEST(snapshot(half) == half_before, boost::test_tools::per_element());
  BOOST_TEST(snapshot(targets) == before, boost::test_tools::per_element());
  BOOST_TEST(targets[0].second._version() == version);

  // Positional loads.
  Tensor single = xg::ones({2});
  BOOST_TEST(error_of([&] { xg::load(single, path); }) ==
             "[load] checkpoint '" + path + "' holds 2 tensors (weight, bias); load(Tensor&) reads a checkpoint of "
             "exactly one");
  std::vector<Tensor> three = {xg::ones({1}), xg::ones({1}), xg::ones({1})};
  xg::save(std::vector<Tensor>{xg::ones({1}), xg::ones({1})}, dir / "two.npz");
  BOOST_TEST(error_of([&] { xg::load(three, dir / "two.npz"); }) ==
             "[load] checkpoint '" + dir / "two.npz" + "' has no arr_2 (it holds arr_0, arr_1)");
}

// ---- Damaged files --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(damaged_files_give_clear_errors_and_change_nothing) {
  TempDir dir;
  const std::string good = dir / "good.npz";
  xg::serialize::save_named({{"w", xg::arange(6, xg::kFloat).reshape({2, 3})}}, good);
  const std::string bytes = read_bytes(good);
  Tensor target = xg::full({2, 3}, 7.0f);
  const std::string before = raw(target);
  const uint32_t version = target._version();
  auto load_error = [&](const std::string& path) {
    return error_of([&] { xg::serialize::load_named_into({{"w", target}}, path); });
  };
  auto damaged = [&](const std::string& name, const std::string& content) {
    write_bytes(dir / name, content);
    return dir / name;
  };
  auto entry_error = [&](const std::string& name, const std::string& problem) {
    return "[load] checkpoint '" + dir / name + "' entry 'w.npy': " + problem;
  };

  const std::string missing = dir / "missing.npz";
  BOOST_TEST(load_error(missing) == "[load] cannot open checkpoint '" + missing + "': No such file or directory");
  BOOST_TEST(load_error(damaged("zero.npz", "")) ==
             "[load] checkpoint '" + dir / "zero.npz" + "' is empty (0 bytes), not an .npz archive");
  BOOST_TEST(load_error(damaged("text.npz", "hello, world")) ==
             "[load] checkpoint '" + dir / "text.npz" + "' is not a readable .npz archive (truncated or corrupt?): "
             "Not a zip archive");
  for (size_t keep : {bytes.size() / 2, bytes.size() - 1, size_t{30}}) {
    BOOST_TEST_CONTEXT("truncated to " << keep << " bytes") {
      BOOST_TEST(load_error(damaged("cut.npz", bytes.substr(0, keep))) ==
                 "[load] checkpoint '" + dir / "cut.npz" + "' is not a readable .npz archive (truncated or corrupt?): "
                 "Not a zip archive");
    }
  }
  // A flipped bit in the data: the zip checksum catches it.
  std::string flipped = bytes;
  const size_t data_at = bytes.find("\n", bytes.find("NUMPY")) + 5;
  flipped[data_at] = static_cast<char>(flipped[data_at] ^ 0x10);
  BOOST_TEST(load_error(damaged("flipped.npz", flipped)) ==
             entry_error("flipped.npz", "cannot read it, the file is corrupt (CRC error)"));
  // Headers that lie (patched in place; the header is read before the checksum is checked).
  std::string big_endian = bytes;
  big_endian.replace(big_endian.find("'<f4'"), 5, "'>f4'");
  BOOST_TEST(load_error(damaged("endian.npz", big_endian)) ==
             entry_error("endian.npz", "unsupported dtype '>f4' (xgrad reads '<f4', '<f8', '<i8', '<i4', '<i2', '|i1', '|u1' and '|b1')"));
  std::string wrong_shape = bytes;
  wrong_shape.replace(wrong_shape.find("(2, 3)"), 6, "(2, 4)");
  BOOST_TEST(load_error(damaged("shape.npz", wrong_shape)) ==
             entry_error("shape.npz", "holds 24 bytes of data, but its header ('<f4', shape (2, 4)) needs 32"));
  // A shape of 10^22 bytes, written into the header's padding so that the entry keeps its size:
  // refused before anything is allocated.
  std::string huge_shape = bytes;
  const size_t shape_at = huge_shape.find("(2, 3), }");
  const std::string huge = "(99999999999, 99999999999), }";
  BOOST_TEST_REQUIRE(huge_shape.find_first_not_of(' ', shape_at + 9) >= shape_at + huge.size());
  huge_shape.replace(shape_at, huge.size(), huge);
  BOOST_TEST(load_error(damaged("huge.npz", huge_shape)) ==
             entry_error("huge.npz", "holds 24 bytes of data, but its header ('<f4', shape (99999999999, "
                                     "99999999999)) needs more than 2^64"));
  std::string magic = bytes;
  magic.replace(magic.find("NUMPY"), 5, "NUMPX");
  BOOST_TEST(load_error(damaged("magic.npz", magic)) ==
             entry_error("magic.npz", "not a .npy file (no \\x93NUMPY magic string)"));
  std::string dict = bytes;
  dict.replace(dict.find("'shape'"), 7, "'shapf'");
  BOOST_TEST(load_error(damaged("dict.npz", dict)) ==
             entry_error("dict.npz", "unexpected key 'shapf' in the .npy header"));

  BOOST_TEST(raw(target) == before);
  BOOST_TEST(target._version() == version);
  xg::serialize::load_named_into({{"w", target}}, good);  // the good file still loads
  BOOST_TEST(values(target) == std::vector<double>({0, 1, 2, 3, 4, 5}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(non_npy_entries_are_refused) {
  if (!have_numpy()) {
    BOOST_TEST_MESSAGE("skipped: /usr/bin/python3 cannot import numpy");
    return;
  }
  TempDir dir;
  BOOST_TEST_REQUIRE(run_python(dir, "import sys, zipfile\nzipfile.ZipFile(sys.argv[1], 'w').writestr('notes.txt', 'hi')\n",
                                dir / "notes.npz"));
  BOOST_TEST(error_of([&] { xg::serialize::load_named(dir / "notes.npz"); }) ==
             "[load] checkpoint '" + dir / "notes.npz" + "' entry 'notes.txt': not a .npy array");
}

// ---- Atomic writes ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_save_killed_mid_write_leaves_the_previous_checkpoint) {
  TempDir dir;
  const std::string path = dir / "ckpt.npz";
  const Tensor previous = xg::arange(10, xg::kDouble);
  xg::save(previous, path);
  const std::string previous_bytes = read_bytes(path);

  // The child may write only 4 KiB per file: the kernel kills it with SIGXFSZ in the middle
  // of writing a 4 MB checkpoint.
  const pid_t child = ::fork();
  BOOST_TEST_REQUIRE(child >= 0);
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_DFL);
    const rlimit limit = {4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      xg::save(xg::ones({1 << 20}), path);
    } catch (...) {
      ::_exit(2);
    }
    ::_exit(0);
  }
  int status = 0;
  BOOST_TEST_REQUIRE(::waitpid(child, &status, 0) == child);
  BOOST_TEST_REQUIRE(WIFSIGNALED(status));
  BOOST_TEST(WTERMSIG(status) == SIGXFSZ);

  BOOST_TEST(read_bytes(path) == previous_bytes);
  Tensor loaded;
  xg::load(loaded, path);
  BOOST_TEST(bit_equal(loaded, previous));
  // The killed save left its partial temporary file next to the checkpoint, never in its place.
  const std::vector<std::string> files = dir.files();
  BOOST_TEST_REQUIRE(files.size() == 2u);
  BOOST_TEST(files[1].rfind("ckpt.npz.tmp-" + std::to_string(child) + "-", 0) == 0u);
  BOOST_TEST(fs::file_size(dir.path / files[1]) == 4096u);
}

BOOST_AUTO_TEST_CASE(a_failed_write_cleans_up_and_leaves_the_previous_checkpoint) {
  TempDir dir;
  const std::string path = dir / "ckpt.npz";
  const Tensor previous = xg::arange(10, xg::kDouble);
  xg::save(previous, path);
  const std::string previous_bytes = read_bytes(path);

  // With SIGXFSZ ignored, the over-long write fails with EFBIG instead: save throws.
  const pid_t child = ::fork();
  BOOST_TEST_REQUIRE(child >= 0);
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit = {4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    const std::string message = error_of([&] { xg::save(xg::ones({1 << 20}), path); });
    const bool expected = message.rfind("[save] cannot write '" + path + ".tmp-", 0) == 0 &&
                          message.find("': File too large") != std::string::npos;
    ::_exit(expected ? 0 : 1);
  }
  int status = 0;
  BOOST_TEST_REQUIRE(::waitpid(child, &status, 0) == child);
  BOOST_TEST_REQUIRE(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  BOOST_TEST(read_bytes(path) == previous_bytes);
  BOOST_TEST(dir.files() == std::vector<std::string>({"ckpt.npz"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_failed_rename_cleans_up) {
  TempDir dir;
  // A directory in the way: rename(2) cannot put a file there.
  const std::string path = dir / "ckpt.npz";
  fs::create_directory(path);
  fs::create_directory(dir.path / "ckpt.npz" / "inside");
  const std::string message = error_of([&] { xg::save(xg::ones({3}), path); });
  BOOST_TEST(message.rfind("[save] cannot rename '" + path + ".tmp-", 0) == 0u);
  BOOST_TEST(message.find("' to '" + path + "': Is a directory") != std::string::npos);
  BOOST_TEST(dir.files() == std::vector<std::string>({"ckpt.npz"}), boost::test_tools::per_element());
  BOOST_TEST(fs::is_directory(path));
}

BOOST_AUTO_TEST_CASE(saving_over_a_checkpoint_replaces_it) {
  TempDir dir;
  const std::string path = dir / "ckpt.npz";
  xg::save(xg::ones({1000}), path);
  xg::save(xg::tensor({1.0f, 2.0f}), path);
  Tensor loaded;
  xg::load(loaded, path);
  BOOST_TEST(values(loaded) == std::vector<double>({1, 2}), boost::test_tools::per_element());
  BOOST_TEST(dir.files() == std::vector<std::string>({"ckpt.npz"}), boost::test_tools::per_element());
  // A new file gets the usual permissions (0666 less the umask), not a temporary file's 0600.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  BOOST_TEST(((fs::status(path).permissions() & fs::perms::all) == static_cast<fs::perms>(0666 & ~mask)));
}

// Fuzz target: corrupted checkpoints.
//
// The first byte picks what reads the rest, which is a (mutated) .npy or .npz file:
//   0 read_npy on the bytes        3 load(Tensor&) into a defined tensor
//   1 load_named                   4 load(module) into an nn::Linear(3, 2)
//   2 load(std::vector<Tensor>&)   5 load(optimizer) into an Adam, 6 into an SGD with momentum
// Invariants: no crash, no sanitizer report, every failure an xg::Error starting with
// "[op]", and a failed load leaves its destination exactly as it was.

#include <algorithm>
#include <fstream>
#include <string>
#include <unistd.h>

#include "fuzz_util.h"
#include <xgrad/serialize/npy.h>

namespace {

using namespace xg;

/// One file per process, so parallel fuzzing jobs do not share it.
const std::string& scratch_path() {
  static const std::string path = "/tmp/xgrad_checkpoint_fuzz_" + std::to_string(::getpid()) + ".npz";
  return path;
}

/// True when a and b have the same dtype, shape and bytes.
bool same(const Tensor& a, const Tensor& b) {
  if (a.defined() != b.defined()) return false;
  if (!a.defined()) return true;
  if (a.scalar_type() != b.scalar_type() || a.sizes() != b.sizes()) return false;
  Tensor ca = a.detach().contiguous(), cb = b.detach().contiguous();
  return std::memcmp(ca.data_ptr(), cb.data_ptr(), ca.numel() * ca.element_size()) == 0;
}

bool same(const serialize::NamedTensors& a, const serialize::NamedTensors& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].first != b[i].first || !same(a[i].second, b[i].second)) return false;
  return true;
}

/// Deep copies of named tensors (the originals share storage with the destination).
serialize::NamedTensors snapshot(const serialize::NamedTensors& tensors) {
  serialize::NamedTensors copy;
  for (const auto& [name, t] : tensors) copy.emplace_back(name, t.detach().clone());
  return copy;
}

/// An optimizer with some state: a few steps on a small least-squares problem.
void train_a_little(nn::Linear& model, optim::Optimizer& optimizer) {
  Tensor x = arange(6, dtype(kFloat)).reshape({2, 3}).sin(), y = ones({2, 2});
  for (int i = 0; i < 2; ++i) {
    optimizer.zero_grad();
    (model(x) - y).square().mean().backward();
    optimizer.step();
  }
}

void check_optimizer_load(optim::Optimizer& optimizer) {
  const auto before = snapshot(serialize::optimizer_state_dict(optimizer));
  try {
    load(optimizer, scratch_path());
  } catch (const Error&) {
    if (!same(before, serialize::optimizer_state_dict(optimizer)))
      xg::fuzz::finding("a failed optimizer load changed the optimizer");
    throw;
  }
}

void run(const uint8_t* data, size_t size) {
  const int target = size == 0 ? 0 : data[0] % 7;
  const char* file = reinterpret_cast<const char*>(data) + (size ? 1 : 0);
  const size_t file_size = size ? size - 1 : 0;
  if (target == 0) {
    size_t pos = 0;
    serialize::read_npy(
        [&](void* buffer, size_t n) {
          const size_t k = std::min(n, file_size - pos);
          std::memcpy(buffer, file + pos, k);
          pos += k;
          return k;
        },
        file_size, "fuzz.npy");
    return;
  }
  {
    std::ofstream out(scratch_path(), std::ios::binary | std::ios::trunc);
    out.write(file, static_cast<std::streamsize>(file_size));
  }
  switch (target) {
    case 1: (void)serialize::load_named(scratch_path()); return;
    case 2: {
      std::vector<Tensor> tensors = {zeros({2, 3}), arange(4)};
      const std::vector<Tensor> before = {tensors[0].clone(), tensors[1].clone()};
      try {
        load(tensors, scratch_path());
      } catch (const Error&) {
        if (tensors.size() != 2 || !same(tensors[0], before[0]) || !same(tensors[1], before[1]))
          xg::fuzz::finding("a failed load(vector) changed the tensors");
        throw;
      }
      return;
    }
    case 3: {
      Tensor t = full({2, 2}, 3.0, dtype(kDouble));
      const Tensor before = t.clone();
      const auto version = t._version();
      try {
        load(t, scratch_path());
      } catch (const Error&) {
        if (!same(t, before) || t._version() != version) xg::fuzz::finding("a failed load(tensor) changed it");
        throw;
      }
      return;
    }
    case 4: {
      manual_seed(0);
      nn::Linear model(3, 2);
      const auto before = snapshot(serialize::state_dict(*model));
      try {
        load(model, scratch_path());
      } catch (const Error&) {
        if (!same(before, serialize::state_dict(*model))) xg::fuzz::finding("a failed module load changed it");
        throw;
      }
      return;
    }
    default: {
      manual_seed(0);
      nn::Linear model(3, 2);
      if (target == 5) {
        optim::Adam optimizer(model->parameters(), optim::AdamOptions(0.01));
        train_a_little(model, optimizer);
        check_optimizer_load(optimizer);
      } else {
        optim::SGD optimizer(model->parameters(), optim::SGDOptions(0.1).momentum(0.9));
        train_a_little(model, optimizer);
        check_optimizer_load(optimizer);
      }
      return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    run(data, size);
  } catch (const xg::Error& e) {
    xg::fuzz::check_error_message(e);
  } catch (const std::exception& e) {
    xg::fuzz::unexpected_exception(e);
  }
  return 0;
}

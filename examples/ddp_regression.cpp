// Data-parallel linear regression over MPI: every rank trains a replica of the same model on
// its shard of each batch, DistributedDataParallel averages the gradients, and the replicas
// end where one process training on the combined batches ends. Rank 0 trains that single
// process itself, on the same batches, and prints both results and their largest difference.
//
//   mpirun -np 2 build/examples/ddp_regression
//   mpirun -np 4 --oversubscribe build/examples/ddp_regression     (4 ranks on fewer cores)
//   build/examples/ddp_regression                                  (a world of one process)

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <vector>

#include <xgrad/xgrad.hpp>

namespace torch = xg;
namespace dist = xg::distributed;
namespace data = xg::data;

constexpr int64_t kSamples = 512;
constexpr int64_t kGlobalBatch = 32;  // shared by the ranks: kGlobalBatch / world size each
constexpr int kEpochs = 5;
constexpr uint64_t kShuffleSeed = 7;

/// y = x . [2, -3, 0.5] + 1 + noise, the same on every rank.
data::TensorDataset make_dataset() {
  torch::manual_seed(0);
  torch::Tensor x = torch::randn({kSamples, 3});
  torch::Tensor y = torch::matmul(x, torch::tensor({2.0f, -3.0f, 0.5f})).unsqueeze(1) + 1 + 0.1 * torch::randn({kSamples, 1});
  return data::TensorDataset({x, y});
}

torch::nn::Linear make_model(uint64_t seed) {
  torch::manual_seed(seed);
  return torch::nn::Linear(3, 1);
}

/// The sample indices of batch `step` of `epoch` on every rank, joined: what one process
/// sees when it trains on the combined batch.
std::vector<int64_t> combined_batch(int world, int epoch, int64_t step, int64_t per_rank) {
  std::vector<int64_t> joined;
  for (int r = 0; r < world; ++r) {
    data::DistributedSampler sampler(kSamples, data::DistributedSamplerOptions(world, r).seed(kShuffleSeed));
    sampler.set_epoch(epoch);
    const std::vector<int64_t> mine = sampler.indices();
    joined.insert(joined.end(), mine.begin() + step * per_rank, mine.begin() + (step + 1) * per_rank);
  }
  return joined;
}

void print_parameters(const char* who, const torch::nn::Linear& model) {
  std::cout << std::setw(16) << std::left << who << " weight";
  for (int64_t i = 0; i < 3; ++i) std::cout << " " << std::setw(11) << model->weight[0][i].item<float>();
  std::cout << " bias " << model->bias[0].item<float>() << "\n";
}

int main() {
  dist::InitGuard mpi;
  const int rank = dist::get_rank();
  const int world = dist::get_world_size();
  if (kGlobalBatch % world != 0) throw xg::Error("[ddp_regression] the world size must divide 32");
  const int64_t per_rank = kGlobalBatch / world;
  const data::TensorDataset dataset = make_dataset();

  // Each rank initialises its replica differently; the wrapper replaces them all by rank 0's.
  torch::nn::Linear model = make_model(100 + rank);
  dist::DistributedDataParallel ddp(*model);
  torch::optim::SGD optimizer(model->parameters(), torch::optim::SGDOptions(0.05).momentum(0.9));
  data::DataLoader loader(dataset, data::DistributedSampler(kSamples, data::DistributedSamplerOptions(world, rank).seed(kShuffleSeed)),
                          per_rank);

  for (int epoch = 0; epoch < kEpochs; ++epoch) {
    loader.sampler().set_epoch(epoch);  // a new shuffle, the same on every rank
    torch::Tensor epoch_loss = torch::zeros({1});
    for (auto& [x, y] : loader) {
      optimizer.zero_grad();
      torch::Tensor loss = torch::mse_loss(model(x), y);
      loss.backward();  // returns with the gradients averaged over the ranks
      optimizer.step();
      epoch_loss += loss.detach() / static_cast<double>(loader.size());
    }
    dist::all_reduce(epoch_loss, dist::ReduceOp::AVG);
    if (rank == 0) std::cout << "epoch " << epoch << "  mean loss " << epoch_loss.item<float>() << "\n";
  }

  if (rank == 0) {
    // One process, rank 0's initial weights, the combined batches in the same order.
    torch::nn::Linear single = make_model(100);
    torch::optim::SGD single_optimizer(single->parameters(), torch::optim::SGDOptions(0.05).momentum(0.9));
    for (int epoch = 0; epoch < kEpochs; ++epoch)
      for (int64_t step = 0; step < kSamples / kGlobalBatch; ++step) {
        std::vector<torch::Tensor> batch = dataset.get_batch(combined_batch(world, epoch, step, per_rank));
        single_optimizer.zero_grad();
        torch::mse_loss(single(batch[0]), batch[1]).backward();
        single_optimizer.step();
      }
    std::cout << world << " rank(s), " << per_rank << " samples per rank and step\n";
    print_parameters("data-parallel", model);
    print_parameters("one process", single);
    float worst = 0;
    for (size_t i = 0; i < 2; ++i)
      worst = std::max(worst, (model->parameters()[i] - single->parameters()[i]).abs().max().item<float>());
    std::cout << "max |difference| " << worst << (worst < 1e-5f ? "  (equal to float tolerance)" : "  (DIFFERENT)") << "\n";
  }
}

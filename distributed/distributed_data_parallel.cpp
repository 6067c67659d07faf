#include "distributed_data_parallel.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "../autograd/base/error.h"
#include "../autograd/tensor/factories.h"
#include "../autograd/graph/grad_mode.h"
#include "../nn/module.h"
#include "collectives.h"
#include "process_group.h"

namespace xg::distributed {

namespace {

constexpr double kFirstBucketCapMb = 1;  // torch's _DEFAULT_FIRST_BUCKET_BYTES

/// The gradients of a few parameters of one dtype, reduced as one flat tensor.
struct Bucket {
  std::vector<size_t> members;   // indices into the reducer's parameters
  std::vector<int64_t> offsets;  // where each member starts in `flat`
  int64_t numel = 0;
  Tensor flat;                   // [numel]
  size_t waiting = 0;            // members whose gradient this pass has not produced yet
  Work work;
};

}  // namespace

class DistributedDataParallel::Reducer {
 public:
  Reducer(std::vector<Tensor> parameters, double bucket_cap_mb) {
    std::set<const TensorImpl*> seen;  // a shared (tied) parameter is reduced once
    for (Tensor& p : parameters)
      if (p.requires_grad() && seen.insert(p.unsafeGetTensorImpl()).second) parameters_.push_back(std::move(p));
    bucket_of_.resize(parameters_.size());
    make_buckets(bucket_cap_mb);
    ready_.assign(parameters_.size(), false);
    reset();
    for (size_t i = 0; i < parameters_.size(); ++i)
      hooks_.push_back(parameters_[i].register_post_accumulate_grad_hook([this, i](const Tensor&) { mark_ready(i); }));
  }

  ~Reducer() {
    for (size_t i = 0; i < parameters_.size(); ++i) parameters_[i].remove_hook(hooks_[i]);
  }

  int64_t num_buckets() const { return static_cast<int64_t>(buckets_.size()); }

  /// Starts every bucket not started yet, in order, then waits for all.
  void synchronize() {
    if (next_bucket_ == 0 && std::none_of(ready_.begin(), ready_.end(), [](bool r) { return r; })) return;
    while (next_bucket_ < buckets_.size()) start(next_bucket_++);
    finish();
  }

 private:
  /// Groups the parameters, last first, into buckets by dtype and size.
  void make_buckets(double bucket_cap_mb) {
    std::map<ScalarType, size_t> open;  // dtype -> the bucket being filled
    for (size_t k = parameters_.size(); k-- > 0;) {
      const Tensor& p = parameters_[k];
      const double cap_bytes = (buckets_.empty() ? std::min(bucket_cap_mb, kFirstBucketCapMb) : bucket_cap_mb) *
                               1024 * 1024;
      auto it = open.find(p.scalar_type());
      const auto bytes_with_p = [&](const Bucket& bucket) {
        return static_cast<double>((bucket.numel + p.numel()) * static_cast<int64_t>(p.element_size()));
      };
      if (it == open.end() || bytes_with_p(buckets_[it->second]) > cap_bytes) {
        buckets_.emplace_back();
        it = open.insert_or_assign(p.scalar_type(), buckets_.size() - 1).first;
      }
      Bucket& bucket = buckets_[it->second];
      bucket.members.push_back(k);
      bucket.offsets.push_back(bucket.numel);
      bucket.numel += p.numel();
    }
    for (size_t b = 0; b < buckets_.size(); ++b) {
      const Tensor& first = parameters_[buckets_[b].members[0]];
      buckets_[b].flat = zeros({buckets_[b].numel}, TensorOptions().dtype(first.scalar_type()));
      for (size_t k : buckets_[b].members) bucket_of_[k] = b;
    }
  }

  /// Runs in the parameter's post-accumulate-grad hook, during backward.
  void mark_ready(size_t k) {
    XG_CHECK(!ready_[k], "DistributedDataParallel",
             "parameter ", k, " received a second gradient before the gradients of the previous backward pass were "
             "averaged; when some parameters get no gradient, call synchronize() after each backward()");
    ready_[k] = true;
    --buckets_[bucket_of_[k]].waiting;
    while (next_bucket_ < buckets_.size() && buckets_[next_bucket_].waiting == 0) start(next_bucket_++);
    if (next_bucket_ == buckets_.size()) {
      finish();
    } else {
      for (size_t b = 0; b < next_bucket_; ++b) buckets_[b].work.is_completed();  // lets MPI progress
    }
  }

  /// Copies the bucket's gradients into its flat buffer and starts averaging it.
  void start(size_t b) {
    NoGradGuard no_grad;
    Bucket& bucket = buckets_[b];
    for (size_t m = 0; m < bucket.members.size(); ++m) {
      const Tensor& p = parameters_[bucket.members[m]];
      Tensor slot = bucket.flat.narrow(0, bucket.offsets[m], p.numel());
      if (p.grad().defined()) slot.copy_(p.grad().reshape({-1}));
      else slot.zero_();
    }
    bucket.work = all_reduce_async(bucket.flat, ReduceOp::AVG);
  }

  /// Waits for every bucket and writes the averages into the gradients.
  void finish() {
    NoGradGuard no_grad;
    for (Bucket& bucket : buckets_) {
      bucket.work.wait();
      for (size_t m = 0; m < bucket.members.size(); ++m) {
        const Tensor& p = parameters_[bucket.members[m]];
        Tensor average = bucket.flat.narrow(0, bucket.offsets[m], p.numel()).view(p.sizes());
        if (p.grad().defined()) p.mutable_grad().copy_(average);
        else p.mutable_grad() = average.clone();
      }
    }
    reset();
  }

  void reset() {
    std::fill(ready_.begin(), ready_.end(), false);
    for (Bucket& bucket : buckets_) bucket.waiting = bucket.members.size();
    next_bucket_ = 0;
  }

  std::vector<Tensor> parameters_;  // those that require grad
  std::vector<unsigned> hooks_;     // one per parameter
  std::vector<Bucket> buckets_;     // in the order they start
  std::vector<size_t> bucket_of_;   // per parameter: its bucket
  std::vector<bool> ready_;         // per parameter: its gradient of this pass has arrived
  size_t next_bucket_ = 0;          // the next bucket to start
};

DistributedDataParallel::DistributedDataParallel(const nn::Module& module, DistributedDataParallelOptions options)
    : DistributedDataParallel(module.parameters(), module.buffers(), options) {}

DistributedDataParallel::DistributedDataParallel(std::vector<Tensor> parameters, std::vector<Tensor> buffers,
                                                 DistributedDataParallelOptions options) {
  XG_CHECK(options.bucket_cap_mb() > 0, "DistributedDataParallel", "bucket_cap_mb must be positive, got ",
           options.bucket_cap_mb());
  get_world_size();  // throws before init_process_group
  for (const Tensor& p : parameters) broadcast(p, 0);
  for (const Tensor& b : buffers) broadcast(b, 0);
  reducer_ = std::make_unique<Reducer>(std::move(parameters), options.bucket_cap_mb());
}

DistributedDataParallel::~DistributedDataParallel() = default;

void DistributedDataParallel::synchronize() { reducer_->synchronize(); }

int64_t DistributedDataParallel::num_buckets() const { return reducer_->num_buckets(); }

}  // namespace xg::distributed

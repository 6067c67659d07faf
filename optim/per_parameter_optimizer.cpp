#include "per_parameter_optimizer.h"

namespace xg {
namespace optim {

void ParamStateCache::begin(const StateMap& state) {
  if (!ended_ || !unchanged(state)) {
    by_position_.clear();
    recorded_.clear();
  }
  ended_ = false;
  learned_ = false;
}

void ParamStateCache::end(const StateMap& state) {
  if (learned_) {
    recorded_.clear();
    recorded_.reserve(state.size());
    for (const auto& [key, object] : state) recorded_.emplace_back(key, object.get());
  }
  ended_ = true;
}

bool ParamStateCache::unchanged(const StateMap& state) const {
  if (state.size() != recorded_.size()) return false;
  size_t i = 0;
  for (const auto& [key, object] : state) {
    if (object.get() != recorded_[i].second || key != recorded_[i].first) return false;
    ++i;
  }
  return true;
}

}  // namespace optim
}  // namespace xg

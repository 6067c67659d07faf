#include "serialize.h"

#include <map>
#include <set>
#include <sstream>

#include "../autograd/graph/grad_mode.h"

namespace xg {

namespace {

/// A tensor to load: its name in the checkpoint and the handle that receives it.
struct Target {
  std::string name;
  Tensor* tensor;
};

template <class... Parts>
std::string text(const Parts&... parts) {
  std::ostringstream out;
  (out << ... << parts);
  return out.str();
}

std::vector<Target> positional_targets(std::vector<Tensor>& tensors) {
  std::vector<Target> targets;
  for (size_t i = 0; i < tensors.size(); ++i) targets.push_back({"arr_" + std::to_string(i), &tensors[i]});
  return targets;
}

/// Names the tensors of a checkpoint, for messages: "weight, bias" (the first 20).
std::string list_names(const serialize::NamedTensors& checkpoint) {
  std::string names;
  for (size_t i = 0; i < checkpoint.size() && i < 20; ++i) names += (i ? ", " : "") + checkpoint[i].first;
  if (checkpoint.size() > 20) names += ", ...";
  return checkpoint.empty() ? "nothing" : names;
}

/// Checks every target against the checkpoint, then fills them all: a defined target
/// receives the values in place, an undefined one becomes the loaded tensor. Throws,
/// having changed nothing, when anything does not match.
void fill_targets(const serialize::NamedTensors& checkpoint, const std::vector<Target>& targets,
                  const std::string& path, bool strict) {
  std::map<std::string, const Tensor*> saved_by_name;
  for (const auto& [name, tensor] : checkpoint) saved_by_name[name] = &tensor;

  std::vector<std::string> problems;
  std::vector<const Tensor*> sources;
  std::set<std::string> wanted;
  bool missing = false;
  for (const Target& target : targets) {
    XG_CHECK(wanted.insert(target.name).second, "load", "two targets are named '", target.name, "'");
    const auto found = saved_by_name.find(target.name);
    if (found == saved_by_name.end()) {
      problems.push_back(text("has no ", target.name));
      missing = true;
      sources.push_back(nullptr);
      continue;
    }
    const Tensor& saved = *found->second;
    const Tensor& into = *target.tensor;
    if (into.defined() && saved.scalar_type() != into.scalar_type()) {
      problems.push_back(text("has ", target.name, " with dtype ", saved.scalar_type(), ", expected ", into.scalar_type()));
    }
    if (into.defined() && saved.sizes() != into.sizes()) {
      problems.push_back(text("has ", target.name, " with shape ", saved.sizes(), ", expected ", into.sizes()));
    }
    sources.push_back(&saved);
  }
  if (strict) {
    for (const auto& [name, tensor] : checkpoint) {
      if (wanted.count(name) == 0) problems.push_back(text("has unexpected ", name));
    }
  }
  if (!problems.empty()) {
    std::string message = "checkpoint '" + path + "' ";
    for (size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
    if (missing) message += " (it holds " + list_names(checkpoint) + ")";
    detail::fail("load", message);
  }

  NoGradGuard no_grad;  // loading is not part of any graph, and parameters are leaves that require grad
  for (size_t i = 0; i < targets.size(); ++i) {
    Tensor& into = *targets[i].tensor;
    if (into.defined()) {
      into.copy_(*sources[i]);
    } else {
      into = *sources[i];
    }
  }
}

}  // namespace

void save(const Tensor& tensor, const std::string& path) { serialize::save_named({{"arr_0", tensor}}, path); }

void save(const std::vector<Tensor>& tensors, const std::string& path) {
  serialize::NamedTensors named;
  for (size_t i = 0; i < tensors.size(); ++i) named.emplace_back("arr_" + std::to_string(i), tensors[i]);
  serialize::save_named(named, path);
}

void load(Tensor& tensor, const std::string& path) {
  const serialize::NamedTensors checkpoint = serialize::load_named(path);
  XG_CHECK(checkpoint.size() == 1, "load", "checkpoint '", path, "' holds ", checkpoint.size(), " tensors (",
           list_names(checkpoint), "); load(Tensor&) reads a checkpoint of exactly one");
  fill_targets(checkpoint, {{checkpoint[0].first, &tensor}}, path, true);
}

void load(std::vector<Tensor>& tensors, const std::string& path) {
  const serialize::NamedTensors checkpoint = serialize::load_named(path);
  if (tensors.empty()) {
    for (const auto& [name, tensor] : checkpoint) tensors.push_back(tensor);
    return;
  }
  fill_targets(checkpoint, positional_targets(tensors), path, true);
}

namespace serialize {

void save_named(const NamedTensors& tensors, const std::string& path) { write_npz(tensors, path); }

NamedTensors load_named(const std::string& path) { return read_npz(path); }

void load_named_into(const NamedTensors& targets, const std::string& path, bool strict) {
  std::vector<Tensor> handles;  // copies of the handles share the targets' storage
  std::vector<Target> checked;
  handles.reserve(targets.size());
  for (const auto& [name, tensor] : targets) {
    XG_CHECK(tensor.defined(), "load", "cannot load '", path, "' into '", name, "': the target tensor is undefined");
    handles.push_back(tensor);
    checked.push_back({name, &handles.back()});
  }
  fill_targets(read_npz(path), checked, path, strict);
}

}  // namespace serialize
}  // namespace xg

#pragma once
// OrderedDict: a map that remembers insertion order, as torch::OrderedDict.
//
// Modules keep their parameters, buffers and submodules in one, and
// named_parameters() returns one, so user code reads
//
//   for (const auto& item : model->named_parameters())
//     std::cout << item.key() << ": " << item.value().sizes() << '\n';
//   Tensor w = model->named_parameters()["fc1.weight"];
//
// Items live in a vector (iteration order = insertion order); an index from
// key to position makes lookup by key fast.

#include <initializer_list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "../autograd/base/error.h"

namespace xg {

template <class Key, class Value>
class OrderedDict {
 public:
  /// One entry: key() and value(); *item and item-> reach the value.
  class Item {
   public:
    Item(Key key, Value value) : pair_(std::move(key), std::move(value)) {}
    const Key& key() const noexcept { return pair_.first; }
    Value& value() noexcept { return pair_.second; }
    const Value& value() const noexcept { return pair_.second; }
    Value& operator*() { return value(); }
    const Value& operator*() const { return value(); }
    Value* operator->() { return &value(); }
    const Value* operator->() const { return &value(); }
    const std::pair<Key, Value>& pair() const noexcept { return pair_; }

   private:
    std::pair<Key, Value> pair_;
  };
  using Iterator = typename std::vector<Item>::iterator;
  using ConstIterator = typename std::vector<Item>::const_iterator;

  /// `key_description` names keys in error messages ("Parameter 'w' is not defined").
  explicit OrderedDict(std::string key_description = "Key") : key_description_(std::move(key_description)) {}
  OrderedDict(std::initializer_list<Item> items) {
    for (const Item& item : items) insert(item.key(), item.value());
  }

  const std::string& key_description() const noexcept { return key_description_; }

  // ---- Access ------------------------------------------------------------------------
  Item& front() { return at_position(0, "front"); }
  const Item& front() const { return const_cast<OrderedDict*>(this)->front(); }
  Item& back() { return at_position(items_.empty() ? 0 : items_.size() - 1, "back"); }
  const Item& back() const { return const_cast<OrderedDict*>(this)->back(); }
  /// The item at a position (insertion order).
  Item& operator[](size_t index) { return at_position(index, "operator[]"); }
  const Item& operator[](size_t index) const { return const_cast<OrderedDict*>(this)->at_position(index, "operator[]"); }
  /// The value under a key; an error if there is none.
  Value& operator[](const Key& key) {
    if (Value* value = find(key)) return *value;
    detail::fail("OrderedDict", key_description_, " '", key, "' is not defined");
  }
  const Value& operator[](const Key& key) const { return (*const_cast<OrderedDict*>(this))[key]; }
  /// A pointer to the value under a key, or nullptr.
  Value* find(const Key& key) noexcept {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &items_[it->second].value();
  }
  const Value* find(const Key& key) const noexcept { return const_cast<OrderedDict*>(this)->find(key); }
  bool contains(const Key& key) const noexcept { return index_.count(key) != 0; }

  Iterator begin() { return items_.begin(); }
  ConstIterator begin() const { return items_.begin(); }
  Iterator end() { return items_.end(); }
  ConstIterator end() const { return items_.end(); }
  size_t size() const noexcept { return items_.size(); }
  bool is_empty() const noexcept { return items_.empty(); }
  void reserve(size_t capacity) {
    items_.reserve(capacity);
    index_.reserve(capacity);
  }

  // ---- Modification ----------------------------------------------------------------------
  /// Adds a new item; an error if the key is already there.
  template <class K, class V>
  Value& insert(K&& key, V&& value) {
    XG_CHECK(index_.count(key) == 0, "OrderedDict", key_description_, " '", key, "' already defined");
    items_.emplace_back(Key(std::forward<K>(key)), Value(std::forward<V>(value)));
    index_.emplace(items_.back().key(), items_.size() - 1);
    return items_.back().value();
  }
  /// Inserts every item of `other` (keys must be new).
  void update(const OrderedDict& other) {
    for (const Item& item : other) insert(item.key(), item.value());
  }
  void erase(const Key& key) {
    auto it = index_.find(key);
    XG_CHECK(it != index_.end(), "OrderedDict", key_description_, " '", key, "' is not defined");
    const size_t position = it->second;
    index_.erase(it);
    items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(position));
    for (auto& entry : index_)
      if (entry.second > position) --entry.second;
  }
  void clear() {
    index_.clear();
    items_.clear();
  }

  // ---- Copies out --------------------------------------------------------------------------
  const std::vector<Item>& items() const noexcept { return items_; }
  std::vector<Key> keys() const {
    std::vector<Key> result;
    result.reserve(items_.size());
    for (const Item& item : items_) result.push_back(item.key());
    return result;
  }
  std::vector<Value> values() const {
    std::vector<Value> result;
    result.reserve(items_.size());
    for (const Item& item : items_) result.push_back(item.value());
    return result;
  }
  std::vector<std::pair<Key, Value>> pairs() const {
    std::vector<std::pair<Key, Value>> result;
    result.reserve(items_.size());
    for (const Item& item : items_) result.push_back(item.pair());
    return result;
  }

 private:
  Item& at_position(size_t index, const char* what) {
    XG_CHECK(index < items_.size(), "OrderedDict", what, ": index ", index, " is out of bounds for ",
             items_.size(), " items");
    return items_[index];
  }

  std::unordered_map<Key, size_t> index_;
  std::vector<Item> items_;
  std::string key_description_ = "Key";
};

}  // namespace xg

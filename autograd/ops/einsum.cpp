// einsum, written with other differentiable ops (diagonal, permute, unsqueeze, sum,
// bmm, mul), as LibTorch 1.13 writes it: its gradient and its graph are theirs.
//
// Every operand is first brought to one common layout, one dim per "slot": the output's
// dims first (in output order, the ellipsis' dims where the output puts them), then the
// contracted labels. A repeated label in an operand becomes a diagonal; a label an operand
// lacks becomes a dim of size 1. The operands then multiply by broadcasting, contracted
// pairwise left to right, each pair as one bmm over the dims they share.

#include <algorithm>
#include <array>
#include <string>

#include "op_support.h"

namespace xg {

namespace {

constexpr int kLabels = 52;  // A-Z, then a-z: implicit outputs list labels in this order
constexpr int kNoSlot = -1;

bool is_label(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
int label_index(char c) { return c <= 'Z' ? c - 'A' : c - 'a' + 26; }
char label_char(int l) { return static_cast<char>(l < 26 ? 'A' + l : 'a' + l - 26); }

// One operand's (or the output's) subscripts: its labels, and where the ellipsis stands.
struct Subscripts {
  std::vector<int> labels;
  int64_t ellipsis_at = -1;  // index into labels before which "..." stands; -1: none
};

Subscripts parse_subscripts(std::string_view equation, size_t begin, size_t end, const std::string& whose) {
  Subscripts s;
  for (size_t i = begin; i < end; ++i) {
    const char c = equation[i];
    if (c == ' ') continue;
    if (c == '.') {
      XG_CHECK(s.ellipsis_at < 0, "einsum", "found '.' for ", whose, " for which an ellipsis was already found");
      XG_CHECK(i + 2 < end && equation[i + 1] == '.' && equation[i + 2] == '.', "einsum", "found '.' for ", whose,
               " that is not part of any ellipsis");
      s.ellipsis_at = static_cast<int64_t>(s.labels.size());
      i += 2;
      continue;
    }
    XG_CHECK(is_label(c), "einsum", "invalid subscript given at index ", i,
             " in the equation string, subscripts must be in [a-zA-Z]");
    s.labels.push_back(label_index(c));
  }
  return s;
}

// The output's dims and the contracted ones, and the slot each label or ellipsis dim takes.
struct Layout {
  std::array<int, kLabels> slot_of_label;
  std::vector<int> ellipsis_slots;  // the slot of each ellipsis dim (right-aligned, as broadcasting)
  int64_t out_dims = 0, slots = 0;
};

Layout plan_layout(const std::vector<Subscripts>& inputs, const std::optional<Subscripts>& output, int64_t ellipsis_dims) {
  std::array<int, kLabels> count{};
  for (const Subscripts& in : inputs)
    for (int l : in.labels) ++count[l];
  Layout layout;
  layout.slot_of_label.fill(kNoSlot);
  int next = 0;
  auto place_ellipsis = [&] {
    for (int64_t k = 0; k < ellipsis_dims; ++k) layout.ellipsis_slots.push_back(next++);
  };
  if (output) {
    for (size_t i = 0; i <= output->labels.size(); ++i) {
      if (static_cast<int64_t>(i) == output->ellipsis_at) place_ellipsis();
      if (i == output->labels.size()) break;
      const int l = output->labels[i];
      XG_CHECK(count[l] > 0, "einsum", "output subscript ", label_char(l),
               " does not appear in the equation for any input operand");
      XG_CHECK(layout.slot_of_label[l] == kNoSlot, "einsum", "output subscript ", label_char(l),
               " appears more than once in the output");
      layout.slot_of_label[l] = next++;
    }
  } else {  // implicit output: the ellipsis' dims, then the labels seen once, in order
    place_ellipsis();
    for (int l = 0; l < kLabels; ++l)
      if (count[l] == 1) layout.slot_of_label[l] = next++;
  }
  layout.out_dims = next;
  if (layout.ellipsis_slots.empty()) place_ellipsis();  // an ellipsis missing from the output is summed
  for (int l = 0; l < kLabels; ++l)
    if (count[l] > 0 && layout.slot_of_label[l] == kNoSlot) layout.slot_of_label[l] = next++;
  layout.slots = next;
  return layout;
}

// What takes a slot, for error messages: "subscript j", or "the ellipsis' dim 0".
std::string slot_name(const Layout& layout, int slot) {
  const auto label = std::find(layout.slot_of_label.begin(), layout.slot_of_label.end(), slot);
  if (label != layout.slot_of_label.end())
    return std::string("subscript ") + label_char(static_cast<int>(label - layout.slot_of_label.begin()));
  const auto k = std::find(layout.ellipsis_slots.begin(), layout.ellipsis_slots.end(), slot) - layout.ellipsis_slots.begin();
  return "the ellipsis' dim " + std::to_string(k);
}

// The operand with one dim per slot: repeated labels taken as diagonals, dims permuted
// into slot order, size-1 dims where the operand lacks a slot.
Tensor to_layout(const Tensor& operand, const Subscripts& subs, const Layout& layout, int64_t index) {
  const int64_t labels = static_cast<int64_t>(subs.labels.size());
  const int64_t ellipsis_dims = subs.ellipsis_at < 0 ? 0 : operand.dim() - labels;
  const int64_t first_ellipsis = static_cast<int64_t>(layout.ellipsis_slots.size()) - ellipsis_dims;
  std::vector<int> slot_of_dim;
  for (int64_t i = 0; i < labels; ++i) {
    if (i == subs.ellipsis_at)
      for (int64_t k = 0; k < ellipsis_dims; ++k) slot_of_dim.push_back(layout.ellipsis_slots[first_ellipsis + k]);
    slot_of_dim.push_back(layout.slot_of_label[subs.labels[i]]);
  }
  if (subs.ellipsis_at == labels)
    for (int64_t k = 0; k < ellipsis_dims; ++k) slot_of_dim.push_back(layout.ellipsis_slots[first_ellipsis + k]);

  Tensor t = operand;
  for (int64_t a = 0; a < static_cast<int64_t>(slot_of_dim.size()); ++a) {
    for (int64_t b = a + 1; b < static_cast<int64_t>(slot_of_dim.size()); ++b) {
      if (slot_of_dim[b] != slot_of_dim[a]) continue;
      XG_CHECK(t.size(a) == t.size(b), "einsum", slot_name(layout, slot_of_dim[a]), " is repeated for operand ", index,
               " but the sizes don't match, ", t.size(a), " != ", t.size(b));
      t = t.diagonal(0, a, b);  // the diagonal becomes the last dim
      const int slot = slot_of_dim[a];
      slot_of_dim.erase(slot_of_dim.begin() + b);
      slot_of_dim.erase(slot_of_dim.begin() + a);
      slot_of_dim.push_back(slot);
      b = a;  // dim a now holds the next dim: look again from there
    }
  }
  SizeVector perm;
  for (int slot = 0; slot < layout.slots; ++slot) {
    const auto at = std::find(slot_of_dim.begin(), slot_of_dim.end(), slot);
    if (at != slot_of_dim.end()) perm.push_back(at - slot_of_dim.begin());
  }
  t = t.permute(perm);
  for (int slot = 0; slot < layout.slots; ++slot)
    if (std::find(slot_of_dim.begin(), slot_of_dim.end(), slot) == slot_of_dim.end()) t = t.unsqueeze(slot);
  return t;
}

int64_t product_of(const Tensor& t, const SizeVector& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= t.size(d);
  return n;
}

// sum over `summed` of left * right, two operands in the common layout, keeping every dim:
// the dims both have (batch), only left has, only right has, and the summed ones become one
// bmm [batch, left, summed] x [batch, summed, right].
Tensor sum_product(Tensor left, Tensor right, const std::vector<bool>& summed) {
  SizeVector left_sums, right_sums;
  for (int64_t d = 0; d < left.dim(); ++d) {
    if (!summed[d]) continue;
    if (left.size(d) != 1 && right.size(d) == 1) left_sums.push_back(d);
    if (left.size(d) == 1 && right.size(d) != 1) right_sums.push_back(d);
  }
  if (!left_sums.empty()) left = left.sum(left_sums, true);
  if (!right_sums.empty()) right = right.sum(right_sums, true);
  SizeVector batch, left_only, right_only, sums;
  for (int64_t d = 0; d < left.dim(); ++d) {
    const bool in_left = left.size(d) != 1, in_right = right.size(d) != 1;
    if (summed[d] && in_left) sums.push_back(d);  // in both, after the sums above
    else if (in_left && in_right) batch.push_back(d);
    else if (in_right) right_only.push_back(d);
    else left_only.push_back(d);  // left's, or size 1 in both
  }
  if (sums.empty()) return left * right;
  const int64_t nb = product_of(left, batch), nl = product_of(left, left_only), ns = product_of(left, sums),
                nr = product_of(right, right_only);
  auto concat = [](std::initializer_list<const SizeVector*> parts) {
    SizeVector all;
    for (const SizeVector* p : parts) all.insert(all.end(), p->begin(), p->end());
    return all;
  };
  const Tensor l = left.permute(concat({&batch, &left_only, &sums, &right_only})).reshape({nb, nl, ns});
  const Tensor r = right.permute(concat({&batch, &sums, &right_only, &left_only})).reshape({nb, ns, nr});
  // The product's dims in the order batch, left_only, sums (size 1 now), right_only; then back.
  const SizeVector order = concat({&batch, &left_only, &sums, &right_only});
  SizeVector sizes, inverse(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    const int64_t d = order[i];
    sizes.push_back(summed[d] ? 1 : std::max(left.size(d), right.size(d)));
    inverse[d] = static_cast<int64_t>(i);
  }
  return bmm(l, r).view(sizes).permute(inverse);
}

}  // namespace

/// Sums of products over the labels of a subscript equation, "ij,jk->ik" (mm), "ii->i"
/// (diagonal), "...ij,...jk->...ik" (batched, broadcast); without "->" the output is the
/// labels seen once, in alphabetical order. Written with diagonal, permute, sum, bmm and
/// mul, whose gradients make up its own.
Tensor einsum(std::string_view equation, TensorList tensors) {
  XG_CHECK(!tensors.empty(), "einsum", "must provide at least one operand");
  const size_t arrow = equation.find("->");
  const size_t lhs_end = arrow == std::string_view::npos ? equation.size() : arrow;
  std::vector<Subscripts> inputs;
  for (size_t begin = 0;;) {
    const size_t comma = std::min(equation.find(',', begin), lhs_end);
    const int64_t index = static_cast<int64_t>(inputs.size());
    XG_CHECK(index < static_cast<int64_t>(tensors.size()), "einsum",
             "fewer operands were provided than specified in the equation");
    inputs.push_back(parse_subscripts(equation, begin, comma, "operand " + std::to_string(index)));
    if (comma == lhs_end) break;
    begin = comma + 1;
  }
  XG_CHECK(inputs.size() == tensors.size(), "einsum", "more operands were provided than specified in the equation");
  std::optional<Subscripts> output;
  if (arrow != std::string_view::npos) output = parse_subscripts(equation, arrow + 2, equation.size(), "the output");

  int64_t ellipsis_dims = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const int64_t labels = static_cast<int64_t>(inputs[i].labels.size()), dims = tensors[i].dim();
    if (inputs[i].ellipsis_at < 0) {
      XG_CHECK(labels == dims, "einsum", "the number of subscripts in the equation (", labels,
               ") does not match the number of dimensions (", dims, ") for operand ", i, " and no ellipsis was given");
    } else {
      XG_CHECK(labels <= dims, "einsum", "the number of subscripts in the equation (", labels,
               ") is more than the number of dimensions (", dims, ") for operand ", i);
      ellipsis_dims = std::max(ellipsis_dims, dims - labels);
    }
    XG_CHECK(tensors[i].scalar_type() == tensors[0].scalar_type(), "einsum", "expected all operands to have the same dtype, but got ",
             tensors[0].scalar_type(), " and ", tensors[i].scalar_type());
  }
  const Layout layout = plan_layout(inputs, output, ellipsis_dims);

  std::vector<Tensor> ops;
  for (size_t i = 0; i < inputs.size(); ++i) ops.push_back(to_layout(tensors[i], inputs[i], layout, static_cast<int64_t>(i)));
  for (int64_t d = 0; d < layout.slots; ++d) {  // sizes of one slot agree, or broadcast from 1
    int64_t size = 1;
    for (size_t i = 0; i < ops.size(); ++i) {
      const int64_t s = ops[i].size(d);
      XG_CHECK(s == 1 || size == 1 || s == size, "einsum", slot_name(layout, static_cast<int>(d)), " has size ", s,
               " for operand ", i, " which does not broadcast with previously seen size ", size);
      if (s != 1) size = s;
    }
  }
  // A contracted slot is summed with the last operand that has it (size > 1): alone, by sum;
  // with the running product, inside sum_product.
  std::vector<int64_t> last_with(static_cast<size_t>(layout.slots), -1);
  for (size_t i = 0; i < ops.size(); ++i)
    for (int64_t d = layout.out_dims; d < layout.slots; ++d)
      if (ops[i].size(d) != 1) last_with[d] = static_cast<int64_t>(i);
  auto summed_at = [&](int64_t step) {
    std::vector<bool> summed(static_cast<size_t>(layout.slots), false);
    for (int64_t d = layout.out_dims; d < layout.slots; ++d) summed[d] = last_with[d] == step;
    return summed;
  };
  if (ops.size() == 1) {  // one operand: sum its contracted slots away
    SizeVector contracted;
    for (int64_t d = layout.out_dims; d < layout.slots; ++d) contracted.push_back(d);
    return contracted.empty() ? ops[0] : ops[0].sum(contracted);
  }
  for (size_t i = 0; i < ops.size(); ++i) {  // the slots only operand i has: summed first, keeping dims
    SizeVector alone;
    for (int64_t d = layout.out_dims; d < layout.slots; ++d) {
      bool shared = false;
      for (size_t j = 0; j < ops.size(); ++j) shared = shared || (j != i && ops[j].size(d) != 1);
      if (ops[i].size(d) != 1 && !shared) alone.push_back(d);
    }
    if (!alone.empty()) ops[i] = ops[i].sum(alone, true);
  }
  Tensor result = ops[0];
  for (size_t i = 1; i < ops.size(); ++i) result = sum_product(result, ops[i], summed_at(static_cast<int64_t>(i)));
  // The contracted slots are all of size 1 now: a view drops them.
  const SizeVector out_sizes(result.sizes().begin(), result.sizes().begin() + layout.out_dims);
  return result.dim() == layout.out_dims ? result : result.view(out_sizes);
}

}  // namespace xg

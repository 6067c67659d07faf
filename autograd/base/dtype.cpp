#include "dtype.h"

namespace xg {

const char* toString(ScalarType t) {
  switch (t) {
    case ScalarType::Bool: return "Bool";
    case ScalarType::Long: return "Long";
    case ScalarType::Float: return "Float";
    case ScalarType::Double: return "Double";
  }
  return "Unknown";
}

std::ostream& operator<<(std::ostream& out, ScalarType t) { return out << toString(t); }

size_t elementSize(ScalarType t) {
  return dispatch_all(t, [](auto tag) { return sizeof(typename decltype(tag)::type); });
}

}  // namespace xg

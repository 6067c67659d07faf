#include "dtype.h"

namespace xg {

const char* toString(ScalarType t) {
  switch (t) {
    case ScalarType::Byte: return "Byte";
    case ScalarType::Char: return "Char";
    case ScalarType::Short: return "Short";
    case ScalarType::Int: return "Int";
    case ScalarType::Long: return "Long";
    case ScalarType::Float: return "Float";
    case ScalarType::Double: return "Double";
    case ScalarType::Bool: return "Bool";
  }
  return "Unknown";
}

std::ostream& operator<<(std::ostream& out, ScalarType t) { return out << toString(t); }

size_t elementSize(ScalarType t) {
  return dispatch_all(t, [](auto tag) { return sizeof(typename decltype(tag)::type); });
}

}  // namespace xg

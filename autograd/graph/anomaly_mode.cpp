#include "anomaly_mode.h"

#include <cctype>
#include <cstdlib>
#include <sstream>

#if __has_include(<execinfo.h>) && __has_include(<cxxabi.h>)
#include <cxxabi.h>
#include <execinfo.h>
#define XG_HAVE_BACKTRACE 1
#endif

#include "../tensor/factories.h"
#include "grad_mode.h"

namespace xg::autograd {

namespace {

constexpr int max_frames = 32;

// "DivBackward0" -> "div", "LogSoftmaxBackward0" -> "log_softmax"; a custom
// Function's node carries the class name, whose forward is Name::apply.
std::string forward_op_name(const std::string& node_name) {
  const size_t backward = node_name.rfind("Backward");
  if (backward == std::string::npos || backward == 0) return node_name + "::apply";
  std::string op;
  for (size_t i = 0; i < backward; ++i) {
    const char c = node_name[i];
    if (std::isupper(static_cast<unsigned char>(c)) && i > 0) op += '_';
    op += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return op;
}

// One line per frame: the demangled function name where the symbol is known, and the address.
std::string format_frames(const std::vector<void*>& frames) {
  std::ostringstream out;
#ifdef XG_HAVE_BACKTRACE
  char** symbols = ::backtrace_symbols(frames.data(), static_cast<int>(frames.size()));
  for (size_t i = 0; i < frames.size(); ++i) {
    std::string line = symbols ? symbols[i] : "?";
    // glibc writes "object(mangled+0x1f) [0x55...]"; demangle the middle part.
    const size_t open = line.find('('), plus = line.find('+', open == std::string::npos ? 0 : open);
    if (open != std::string::npos && plus != std::string::npos && plus > open + 1) {
      const std::string mangled = line.substr(open + 1, plus - open - 1);
      int status = 0;
      char* demangled = abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status);
      if (status == 0 && demangled) line = line.substr(0, open + 1) + demangled + line.substr(plus);
      std::free(demangled);
    }
    out << "\n    #" << i << ' ' << line;
  }
  std::free(symbols);
#else
  for (size_t i = 0; i < frames.size(); ++i) out << "\n    #" << i << ' ' << frames[i];
#endif
  return out.str();
}

}  // namespace

std::shared_ptr<AnomalyMetadata> capture_anomaly_metadata() {
  auto metadata = std::make_shared<AnomalyMetadata>();
#ifdef XG_HAVE_BACKTRACE
  void* frames[max_frames];
  const int n = ::backtrace(frames, max_frames);
  metadata->frames.assign(frames + (n > 0 ? 1 : 0), frames + n);  // not this function itself
#endif
  return metadata;
}

void note_forward_inputs(AnomalyMetadata& metadata, const std::vector<const Tensor*>& arguments) {
  std::ostringstream out;
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (i > 0) out << ", ";
    const Tensor* t = arguments[i];
    if (t == nullptr) {
      out << "non-tensor";
    } else if (!t->defined()) {
      out << "undefined";
    } else {
      out << t->scalar_type() << t->sizes();
    }
  }
  metadata.inputs = out.str();
}

void note_forward_inputs(AnomalyMetadata& metadata, TensorList inputs) {
  std::vector<const Tensor*> arguments;
  for (const Tensor& t : inputs) arguments.push_back(&t);
  note_forward_inputs(metadata, arguments);
}

void check_anomaly(const std::string& node_name, const AnomalyMetadata* metadata, const std::vector<Tensor>& gradients) {
  NoGradGuard no_grad;
  for (size_t i = 0; i < gradients.size(); ++i) {
    const Tensor& g = gradients[i];
    if (!g.defined() || !g.is_floating_point() || isfinite(g).all().item<bool>()) continue;
    const char* what = isnan(g).any().item<bool>() ? "nan" : "inf";
    std::ostringstream message;
    message << "Function '" << node_name << "' returned " << what << " values in its " << i
            << (i == 1 ? "st" : i == 2 ? "nd" : i == 3 ? "rd" : "th") << " output (the gradient w.r.t. input " << i
            << " of the forward op).\n  forward op: " << forward_op_name(node_name);
    if (metadata) {
      message << '(' << metadata->inputs << ")\n  created at:" << format_frames(metadata->frames);
    } else {
      message << "\n  (created before anomaly detection was turned on: no call stack recorded)";
    }
    xg::detail::fail("backward", message.str());
  }
}

}  // namespace xg::autograd

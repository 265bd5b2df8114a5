// Error type thrown by every native routine; the N-API guard maps it to a JS TensorError.
#pragma once
#include <stdexcept>
#include <string>

namespace tg {

enum class Code { kShape, kDtype, kIndex, kGrad, kArgument, kState, kIo };

inline const char* CodeName(Code code) {
  switch (code) {
    case Code::kShape: return "SHAPE";
    case Code::kDtype: return "DTYPE";
    case Code::kIndex: return "INDEX";
    case Code::kGrad: return "GRAD";
    case Code::kArgument: return "ARGUMENT";
    case Code::kState: return "STATE";
    case Code::kIo: return "IO";
  }
  return "ARGUMENT";
}

class Error : public std::runtime_error {
 public:
  Error(Code code, const std::string& message) : std::runtime_error(message), code_(code) {}
  Code code() const { return code_; }

 private:
  Code code_;
};

}  // namespace tg

// Error type thrown by every native routine, and the one mapping of C++ exceptions to the code
// and message of a JS TensorError (used by the N-API guard and the async executor alike).
#pragma once
#include <exception>
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

// What a failed native call reports to JS: a TensorError's code (a static string) and message.
struct ErrorReport {
  const char* code = nullptr;
  std::string message;
};

// tg::Error keeps its code and message; std::bad_alloc is ARGUMENT "out of memory"; any other
// std::exception is ARGUMENT with its what(); anything else ARGUMENT "unknown C++ exception".
// Pass std::current_exception() from a catch (...) block.
ErrorReport ReportException(std::exception_ptr error);

}  // namespace tg

#include "core/error.h"

#include <new>

namespace tg {

ErrorReport ReportException(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const Error& e) {
    return {CodeName(e.code()), e.what()};
  } catch (const std::bad_alloc&) {
    return {"ARGUMENT", "out of memory"};
  } catch (const std::exception& e) {
    return {"ARGUMENT", e.what()};
  } catch (...) {
    // Not ours and not the standard library's; still never allowed to take the process down.
    return {"ARGUMENT", "unknown C++ exception"};
  }
}

}  // namespace tg

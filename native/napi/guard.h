// Wraps every export: a C++ exception becomes a JS TensorError carrying the contract's code
// (ReportException in core/error.h, shared with the async executor), so no input can take the
// process down.
#pragma once
#include <napi.h>

#include "core/error.h"

namespace tg {

struct EnvJobs;  // napi/async_op.cc

// Per-environment state (one per worker thread), kept as N-API instance data.
struct AddonData {
  Napi::FunctionReference tensor_error;          // lib/errors.ts TensorError, handed over by init()
  Napi::Reference<Napi::Float64Array> meta_ref;  // keeps the metadata buffer alive
  const double* meta = nullptr;                  // its elements (V8 does not move them)
  size_t meta_len = 0;
  EnvJobs* async_jobs = nullptr;  // its async ops, from the first one to its cleanup hook
};

void ThrowTensorError(Napi::Env env, const char* code, const std::string& message);

using Handler = Napi::Value (*)(const Napi::CallbackInfo&);

template <Handler F>
Napi::Value Guarded(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  try {
    return F(info);
  } catch (const Napi::Error& e) {
    e.ThrowAsJavaScriptException();  // already a JS exception (from an N-API call): as it is
  } catch (...) {
    const ErrorReport report = ReportException(std::current_exception());
    ThrowTensorError(env, report.code, report.message);
  }
  return env.Undefined();
}

}  // namespace tg

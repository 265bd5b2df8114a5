// Registration of N-API exports: every one guarded (napi/guard.h), every job with a
// synchronous form and an `Async` form that runs on the executor (napi/async_op.h).
#pragma once
#include <napi.h>

#include <string>

#include "napi/async_op.h"
#include "napi/guard.h"

namespace tg {

template <Handler F>
void Export(Napi::Env env, Napi::Object exports, const char* name) {
  exports.Set(name, Napi::Function::New<Guarded<F>>(env, name));
}

// Runs a job factory's work now.
template <auto F>
Napi::Value Sync(const Napi::CallbackInfo& info) {
  F(info)();
  return info.Env().Undefined();
}

// Runs it on the executor thread; returns a Promise.
template <auto F>
Napi::Value Async(const Napi::CallbackInfo& info) {
  return EnqueueAsync(info, Job(F(info)));
}

// Registers `name` (synchronous) and `nameAsync` (a Promise) for a job factory.
template <auto F>
void ExportJob(Napi::Env env, Napi::Object exports, const std::string& name) {
  Export<Sync<F>>(env, exports, name.c_str());
  Export<Async<F>>(env, exports, (name + "Async").c_str());
}

}  // namespace tg

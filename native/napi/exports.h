#pragma once
#include <napi.h>

namespace tg {

// Adds every kernel export (see exports.cc for each one's arguments and metadata) to `exports`.
void RegisterOps(Napi::Env env, Napi::Object exports);

// The random-number jobs (exports_random.cc), called by RegisterOps.
void RegisterRandom(Napi::Env env, Napi::Object exports);
// Each family's exports (exports_<family>.cc), called by RegisterOps.
void RegisterActivations(Napi::Env env, Napi::Object exports);
void RegisterReductions(Napi::Env env, Napi::Object exports);
void RegisterLinalg(Napi::Env env, Napi::Object exports);
void RegisterOptim(Napi::Env env, Napi::Object exports);

}  // namespace tg

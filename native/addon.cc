// Registers the exports, nothing else.
#include <napi.h>

#include "napi/async_op.h"
#include "napi/exports.h"
#include "napi/guard.h"

namespace {

Napi::Object InitAddon(Napi::Env env, Napi::Object exports) {
  env.SetInstanceData<tg::AddonData>(new tg::AddonData());
  tg::TrackEnv(env);
  tg::RegisterOps(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(tensorgrad, InitAddon)

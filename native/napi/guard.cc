#include "napi/guard.h"

namespace tg {

void ThrowTensorError(Napi::Env env, const char* code, const std::string& message) {
  AddonData* data = env.GetInstanceData<AddonData>();
  Napi::Value err;
  if (data && !data->tensor_error.IsEmpty()) {
    err = data->tensor_error.New({Napi::String::New(env, message), Napi::String::New(env, code)});
  } else {
    Napi::Error e = Napi::Error::New(env, message);
    e.Set("code", Napi::String::New(env, code));
    err = e.Value();
  }
  napi_throw(env, err);
}

}  // namespace tg

// Promise variants of the exports: the work runs on the addon's own executor thread (which
// fans out to the thread pool like any kernel), never on libuv's threads or the event loop;
// the result settles the Promise back on the event loop through a thread-safe function.
#pragma once
#include <napi.h>

#include <functional>

namespace tg {

using Job = std::function<void()>;

// Queues `job` (its arguments already unpacked and checked) and returns a Promise that resolves
// when it has run, or rejects with a TensorError. The typed arrays among `info`'s arguments are
// held (not collectable) until then.
Napi::Value EnqueueAsync(const Napi::CallbackInfo& info, Job job);

}  // namespace tg

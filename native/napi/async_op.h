// Promise variants of the exports: the work runs on the addon's own executor thread (which
// fans out to the thread pool like any kernel), never on libuv's threads or the event loop;
// the result settles the Promise back on the event loop through a thread-safe function. An
// environment that ends (a worker exits or is terminated) drops its queued jobs and waits for its
// running one in a cleanup hook, so no job outlives the buffers it uses.
#pragma once
#include <napi.h>

#include <functional>

namespace tg {

using Job = std::function<void()>;

// Queues `job` (its arguments already unpacked and checked) and returns a Promise that resolves
// when it has run, or rejects with a TensorError. The typed arrays among `info`'s arguments are
// held (not collectable) until then.
Napi::Value EnqueueAsync(const Napi::CallbackInfo& info, Job job);

// Counts `env` (a main thread or a worker that loaded the addon) until its cleanup hook; the
// last environment to end joins the executor and pool threads, before Node may unload the addon.
void TrackEnv(Napi::Env env);

}  // namespace tg

#include "napi/async_op.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/parallel.h"
#include "napi/guard.h"

namespace tg {

// One environment's side of the executor: the thread-safe function that settles its jobs on its
// own thread. Created with the environment's first async op, deleted by its cleanup hook.
struct EnvJobs {
  napi_env env;
  napi_threadsafe_function done = nullptr;
  int pending = 0;  // submitted, not yet settled (the environment's thread only)
};

namespace {

// Raw N-API handles, so a job can be dropped without N-API calls when its environment is gone
// (N-API frees an environment's references and promises with it).
struct AsyncJob {
  Job job;
  EnvJobs* owner;
  napi_deferred deferred = nullptr;
  std::vector<napi_ref> held;  // the typed arrays the job reads and writes
  bool failed = false;
  ErrorReport error;  // when failed

  void Release(napi_env env) {
    for (napi_ref ref : held) napi_delete_reference(env, ref);
    held.clear();
  }
};

// Runs jobs one at a time, in submission order, on one thread of the addon's own. An
// environment's cleanup hook (Forget) takes its queued jobs back and waits for its running one,
// so the executor never touches a dead environment's memory or its thread-safe function.
class Executor {
 public:
  void Submit(AsyncJob* job) {
    {
      std::lock_guard<std::mutex> lk(mutex_);
      queue_.push_back(job);
      if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
    }
    ready_.notify_one();
  }

  std::vector<AsyncJob*> Forget(const EnvJobs* owner) {
    std::vector<AsyncJob*> cancelled;
    std::unique_lock<std::mutex> lk(mutex_);
    for (auto it = queue_.begin(); it != queue_.end();) {
      if ((*it)->owner == owner) {
        cancelled.push_back(*it);
        it = queue_.erase(it);
      } else {
        ++it;
      }
    }
    idle_.wait(lk, [&] { return running_ != owner; });
    return cancelled;
  }

  // Joins the thread (no environment is left to submit); Submit starts a new one.
  void Stop() {
    std::thread thread;
    {
      std::lock_guard<std::mutex> lk(mutex_);
      stop_ = true;
      thread.swap(thread_);
    }
    ready_.notify_one();
    if (thread.joinable()) thread.join();
    std::lock_guard<std::mutex> lk(mutex_);
    stop_ = false;
  }

 private:
  void Loop() {
    while (true) {
      AsyncJob* job;
      {
        std::unique_lock<std::mutex> lk(mutex_);
        ready_.wait(lk, [this] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping
        job = queue_.front();
        queue_.pop_front();
        running_ = job->owner;
      }
      try {
        job->job();
      } catch (...) {
        job->failed = true;
        job->error = ReportException(std::current_exception());
      }
      job->job = nullptr;  // drop captured views before settling
      {
        std::lock_guard<std::mutex> lk(mutex_);
        // Still open: the owner's cleanup hook is waiting for running_ to change.
        if (napi_call_threadsafe_function(job->owner->done, job, napi_tsfn_nonblocking) != napi_ok) delete job;
        running_ = nullptr;
      }
      idle_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable idle_;
  std::deque<AsyncJob*> queue_;
  const EnvJobs* running_ = nullptr;  // the owner of the job being run
  std::thread thread_;
  bool stop_ = false;
};

Executor& TheExecutor() {
  static Executor* executor = new Executor();  // never destroyed; its thread is joined by StopThreads
  return *executor;
}

// On the environment's thread; env is null when the environment is being torn down.
void Settle(napi_env env, napi_value, void*, void* data) {
  std::unique_ptr<AsyncJob> job(static_cast<AsyncJob*>(data));
  if (env == nullptr) return;
  Napi::Env e(env);
  try {
    if (job->failed) {
      ThrowTensorError(e, job->error.code, job->error.message);
      napi_reject_deferred(env, job->deferred, e.GetAndClearPendingException().Value());
    } else {
      napi_resolve_deferred(env, job->deferred, e.Undefined());
    }
  } catch (...) {  // the environment is stopping (JS cannot run); nothing is left to settle
  }
  job->Release(env);
  EnvJobs* owner = job->owner;
  if (--owner->pending == 0) napi_unref_threadsafe_function(env, owner->done);
}

// The environment's cleanup hook: its queued jobs are dropped, its running one finishes first.
void ForgetEnv(void* arg) {
  auto* owner = static_cast<EnvJobs*>(arg);
  for (AsyncJob* job : TheExecutor().Forget(owner)) {
    job->Release(owner->env);
    delete job;
  }
  if (auto* data = Napi::Env(owner->env).GetInstanceData<AddonData>()) data->async_jobs = nullptr;
  napi_release_threadsafe_function(owner->done, napi_tsfn_abort);  // settled-but-unrun jobs: Settle(null)
  delete owner;
}

EnvJobs* JobsOf(Napi::Env env) {
  AddonData* data = env.GetInstanceData<AddonData>();
  if (data == nullptr) throw Error(Code::kState, "async op: addon not initialised");
  if (data->async_jobs != nullptr) return data->async_jobs;
  auto owner = std::make_unique<EnvJobs>();
  owner->env = env;
  napi_value name = Napi::String::New(env, "tensorgrad async op");
  // The hook is added after the function, so it runs first: the function is still open then.
  if (napi_create_threadsafe_function(env, nullptr, nullptr, name, 0, 1, nullptr, nullptr, nullptr, Settle,
                                      &owner->done) != napi_ok) {
    throw Error(Code::kState, "async op: cannot create the completion channel");
  }
  napi_unref_threadsafe_function(env, owner->done);  // only pending jobs keep the loop alive
  if (napi_add_env_cleanup_hook(env, ForgetEnv, owner.get()) != napi_ok) {
    napi_release_threadsafe_function(owner->done, napi_tsfn_abort);
    throw Error(Code::kState, "async op: cannot register the cleanup hook");
  }
  data->async_jobs = owner.release();
  return data->async_jobs;
}

// Live environments that loaded the addon. When the last one ends, the executor and pool threads
// are joined: Node unloads an addon that only workers loaded, and no thread may outlive its code.
std::mutex envs_mutex;
int envs = 0;

void EnvEnded(void*) {
  std::lock_guard<std::mutex> lk(envs_mutex);
  if (--envs == 0) {
    TheExecutor().Stop();
    StopPoolThreads();
  }
}

}  // namespace

void TrackEnv(Napi::Env env) {
  {
    std::lock_guard<std::mutex> lk(envs_mutex);
    ++envs;
  }
  if (napi_add_env_cleanup_hook(env, EnvEnded, nullptr) != napi_ok) {
    throw Error(Code::kState, "tensorgrad: cannot register the environment cleanup hook");
  }
}

Napi::Value EnqueueAsync(const Napi::CallbackInfo& info, Job job) {
  Napi::Env env = info.Env();
  EnvJobs* owner = JobsOf(env);
  auto j = std::make_unique<AsyncJob>();
  j->job = std::move(job);
  j->owner = owner;
  for (size_t i = 0; i < info.Length(); ++i) {
    if (!info[i].IsTypedArray()) continue;
    napi_ref ref;
    if (napi_create_reference(env, info[i], 1, &ref) != napi_ok) {
      j->Release(env);
      throw Error(Code::kState, "async op: cannot hold its arguments");
    }
    j->held.push_back(ref);
  }
  napi_value promise;
  if (napi_create_promise(env, &j->deferred, &promise) != napi_ok) {
    j->Release(env);
    throw Error(Code::kState, "async op: cannot create its promise");
  }
  if (owner->pending++ == 0) napi_ref_threadsafe_function(env, owner->done);
  TheExecutor().Submit(j.release());
  return Napi::Value(env, promise);
}

}  // namespace tg

#include "napi/async_op.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "napi/guard.h"

namespace tg {
namespace {

struct AsyncJob {
  Job job;
  Napi::Promise::Deferred deferred;
  std::vector<Napi::Reference<Napi::Value>> held;
  Napi::ThreadSafeFunction done;
  bool failed = false;
  ErrorReport error;  // when failed

  explicit AsyncJob(Napi::Env env) : deferred(Napi::Promise::Deferred::New(env)) {}
};

// Runs jobs one at a time, in submission order, on one thread of the addon's own.
class Executor {
 public:
  void Submit(AsyncJob* job) {
    {
      std::lock_guard<std::mutex> lk(mutex_);
      queue_.push_back(job);
      if (!started_) {
        std::thread([this] { Loop(); }).detach();
        started_ = true;
      }
    }
    ready_.notify_one();
  }

 private:
  void Loop() {
    while (true) {
      AsyncJob* job;
      {
        std::unique_lock<std::mutex> lk(mutex_);
        ready_.wait(lk, [this] { return !queue_.empty(); });
        job = queue_.front();
        queue_.pop_front();
      }
      try {
        job->job();
      } catch (...) {
        job->failed = true;
        job->error = ReportException(std::current_exception());
      }
      job->job = nullptr;  // drop captured views before settling
      Napi::ThreadSafeFunction done = job->done;
      const napi_status status = done.BlockingCall(job, [](Napi::Env env, Napi::Function, AsyncJob* j) {
        if (j->failed) {
          ThrowTensorError(env, j->error.code, j->error.message);
          Napi::Value err = env.GetAndClearPendingException().Value();
          j->deferred.Reject(err);
        } else {
          j->deferred.Resolve(env.Undefined());
        }
        delete j;  // releases the held arrays, on the event loop's thread as N-API requires
      });
      // If the environment is shutting down the job cannot be settled; it is left to the process.
      (void)status;
      done.Release();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<AsyncJob*> queue_;
  bool started_ = false;
};

Executor& TheExecutor() {
  static Executor* executor = new Executor();  // process-wide; never destroyed at exit
  return *executor;
}

}  // namespace

Napi::Value EnqueueAsync(const Napi::CallbackInfo& info, Job job) {
  Napi::Env env = info.Env();
  auto* j = new AsyncJob(env);
  j->job = std::move(job);
  for (size_t i = 0; i < info.Length(); ++i) {
    if (info[i].IsTypedArray()) j->held.push_back(Napi::Persistent(info[i]));
  }
  j->done = Napi::ThreadSafeFunction::New(env, Napi::Function::New(env, [](const Napi::CallbackInfo&) {}),
                                          "tensorgrad async op", 0, 1);
  Napi::Promise promise = j->deferred.Promise();
  TheExecutor().Submit(j);
  return promise;
}

}  // namespace tg

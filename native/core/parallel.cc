#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tg {
namespace {

thread_local bool in_region = false;

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// Spin this many pauses (a fraction of a millisecond) before sleeping on the condition variable.
constexpr int kSpinPauses = 20000;

class Pool {
 public:
  Pool() {
    int n = static_cast<int>(std::thread::hardware_concurrency());
    if (const char* env = std::getenv("TENSORGRAD_NUM_THREADS")) {
      const int v = std::atoi(env);
      if (v > 0) n = v;
    }
    Resize(std::max(1, n));
  }

  int size() const { return size_.load(); }

  void Resize(int n) {
    std::lock_guard<std::mutex> region(region_mutex_);
    StopWorkers();
    size_.store(n);
    // New workers start from the current generation: earlier regions are not theirs to run.
    const uint64_t generation = generation_.load();
    for (int i = 1; i < n; ++i) workers_.emplace_back([this, i, generation] { WorkerLoop(i, generation); });
  }

  // Runs f(i, threads) on `threads` threads; false if the pool is busy (the caller runs serially).
  bool Run(int threads, const std::function<void(int, int)>& f) {
    if (in_region) return false;
    std::unique_lock<std::mutex> region(region_mutex_, std::try_to_lock);
    if (!region.owns_lock()) return false;
    threads = std::min(threads, size_.load());
    if (threads <= 1) return false;
    job_ = &f;
    job_threads_ = threads;
    pending_.store(threads - 1, std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_release);
    { std::lock_guard<std::mutex> lk(mutex_); }  // pairs with the predicate check in WorkerLoop
    wake_.notify_all();
    in_region = true;
    std::exception_ptr caller_error;
    try {
      f(0, threads);
    } catch (...) {
      caller_error = std::current_exception();
    }
    in_region = false;
    // Workers still use f: wait for them before returning or throwing.
    while (pending_.load(std::memory_order_acquire) != 0) CpuRelax();
    job_ = nullptr;
    std::exception_ptr error = caller_error ? caller_error : worker_error_;
    worker_error_ = nullptr;
    if (error) std::rethrow_exception(error);
    return true;
  }

 private:
  void WorkerLoop(int index, uint64_t seen) {
    while (true) {
      for (int spins = 0; generation_.load(std::memory_order_acquire) == seen && !stop_.load(); ++spins) {
        if (spins < kSpinPauses) {
          CpuRelax();
          continue;
        }
        std::unique_lock<std::mutex> lk(mutex_);
        wake_.wait(lk, [&] { return stop_.load() || generation_.load() != seen; });
      }
      if (stop_.load()) return;
      seen = generation_.load(std::memory_order_acquire);
      if (index < job_threads_) {
        in_region = true;
        try {
          (*job_)(index, job_threads_);
        } catch (...) {  // an exception must not escape a thread; the caller rethrows it
          std::lock_guard<std::mutex> lk(mutex_);
          if (!worker_error_) worker_error_ = std::current_exception();
        }
        in_region = false;
        pending_.fetch_sub(1, std::memory_order_release);
      }
    }
  }

  void StopWorkers() {
    {
      std::lock_guard<std::mutex> lk(mutex_);
      stop_.store(true);
    }
    wake_.notify_all();
    for (std::thread& t : workers_) t.join();
    workers_.clear();
    stop_.store(false);
  }

  std::mutex region_mutex_;  // one parallel region at a time
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::thread> workers_;
  const std::function<void(int, int)>* job_ = nullptr;  // published by the generation_ release
  int job_threads_ = 0;
  std::exception_ptr worker_error_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> pending_{0};
  std::atomic<int> size_{1};
  std::atomic<bool> stop_{false};
};

Pool& ThePool() {
  // Process-wide by design: all worker_threads share the cores; the pool is internally locked.
  static Pool* pool = new Pool();  // never destroyed: workers must not be joined during exit
  return *pool;
}

}  // namespace

int GetNumThreads() { return ThePool().size(); }

void SetNumThreads(int n) { ThePool().Resize(std::max(1, std::min(n, 1024))); }

void ParallelRun(int threads, const std::function<void(int, int)>& f) {
  if (threads <= 1 || !ThePool().Run(threads, f)) f(0, 1);
}

void ParallelFor(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& f) {
  if (n <= 0) return;
  grain = std::max<int64_t>(grain, 1);
  const int64_t max_chunks = (n + grain - 1) / grain;
  const int threads = static_cast<int>(std::min<int64_t>(GetNumThreads(), max_chunks));
  if (threads <= 1 || in_region) return f(0, n);
  ParallelRun(threads, [&](int i, int t) {
    const int64_t begin = n * i / t;
    const int64_t end = n * (i + 1) / t;
    if (begin < end) f(begin, end);
  });
}

}  // namespace tg

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
    StartWorkers();
  }

  void Stop() {
    std::lock_guard<std::mutex> region(region_mutex_);
    StopWorkers();
  }

  // Runs f(part, parts) for every part in [0, parts), the caller and the woken workers claiming
  // parts as they arrive; false if the pool is busy (the caller then runs serially). A worker
  // that is slow to wake (a busy machine) delays nothing: the caller runs the unclaimed parts
  // and waits only for parts already started.
  bool Run(int parts, const std::function<void(int, int)>& f) {
    if (in_region) return false;
    std::unique_lock<std::mutex> region(region_mutex_, std::try_to_lock);
    if (!region.owns_lock()) return false;
    if (parts <= 1 || size_.load() <= 1) return false;
    if (workers_.empty()) StartWorkers();  // after Stop()
    job_ = &f;
    job_parts_ = parts;
    next_part_.store(0, std::memory_order_relaxed);
    closed_.store(false);  // seq_cst: a worker that sees it open also sees the job above
    generation_.fetch_add(1, std::memory_order_release);
    { std::lock_guard<std::mutex> lk(mutex_); }  // pairs with the predicate check in WorkerLoop
    wake_.notify_all();
    RunParts();
    // No part is left to claim; close the job, then wait for the workers inside it.
    closed_.store(true);
    while (active_.load() != 0) CpuRelax();
    job_ = nullptr;
    std::exception_ptr error = error_;
    error_ = nullptr;
    if (error) std::rethrow_exception(error);
    return true;
  }

 private:
  // Claims and runs parts of the current job until none is left; the first error is kept.
  void RunParts() {
    in_region = true;
    for (int part; (part = next_part_.fetch_add(1, std::memory_order_relaxed)) < job_parts_;) {
      try {
        (*job_)(part, job_parts_);
      } catch (...) {  // an exception must not escape a worker; the caller rethrows it
        std::lock_guard<std::mutex> lk(mutex_);
        if (!error_) error_ = std::current_exception();
      }
    }
    in_region = false;
  }

  void WorkerLoop(uint64_t seen) {
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
      // Enter, then look: either the caller sees us active and waits, or we see the job closed
      // and leave without touching it (seq_cst on both sides).
      active_.fetch_add(1);
      if (!closed_.load()) RunParts();
      active_.fetch_sub(1);
    }
  }

  void StartWorkers() {
    // New workers start from the current generation: earlier regions are not theirs to run.
    const uint64_t generation = generation_.load();
    for (int i = 1; i < size_.load(); ++i) workers_.emplace_back([this, generation] { WorkerLoop(generation); });
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
  const std::function<void(int, int)>* job_ = nullptr;  // published by the closed_ store
  int job_parts_ = 0;
  std::exception_ptr error_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> next_part_{0};
  std::atomic<bool> closed_{true};
  std::atomic<int> active_{0};  // workers inside RunParts or about to look at closed_
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

void StopPoolThreads() { ThePool().Stop(); }

void SetNumThreads(int n) { ThePool().Resize(std::max(1, std::min(n, 1024))); }

void ParallelRun(int parts, const std::function<void(int, int)>& f) {
  if (parts <= 1 || !ThePool().Run(parts, f)) {
    for (int i = 0; i < std::max(parts, 1); ++i) f(i, std::max(parts, 1));
  }
}

void ParallelFor(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& f) {
  if (n <= 0) return;
  grain = std::max<int64_t>(grain, 1);
  const int64_t max_chunks = (n + grain - 1) / grain;
  // A few parts per thread, so a thread that falls behind (the machine is shared) holds less.
  const int threads = GetNumThreads();
  const int parts = static_cast<int>(std::min<int64_t>(threads * 4, max_chunks));
  if (threads <= 1 || parts <= 1 || in_region) return f(0, n);
  ParallelRun(parts, [&](int i, int t) {
    const int64_t begin = n * i / t;
    const int64_t end = n * (i + 1) / t;
    if (begin < end) f(begin, end);
  });
}

}  // namespace tg

// The addon's own thread pool (not libuv's, which fs and dns need). Fork-join over parts that
// the calling thread and the workers claim as they arrive, so a worker descheduled by a busy
// machine never holds the caller up; workers spin briefly then sleep. One parallel region runs
// at a time; a caller that finds the pool busy (another worker_thread, a nested region) runs
// the parts serially.
#pragma once
#include <cstdint>
#include <functional>

namespace tg {

// Threads used by parallel regions, the caller included (>= 1).
int GetNumThreads();
// Sets the pool size; n < 1 is clamped to 1. Starts or stops workers as needed.
void SetNumThreads(int n);

// Joins the pool's workers (the addon's last environment is ending, and Node may unload its
// code); the next parallel region starts them again.
void StopPoolThreads();

// Calls f(begin, end) over disjoint chunks covering [0, n), each at least `grain` long (except
// the last), spread over the pool. Runs inline when one chunk suffices.
void ParallelFor(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& f);

// Calls f(part, parts) once for each part in [0, parts), spread over the pool's threads.
void ParallelRun(int parts, const std::function<void(int, int)>& f);

}  // namespace tg

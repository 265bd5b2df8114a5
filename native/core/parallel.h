// The addon's own thread pool (not libuv's, which fs and dns need). Fork-join: the calling
// thread takes part, workers spin briefly then sleep. One parallel region runs at a time; a
// caller that finds the pool busy (another worker_thread, a nested region) runs serially.
#pragma once
#include <cstdint>
#include <functional>

namespace tg {

// Threads used by parallel regions, the caller included (>= 1).
int GetNumThreads();
// Sets the pool size; n < 1 is clamped to 1. Starts or stops workers as needed.
void SetNumThreads(int n);

// Calls f(begin, end) over disjoint chunks covering [0, n), each at least `grain` long (except
// the last), spread over the pool. Runs inline when one chunk suffices.
void ParallelFor(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& f);

// Calls f(thread_index, thread_count) once on each of `threads` pool threads (caller is index 0).
void ParallelRun(int threads, const std::function<void(int, int)>& f);

}  // namespace tg

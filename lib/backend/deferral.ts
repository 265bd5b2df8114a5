// Deferred mode, decided here only: while lib/async.ts runs an op for its Promise variant, every
// native call is queued on the addon's executor thread (backend/native.ts's invoke), and the JS
// fast paths of the backend, which would read or write tensor data now, stand aside.

/** The promises of the jobs queued since beginDeferred(), or null when calls run now. */
export const deferred: { jobs: Promise<void>[] | null } = { jobs: null };

export function beginDeferred(): void {
  deferred.jobs = [];
}

export function endDeferred(): Promise<void>[] {
  const jobs = deferred.jobs ?? [];
  deferred.jobs = null;
  return jobs;
}

/** True while an async op is being queued: data may not be read or written from JS now. */
export function deferring(): boolean {
  return deferred.jobs !== null;
}

// The public grad mode lives in the async context, not in a process-wide flag: concurrent
// requests in one Node process must not switch each other's mode. The library's own scopes,
// synchronous, keep it on the stack (withGradMode below).
import { AsyncLocalStorage, executionAsyncId } from 'async_hooks';
import { argumentError } from '../errors';

interface GradState {
  readonly enabled: boolean;
}

const store = new AsyncLocalStorage<GradState>();
const ENABLED: GradState = { enabled: true };
const DISABLED: GradState = { enabled: false };

// The mode of the innermost scope (noGrad, enableGrad, the backward engine) running on the stack
// right now, or undefined outside all of them. It answers isGradEnabled without an async-context
// lookup, which costs more than a small op; each scope restores it on exit, so code that runs
// later from the event loop (an async fn's continuation) falls back to the async context.
let scopeMode: boolean | undefined;
// Whether that innermost scope is one of the library's own synchronous scopes (withGradMode),
// which keep the mode on the stack only and never enter the async context.
let scopeSync = false;

// Outside every scope: the async context's mode, remembered for the callback running now (its
// async id), as the store lookup costs more than a small op. A callback's store changes only
// here: setGradEnabled (which forgets the remembered mode) and the scopes' run (while scopeMode
// answers, and restored on exit).
let cachedId = 0;
let cachedMode = true;

/** Whether operations are being recorded for autograd in the current async context. */
export function isGradEnabled(): boolean {
  if (scopeMode !== undefined) return scopeMode;
  const id = executionAsyncId();
  if (id === cachedId && id !== 0) return cachedMode;
  const s = store.getStore();
  cachedMode = s === undefined ? true : s.enabled;
  cachedId = id;
  return cachedMode;
}

/**
 * Sets grad mode for the current async context and everything it starts afterwards (like
 * torch.set_grad_enabled used as a function). Called from code the library runs synchronously
 * (a backward hook, an optimizer's closure), it holds until that call returns, as in PyTorch.
 */
export function setGradEnabled(enabled: boolean): void {
  if (typeof enabled !== 'boolean') throw argumentError(`setGradEnabled: expected a boolean, got ${String(enabled)}`);
  if (scopeSync) {
    scopeMode = enabled; // until the library's synchronous scope ends, as inside a noGrad
    return;
  }
  cachedId = 0;
  store.enterWith(enabled ? ENABLED : DISABLED);
  if (scopeMode !== undefined) scopeMode = enabled; // until the enclosing scope ends, as the store
}

function runScoped<T>(state: GradState, fn: () => T): T {
  const outer = scopeMode;
  const outerSync = scopeSync;
  scopeMode = state.enabled;
  scopeSync = false;
  try {
    return store.run(state, fn);
  } finally {
    scopeMode = outer;
    scopeSync = outerSync;
  }
}

function runWith<T>(state: GradState, fn: () => T, op: string): T {
  if (typeof fn !== 'function') throw argumentError(`${op}: expected a function`);
  return runScoped(state, fn);
}

/**
 * Runs `fn` with gradient recording off (torch.no_grad) and returns its result; for an async
 * `fn` the mode holds across its awaits and ends with it, without leaking into other requests.
 */
export function noGrad<T>(fn: () => T): T {
  return runWith(DISABLED, fn, 'noGrad');
}

/** Runs `fn` with gradient recording on (torch.enable_grad). */
export function enableGrad<T>(fn: () => T): T {
  return runWith(ENABLED, fn, 'enableGrad');
}

/**
 * The library's own scopes (the backward engine, its no-grad blocks): runs a synchronous `fn`
 * with grad mode `enabled` on the stack only. Entering an AsyncLocalStorage, even once, turns on
 * Node's promise hooks for the rest of the process (on Node 20 every later await costs ~3x), which
 * a process that only trains should not pay; code that `fn` schedules for later runs in the
 * caller's mode, as in PyTorch, where the mode is the thread's.
 */
export function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const outer = scopeMode;
  const outerSync = scopeSync;
  scopeMode = enabled;
  scopeSync = true;
  try {
    return fn();
  } finally {
    scopeMode = outer;
    scopeSync = outerSync;
  }
}

/** withGradMode(false, fn): the library's own synchronous no-grad blocks. */
export function noGradSync<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

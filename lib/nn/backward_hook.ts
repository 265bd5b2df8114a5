// Full backward hooks (torch.nn.Module.register_full_backward_hook), built as PyTorch's
// BackwardHook: identity nodes around the module's inputs and outputs inside call(). The
// output nodes record the gradients w.r.t. the outputs; one node over all the inputs (they are
// packed into one vector when several need gradients) receives the gradients w.r.t. the inputs
// at once, calls the hooks with both, and passes on what they return. Kept apart from
// module.ts, which calls it, so the Module class stays small.
import { defineOp } from '../autograd/define_op';
import { argumentError, shapeError } from '../errors';
import { isTensor, type Tensor } from '../tensor';
import { zeros } from '../creation';
import { cat } from '../ops/join';

/** What a hook gets and may return: one entry per input (or output), null where no gradient flows. */
export type Grads = (Tensor | null)[];
export type FullBackwardHook<M> = (module: M, gradInput: Grads, gradOutput: Grads) => Grads | void | undefined;

const HOOKS = new WeakMap<object, FullBackwardHook<never>[]>();

/** Adds a hook to `module`; returns its remover. */
export function addFullBackwardHook(module: object, hook: FullBackwardHook<never>): () => void {
  if (typeof hook !== 'function') throw argumentError('registerFullBackwardHook: hook must be a function');
  let list = HOOKS.get(module);
  if (list === undefined) HOOKS.set(module, (list = []));
  list.push(hook);
  return () => {
    const i = list.indexOf(hook);
    if (i >= 0) list.splice(i, 1);
  };
}

export function hasFullBackwardHooks(module: object): boolean {
  const list = HOOKS.get(module);
  return list !== undefined && list.length > 0;
}

type OnGrad = (g: Tensor) => Tensor;

// Identity forward; its backward hands the gradient to the call's bookkeeping, which may replace it.
const hookIdentityOp = defineOp<[OnGrad], { onGrad: OnGrad }>({
  op: 'backwardHook',
  nodeName: 'BackwardHookFunctionBackward',
  forward(ctx, [x], onGrad) {
    ctx.state = { onGrad };
    return x.detach();
  },
  backward(ctx, g) {
    return [ctx.state.onGrad(g)];
  },
});

interface CallState {
  module: object;
  gradOutputs: Grads;
  inputCount: number;
  inputsHooked: boolean;
}

function runHooks(s: CallState, gradInputs: Grads): Grads {
  let grads = gradInputs;
  for (const hook of (HOOKS.get(s.module) ?? []).slice()) {
    const r = (hook as FullBackwardHook<object>)(s.module, grads, s.gradOutputs.slice());
    if (r === undefined) continue;
    if (!Array.isArray(r) || r.length !== grads.length) {
      throw argumentError(
        `backward hook returned an invalid number of grad_input, got ${Array.isArray(r) ? r.length : typeof r}, but expected ${grads.length}`,
      );
    }
    r.forEach((g, i) => {
      const old = grads[i];
      if (g !== null && old !== null && (!isTensor(g) || g.shape.join() !== old.shape.join())) {
        throw shapeError(`hook 'hook' has changed the size of value ${i}: expected [${old.shape.join(', ')}]`);
      }
    });
    grads = r;
  }
  return grads;
}

/** The module's inputs, with the tensors that need gradients behind one hook node. */
export function hookInputs(module: object, inputs: unknown[]): { args: unknown[]; state: CallState } {
  const state: CallState = { module, gradOutputs: [], inputCount: inputs.length, inputsHooked: false };
  const slots = inputs.map((v, i) => (isTensor(v) && v.requiresGrad ? i : -1)).filter((i) => i >= 0);
  if (slots.length === 0) return { args: inputs, state };
  state.inputsHooked = true;
  const ts = slots.map((i) => inputs[i] as Tensor);
  const finish = (parts: Tensor[]): Grads => {
    const gradInputs: Grads = inputs.map(() => null);
    slots.forEach((slot, j) => (gradInputs[slot] = parts[j]));
    const out = runHooks(state, gradInputs);
    state.gradOutputs = [];
    return slots.map((slot) => out[slot]);
  };
  const args = inputs.slice();
  if (ts.length === 1) {
    args[slots[0]] = hookIdentityOp([ts[0]], (g) => finish([g])[0] ?? zeros(g.shape, { dtype: g.dtype }));
    return { args, state };
  }
  const dtype = ts[0].dtype;
  if (ts.some((t) => t.dtype !== dtype)) throw argumentError('registerFullBackwardHook: the inputs that require grad must share one dtype');
  const sizes = ts.map((t) => t.numel);
  const packed = hookIdentityOp([cat(ts.map((t) => t.reshape([t.numel])))], (g) => {
    let off = 0;
    const parts = ts.map((t, j) => {
      const p = g.narrow(0, off, sizes[j]).reshape(t.shape);
      off += sizes[j];
      return p;
    });
    const out = finish(parts);
    return cat(out.map((o, j) => (o ?? zeros(ts[j].shape, { dtype })).reshape([sizes[j]])));
  });
  let off = 0;
  slots.forEach((slot, j) => {
    args[slot] = packed.narrow(0, off, sizes[j]).reshape(ts[j].shape);
    off += sizes[j];
  });
  return { args, state };
}

/** The module's output (a tensor or an array holding tensors) with each tensor behind a node recording its gradient. */
export function hookOutputs<T>(state: CallState, output: T): T {
  const list = Array.isArray(output) ? (output as unknown[]) : [output];
  const wrapped = list.map((v, i) => {
    if (!isTensor(v) || !v.requiresGrad) return v;
    return hookIdentityOp([v], (g) => {
      if (state.gradOutputs.length === 0) state.gradOutputs = list.map(() => null);
      state.gradOutputs[i] = g;
      // No input needs a gradient: PyTorch calls the hooks here, with None for every input.
      if (!state.inputsHooked) {
        runHooks(
          state,
          Array.from({ length: state.inputCount }, () => null),
        );
        state.gradOutputs = [];
      }
      return g;
    });
  });
  return (Array.isArray(output) ? wrapped : wrapped[0]) as T;
}

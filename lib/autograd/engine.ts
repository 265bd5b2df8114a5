// The backward engine: an iterative topological order (a recursive walk overflows the stack on
// long graphs), gradients summed per node, saved tensors released unless retainGraph, and
// gradient buffers the pass made returned to the memory pool once used (GradFreer).
import { argumentError, dtypeError, gradError, shapeError, stateError } from '../errors';
import { addInto } from '../backend/elementwise';
import { checkTensor } from '../backend/operand';
import { castRaw, cloneRaw, onesRaw } from '../backend/raw';
import { fmt, sameShape } from '../shape';
import { POOL_MIN_BYTES } from '../memory_pool';
import { Storage, tracking } from '../storage';
import { isTensor, Tensor, type Hook } from '../tensor';
import { withGradMode } from './grad_mode';
import { AccumulateGrad, GradFn, gradientEdge } from './node';

export interface EngineOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /** autograd.grad: return the gradients reaching these nodes instead of accumulating into leaves. */
  captures?: readonly GradFn[];
}

let pass = 0;

interface Order {
  nodes: GradFn[];
  /** Stamp of this call: a node's `_index` is its position in `nodes` while `_pass` equals it. */
  pass: number;
}

/**
 * Nodes reachable from the roots, parents before children (Kahn's algorithm). Counts and
 * positions live on the nodes, stamped per call (no user code runs in here).
 */
function topologicalOrder(roots: readonly GradFn[]): Order {
  const stamp = ++pass;
  const seen: GradFn[] = [];
  for (const r of roots) {
    if (r._pass !== stamp) {
      r._pass = stamp;
      r._parents = 0;
      seen.push(r);
    }
  }
  for (let i = 0; i < seen.length; i++) {
    const edges = seen[i].nextFunctions;
    for (let e = 0; e < edges.length; e++) {
      const child = edges[e][0];
      if (child === null) continue;
      if (child._pass !== stamp) {
        child._pass = stamp;
        child._parents = 0;
        seen.push(child);
      }
      child._parents++;
    }
  }
  const nodes: GradFn[] = [];
  const ready: GradFn[] = [];
  for (const n of seen) if (n._parents === 0) ready.push(n);
  while (ready.length > 0) {
    const node = ready.pop()!;
    node._index = nodes.length;
    nodes.push(node);
    const edges = node.nextFunctions;
    for (let e = 0; e < edges.length; e++) {
      const child = edges[e][0];
      if (child !== null && --child._parents === 0) ready.push(child);
    }
  }
  return { nodes, pass: stamp };
}

/** `node`'s position in `order`; a backward re-entered from a hook may have restamped it. */
function positionOf(order: Order, node: GradFn): number {
  return node._pass === order.pass ? node._index : order.nodes.indexOf(node);
}

const TYPE_NAME = { float32: 'CPUFloatType', float64: 'CPUDoubleType', int32: 'CPUIntType', int64: 'CPULongType', bool: 'CPUBoolType' } as const;

/** PyTorch's check_variable_result: a hook may replace a gradient, not change its type or size. */
function checkHookResult(hook: Hook, value: Tensor, result: Tensor): void {
  const name = hook.name === '' ? '<anonymous>' : hook.name;
  if (result.dtype !== value.dtype) {
    throw dtypeError(`hook '${name}' has changed the type of value (was ${TYPE_NAME[value.dtype]} got ${TYPE_NAME[result.dtype]})`);
  }
  if (!sameShape(result._shape, value._shape)) throw shapeError(`hook '${name}' has changed the size of value`);
}

function runHooks(hooks: readonly Hook[] | null, grad: Tensor): Tensor {
  if (hooks === null) return grad;
  for (const hook of hooks.slice()) {
    const replaced = hook(grad);
    if (replaced !== undefined) {
      if (!isTensor(replaced)) throw argumentError('hook: a hook must return a Tensor or undefined');
      checkTensor('hook', replaced, 'the returned gradient');
      checkHookResult(hook, grad, replaced);
      grad = replaced;
    }
  }
  return grad;
}

/**
 * Adds `g` into a `.grad` slot, as PyTorch's AccumulateGrad: out of place when building a graph,
 * otherwise in place (a `.grad` that itself has a graph keeps it, as in PyTorch).
 */
function accumulate(current: Tensor | null, g: Tensor, createGraph: boolean): Tensor {
  if (current === null) return createGraph ? g : cloneRaw(g);
  if (createGraph) return sumGrads(current, g);
  addInto(current, g);
  return current;
}

/** A `.grad` outlives any tg.tidy around backward, and the engine never frees it. */
function keptGrad(g: Tensor): Tensor {
  g._storage.kept = true;
  return g;
}

type AddOp = (a: Tensor, b: Tensor) => Tensor;
let addOp: AddOp | null = null;

/**
 * Sets the op that sums gradients: ops/binary.ts registers its add, so the engine sums with the
 * registry's op (recorded as AddBackward0 under createGraph, as PyTorch's engine records its
 * at::add) without importing the ops floor above it.
 */
export function setGradientAdd(add: AddOp): void {
  addOp = add;
}

function sumGrads(a: Tensor, b: Tensor): Tensor {
  if (addOp === null) throw stateError('backward: no add op is registered (load tensorgrad through its entry point)');
  return addOp(a, b);
}

/**
 * Runs backward from `roots` seeded with `rootGrads`. Accumulates into leaves' `.grad`, or, with
 * `captures`, returns the gradient reaching each captured node without touching any `.grad`.
 * Everything runs in grad mode `createGraph`, as PyTorch's engine does.
 */
export function runBackward(roots: readonly Tensor[], rootGrads: readonly Tensor[], opts: EngineOptions): Map<GradFn, Tensor> {
  return withGradMode(opts.createGraph, () => backwardPass(roots, rootGrads, opts));
}

/**
 * Frees the gradients a backward pass made as soon as no pending gradient shares their storage,
 * so a training step's backward reuses the pool's warm memory. Only without createGraph (a graph
 * of the gradients would reference them) and with no async op pending (its queued work might).
 * A storage is freed only if this pass made it (serial after the pass began: never a saved
 * forward tensor or a caller's seed), no hook or capture saw it (user code may keep it), nothing
 * marked it kept (a .grad), and the engine's own count of gradients over it reached zero.
 */
class GradFreer {
  private refs: Map<Storage, number> | null = null;
  private exposed: Set<Storage> | null = null;
  private readonly since = Storage.lastSerial();

  /**
   * Whether `s` is one to count: made by this pass, and large enough for the pool. Smaller ones
   * are slab views or short arrays that give no memory back: counting them cost the small-graph
   * backward (the autograd snippet) more than freeing them saves.
   */
  private mine(s: Storage): boolean {
    return s.serial > this.since && s.data.byteLength >= POOL_MIN_BYTES;
  }

  hold(t: Tensor): void {
    const s = t._storage;
    if (this.mine(s)) (this.refs ??= new Map()).set(s, (this.refs.get(s) ?? 0) + 1);
  }

  expose(t: Tensor): void {
    if (this.mine(t._storage)) (this.exposed ??= new Set()).add(t._storage);
  }

  /** Drops one hold of t's storage (if it had one) and frees it when none is left. */
  drop(t: Tensor, held: boolean): void {
    const s = t._storage;
    if (!this.mine(s)) return;
    const n = (this.refs?.get(s) ?? 0) - (held ? 1 : 0);
    if (n > 0) {
      this.refs!.set(s, n);
      return;
    }
    this.refs?.delete(s);
    if (!(this.exposed?.has(s) ?? false) && !s.kept && s.busy === 0) s.dispose();
  }

  /**
   * True when `t` may become a leaf's `.grad` as it is, as PyTorch's AccumulateGrad steals a
   * gradient nothing else references: this pass made its storage, only this hold refers to it,
   * and it spans the whole storage contiguously (no view of a larger or shared buffer).
   */
  stealable(t: Tensor): boolean {
    const s = t._storage;
    return (
      this.mine(s) &&
      this.refs?.get(s) === 1 &&
      !(this.exposed?.has(s) ?? false) &&
      !s.kept &&
      t.offset === 0 &&
      t.numel === s.data.length &&
      t.isContiguous() &&
      t.gradFn === null &&
      !t._requiresGrad
    );
  }

  static open(opts: EngineOptions): GradFreer | null {
    return opts.createGraph || tracking.asyncPending > 0 ? null : new GradFreer();
  }
}

/** Hooks are user code: what they were given or returned may be kept anywhere. */
function exposeBoth(freer: GradFreer | null, a: Tensor, b: Tensor): void {
  freer?.expose(a);
  freer?.expose(b);
}

function backwardPass(roots: readonly Tensor[], rootGrads: readonly Tensor[], opts: EngineOptions): Map<GradFn, Tensor> {
  const rootNodes: GradFn[] = [];
  for (let i = 0; i < roots.length; i++) {
    const [node] = gradientEdge(roots[i]);
    if (node === null) throw gradError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    rootNodes.push(node);
  }
  const order = topologicalOrder(rootNodes);
  const nodes = order.nodes;
  // The gradient summed so far for each node, by position in the order.
  const buffers = new Array<Tensor | undefined>(nodes.length);
  for (let i = 0; i < rootNodes.length; i++) {
    const at = positionOf(order, rootNodes[i]);
    const prev = buffers[at];
    buffers[at] = prev === undefined ? rootGrads[i] : sumGrads(prev, rootGrads[i]);
  }
  const freer = GradFreer.open(opts);
  const captureSet = opts.captures ? new Set(opts.captures) : null;
  let needed: Set<GradFn> | null = null;
  if (captureSet !== null) {
    needed = new Set();
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i];
      if (captureSet.has(n) || n.nextFunctions.some(([c]) => c !== null && needed!.has(c))) needed.add(n);
    }
  }
  const captured = new Map<GradFn, Tensor>();
  for (let at = 0; at < nodes.length; at++) {
    const node = nodes[at];
    let grad = buffers[at];
    buffers[at] = undefined;
    if (grad === undefined || (needed !== null && !needed.has(node))) continue;
    const incoming = grad;
    if (node instanceof AccumulateGrad) {
      const hooks = node.variable._hooks;
      grad = runHooks(hooks, grad);
      if (hooks !== null) exposeBoth(freer, incoming, grad);
      if (captureSet !== null) {
        captured.set(node, grad);
        freer?.expose(grad);
      } else if (node.variable._grad === null && grad === incoming && freer?.stealable(grad)) node.variable._grad = keptGrad(grad);
      else node.variable._grad = keptGrad(accumulate(node.variable._grad, grad, opts.createGraph));
      freer?.drop(incoming, true);
      if (grad !== incoming) freer?.drop(grad, false);
      continue;
    }
    const out = node._retained;
    if (out !== null) {
      grad = runHooks(out._hooks, grad);
      if (out._hooks !== null) exposeBoth(freer, incoming, grad);
      if (out._retainsGrad && captureSet === null) out._grad = keptGrad(accumulate(out._grad, grad, opts.createGraph));
    }
    if (captureSet?.has(node)) {
      captured.set(node, grad);
      freer?.expose(grad);
    }
    const ctx = node._ctx!;
    const inputGrads = node._backward!(ctx as never, grad);
    if (!opts.retainGraph) ctx.release();
    const edges = node.nextFunctions;
    // Gradients that lost their place (summed into a new one, cast, or not needed) are dropped
    // after the loop: another edge may still take the same tensor (AddBackward0 returns one
    // gradient for both inputs).
    const loose: Tensor[] | null = freer === null ? null : [];
    for (let i = 0; i < edges.length; i++) {
      const child = edges[i][0];
      let gi = inputGrads[i];
      if (gi === null || gi === undefined) continue;
      if (child === null) {
        loose?.push(gi);
        continue;
      }
      const meta = node._inputs[i];
      if (!sameShape(gi._shape, meta.shape)) {
        throw shapeError(
          `Function ${node.name} returned an invalid gradient at index ${i} - got ${fmt(gi._shape)} but expected shape compatible with ${fmt(meta.shape)}`,
        );
      }
      if (gi.dtype !== meta.dtype) {
        loose?.push(gi);
        gi = castRaw(gi, meta.dtype);
      }
      const to = positionOf(order, child);
      const prev = buffers[to];
      if (prev === undefined) {
        buffers[to] = gi;
        freer?.hold(gi);
      } else {
        const sum = sumGrads(prev, gi);
        buffers[to] = sum;
        freer?.hold(sum);
        loose?.push(gi);
        freer?.drop(prev, true);
      }
    }
    if (freer !== null) {
      freer.drop(incoming, true);
      if (grad !== incoming) freer.drop(grad, false);
      for (const t of loose!) freer.drop(t, false);
    }
  }
  return captured;
}

/** The implicit or checked seed gradient for `root`, as Tensor.backward and autograd.grad take it. */
export function seedGradient(root: Tensor, gradient: Tensor | null | undefined, i: number): Tensor {
  if (gradient === undefined || gradient === null) {
    if (root.numel !== 1) throw gradError('grad can be implicitly created only for scalar outputs');
    return onesRaw(root._shape, root.dtype);
  }
  if (!isTensor(gradient)) throw argumentError(`backward: gradient must be a Tensor, got ${typeof gradient}`);
  checkTensor('backward', gradient, 'gradient');
  if (!sameShape(gradient._shape, root._shape)) {
    throw shapeError(
      `Mismatch in shape: grad_output[${i}] has a shape of torch.Size(${fmt(gradient._shape)}) and output[${i}] has a shape of torch.Size(${fmt(root._shape)}).`,
    );
  }
  return gradient.dtype === root.dtype ? gradient : castRaw(gradient, root.dtype);
}

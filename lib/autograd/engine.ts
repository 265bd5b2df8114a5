// The backward engine: an iterative topological order (a recursive walk overflows the stack on
// long graphs), gradients summed per node, saved tensors released unless retainGraph.
import { argumentError, dtypeError, gradError, shapeError, stateError } from '../errors';
import { addInto } from '../backend/elementwise';
import { checkTensor } from '../backend/operand';
import { castRaw, cloneRaw, onesRaw } from '../backend/raw';
import { fmt, sameShape } from '../shape';
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
    if (node instanceof AccumulateGrad) {
      grad = runHooks(node.variable._hooks, grad);
      if (captureSet !== null) captured.set(node, grad);
      else node.variable._grad = accumulate(node.variable._grad, grad, opts.createGraph);
      continue;
    }
    const out = node._retained;
    if (out !== null) {
      grad = runHooks(out._hooks, grad);
      if (out._retainsGrad && captureSet === null) out._grad = accumulate(out._grad, grad, opts.createGraph);
    }
    if (captureSet?.has(node)) captured.set(node, grad);
    const ctx = node._ctx!;
    const inputGrads = node._backward!(ctx as never, grad);
    if (!opts.retainGraph) ctx.release();
    const edges = node.nextFunctions;
    for (let i = 0; i < edges.length; i++) {
      const child = edges[i][0];
      let gi = inputGrads[i];
      if (child === null || gi === null || gi === undefined) continue;
      const meta = node._inputs[i];
      if (!sameShape(gi._shape, meta.shape)) {
        throw shapeError(
          `Function ${node.name} returned an invalid gradient at index ${i} - got ${fmt(gi._shape)} but expected shape compatible with ${fmt(meta.shape)}`,
        );
      }
      if (gi.dtype !== meta.dtype) gi = castRaw(gi, meta.dtype);
      const to = positionOf(order, child);
      const prev = buffers[to];
      buffers[to] = prev === undefined ? gi : sumGrads(prev, gi);
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

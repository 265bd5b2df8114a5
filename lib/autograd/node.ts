// Graph nodes: PyTorch's Node (grad_fn) with its edges, saved tensors and version checks.
import type { DType } from '../dtype';
import { gradError, stateError } from '../errors';
import type { Shape } from '../shape';
import { torchTypeName } from './names';
import { INSPECT } from '../inspect';
import type { Tensor } from '../tensor';

// The autograd fields of a tensor, declared here and merged into the Tensor class (which sets
// them to null), as tensor_methods.ts merges the op methods: tensor.ts imports nothing of the
// floors above it.
declare module '../tensor' {
  interface Tensor {
    /** The node that created this tensor, or null for a leaf (PyTorch's grad_fn). */
    gradFn: GradFn | null;
    /** @internal the leaf's gradient sink, made when the first node records an edge to it */
    _accumulator: AccumulateGrad | null;
  }
}

/** An edge to the node that produced an input: [node, output number], or [null, 0]. */
export type Edge = [GradFn | null, number];

/** A tensor saved for backward with the version it had then (PyTorch's SavedVariable). */
class SavedTensor {
  readonly version: number;
  constructor(
    readonly tensor: Tensor,
    readonly isOutput: boolean,
  ) {
    this.version = tensor._version.value;
  }
}

/** Per-call state of an op: which inputs need a gradient, saved tensors, op-specific values. */
export class OpContext<S = unknown> {
  /** Op-specific values kept for backward (shapes, dims, scalars). */
  state!: S;
  private saved: (SavedTensor | null)[] | null = [];
  /** Set when the node is created; used in error messages. */
  node: GradFn | null = null;

  constructor(
    readonly needsInputGrad: readonly boolean[],
    readonly recording: boolean,
  ) {}

  /** The shape input `i` had (recorded with the node; for backward). */
  inputShape(i: number): Shape {
    return this.node!._inputs[i].shape;
  }

  /** Saves tensors for backward; a later in-place change to any of them makes backward throw. */
  save(...tensors: (Tensor | null)[]): void {
    if (!this.recording) return;
    for (const t of tensors) this.saved!.push(t === null ? null : new SavedTensor(t, false));
  }

  /** Saves the op's own output (PyTorch saves results of exp, sigmoid, tanh, sqrt...). */
  saveOutput(t: Tensor): void {
    if (this.recording) this.saved!.push(new SavedTensor(t, true));
  }

  /** The saved tensors, after checking that none was modified in place or freed. */
  savedTensors(): (Tensor | null)[] {
    if (this.saved === null) {
      throw gradError(
        'Trying to backward through the graph a second time (or directly access saved tensors after they have already ' +
          'been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). ' +
          'Specify retain_graph=True if you need to backward through the graph a second time or if you need to access ' +
          'saved tensors after calling backward.',
      );
    }
    return this.saved.map((s) => {
      if (s === null) return null;
      if (s.tensor._storage.disposed) {
        throw stateError(
          `${this.node?.name ?? 'backward'}: a tensor saved for backward has been disposed (by dispose() or tg.tidy); ` +
            'run backward inside the tidy that built the graph',
        );
      }
      if (s.tensor._version.value !== s.version) {
        const t = s.tensor;
        const producer = s.isOutput ? this.node : t.gradFn;
        const which = producer ? `, which is output 0 of ${producer.name},` : '';
        throw gradError(
          'one of the variables needed for gradient computation has been modified by an inplace operation: ' +
            `[${torchTypeName(t.dtype)} [${t._shape.join(', ')}]]${which} is at version ${t._version.value}; ` +
            `expected version ${s.version} instead. Hint: the backtrace further above can show the operation that ` +
            'failed to compute its gradient. The variable in question was changed in there or anywhere later. Good luck!',
        );
      }
      return s.tensor;
    });
  }

  /** Frees the saved tensors (after a backward without retainGraph). */
  release(): void {
    if (this.saved !== null && this.saved.length > 0) this.saved = null;
  }
}

export type BackwardFn = (ctx: OpContext<never>, grad: Tensor) => readonly (Tensor | null | undefined)[];

export interface InputMeta {
  shape: Shape;
  dtype: DType;
}

/** A node of the graph (PyTorch's grad_fn). */
export class GradFn {
  /** @internal */ _retained: Tensor | null = null;
  /** @internal the engine's bookkeeping: the pass that last stamped _parents and _index */ _pass = 0;
  /** @internal */ _parents = 0;
  /** @internal */ _index = 0;

  constructor(
    /** PyTorch's node name, e.g. 'AddBackward0'. */
    readonly name: string,
    /** Edges to the producers of the inputs, PyTorch's next_functions. */
    readonly nextFunctions: readonly Edge[],
    /** @internal */ readonly _ctx: OpContext<unknown> | null,
    /** @internal */ readonly _backward: BackwardFn | null,
    /** @internal */ readonly _inputs: readonly InputMeta[],
  ) {}

  toString(): string {
    return `<${this.name} object>`;
  }

  [INSPECT](): string {
    return this.toString();
  }
}

/** The sink of a leaf that requires grad: adds incoming gradients into `variable.grad`. */
export class AccumulateGrad extends GradFn {
  constructor(readonly variable: Tensor) {
    super('AccumulateGrad', [], null, null, []);
  }
}

/** The edge through which a gradient reaches `t`: its node, its leaf accumulator, or none. */
export function gradientEdge(t: Tensor): Edge {
  if (t.gradFn !== null) return [t.gradFn, t._outputNr];
  if (t._requiresGrad) return [(t._accumulator ??= new AccumulateGrad(t)), 0];
  return [null, 0];
}

import { argumentError, stateError } from '../errors';
import { isTensor, Tensor } from '../tensor';
import { checkNotBusy } from '../backend/busy';

export interface ZeroGradOptions {
  setToNone?: boolean;
}

/** PyTorch's optimizer state_dict layout: per-parameter state by index, and the param group. */
export interface OptimizerStateDict {
  state: Record<number, Record<string, Tensor | number | null>>;
  param_groups: Record<string, unknown>[];
}

/** What every optimizer shares: the parameter list, zeroGrad, and contiguous-buffer checks. */
export abstract class Optimizer {
  readonly params: Tensor[];

  constructor(
    params: Iterable<Tensor>,
    readonly op: string,
  ) {
    this.params = Array.from(params ?? [], (p) => {
      if (!isTensor(p)) throw argumentError(`${op}: params must be Tensors`);
      if (!p.isLeaf) throw argumentError(`${op}: can't optimize a non-leaf Tensor`);
      if (p.dtype !== 'float32' && p.dtype !== 'float64') throw argumentError(`${op}: parameters must be float32 or float64, got ${p.dtype}`);
      return p;
    });
    if (this.params.length === 0) throw argumentError(`${op}: optimizer got an empty parameter list`);
  }

  abstract step(): void;
  abstract stateDict(): OptimizerStateDict;

  /** Clears gradients: to null by default, as PyTorch 2 does, or to zeros in place. */
  zeroGrad(opts: ZeroGradOptions = {}): void {
    const setToNone = opts.setToNone ?? true;
    for (const p of this.params) {
      if (p.grad === null) continue;
      if (setToNone) p.grad = null;
      else p.grad.detach_().zero_();
    }
  }

  /**
   * The parameters that have a gradient, each with its gradient as a contiguous tensor, checked
   * for the whole step before any parameter is written: a disposed parameter or gradient (its
   * storage is empty, and the step would turn the parameter into NaN) is STATE, as is a parameter
   * in use by a pending async op.
   */
  protected withGrads(): { p: Tensor; g: Tensor; i: number }[] {
    const out: { p: Tensor; g: Tensor; i: number }[] = [];
    const op = `${this.op}.step`;
    this.params.forEach((p, i) => {
      const g = p.grad;
      if (g === null) return;
      if (p._storage.disposed) throw stateError(`${op}: parameter ${i} has been disposed`);
      if (g._storage.disposed) throw stateError(`${op}: the gradient of parameter ${i} has been disposed`);
      checkNotBusy(op, p);
      if (!p.isContiguous()) throw argumentError(`${this.op}: parameters must be contiguous`);
      out.push({ p, g: g.isContiguous() ? g : g.detach().contiguous(), i });
    });
    return out;
  }

  /** Throws STATE when a state buffer (named as in PyTorch's state_dict) has been disposed. */
  protected checkState(i: number, name: string, buffer: Tensor | null | undefined): void {
    if (buffer?._storage.disposed) throw stateError(`${this.op}.step: the ${name} of parameter ${i} has been disposed`);
  }
}

import { argumentError } from '../errors';
import { Tensor } from '../tensor';
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
      if (!(p instanceof Tensor)) throw argumentError(`${op}: params must be Tensors`);
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

  /** The parameter's gradient as a contiguous tensor, or null when it has none. */
  protected gradOf(p: Tensor): Tensor | null {
    const g = p.grad;
    if (g === null) return null;
    checkNotBusy(`${this.op}.step`, p);
    if (!p.isContiguous()) throw argumentError(`${this.op}: parameters must be contiguous`);
    return g.isContiguous() ? g : g.detach().contiguous();
  }
}

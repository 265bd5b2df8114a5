import { argumentError } from '../errors';
import { Tensor } from '../tensor';

export interface ZeroGradOptions {
  setToNone?: boolean;
}

/** What every optimizer shares: the parameter list and zeroGrad. */
export abstract class Optimizer {
  readonly params: Tensor[];

  constructor(params: Iterable<Tensor>, op: string) {
    this.params = Array.from(params ?? [], (p) => {
      if (!(p instanceof Tensor)) throw argumentError(`${op}: params must be Tensors`);
      if (!p.isLeaf) throw argumentError(`${op}: can't optimize a non-leaf Tensor`);
      return p;
    });
    if (this.params.length === 0) throw argumentError(`${op}: optimizer got an empty parameter list`);
  }

  abstract step(): void;

  /** Clears gradients: to null by default, as PyTorch 2 does, or to zeros in place. */
  zeroGrad(opts: ZeroGradOptions = {}): void {
    const setToNone = opts.setToNone ?? true;
    for (const p of this.params) {
      if (p.grad === null) continue;
      if (setToNone) p.grad = null;
      else p.grad.detach_().zero_();
    }
  }
}

import { argumentError } from '../errors';
import { show } from '../shape';
import { zerosLike } from '../creation';
import { deferring, native } from '../native';
import type { Tensor } from '../tensor';
import { Optimizer, type OptimizerStateDict } from './optimizer';

// Parameters of at most this many elements are stepped in JS: the addon's fixed cost per call
// (~0.5 us) is more than such a step.
const JS_STEP = 16;

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

/**
 * torch.optim.SGD: d = g + weightDecay * p; with momentum, b = g at the first step and
 * momentum * b + (1 - dampening) * d after; d = nesterov ? d + momentum * b : b; p -= lr * d.
 * One fused native pass per parameter.
 */
export class SGD extends Optimizer {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  private readonly buffers = new Map<Tensor, Tensor>();

  constructor(params: Iterable<Tensor>, opts: SGDOptions) {
    super(params, 'SGD');
    const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = opts ?? ({} as SGDOptions);
    if (typeof lr !== 'number' || !(lr >= 0)) throw argumentError(`SGD: Invalid learning rate: ${show(lr)}`);
    if (!(momentum >= 0)) throw argumentError(`SGD: Invalid momentum value: ${show(momentum)}`);
    if (!(weightDecay >= 0)) throw argumentError(`SGD: Invalid weight_decay value: ${show(weightDecay)}`);
    if (nesterov && (momentum <= 0 || dampening !== 0)) throw argumentError('SGD: Nesterov momentum requires a momentum and zero dampening');
    this.lr = lr;
    this.momentum = momentum;
    this.dampening = dampening;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
  }

  step(): void {
    for (const p of this.params) {
      const g = this.gradOf(p);
      if (g === null) continue;
      let buf = this.buffers.get(p);
      const first = this.momentum !== 0 && buf === undefined;
      if (first) this.buffers.set(p, (buf = zerosLike(p)));
      const b = buf ?? p;
      if (p.numel <= JS_STEP && !deferring()) {
        this.stepInJs(p, g, buf, first);
      } else {
        native.sgdStep(p.numel, p._storage.data, p.offset, g._storage.data, g.offset, b._storage.data, b.offset, {
          lr: this.lr,
          momentum: this.momentum,
          dampening: this.dampening,
          weightDecay: this.weightDecay,
          nesterov: this.nesterov,
          first,
        });
      }
      p._version.value++;
    }
  }

  /**
   * The addon's SgdStep (native/optim/optim.cc) as a JS loop, for parameters too small to be
   * worth the crossing (a bias, a short weight): the same operations in the same order, each
   * rounded to the dtype, so the same bits.
   */
  private stepInJs(p: Tensor, g: Tensor, buf: Tensor | undefined, first: boolean): void {
    const r = p.dtype === 'float32' ? Math.fround : (v: number) => v;
    const lr = r(this.lr);
    const mom = r(this.momentum);
    const damp = r(1 - this.dampening);
    const wd = r(this.weightDecay);
    const pd = p._storage.data;
    const gd = g._storage.data;
    const bd = buf?._storage.data;
    for (let i = 0; i < p.numel; i++) {
      const pi = p.offset + i;
      let d = gd[g.offset + i];
      if (wd !== 0) d = r(d + r(wd * pd[pi]));
      if (bd !== undefined) {
        const bi = buf!.offset + i;
        bd[bi] = first ? d : r(r(bd[bi] * mom) + r(damp * d));
        d = this.nesterov ? r(d + r(mom * bd[bi])) : bd[bi];
      }
      pd[pi] = r(pd[pi] + r(-lr * d));
    }
  }

  stateDict(): OptimizerStateDict {
    const state: OptimizerStateDict['state'] = {};
    this.params.forEach((p, i) => {
      const b = this.buffers.get(p);
      if (b !== undefined) state[i] = { momentum_buffer: b.clone() };
    });
    return {
      state,
      param_groups: [
        { lr: this.lr, momentum: this.momentum, dampening: this.dampening, weight_decay: this.weightDecay, nesterov: this.nesterov, params: this.params.map((_, i) => i) },
      ],
    };
  }
}

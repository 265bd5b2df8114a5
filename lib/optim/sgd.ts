import { argumentError } from '../errors';
import { show } from '../shape';
import { zerosLike } from '../creation';
import { keep } from '../memory';
import { sgdStepRaw } from '../backend/optim';
import type { Tensor } from '../tensor';
import { Optimizer, type OptimizerStateDict } from './optimizer';

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
    const work = this.withGrads();
    for (const { p, i } of work) this.checkState(i, 'momentum_buffer', this.buffers.get(p));
    for (const { p, g } of work) {
      let buf = this.buffers.get(p);
      const first = this.momentum !== 0 && buf === undefined;
      if (first) this.buffers.set(p, (buf = keep(zerosLike(p)))); // state outlives a tg.tidy
      sgdStepRaw(p, g, buf, {
        lr: this.lr,
        momentum: this.momentum,
        dampening: this.dampening,
        weightDecay: this.weightDecay,
        nesterov: this.nesterov,
        first,
      });
      p._version.value++;
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
        {
          lr: this.lr,
          momentum: this.momentum,
          dampening: this.dampening,
          weight_decay: this.weightDecay,
          nesterov: this.nesterov,
          params: this.params.map((_, i) => i),
        },
      ],
    };
  }
}

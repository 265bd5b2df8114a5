import { optionsBag } from '../shape';
import { argumentError } from '../errors';
import { zerosLike } from '../creation';
import { sgdStepRaw } from '../backend/optim';
import { negRaw } from './loop';
import type { Tensor } from '../tensor';
import { nonNegative, Optimizer, type ParamGroup, type Params } from './optimizer';

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
  /** Maximise the objective: step along the gradient (PyTorch's maximize). */
  maximize?: boolean;
}

/**
 * torch.optim.SGD: d = g + weightDecay * p; with momentum, b = g at the first step and
 * momentum * b + (1 - dampening) * d after; d = nesterov ? d + momentum * b : b; p -= lr * d.
 * One fused native pass per parameter; each group's own hyperparameters.
 */
export class SGD extends Optimizer {
  constructor(params: Params, opts: SGDOptions) {
    const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false, maximize = false } = optionsBag<SGDOptions>('SGD', opts) ?? ({} as SGDOptions);
    super(params, { lr, momentum, dampening, weightDecay, nesterov, maximize }, 'SGD', { scalars: [], buffers: [], optional: ['momentum_buffer'] });
  }

  protected checkGroup(g: ParamGroup): void {
    // lr has no default in PyTorch's SGD (its `required` sentinel)
    if (g.lr === undefined) throw argumentError("SGD: parameter group didn't specify a value of required optimization parameter lr");
    nonNegative('SGD', 'learning rate', g.lr);
    nonNegative('SGD', 'momentum value', g.momentum);
    nonNegative('SGD', 'weight_decay value', g.weightDecay);
    if (typeof g.dampening !== 'number' || Number.isNaN(g.dampening)) throw argumentError(`SGD: Invalid dampening value: ${String(g.dampening)}`);
    if (typeof g.nesterov !== 'boolean') throw argumentError(`SGD: nesterov must be a boolean, got ${String(g.nesterov)}`);
    if (g.nesterov && ((g.momentum as number) <= 0 || g.dampening !== 0)) throw argumentError('SGD: Nesterov momentum requires a momentum and zero dampening');
    if (typeof g.maximize !== 'boolean') throw argumentError(`SGD: maximize must be a boolean, got ${String(g.maximize)}`);
  }

  protected update(): void {
    for (const { group, p, g } of this.withGrads()) {
      const momentum = group.momentum as number;
      // PyTorch keeps momentum_buffer: None without momentum, and starts the buffer at the step that finds None
      let s = this.state.get(p);
      if (s === undefined) this.state.set(p, (s = { momentum_buffer: null }));
      const first = momentum !== 0 && s.momentum_buffer === null;
      if (first) s.momentum_buffer = zerosLike(p);
      const d = group.maximize === true ? negRaw(g) : g;
      sgdStepRaw(p, d, momentum !== 0 ? (s.momentum_buffer as Tensor) : undefined, {
        lr: group.lr,
        momentum,
        dampening: group.dampening as number,
        weightDecay: group.weightDecay as number,
        nesterov: group.nesterov as boolean,
        first,
      });
      p._version.value++;
    }
  }
}

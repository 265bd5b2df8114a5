import { optionsBag } from '../shape';
import { zerosLike } from '../creation';
import type { Tensor } from '../tensor';
import { nonNegative, Optimizer, type ParamGroup, type Params } from './optimizer';
import { checkFlag, checkLrEps, scalarOf } from './loop';
import { optimStepRaw } from '../backend/optim';
import { OptimCode } from '../backend/codes';

export interface RMSpropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  centered?: boolean;
  maximize?: boolean;
}

/**
 * torch.optim.RMSprop: square_avg = alpha * square_avg + (1 - alpha) * g^2; centered subtracts
 * grad_avg^2; with momentum the step goes through momentum_buffer. PyTorch 1.13's op order and
 * rounding; state `step`, `square_avg`, `momentum_buffer`, `grad_avg`.
 */
export class RMSprop extends Optimizer {
  constructor(params: Params, opts: RMSpropOptions = {}) {
    const {
      lr = 1e-2,
      alpha = 0.99,
      eps = 1e-8,
      weightDecay = 0,
      momentum = 0,
      centered = false,
      maximize = false,
    } = optionsBag<NonNullable<typeof opts>>('RMSprop', opts) ?? {};
    super(params, { lr, momentum, alpha, eps, centered, weightDecay, maximize }, 'RMSprop', {
      scalars: ['step'],
      buffers: ['square_avg'],
      optional: ['momentum_buffer', 'grad_avg'],
    });
  }

  protected checkGroup(g: ParamGroup): void {
    checkLrEps('RMSprop', g);
    nonNegative('RMSprop', 'momentum value', g.momentum);
    nonNegative('RMSprop', 'weight_decay value', g.weightDecay);
    nonNegative('RMSprop', 'alpha value', g.alpha);
    checkFlag('RMSprop', g, 'centered');
    checkFlag('RMSprop', g, 'maximize');
  }

  protected update(): void {
    for (const { group, p, g } of this.withGrads()) {
      const momentum = group.momentum as number;
      const centered = group.centered as boolean;
      let s = this.state.get(p);
      if (s === undefined) this.state.set(p, (s = { step: 0, square_avg: zerosLike(p) }));
      if (momentum > 0 && (s.momentum_buffer ?? null) === null) s.momentum_buffer = zerosLike(p);
      if (centered && (s.grad_avg ?? null) === null) s.grad_avg = zerosLike(p);
      s.step = scalarOf(s.step) + 1;
      const alpha = group.alpha as number;
      const state = [s.square_avg as Tensor, centered ? (s.grad_avg as Tensor) : undefined, momentum > 0 ? (s.momentum_buffer as Tensor) : undefined];
      optimStepRaw(OptimCode.RMSprop, p, g, state, {
        c: [group.weightDecay as number, alpha, 1 - alpha, group.eps as number, momentum, -group.lr],
        maximize: group.maximize === true,
      });
      p._version.value++;
    }
  }
}

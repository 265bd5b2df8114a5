import { optionsBag } from '../shape';
import { zerosLike } from '../creation';
import type { Tensor } from '../tensor';
import { nonNegative, Optimizer, type ParamGroup, type Params } from './optimizer';
import { pyPow } from './float_ops';
import { checkBetas, checkFlag, checkLrEps, scalarOf } from './loop';
import { optimStepRaw } from '../backend/optim';
import { OptimCode } from '../backend/codes';

export interface AdamaxOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  maximize?: boolean;
}

/**
 * torch.optim.Adamax: exp_avg = beta1 * exp_avg + (1 - beta1) * g, exp_inf = max(beta2 * exp_inf,
 * |g| + eps), p -= lr / (1 - beta1^step) * exp_avg / exp_inf. State `step`, `exp_avg`, `exp_inf`.
 */
export class Adamax extends Optimizer {
  constructor(params: Params, opts: AdamaxOptions = {}) {
    const { lr = 2e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0, maximize = false } = optionsBag<NonNullable<typeof opts>>('Adamax', opts) ?? {};
    super(params, { lr, betas, eps, weightDecay, maximize }, 'Adamax', { scalars: ['step'], buffers: ['exp_avg', 'exp_inf'] });
  }

  protected checkGroup(g: ParamGroup): void {
    checkLrEps('Adamax', g);
    checkBetas('Adamax', g);
    nonNegative('Adamax', 'weight_decay value', g.weightDecay);
    checkFlag('Adamax', g, 'maximize');
  }

  protected update(): void {
    for (const { group, p, g } of this.withGrads()) {
      let s = this.state.get(p);
      if (s === undefined) this.state.set(p, (s = { step: 0, exp_avg: zerosLike(p), exp_inf: zerosLike(p) }));
      const step = (s.step = scalarOf(s.step) + 1);
      const [beta1, beta2] = group.betas as [number, number];
      optimStepRaw(OptimCode.Adamax, p, g, [s.exp_avg as Tensor, s.exp_inf as Tensor], {
        c: [group.weightDecay as number, beta1, 1 - beta1, beta2, group.eps as number, -(group.lr / (1 - pyPow(beta1, step)))],
        maximize: group.maximize === true,
      });
      p._version.value++;
    }
  }
}

import { optionsBag } from '../shape';
import { zerosLike } from '../creation';
import type { Tensor } from '../tensor';
import { nonNegative, Optimizer, type ParamGroup, type Params } from './optimizer';
import { pyPow } from './float_ops';
import { checkBetas, checkFlag, checkLrEps, scalarOf } from './loop';
import { optimStepRaw } from '../backend/optim';
import { OptimCode } from '../backend/codes';

export interface RAdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  maximize?: boolean;
}

/**
 * torch.optim.RAdam (PyTorch 1.13's rule; `maximize` as PyTorch 2 adds it): Adam with the variance
 * rectification term once the approximated SMA length exceeds 5, plain bias-corrected momentum
 * before. State `step`, `exp_avg`, `exp_avg_sq`.
 */
export class RAdam extends Optimizer {
  constructor(params: Params, opts: RAdamOptions = {}) {
    const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0, maximize = false } = optionsBag<NonNullable<typeof opts>>('RAdam', opts) ?? {};
    super(params, { lr, betas, eps, weightDecay, maximize }, 'RAdam', { scalars: ['step'], buffers: ['exp_avg', 'exp_avg_sq'] });
  }

  protected checkGroup(g: ParamGroup): void {
    checkLrEps('RAdam', g);
    checkBetas('RAdam', g);
    nonNegative('RAdam', 'weight_decay value', g.weightDecay);
    checkFlag('RAdam', g, 'maximize');
  }

  protected update(): void {
    for (const { group, p, g } of this.withGrads()) {
      let s = this.state.get(p);
      if (s === undefined) this.state.set(p, (s = { step: 0, exp_avg: zerosLike(p), exp_avg_sq: zerosLike(p) }));
      const step = (s.step = scalarOf(s.step) + 1);
      const [beta1, beta2] = group.betas as [number, number];
      const bc1 = 1 - pyPow(beta1, step);
      const bc2 = 1 - pyPow(beta2, step);
      const rhoInf = 2 / (1 - beta2) - 1;
      const rhoT = rhoInf - (2 * step * pyPow(beta2, step)) / bc2;
      const rectify = rhoT > 5;
      const rect = rectify ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
      optimStepRaw(OptimCode.RAdam, p, g, [s.exp_avg as Tensor, s.exp_avg_sq as Tensor], {
        c: [group.weightDecay as number, beta1, 1 - beta1, beta2, 1 - beta2, bc1, group.lr, group.eps as number, Math.sqrt(bc2), rect],
        maximize: group.maximize === true,
        rectify,
      });
      p._version.value++;
    }
  }
}

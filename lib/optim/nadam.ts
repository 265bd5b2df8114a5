import { optionsBag } from '../shape';
import { zerosLike } from '../creation';
import type { Tensor } from '../tensor';
import { nonNegative, Optimizer, type ParamGroup, type Params } from './optimizer';
import { pyPow } from './float_ops';
import { checkBetas, checkFlag, checkLrEps, scalarOf } from './loop';
import { optimStepRaw } from '../backend/optim';
import { OptimCode } from '../backend/codes';

export interface NAdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  momentumDecay?: number;
  maximize?: boolean;
}

/**
 * torch.optim.NAdam (PyTorch 1.13's rule; `maximize` as PyTorch 2 adds it, negating the gradient
 * first): Adam's moments with Nesterov momentum through the schedule
 * mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentumDecay)). State `step`, `mu_product` (a float32
 * scalar in PyTorch, kept here as that float32 value), `exp_avg`, `exp_avg_sq`.
 */
export class NAdam extends Optimizer {
  constructor(params: Params, opts: NAdamOptions = {}) {
    const {
      lr = 2e-3,
      betas = [0.9, 0.999],
      eps = 1e-8,
      weightDecay = 0,
      momentumDecay = 4e-3,
      maximize = false,
    } = optionsBag<NonNullable<typeof opts>>('NAdam', opts) ?? {};
    super(params, { lr, betas, eps, weightDecay, momentumDecay, maximize }, 'NAdam', { scalars: ['step', 'mu_product'], buffers: ['exp_avg', 'exp_avg_sq'] });
  }

  protected checkGroup(g: ParamGroup): void {
    checkLrEps('NAdam', g);
    checkBetas('NAdam', g);
    nonNegative('NAdam', 'weight_decay value', g.weightDecay);
    nonNegative('NAdam', 'momentum_decay value', g.momentumDecay);
    checkFlag('NAdam', g, 'maximize');
  }

  protected update(): void {
    for (const { group, p, g } of this.withGrads()) {
      let s = this.state.get(p);
      if (s === undefined) this.state.set(p, (s = { step: 0, mu_product: 1, exp_avg: zerosLike(p), exp_avg_sq: zerosLike(p) }));
      const step = (s.step = scalarOf(s.step) + 1);
      const [beta1, beta2] = group.betas as [number, number];
      const lr = group.lr;
      const md = group.momentumDecay as number;
      const bc2 = 1 - pyPow(beta2, step);
      const mu = beta1 * (1 - 0.5 * pyPow(0.96, step * md));
      const muNext = beta1 * (1 - 0.5 * pyPow(0.96, (step + 1) * md));
      // mu_product is a float32 0-d tensor: each product rounds to float32, the scalars too
      const muProduct = (s.mu_product = Math.fround(scalarOf(s.mu_product) * Math.fround(mu)));
      const muProductNext = Math.fround(Math.fround(muProduct * Math.fround(mu)) * Math.fround(muNext));
      const c1 = (-lr * (1 - mu)) / (1 - muProduct);
      const c2 = (-lr * muNext) / (1 - muProductNext);
      optimStepRaw(OptimCode.NAdam, p, g, [s.exp_avg as Tensor, s.exp_avg_sq as Tensor], {
        c: [group.weightDecay as number, beta1, 1 - beta1, beta2, 1 - beta2, bc2, group.eps as number, c1, c2],
        maximize: group.maximize === true,
      });
      p._version.value++;
    }
  }
}

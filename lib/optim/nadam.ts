import { zerosLike } from '../creation';
import type { Tensor } from '../tensor';
import { nonNegative, Optimizer, type ParamGroup, type Params } from './optimizer';
import { pyPow } from './float_ops';
import { checkBetas, checkFlag, checkLrEps, elems, lanes, scalarOf } from './loop';

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
    const { lr = 2e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0, momentumDecay = 4e-3, maximize = false } = opts ?? {};
    super(params, { lr, betas, eps, weightDecay, momentumDecay, maximize }, 'NAdam');
  }

  protected checkGroup(g: ParamGroup): void {
    checkLrEps('NAdam', g);
    checkBetas('NAdam', g);
    nonNegative('NAdam', 'weight_decay value', g.weightDecay);
    nonNegative('NAdam', 'momentum_decay value', g.momentumDecay);
    checkFlag('NAdam', g, 'maximize');
  }

  step(): void {
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
      const { r, fma } = lanes(p);
      const wd = r(group.weightDecay as number);
      const b1 = r(beta1);
      const oneMinusB1 = r(1 - beta1);
      const b2 = r(beta2);
      const oneMinusB2 = r(1 - beta2);
      const bc2r = r(bc2);
      const eps = r(group.eps as number);
      const c1 = r((-lr * (1 - mu)) / (1 - muProduct));
      const c2 = r((-lr * muNext) / (1 - muProductNext));
      const sign = group.maximize === true ? -1 : 1;
      const [P, po] = elems(p);
      const [G, go] = elems(g);
      const [M] = elems(s.exp_avg as Tensor);
      const [V] = elems(s.exp_avg_sq as Tensor);
      for (let i = 0; i < p.numel; i++) {
        let gi = sign * G[go + i];
        if (wd !== 0) gi = fma(P[po + i], wd, gi);
        const m = (M[i] = fma(gi, oneMinusB1, r(M[i] * b1)));
        const v = (V[i] = fma(r(oneMinusB2 * gi), gi, r(V[i] * b2)));
        const denom = r(r(Math.sqrt(r(v / bc2r))) + eps);
        const q = r(P[po + i] + r(r(c1 * gi) / denom));
        P[po + i] = r(q + r(r(c2 * m) / denom));
      }
      p._version.value++;
    }
  }
}

import { zerosLike } from '../creation';
import type { Tensor } from '../tensor';
import { nonNegative, Optimizer, type ParamGroup, type Params } from './optimizer';
import { pyPow } from './float_ops';
import { checkBetas, checkFlag, checkLrEps, elems, lanes, scalarOf } from './loop';

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
    const { lr = 2e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0, maximize = false } = opts ?? {};
    super(params, { lr, betas, eps, weightDecay, maximize }, 'Adamax');
  }

  protected checkGroup(g: ParamGroup): void {
    checkLrEps('Adamax', g);
    checkBetas('Adamax', g);
    nonNegative('Adamax', 'weight_decay value', g.weightDecay);
    checkFlag('Adamax', g, 'maximize');
  }

  step(): void {
    for (const { group, p, g } of this.withGrads()) {
      let s = this.state.get(p);
      if (s === undefined) this.state.set(p, (s = { step: 0, exp_avg: zerosLike(p), exp_inf: zerosLike(p) }));
      const step = (s.step = scalarOf(s.step) + 1);
      const { r, fma } = lanes(p);
      const [beta1, beta2] = group.betas as [number, number];
      const wd = r(group.weightDecay as number);
      const b1 = r(beta1);
      const oneMinusB1 = r(1 - beta1);
      const b2 = r(beta2);
      const eps = r(group.eps as number);
      const negClr = r(-(group.lr / (1 - pyPow(beta1, step))));
      const sign = group.maximize === true ? -1 : 1;
      const [P, po] = elems(p);
      const [G, go] = elems(g);
      const [M] = elems(s.exp_avg as Tensor);
      const [U] = elems(s.exp_inf as Tensor);
      for (let i = 0; i < p.numel; i++) {
        let gi = sign * G[go + i];
        if (wd !== 0) gi = fma(P[po + i], wd, gi);
        const m = (M[i] = fma(gi, oneMinusB1, r(M[i] * b1)));
        const x = r(U[i] * b2);
        const y = r(Math.abs(gi) + eps);
        const u = (U[i] = Number.isNaN(x) || Number.isNaN(y) ? NaN : x > y ? x : y); // amax propagates NaN
        P[po + i] = r(P[po + i] + r(r(negClr * m) / u));
      }
      p._version.value++;
    }
  }
}

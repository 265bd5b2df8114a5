import { zerosLike } from '../creation';
import type { Tensor } from '../tensor';
import { nonNegative, Optimizer, type ParamGroup, type Params } from './optimizer';
import { pyPow } from './float_ops';
import { checkBetas, checkFlag, checkLrEps, elems, lanes, scalarOf } from './loop';

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
    const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0, maximize = false } = opts ?? {};
    super(params, { lr, betas, eps, weightDecay, maximize }, 'RAdam');
  }

  protected checkGroup(g: ParamGroup): void {
    checkLrEps('RAdam', g);
    checkBetas('RAdam', g);
    nonNegative('RAdam', 'weight_decay value', g.weightDecay);
    checkFlag('RAdam', g, 'maximize');
  }

  step(): void {
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
      const { r, fma } = lanes(p);
      const wd = r(group.weightDecay as number);
      const b1 = r(beta1);
      const oneMinusB1 = r(1 - beta1);
      const b2 = r(beta2);
      const oneMinusB2 = r(1 - beta2);
      const bc1r = r(bc1);
      const lr = r(group.lr);
      const eps = r(group.eps as number);
      const sqrtBc2 = r(Math.sqrt(bc2));
      const rectR = r(rect);
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
        let t = r(r(m / bc1r) * lr);
        if (rectify) {
          // adaptive_lr = sqrt(bc2) / (sqrt(v) + eps): a float over a tensor is reciprocal() * float
          const adaptive = r(r(1 / r(r(Math.sqrt(v)) + eps)) * sqrtBc2);
          t = r(r(t * adaptive) * rectR);
        }
        P[po + i] = r(P[po + i] - t);
      }
      p._version.value++;
    }
  }
}

import { zerosLike } from '../creation';
import type { Tensor } from '../tensor';
import { nonNegative, Optimizer, type ParamGroup, type Params } from './optimizer';
import { checkFlag, checkLrEps, elems, lanes, scalarOf } from './loop';

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
    const { lr = 1e-2, alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0, centered = false, maximize = false } = opts ?? {};
    super(params, { lr, momentum, alpha, eps, centered, weightDecay, maximize }, 'RMSprop');
  }

  protected checkGroup(g: ParamGroup): void {
    checkLrEps('RMSprop', g);
    nonNegative('RMSprop', 'momentum value', g.momentum);
    nonNegative('RMSprop', 'weight_decay value', g.weightDecay);
    nonNegative('RMSprop', 'alpha value', g.alpha);
    checkFlag('RMSprop', g, 'centered');
    checkFlag('RMSprop', g, 'maximize');
  }

  step(): void {
    for (const { group, p, g } of this.withGrads()) {
      const momentum = group.momentum as number;
      const centered = group.centered as boolean;
      let s = this.state.get(p);
      if (s === undefined) this.state.set(p, (s = { step: 0, square_avg: zerosLike(p) }));
      if (momentum > 0 && (s.momentum_buffer ?? null) === null) s.momentum_buffer = zerosLike(p);
      if (centered && (s.grad_avg ?? null) === null) s.grad_avg = zerosLike(p);
      s.step = scalarOf(s.step) + 1;
      const { r, fma } = lanes(p);
      const alpha = group.alpha as number;
      const wd = r(group.weightDecay as number);
      const a = r(alpha);
      const oneMinusA = r(1 - alpha);
      const eps = r(group.eps as number);
      const mom = r(momentum);
      const negLr = r(-group.lr);
      const sign = group.maximize === true ? -1 : 1;
      const [P, po] = elems(p);
      const [G, go] = elems(g);
      const [SQ] = elems(s.square_avg as Tensor);
      const GA = centered ? elems(s.grad_avg as Tensor)[0] : null;
      const B = momentum > 0 ? elems(s.momentum_buffer as Tensor)[0] : null;
      for (let i = 0; i < p.numel; i++) {
        let gi = sign * G[go + i];
        if (wd !== 0) gi = fma(P[po + i], wd, gi);
        const sq = (SQ[i] = fma(r(oneMinusA * gi), gi, r(SQ[i] * a)));
        let avg: number;
        if (GA !== null) {
          const ga = (GA[i] = fma(gi, oneMinusA, r(GA[i] * a)));
          avg = r(Math.sqrt(fma(-ga, ga, sq)));
        } else avg = r(Math.sqrt(sq));
        avg = r(avg + eps);
        if (B !== null) {
          const b = (B[i] = r(r(B[i] * mom) + r(gi / avg)));
          P[po + i] = fma(b, negLr, P[po + i]);
        } else P[po + i] = r(P[po + i] + r(r(negLr * gi) / avg));
      }
      p._version.value++;
    }
  }
}

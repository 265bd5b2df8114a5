import { argumentError } from '../errors';
import { show, optionsBag } from '../shape';
import { zerosLike } from '../creation';
import { adamStepRaw } from '../backend/optim';
import type { Tensor } from '../tensor';
import { checkFlag, negRaw, scalarOf } from './loop';
import { nonNegative, Optimizer, type ParamGroup, type Params } from './optimizer';

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
  /** Maximise the objective: step along the gradient (PyTorch's maximize). */
  maximize?: boolean;
}

/**
 * torch.optim.Adam (decoupled = false) and AdamW (decoupled = true): PyTorch's update rule with
 * bias correction, optional amsgrad, one fused native pass per parameter; state under PyTorch's
 * names (step, exp_avg, exp_avg_sq, max_exp_avg_sq).
 */
class AdamBase extends Optimizer {
  constructor(
    params: Params,
    opts: AdamOptions,
    op: string,
    private readonly decoupled: boolean,
    defaultDecay: number,
  ) {
    const {
      lr = 1e-3,
      betas = [0.9, 0.999],
      eps = 1e-8,
      weightDecay = defaultDecay,
      amsgrad = false,
      maximize = false,
    } = optionsBag<NonNullable<typeof opts>>(op, opts) ?? {};
    super(params, { lr, betas, eps, weightDecay, amsgrad, maximize }, op, {
      scalars: ['step'],
      buffers: ['exp_avg', 'exp_avg_sq'],
      optional: ['max_exp_avg_sq'],
    });
  }

  protected checkGroup(g: ParamGroup): void {
    const op = this.op;
    nonNegative(op, 'learning rate', g.lr);
    nonNegative(op, 'epsilon value', g.eps);
    const betas = g.betas as number[];
    if (!Array.isArray(betas) || betas.length !== 2) throw argumentError(`${op}: betas must be a pair of numbers, got ${show(betas)}`);
    betas.forEach((b, i) => {
      if (typeof b !== 'number' || !(b >= 0 && b < 1)) throw argumentError(`${op}: Invalid beta parameter at index ${i}: ${show(b)}`);
    });
    nonNegative(op, 'weight_decay value', g.weightDecay);
    g.betas = [betas[0], betas[1]];
    checkFlag(op, g, 'amsgrad');
    checkFlag(op, g, 'maximize');
  }

  protected update(): void {
    for (const { group, p, g } of this.withGrads()) {
      const amsgrad = group.amsgrad === true;
      let s = this.state.get(p);
      if (s === undefined) this.state.set(p, (s = { step: 0, exp_avg: zerosLike(p), exp_avg_sq: zerosLike(p) }));
      if (amsgrad && (s.max_exp_avg_sq ?? null) === null) s.max_exp_avg_sq = zerosLike(p);
      s.step = scalarOf(s.step) + 1;
      const sq = s.exp_avg_sq as Tensor;
      const [beta1, beta2] = group.betas as [number, number];
      adamStepRaw(p, group.maximize === true ? negRaw(g) : g, s.exp_avg as Tensor, sq, amsgrad ? (s.max_exp_avg_sq as Tensor) : sq, {
        lr: group.lr,
        beta1,
        beta2,
        eps: group.eps as number,
        weightDecay: group.weightDecay as number,
        amsgrad,
        decoupled: this.decoupled,
        step: s.step,
      });
      p._version.value++;
    }
  }
}

export class Adam extends AdamBase {
  constructor(params: Params, opts: AdamOptions = {}) {
    super(params, opts, 'Adam', false, 0);
  }
}

export class AdamW extends AdamBase {
  constructor(params: Params, opts: AdamOptions = {}) {
    super(params, opts, 'AdamW', true, 1e-2);
  }
}

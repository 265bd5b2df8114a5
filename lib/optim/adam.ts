import { argumentError } from '../errors';
import { show } from '../shape';
import { zerosLike } from '../creation';
import { keep } from '../memory';
import { adamStepRaw } from '../backend/optim';
import type { Tensor } from '../tensor';
import { Optimizer, type OptimizerStateDict } from './optimizer';

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
}

interface AdamState {
  step: number;
  expAvg: Tensor;
  expAvgSq: Tensor;
  maxExpAvgSq: Tensor | null;
}

/**
 * torch.optim.Adam (decoupled = false) and AdamW (decoupled = true): PyTorch's update rule with
 * bias correction, optional amsgrad, one fused native pass per parameter.
 */
class AdamBase extends Optimizer {
  readonly lr: number;
  readonly betas: [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  private readonly state = new Map<Tensor, AdamState>();

  constructor(
    params: Iterable<Tensor>,
    opts: AdamOptions,
    op: string,
    private readonly decoupled: boolean,
    defaultDecay: number,
  ) {
    super(params, op);
    const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = defaultDecay, amsgrad = false } = opts ?? {};
    if (!(lr >= 0)) throw argumentError(`${op}: Invalid learning rate: ${show(lr)}`);
    if (!(eps >= 0)) throw argumentError(`${op}: Invalid epsilon value: ${show(eps)}`);
    if (!Array.isArray(betas) || !(betas[0] >= 0 && betas[0] < 1)) throw argumentError(`${op}: Invalid beta parameter at index 0: ${show(betas?.[0])}`);
    if (!(betas[1] >= 0 && betas[1] < 1)) throw argumentError(`${op}: Invalid beta parameter at index 1: ${show(betas[1])}`);
    if (!(weightDecay >= 0)) throw argumentError(`${op}: Invalid weight_decay value: ${show(weightDecay)}`);
    this.lr = lr;
    this.betas = [betas[0], betas[1]];
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.amsgrad = amsgrad;
  }

  step(): void {
    const work = this.withGrads();
    for (const { p, i } of work) {
      const st = this.state.get(p);
      this.checkState(i, 'exp_avg', st?.expAvg);
      this.checkState(i, 'exp_avg_sq', st?.expAvgSq);
      this.checkState(i, 'max_exp_avg_sq', st?.maxExpAvgSq);
    }
    for (const { p, g } of work) {
      let s = this.state.get(p);
      if (s === undefined) {
        s = { step: 0, expAvg: zerosLike(p), expAvgSq: zerosLike(p), maxExpAvgSq: this.amsgrad ? zerosLike(p) : null };
        keep([s.expAvg, s.expAvgSq, s.maxExpAvgSq]); // state outlives a tg.tidy
        this.state.set(p, s);
      }
      s.step += 1;
      const max = s.maxExpAvgSq ?? s.expAvgSq;
      adamStepRaw(p, g, s.expAvg, s.expAvgSq, max, {
        lr: this.lr,
        beta1: this.betas[0],
        beta2: this.betas[1],
        eps: this.eps,
        weightDecay: this.weightDecay,
        amsgrad: this.amsgrad,
        decoupled: this.decoupled,
        step: s.step,
      });
      p._version.value++;
    }
  }

  stateDict(): OptimizerStateDict {
    const state: OptimizerStateDict['state'] = {};
    this.params.forEach((p, i) => {
      const s = this.state.get(p);
      if (s === undefined) return;
      state[i] = { step: s.step, exp_avg: s.expAvg.clone(), exp_avg_sq: s.expAvgSq.clone() };
      if (s.maxExpAvgSq !== null) state[i].max_exp_avg_sq = s.maxExpAvgSq.clone();
    });
    return {
      state,
      param_groups: [
        { lr: this.lr, betas: this.betas.slice(), eps: this.eps, weight_decay: this.weightDecay, amsgrad: this.amsgrad, params: this.params.map((_, i) => i) },
      ],
    };
  }
}

export class Adam extends AdamBase {
  constructor(params: Iterable<Tensor>, opts: AdamOptions = {}) {
    super(params, opts, 'Adam', false, 0);
  }
}

export class AdamW extends AdamBase {
  constructor(params: Iterable<Tensor>, opts: AdamOptions = {}) {
    super(params, opts, 'AdamW', true, 1e-2);
  }
}

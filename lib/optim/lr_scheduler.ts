import { argumentError } from '../errors';
import { show, optionsBag } from '../shape';
import { copyState, div, isInt, LRScheduler, num, pow, type SchedulerStateDict } from './lr_scheduler_base';
import { pyPow } from './lr_scheduler_math';

export interface StepLROptions {
  stepSize: number;
  gamma?: number;
  lastEpoch?: number;
}

function positiveInt(op: string, name: string, v: unknown): number {
  if (!isInt(v) || v <= 0) throw argumentError(`${op}: Expected positive integer ${name}, but got ${show(v)}`);
  return v;
}

/** torch.optim.lr_scheduler.StepLR: lr *= gamma every `stepSize` steps. */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;
  protected readonly ownKeys = ['step_size', 'gamma'];

  constructor(optimizer: unknown, opts: StepLROptions) {
    const { stepSize, gamma = 0.1, lastEpoch = -1 } = optionsBag<StepLROptions>('StepLR', opts) ?? ({} as StepLROptions);
    super(optimizer, lastEpoch, 'StepLR');
    this.stepSize = positiveInt('StepLR', 'step_size', stepSize);
    this.gamma = num('StepLR', 'gamma', gamma);
    this.attach();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * pyPow(this.gamma, Math.floor(this.lastEpoch / this.stepSize)));
  }
}

export interface MultiStepLROptions {
  milestones: number[];
  gamma?: number;
  lastEpoch?: number;
}

/** torch.optim.lr_scheduler.MultiStepLR: lr *= gamma at each milestone (repeated ones count twice). */
export class MultiStepLR extends LRScheduler {
  /** PyTorch's Counter: milestone -> how many times it was given. */
  milestones: Record<string, number> = {};
  gamma: number;
  protected readonly ownKeys = ['milestones', 'gamma'];

  constructor(optimizer: unknown, opts: MultiStepLROptions) {
    const { milestones, gamma = 0.1, lastEpoch = -1 } = optionsBag<MultiStepLROptions>('MultiStepLR', opts) ?? ({} as MultiStepLROptions);
    super(optimizer, lastEpoch, 'MultiStepLR');
    if (milestones === null || typeof milestones !== 'object' || !(Symbol.iterator in milestones)) {
      throw argumentError(`MultiStepLR: milestones must be a list of integers, got ${show(milestones)}`);
    }
    for (const m of milestones) {
      if (!isInt(m)) throw argumentError(`MultiStepLR: milestones must be a list of integers, got ${show(m)}`);
      this.milestones[m] = (this.milestones[m] ?? 0) + 1;
    }
    this.gamma = num('MultiStepLR', 'gamma', gamma);
    this.attach();
  }

  protected getLr(): number[] {
    const count = this.milestones[this.lastEpoch];
    if (count === undefined) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * pyPow(this.gamma, count));
  }

  protected override closedFormLr(): number[] {
    // bisect_right over the sorted milestones (with repeats): how many are <= lastEpoch
    let passed = 0;
    for (const [m, n] of Object.entries(this.milestones)) if (Number(m) <= this.lastEpoch) passed += n;
    return this.baseLrs.map((b) => b * pyPow(this.gamma, passed));
  }
}

export interface ConstantLROptions {
  factor?: number;
  totalIters?: number;
  lastEpoch?: number;
}

/** torch.optim.lr_scheduler.ConstantLR: lr * factor for the first `totalIters` steps, then lr. */
export class ConstantLR extends LRScheduler {
  factor: number;
  totalIters: number;
  protected readonly ownKeys = ['factor', 'total_iters'];

  constructor(optimizer: unknown, opts: ConstantLROptions = {}) {
    const { factor = 1.0 / 3, totalIters = 5, lastEpoch = -1 } = optionsBag<NonNullable<typeof opts>>('ConstantLR', opts) ?? {};
    super(optimizer, lastEpoch, 'ConstantLR');
    if (typeof factor !== 'number' || !(factor >= 0 && factor <= 1))
      throw argumentError('ConstantLR: Constant multiplicative factor expected to be between 0 and 1.');
    this.factor = factor;
    this.totalIters = totalIters;
    this.attach();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr * this.factor);
    if (this.lastEpoch !== this.totalIters) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * div(this.op, 1.0, this.factor));
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * (this.factor + (this.lastEpoch >= this.totalIters ? 1 : 0) * (1 - this.factor)));
  }
}

export interface LinearLROptions {
  startFactor?: number;
  endFactor?: number;
  totalIters?: number;
  lastEpoch?: number;
}

/** torch.optim.lr_scheduler.LinearLR: the factor goes linearly from startFactor to endFactor over totalIters steps. */
export class LinearLR extends LRScheduler {
  startFactor: number;
  endFactor: number;
  totalIters: number;
  protected readonly ownKeys = ['start_factor', 'end_factor', 'total_iters'];

  constructor(optimizer: unknown, opts: LinearLROptions = {}) {
    const { startFactor = 1.0 / 3, endFactor = 1.0, totalIters = 5, lastEpoch = -1 } = optionsBag<NonNullable<typeof opts>>('LinearLR', opts) ?? {};
    super(optimizer, lastEpoch, 'LinearLR');
    // PyTorch 2.x's bounds: a start factor of 0 would divide by zero at the first step
    if (typeof startFactor !== 'number' || !(startFactor > 0 && startFactor <= 1)) {
      throw argumentError('LinearLR: Starting multiplicative factor expected to be greater than 0 and less or equal to 1.');
    }
    if (typeof endFactor !== 'number' || !(endFactor >= 0 && endFactor <= 1))
      throw argumentError('LinearLR: Ending multiplicative factor expected to be between 0 and 1.');
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.attach();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr * this.startFactor);
    if (this.lastEpoch > this.totalIters) return this.groups.map((g) => g.lr);
    const d = this.endFactor - this.startFactor;
    return this.groups.map((g) => g.lr * (1 + div(this.op, d, this.totalIters * this.startFactor + (this.lastEpoch - 1) * d)));
  }

  protected override closedFormLr(): number[] {
    const d = this.endFactor - this.startFactor;
    return this.baseLrs.map((b) => b * (this.startFactor + div(this.op, d * Math.min(this.totalIters, this.lastEpoch), this.totalIters)));
  }
}

export interface ExponentialLROptions {
  gamma: number;
  lastEpoch?: number;
}

/** torch.optim.lr_scheduler.ExponentialLR: lr *= gamma every step. */
export class ExponentialLR extends LRScheduler {
  gamma: number;
  protected readonly ownKeys = ['gamma'];

  constructor(optimizer: unknown, opts: ExponentialLROptions) {
    const { gamma, lastEpoch = -1 } = optionsBag<ExponentialLROptions>('ExponentialLR', opts) ?? ({} as ExponentialLROptions);
    super(optimizer, lastEpoch, 'ExponentialLR');
    if (typeof gamma !== 'number') throw argumentError(`ExponentialLR: gamma must be a number, got ${show(gamma)}`);
    this.gamma = gamma;
    this.attach();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * pyPow(this.gamma, this.lastEpoch));
  }
}

export interface PolynomialLROptions {
  totalIters?: number;
  power?: number;
  lastEpoch?: number;
}

/** torch.optim.lr_scheduler.PolynomialLR: lr = base * (1 - t / totalIters) ** power, reached by ratios. */
export class PolynomialLR extends LRScheduler {
  totalIters: number;
  power: number;
  protected readonly ownKeys = ['total_iters', 'power'];

  constructor(optimizer: unknown, opts: PolynomialLROptions = {}) {
    const { totalIters = 5, power = 1.0, lastEpoch = -1 } = optionsBag<NonNullable<typeof opts>>('PolynomialLR', opts) ?? {};
    super(optimizer, lastEpoch, 'PolynomialLR');
    this.totalIters = num('PolynomialLR', 'total_iters', totalIters);
    this.power = num('PolynomialLR', 'power', power);
    this.attach();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch > this.totalIters) return this.groups.map((g) => g.lr);
    const t = this.totalIters;
    const decay = pow(this.op, div(this.op, 1.0 - div(this.op, this.lastEpoch, t), 1.0 - div(this.op, this.lastEpoch - 1, t)), this.power);
    return this.groups.map((g) => g.lr * decay);
  }

  protected override closedFormLr(): number[] {
    const t = this.totalIters;
    return this.baseLrs.map((b) => b * pow(this.op, 1.0 - div(this.op, Math.min(t, this.lastEpoch), t), this.power));
  }
}

/** A factor per step: `(epoch) => number`. Own enumerable properties are its state (PyTorch's callable objects' __dict__). */
export type LrLambda = (epoch: number) => number;

export interface LambdaLROptions {
  lrLambda: LrLambda | LrLambda[];
  lastEpoch?: number;
}

abstract class LambdaBase extends LRScheduler {
  readonly lrLambdas: LrLambda[];
  protected readonly ownKeys: string[] = [];

  constructor(optimizer: unknown, lrLambda: LrLambda | LrLambda[] | LambdaLROptions, opts: { lastEpoch?: number } | undefined, op: string) {
    // (opt, f, {lastEpoch}) or (opt, {lrLambda, lastEpoch})
    const o = typeof lrLambda === 'function' || Array.isArray(lrLambda) || lrLambda === null || typeof lrLambda !== 'object' ? { ...opts, lrLambda } : lrLambda;
    super(optimizer, o.lastEpoch ?? -1, op);
    lrLambda = o.lrLambda;
    const n = this.groups.length;
    if (Array.isArray(lrLambda)) {
      if (lrLambda.length !== n) throw argumentError(`${op}: Expected ${n} lr_lambdas, but got ${lrLambda.length}`);
      this.lrLambdas = lrLambda.slice();
    } else this.lrLambdas = new Array<LrLambda>(n).fill(lrLambda);
    this.lrLambdas.forEach((f) => {
      if (typeof f !== 'function') throw argumentError(`${op}: lr_lambda must be a function, got ${show(f)}`);
    });
    this.attach();
  }

  protected factor(i: number): number {
    const f = this.lrLambdas[i](this.lastEpoch);
    if (typeof f !== 'number') throw argumentError(`${this.op}: lr_lambda returned ${show(f)}, expected a number`);
    return f;
  }

  /** Without the lambdas (null each), or their own properties where they have some. */
  override stateDict(): SchedulerStateDict {
    const sd = super.stateDict();
    sd.lr_lambdas = this.lrLambdas.map((f) =>
      Object.keys(f).length > 0 ? copyState(Object.fromEntries(Object.entries(f as unknown as Record<string, unknown>))) : null,
    );
    return sd;
  }

  override loadStateDict(sd: SchedulerStateDict): void {
    super.loadStateDict(sd);
    const saved: unknown = sd.lr_lambdas;
    if (!Array.isArray(saved)) return;
    saved.forEach((s: unknown, i) => {
      if (s !== null && typeof s === 'object' && i < this.lrLambdas.length) Object.assign(this.lrLambdas[i], copyState(s));
    });
  }
}

/** torch.optim.lr_scheduler.LambdaLR: lr = initial lr * lrLambda(epoch). */
export class LambdaLR extends LambdaBase {
  constructor(optimizer: unknown, lrLambda: LrLambda | LrLambda[] | LambdaLROptions, opts: { lastEpoch?: number } = {}) {
    super(optimizer, lrLambda, opts, 'LambdaLR');
  }

  protected getLr(): number[] {
    return this.baseLrs.map((b, i) => b * this.factor(i));
  }
}

/** torch.optim.lr_scheduler.MultiplicativeLR: lr *= lrLambda(epoch) every step after the first. */
export class MultiplicativeLR extends LambdaBase {
  constructor(optimizer: unknown, lrLambda: LrLambda | LrLambda[] | LambdaLROptions, opts: { lastEpoch?: number } = {}) {
    super(optimizer, lrLambda, opts, 'MultiplicativeLR');
  }

  protected getLr(): number[] {
    if (this.lastEpoch > 0) return this.groups.map((g, i) => g.lr * this.factor(i));
    return this.groups.map((g) => g.lr);
  }
}

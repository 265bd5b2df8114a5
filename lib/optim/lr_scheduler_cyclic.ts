import { argumentError } from '../errors';
import { show, optionsBag } from '../shape';
import { div, groupKey, isInt, LRScheduler, perGroup, type SchedulerStateDict } from './lr_scheduler_base';
import { pyCos, pyPow } from './lr_scheduler_math';
import type { ParamGroup } from './optimizer';

/** Writes a cycled momentum: `momentum`, or `betas[0]` for Adam-style groups (as PyTorch does). */
function setMomentum(g: ParamGroup, useBeta1: boolean, m: number): void {
  if (useBeta1) g.betas = [m, ...(g.betas as number[]).slice(1)];
  else g.momentum = m;
}

function cycleMomentumCheck(op: string, defaults: Record<string, unknown>): boolean {
  if (!('momentum' in defaults) && !('betas' in defaults))
    throw argumentError(`${op}: optimizer must support momentum or beta1 with \`cycle_momentum\` option enabled`);
  return 'betas' in defaults;
}

interface Phase {
  end_step: number;
  start_lr: string;
  end_lr: string;
  start_momentum: string;
  end_momentum: string;
}

export interface OneCycleLROptions {
  maxLr: number | number[];
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  pctStart?: number;
  annealStrategy?: 'cos' | 'linear';
  cycleMomentum?: boolean;
  baseMomentum?: number | number[];
  maxMomentum?: number | number[];
  divFactor?: number;
  finalDivFactor?: number;
  threePhase?: boolean;
  lastEpoch?: number;
}

/**
 * torch.optim.lr_scheduler.OneCycleLR: warm up from maxLr / divFactor to maxLr, then anneal to
 * initial / finalDivFactor (optionally in three phases), momentum cycled inversely. Keeps
 * initialLr, maxLr, minLr, maxMomentum and baseMomentum on the groups, as PyTorch does.
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  protected _schedulePhases: Phase[];
  protected _annealFuncType: 'cos' | 'linear';
  cycleMomentum: boolean;
  protected useBeta1 = false;
  protected readonly ownKeys: string[];

  constructor(optimizer: unknown, opts: OneCycleLROptions) {
    const o = optionsBag<OneCycleLROptions>('OneCycleLR', opts) ?? ({} as OneCycleLROptions);
    const { maxLr, pctStart = 0.3, annealStrategy = 'cos', cycleMomentum = true, baseMomentum = 0.85, maxMomentum = 0.95 } = o;
    const { divFactor = 25, finalDivFactor = 1e4, threePhase = false, lastEpoch = -1 } = o;
    super(optimizer, lastEpoch, 'OneCycleLR');
    const op = this.op;
    if (o.totalSteps === undefined && o.epochs === undefined && o.stepsPerEpoch === undefined) {
      throw argumentError(`${op}: You must define either total_steps OR (epochs AND steps_per_epoch)`);
    } else if (o.totalSteps !== undefined) {
      if (!isInt(o.totalSteps) || o.totalSteps <= 0) throw argumentError(`${op}: Expected positive integer total_steps, but got ${show(o.totalSteps)}`);
      this.totalSteps = o.totalSteps;
    } else {
      if (!isInt(o.epochs) || o.epochs <= 0) throw argumentError(`${op}: Expected positive integer epochs, but got ${show(o.epochs)}`);
      if (!isInt(o.stepsPerEpoch) || o.stepsPerEpoch <= 0)
        throw argumentError(`${op}: Expected positive integer steps_per_epoch, but got ${show(o.stepsPerEpoch)}`);
      this.totalSteps = o.epochs * o.stepsPerEpoch;
    }
    const t = this.totalSteps;
    const up = { start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum' };
    this._schedulePhases = threePhase
      ? [
          { end_step: pctStart * t - 1, ...up },
          { end_step: 2 * pctStart * t - 2, start_lr: 'max_lr', end_lr: 'initial_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
          { end_step: t - 1, start_lr: 'initial_lr', end_lr: 'min_lr', start_momentum: 'max_momentum', end_momentum: 'max_momentum' },
        ]
      : [
          { end_step: pctStart * t - 1, ...up },
          { end_step: t - 1, start_lr: 'max_lr', end_lr: 'min_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
        ];
    if (typeof pctStart !== 'number' || !(pctStart >= 0 && pctStart <= 1))
      throw argumentError(`${op}: Expected float between 0 and 1 pct_start, but got ${show(pctStart)}`);
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear') {
      throw argumentError(`${op}: anneal_strategy must by one of 'cos' or 'linear', instead got ${show(annealStrategy)}`);
    }
    this._annealFuncType = annealStrategy;
    const groups = this.groups;
    const maxLrs = perGroup(op, this.optimizer, 'max_lr', maxLr);
    if (lastEpoch === -1) {
      groups.forEach((g, i) => {
        g.initialLr = maxLrs[i] / divFactor;
        g.maxLr = maxLrs[i];
        g.minLr = (g.initialLr as number) / finalDivFactor;
      });
    }
    this.cycleMomentum = cycleMomentum;
    if (cycleMomentum) {
      this.useBeta1 = cycleMomentumCheck(op, this.optimizer.defaults);
      const maxMs = perGroup(op, this.optimizer, 'max_momentum', maxMomentum);
      const baseMs = perGroup(op, this.optimizer, 'base_momentum', baseMomentum);
      if (lastEpoch === -1) {
        groups.forEach((g, i) => {
          setMomentum(g, this.useBeta1, maxMs[i]);
          g.maxMomentum = maxMs[i];
          g.baseMomentum = baseMs[i];
        });
      }
    }
    this.ownKeys = ['total_steps', '_schedule_phases', '_anneal_func_type', 'cycle_momentum', ...(cycleMomentum ? ['use_beta1'] : [])];
    this.attach();
  }

  protected override prop(key: string): string {
    return key === 'use_beta1' ? 'useBeta1' : super.prop(key);
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this._annealFuncType === 'linear') return (end - start) * pct + start;
    const cosOut = pyCos(Math.PI * pct) + 1;
    return end + ((start - end) / 2.0) * cosOut;
  }

  protected getLr(): number[] {
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps)
      throw argumentError(`${this.op}: Tried to step ${stepNum + 1} times. The specified number of total steps is ${this.totalSteps}`);
    const phases = this._schedulePhases;
    return this.groups.map((g) => {
      let startStep = 0;
      let lr = NaN;
      for (let i = 0; i < phases.length; i++) {
        const p = phases[i];
        if (stepNum <= p.end_step || i === phases.length - 1) {
          const pct = div(this.op, stepNum - startStep, p.end_step - startStep);
          lr = this.anneal(g[groupKey(p.start_lr)] as number, g[groupKey(p.end_lr)] as number, pct);
          if (this.cycleMomentum)
            setMomentum(g, this.useBeta1, this.anneal(g[groupKey(p.start_momentum)] as number, g[groupKey(p.end_momentum)] as number, pct));
          break;
        }
        startStep = p.end_step;
      }
      return lr;
    });
  }
}

export interface CyclicLROptions {
  baseLr: number | number[];
  maxLr: number | number[];
  stepSizeUp?: number;
  stepSizeDown?: number | null;
  mode?: 'triangular' | 'triangular2' | 'exp_range';
  gamma?: number;
  scaleFn?: ((x: number) => number) | null;
  scaleMode?: 'cycle' | 'iterations';
  cycleMomentum?: boolean;
  baseMomentum?: number | number[];
  maxMomentum?: number | number[];
  lastEpoch?: number;
}

/**
 * torch.optim.lr_scheduler.CyclicLR: lr cycles between baseLr and maxLr (triangular,
 * triangular2, exp_range or a custom scaleFn), momentum inversely between maxMomentum and
 * baseMomentum (`betas[0]` for Adam-style optimizers, as PyTorch 2.x).
 */
export class CyclicLR extends LRScheduler {
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  mode: string;
  gamma: number;
  protected _scaleFnCustom: ((x: number) => number) | null;
  scaleMode: 'cycle' | 'iterations';
  cycleMomentum: boolean;
  protected useBeta1 = false;
  baseMomentums: number[] = [];
  maxMomentums: number[] = [];
  protected readonly ownKeys: string[];

  constructor(optimizer: unknown, opts: CyclicLROptions) {
    const o = optionsBag<CyclicLROptions>('CyclicLR', opts) ?? ({} as CyclicLROptions);
    const { baseLr, maxLr, stepSizeUp = 2000, stepSizeDown = null, mode = 'triangular', gamma = 1.0, scaleFn = null, scaleMode = 'cycle' } = o;
    const { cycleMomentum = true, baseMomentum = 0.8, maxMomentum = 0.9, lastEpoch = -1 } = o;
    super(optimizer, lastEpoch, 'CyclicLR');
    const op = this.op;
    const baseLrs = perGroup(op, this.optimizer, 'base_lr', baseLr);
    if (lastEpoch === -1) this.groups.forEach((g, i) => (g.lr = baseLrs[i]));
    this.maxLrs = perGroup(op, this.optimizer, 'max_lr', maxLr);
    const up = Number(stepSizeUp);
    const down = stepSizeDown !== null && stepSizeDown !== undefined ? Number(stepSizeDown) : up;
    this.totalSize = up + down;
    this.stepRatio = div(op, up, this.totalSize);
    if (!['triangular', 'triangular2', 'exp_range'].includes(mode) && scaleFn === null) throw argumentError(`${op}: mode is invalid and scale_fn is None`);
    this.mode = mode;
    this.gamma = gamma;
    this._scaleFnCustom = scaleFn;
    this.scaleMode = scaleFn === null ? (mode === 'exp_range' ? 'iterations' : 'cycle') : scaleMode;
    this.cycleMomentum = cycleMomentum;
    if (cycleMomentum) {
      this.useBeta1 = cycleMomentumCheck(op, this.optimizer.defaults);
      this.baseMomentums = perGroup(op, this.optimizer, 'base_momentum', baseMomentum);
      this.maxMomentums = perGroup(op, this.optimizer, 'max_momentum', maxMomentum);
      if (lastEpoch === -1) {
        this.groups.forEach((g, i) => {
          setMomentum(g, this.useBeta1, this.maxMomentums[i]);
          g.maxMomentum = this.maxMomentums[i];
          g.baseMomentum = this.baseMomentums[i];
        });
      }
    }
    this.ownKeys = ['max_lrs', 'total_size', 'step_ratio', 'mode', 'gamma', '_scale_fn_custom', 'scale_mode', 'cycle_momentum'];
    if (cycleMomentum) this.ownKeys.push('use_beta1', 'base_momentums', 'max_momentums');
    this.attach();
    this.baseLrs = baseLrs;
  }

  protected override prop(key: string): string {
    return key === 'use_beta1' ? 'useBeta1' : super.prop(key);
  }

  /** The custom scale function is not saved (null), as PyTorch 2.x saves none for a plain function. */
  override stateDict(): SchedulerStateDict {
    const sd = super.stateDict();
    sd._scale_fn_custom = null;
    return sd;
  }

  override loadStateDict(sd: SchedulerStateDict): void {
    const fn = this._scaleFnCustom;
    super.loadStateDict(sd);
    this._scaleFnCustom = fn;
  }

  private scale(x: number): number {
    if (this._scaleFnCustom !== null) {
      const v: unknown = this._scaleFnCustom(x);
      if (typeof v !== 'number') throw argumentError(`${this.op}: scale_fn returned ${show(v)}, expected a number`);
      return v;
    }
    if (this.mode === 'triangular') return 1.0;
    if (this.mode === 'triangular2') return 1 / pyPow(2.0, x - 1);
    return pyPow(this.gamma, x);
  }

  protected getLr(): number[] {
    const cycle = Math.floor(1 + this.lastEpoch / this.totalSize);
    const x = 1 + this.lastEpoch / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? div(this.op, x, this.stepRatio) : div(this.op, x - 1, this.stepRatio - 1);
    const s = this.scale(this.scaleMode === 'cycle' ? cycle : this.lastEpoch);
    const lrs = this.baseLrs.map((base, i) => base + (this.maxLrs[i] - base) * scaleFactor * s);
    if (this.cycleMomentum) {
      const ms = this.baseMomentums.map((base, i) => this.maxMomentums[i] - (this.maxMomentums[i] - base) * scaleFactor * s);
      this.groups.forEach((g, i) => setMomentum(g, this.useBeta1, ms[i]));
    }
    return lrs;
  }
}

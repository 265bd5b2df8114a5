import { argumentError } from '../errors';
import { show, optionsBag } from '../shape';
import { isInt, LRScheduler } from './lr_scheduler_base';
import { pyCos, pyLog, pyPow } from './lr_scheduler_math';

export interface CosineAnnealingLROptions {
  TMax: number;
  etaMin?: number;
  lastEpoch?: number;
}

// PyTorch's T_max, T_0, ... keys
const T_PROPS: Record<string, string> = { T_max: 'TMax', T_0: 'T0', T_i: 'Ti', T_mult: 'TMult', T_cur: 'TCur' };

/**
 * torch.optim.lr_scheduler.CosineAnnealingLR: cosine annealing from the initial lr to etaMin over
 * TMax steps (and back, periodically), by PyTorch's recursive form, so that lrs written by hand
 * between steps carry on as in PyTorch.
 */
export class CosineAnnealingLR extends LRScheduler {
  TMax: number;
  etaMin: number;
  protected readonly ownKeys = ['T_max', 'eta_min'];

  constructor(optimizer: unknown, opts: CosineAnnealingLROptions) {
    const o = optionsBag<CosineAnnealingLROptions>('CosineAnnealingLR', opts) ?? ({} as CosineAnnealingLROptions);
    const { etaMin = 0, lastEpoch = -1 } = o;
    const TMax = o.TMax ?? (o as { tMax?: number }).tMax;
    super(optimizer, lastEpoch, 'CosineAnnealingLR');
    if (typeof TMax !== 'number' || TMax === 0) throw argumentError(`CosineAnnealingLR: T_max must be a non-zero number, got ${show(TMax)}`);
    this.TMax = TMax;
    this.etaMin = etaMin;
    this.attach();
  }

  protected override prop(key: string): string {
    return T_PROPS[key] ?? super.prop(key);
  }

  protected getLr(): number[] {
    const e = this.lastEpoch;
    const T = this.TMax;
    const eta = this.etaMin;
    if (e === 0) return this.groups.map((g) => g.lr);
    if (this._stepCount === 1 && e > 0) return this.baseLrs.map((b) => eta + ((b - eta) * (1 + pyCos((e * Math.PI) / T))) / 2);
    if ((e - 1 - T) % (2 * T) === 0) return this.groups.map((g, i) => g.lr + ((this.baseLrs[i] - eta) * (1 - pyCos(Math.PI / T))) / 2);
    return this.groups.map((g) => ((1 + pyCos((Math.PI * e) / T)) / (1 + pyCos((Math.PI * (e - 1)) / T))) * (g.lr - eta) + eta);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((b) => this.etaMin + ((b - this.etaMin) * (1 + pyCos((Math.PI * this.lastEpoch) / this.TMax))) / 2);
  }
}

export interface CosineAnnealingWarmRestartsOptions {
  T0: number;
  TMult?: number;
  etaMin?: number;
  lastEpoch?: number;
}

/**
 * torch.optim.lr_scheduler.CosineAnnealingWarmRestarts (SGDR): cosine annealing restarted every
 * T_i steps, T_i growing by TMult. `step(epoch)` takes fractional epochs as PyTorch.
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T0: number;
  Ti: number;
  TMult: number;
  etaMin: number;
  TCur: number;
  protected readonly ownKeys = ['T_0', 'T_i', 'T_mult', 'eta_min', 'T_cur'];

  constructor(optimizer: unknown, opts: CosineAnnealingWarmRestartsOptions) {
    const o = (optionsBag<NonNullable<typeof opts>>('CosineAnnealingWarmRestarts', opts) ?? {}) as CosineAnnealingWarmRestartsOptions & {
      t0?: number;
      tMult?: number;
    };
    const { etaMin = 0, lastEpoch = -1 } = o;
    const T0 = o.T0 ?? o.t0;
    const TMult = o.TMult ?? o.tMult ?? 1;
    super(optimizer, lastEpoch, 'CosineAnnealingWarmRestarts');
    if (!isInt(T0) || T0 <= 0) throw argumentError(`CosineAnnealingWarmRestarts: Expected positive integer T_0, but got ${show(T0)}`);
    if (!isInt(TMult) || TMult < 1) throw argumentError(`CosineAnnealingWarmRestarts: Expected integer T_mult >= 1, but got ${show(TMult)}`);
    this.T0 = T0;
    this.Ti = T0;
    this.TMult = TMult;
    this.etaMin = etaMin;
    this.TCur = lastEpoch;
    this.attach();
  }

  protected override prop(key: string): string {
    return T_PROPS[key] ?? super.prop(key);
  }

  protected getLr(): number[] {
    return this.baseLrs.map((b) => this.etaMin + ((b - this.etaMin) * (1 + pyCos((Math.PI * this.TCur) / this.Ti))) / 2);
  }

  /** One step, or straight to `epoch` (fractional epochs allowed), as PyTorch's step(epoch). */
  override step(epoch?: number): void {
    this._stepEpoch(epoch);
  }

  /** @internal */
  override _stepEpoch(epoch: number | undefined): void {
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.TCur = this.TCur + 1;
      if (this.TCur >= this.Ti) {
        this.TCur = this.TCur - this.Ti;
        this.Ti = this.Ti * this.TMult;
      }
    } else {
      if (typeof epoch !== 'number' || Number.isNaN(epoch)) throw argumentError(`${this.op}: epoch must be a number, got ${show(epoch)}`);
      if (epoch < 0) throw argumentError(`${this.op}: Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.T0) {
        if (this.TMult === 1) this.TCur = epoch % this.T0;
        else {
          const n = Math.trunc(pyLog((epoch / this.T0) * (this.TMult - 1) + 1) / pyLog(this.TMult));
          this.TCur = epoch - (this.T0 * (pyPow(this.TMult, n) - 1)) / (this.TMult - 1);
          this.Ti = this.T0 * pyPow(this.TMult, n);
        }
      } else {
        this.Ti = this.T0;
        this.TCur = epoch;
      }
    }
    this.lastEpoch = Math.floor(epoch);
    this._getLrCalledWithinStep = true;
    let values: number[];
    try {
      values = this.getLr();
    } finally {
      this._getLrCalledWithinStep = false;
    }
    this.groups.forEach((g, i) => (g.lr = values[i]));
    this._lastLr = this.groups.map((g) => g.lr);
  }
}

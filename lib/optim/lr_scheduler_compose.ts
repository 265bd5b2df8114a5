import { argumentError } from '../errors';
import { show, optionsBag } from '../shape';
import { isTensor } from '../tensor';
import { camel, checkOptimizer, checkStateKinds, copyState, isInt, LRScheduler, perGroup, type Scheduler, type SchedulerStateDict } from './lr_scheduler_base';
import type { Optimizer } from './optimizer';

function checkSchedulers(op: string, schedulers: unknown): LRScheduler[] {
  if (!Array.isArray(schedulers) || schedulers.length === 0) throw argumentError(`${op}: expected a non-empty list of schedulers, got ${show(schedulers)}`);
  schedulers.forEach((s, i) => {
    if (!(s instanceof LRScheduler)) throw argumentError(`${op}: scheduler ${i} is ${show(s)}, not a chainable LRScheduler`);
  });
  return schedulers.slice() as LRScheduler[];
}

function loadChildren(op: string, schedulers: LRScheduler[], saved: unknown): void {
  if (!Array.isArray(saved) || saved.length !== schedulers.length)
    throw argumentError(`${op}.loadStateDict: _schedulers must hold ${schedulers.length} state dicts`);
  schedulers.forEach((s, i) => s.loadStateDict(saved[i] as SchedulerStateDict));
}

export interface SequentialLROptions {
  schedulers: LRScheduler[];
  milestones: number[];
  lastEpoch?: number;
}

/**
 * torch.optim.lr_scheduler.SequentialLR: runs `schedulers[i]` between milestones i - 1 and i,
 * restarting each (its closed form at epoch 0) when its turn comes.
 */
export class SequentialLR implements Scheduler {
  readonly optimizer: Optimizer;
  lastEpoch: number;
  protected _schedulers: LRScheduler[];
  protected _milestones: number[];
  protected _lastLr: number[];

  constructor(optimizer: unknown, opts: SequentialLROptions) {
    const op = 'SequentialLR';
    this.optimizer = checkOptimizer(op, optimizer);
    const { schedulers, milestones, lastEpoch = -1 } = optionsBag<SequentialLROptions>('SequentialLR', opts) ?? ({} as SequentialLROptions);
    const list = checkSchedulers(op, schedulers);
    list.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw argumentError(
          `${op}: Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`,
        );
      }
    });
    if (!Array.isArray(milestones) || !milestones.every(isInt)) throw argumentError(`${op}: milestones must be a list of integers, got ${show(milestones)}`);
    if (milestones.length !== list.length - 1) {
      throw argumentError(
        `${op}: Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${list.length} and the number of milestones to be equal to ${milestones.length}`,
      );
    }
    if (!isInt(lastEpoch)) throw argumentError(`${op}: lastEpoch must be an integer, got ${show(lastEpoch)}`);
    this._schedulers = list;
    this._milestones = milestones.slice();
    this.lastEpoch = lastEpoch + 1;
    // back to the initial lrs, undo the step each scheduler took when made, and start the first
    for (const g of this.optimizer._checkedGroups('SequentialLR')) g.lr = g.initialLr as number;
    for (const s of list) s.lastEpoch -= 1;
    list[0]._initialStep();
    this._lastLr = list[0].getLastLr();
  }

  /** Steps the scheduler whose turn it is; at a milestone the next one restarts from epoch 0. */
  step(): void {
    this.lastEpoch += 1;
    let idx = 0;
    while (idx < this._milestones.length && this._milestones[idx] <= this.lastEpoch) idx++;
    const s = this._schedulers[idx];
    if (idx > 0 && this._milestones[idx - 1] === this.lastEpoch) s._stepEpoch(0);
    else s.step();
    this._lastLr = s.getLastLr();
  }

  /** The lrs of the last step, one per group (PyTorch's get_last_lr). */
  getLastLr(): number[] {
    return this._lastLr.slice();
  }

  /** PyTorch's keys, with each scheduler's state dict under `_schedulers`. */
  stateDict(): SchedulerStateDict {
    return {
      _milestones: this._milestones.slice(),
      last_epoch: this.lastEpoch,
      _last_lr: this._lastLr.slice(),
      _schedulers: this._schedulers.map((s) => s.stateDict()),
    };
  }

  /** Restores stateDict()'s output, each scheduler's included. */
  loadStateDict(sd: SchedulerStateDict): void {
    if (sd === null || typeof sd !== 'object') throw argumentError('SequentialLR.loadStateDict: expected a state dict object');
    loadChildren('SequentialLR', this._schedulers, sd._schedulers);
    if (Array.isArray(sd._milestones)) this._milestones = (sd._milestones as number[]).slice();
    if (typeof sd.last_epoch === 'number') this.lastEpoch = sd.last_epoch;
    if (Array.isArray(sd._last_lr)) this._lastLr = (sd._last_lr as number[]).slice();
  }
}

/** torch.optim.lr_scheduler.ChainedScheduler: one step() steps every scheduler, in order. */
export class ChainedScheduler implements Scheduler {
  readonly optimizer: Optimizer;
  protected _schedulers: LRScheduler[];
  protected _lastLr: number[];

  constructor(schedulers: LRScheduler[]) {
    const list = checkSchedulers('ChainedScheduler', schedulers);
    list.forEach((s, i) => {
      if (s.optimizer !== list[0].optimizer) {
        throw argumentError(
          `ChainedScheduler: ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different`,
        );
      }
    });
    this._schedulers = list;
    this.optimizer = list[0].optimizer;
    this._lastLr = this.optimizer._checkedGroups('ChainedScheduler').map((g) => g.lr);
  }

  /** Steps every scheduler, in order. */
  step(): void {
    for (const s of this._schedulers) s.step();
    this._lastLr = this.optimizer._checkedGroups('ChainedScheduler.step').map((g) => g.lr);
  }

  /** The groups' lrs after the last step (PyTorch's get_last_lr). */
  getLastLr(): number[] {
    return this._lastLr.slice();
  }

  /** PyTorch's keys: `_last_lr` and each scheduler's state dict under `_schedulers`. */
  stateDict(): SchedulerStateDict {
    return { _last_lr: this._lastLr.slice(), _schedulers: this._schedulers.map((s) => s.stateDict()) };
  }

  /** Restores stateDict()'s output, each scheduler's included. */
  loadStateDict(sd: SchedulerStateDict): void {
    if (sd === null || typeof sd !== 'object') throw argumentError('ChainedScheduler.loadStateDict: expected a state dict object');
    loadChildren('ChainedScheduler', this._schedulers, sd._schedulers);
    if (Array.isArray(sd._last_lr)) this._lastLr = (sd._last_lr as number[]).slice();
  }
}

export interface ReduceLROnPlateauOptions {
  mode?: 'min' | 'max';
  factor?: number;
  patience?: number;
  threshold?: number;
  thresholdMode?: 'rel' | 'abs';
  cooldown?: number;
  minLr?: number | number[];
  eps?: number;
}

const PLATEAU_KEYS = [
  'factor',
  'min_lrs',
  'patience',
  'verbose',
  'cooldown',
  'cooldown_counter',
  'mode',
  'threshold',
  'threshold_mode',
  'best',
  'num_bad_epochs',
  'mode_worse',
  'eps',
  'last_epoch',
  '_last_lr',
];

/**
 * torch.optim.lr_scheduler.ReduceLROnPlateau: lr *= factor (down to minLr) once the metric given
 * to step(metric) has not improved for more than `patience` steps, then waits `cooldown` steps.
 */
export class ReduceLROnPlateau implements Scheduler {
  readonly optimizer: Optimizer;
  factor: number;
  minLrs: number[];
  patience: number;
  protected verbose = false;
  cooldown: number;
  cooldownCounter = 0;
  mode: 'min' | 'max';
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  best: number;
  numBadEpochs = 0;
  modeWorse: number;
  eps: number;
  lastEpoch = 0;
  protected _lastLr: number[];

  constructor(optimizer: unknown, opts: ReduceLROnPlateauOptions = {}) {
    const op = 'ReduceLROnPlateau';
    const {
      mode = 'min',
      factor = 0.1,
      patience = 10,
      threshold = 1e-4,
      thresholdMode = 'rel',
      cooldown = 0,
      minLr = 0,
      eps = 1e-8,
    } = optionsBag<NonNullable<typeof opts>>('ReduceLROnPlateau', opts) ?? {};
    if (typeof factor !== 'number' || !(factor < 1.0)) throw argumentError(`${op}: Factor should be < 1.0.`);
    this.factor = factor;
    this.optimizer = checkOptimizer(op, optimizer);
    const n = this.optimizer._checkedGroups(op).length;
    if (Array.isArray(minLr) && minLr.length !== n) throw argumentError(`${op}: expected ${n} min_lrs, got ${minLr.length}`);
    this.minLrs = perGroup(op, this.optimizer, 'min_lr', minLr);
    this.patience = patience;
    this.cooldown = cooldown;
    this.mode = mode;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.eps = eps;
    this.modeWorse = this.checkModes();
    this.best = this.modeWorse;
    this._lastLr = this.optimizer._checkedGroups(op).map((g) => g.lr);
  }

  private checkModes(): number {
    if (this.mode !== 'min' && this.mode !== 'max') throw argumentError(`ReduceLROnPlateau: mode ${String(this.mode)} is unknown!`);
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs')
      throw argumentError(`ReduceLROnPlateau: threshold mode ${String(this.thresholdMode)} is unknown!`);
    return this.mode === 'min' ? Infinity : -Infinity;
  }

  /** Whether the metric is still improving (`a` better than `best` by the threshold). */
  isBetter(a: number, best: number): boolean {
    if (this.mode === 'min' && this.thresholdMode === 'rel') return a < best * (1 - this.threshold);
    if (this.mode === 'min') return a < best - this.threshold;
    if (this.thresholdMode === 'rel') return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }

  /** Whether the scheduler is waiting out its cooldown. */
  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  /** Records one epoch's metric (a number or a one-element tensor) and reduces the lrs on a plateau. */
  step(metric: unknown): void {
    let current: number;
    if (typeof metric === 'number') current = metric;
    else if (isTensor(metric) && metric.numel === 1) current = Number(metric.item());
    else throw argumentError(`ReduceLROnPlateau.step: the metric must be a number or a one-element tensor, got ${show(metric)}`);
    this.lastEpoch = this.lastEpoch + 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs += 1;
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer._checkedGroups('ReduceLROnPlateau.step').forEach((g, i) => {
        const old = g.lr;
        const next = this.minLrs[i] > old * this.factor ? this.minLrs[i] : old * this.factor;
        if (old - next > this.eps) g.lr = next;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this._lastLr = this.optimizer._checkedGroups('ReduceLROnPlateau.step').map((g) => g.lr);
  }

  /** The groups' lrs after the last step (PyTorch 2.x's get_last_lr). */
  getLastLr(): number[] {
    return this._lastLr.slice();
  }

  /** PyTorch's keys, in its order (`best` and `mode_worse` may be infinite). */
  stateDict(): SchedulerStateDict {
    const self = this as unknown as Record<string, unknown>;
    return Object.fromEntries(PLATEAU_KEYS.map((k) => [k, copyState(self[camel(k)])]));
  }

  /**
   * Restores stateDict()'s output; a `best` of null (an infinite best through JSON.stringify) is
   * the mode's worst value again.
   */
  loadStateDict(sd: SchedulerStateDict): void {
    if (sd === null || typeof sd !== 'object') throw argumentError('ReduceLROnPlateau.loadStateDict: expected a state dict object');
    const self = this as unknown as Record<string, unknown>;
    const before = Object.fromEntries(PLATEAU_KEYS.map((k) => [k, self[camel(k)]]));
    checkStateKinds('ReduceLROnPlateau.loadStateDict', sd, Object.entries(before), ['best', 'mode_worse']);
    for (const k of PLATEAU_KEYS) if (k in sd) self[camel(k)] = copyState(sd[k]);
    try {
      this.modeWorse = this.checkModes();
      if ((this.best as number | null) === null) this.best = this.modeWorse;
    } catch (e) {
      for (const k of PLATEAU_KEYS) self[camel(k)] = before[k];
      throw e;
    }
  }
}

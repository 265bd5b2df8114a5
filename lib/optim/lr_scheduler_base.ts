import { argumentError } from '../errors';
import { show } from '../shape';
import { Optimizer, type ParamGroup } from './optimizer';
import { pyPow } from './lr_scheduler_math';

/** A scheduler's state_dict: PyTorch's keys (snake_case), without the optimizer and lambdas. */
export type SchedulerStateDict = Record<string, unknown>;

/** What every scheduler shares, ReduceLROnPlateau included. */
export interface Scheduler {
  readonly optimizer: Optimizer;
  getLastLr(): number[];
  stateDict(): SchedulerStateDict;
  loadStateDict(sd: SchedulerStateDict): void;
}

// optimizer.step() calls since the last scheduler was attached (PyTorch's optimizer._step_count),
// counted by a wrapper installed once per optimizer as PyTorch's with_counter does.
const optimizerSteps = new WeakMap<Optimizer, number>();
const COUNTED = Symbol('tensorgrad.lrScheduler.counted');
type Counted = ((...args: unknown[]) => unknown) & { [COUNTED]?: true };

function countSteps(opt: Optimizer): void {
  const step = (opt as unknown as { step: Counted }).step;
  if (step[COUNTED]) return;
  const wrapper: Counted = function (this: unknown, ...args: unknown[]) {
    optimizerSteps.set(opt, (optimizerSteps.get(opt) ?? 0) + 1);
    return step.apply(opt, args);
  };
  wrapper[COUNTED] = true;
  opt.step = wrapper as Optimizer['step'];
}

function warn(message: string): void {
  process.emitWarning(message, 'UserWarning');
}

/** Deep copy of state values (arrays and plain objects; numbers keep Infinity and -0). */
export function copyState<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copyState) as T;
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyState(x)])) as T;
  return v;
}

// snake_case to camelCase, a leading underscore kept (`_step_count` -> `_stepCount`)
export const camel = (k: string): string => k.replace(/(?<!^)_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A PyTorch group key (`initial_lr`, `max_momentum`) as it is spelled on a ParamGroup. */
export const groupKey = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Checks that `optimizer` is an Optimizer (PyTorch's TypeError, here ARGUMENT). */
export function checkOptimizer(op: string, optimizer: unknown): Optimizer {
  if (!(optimizer instanceof Optimizer)) throw argumentError(`${op}: ${show(optimizer)} is not an Optimizer`);
  return optimizer;
}

/** One value per group: a list of the groups' length, or a scalar repeated (PyTorch's _format_param). */
export function perGroup<T extends number>(op: string, optimizer: Optimizer, name: string, v: T | readonly T[]): T[] {
  const n = optimizer._checkedGroups(op).length;
  const list = Array.isArray(v) ? (v as T[]).slice() : new Array<T>(n).fill(v as T);
  if (Array.isArray(v) && v.length !== n) throw argumentError(`${op}: expected ${n} values for ${name}, got ${v.length}`);
  for (const x of list) if (typeof x !== 'number') throw argumentError(`${op}: ${name} must be a number or one number per group, got ${show(v)}`);
  return list;
}

/** Python's true division: a zero divisor raises (ZeroDivisionError there, ARGUMENT here). */
export function div(op: string, a: number, b: number): number {
  if (b === 0) throw argumentError(`${op}: float division by zero`);
  return a / b;
}

/** Python's float `x ** y`: 0.0 to a negative power raises (ZeroDivisionError there, ARGUMENT here). */
export function pow(op: string, x: number, y: number): number {
  if (x === 0 && y < 0) throw argumentError(`${op}: 0.0 cannot be raised to a negative power`);
  return pyPow(x, y);
}

/** A factor that must be a number (PyTorch's TypeError at the first step that multiplies by it). */
export function num(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw argumentError(`${op}: ${name} must be a number, got ${show(v)}`);
  return v;
}

/**
 * A loaded value of another kind than the attribute's (a string for last_epoch, for base_lrs)
 * would turn every lr into NaN or throw a TypeError at the next step: checked before anything
 * changes. `current` pairs each state key with the attribute's value; `nullable` keys may be null.
 */
export function checkStateKinds(op: string, sd: SchedulerStateDict, current: [string, unknown][], nullable: readonly string[] = []): void {
  for (const [k, cur] of current) {
    if (!Object.hasOwn(sd, k)) continue;
    const v = sd[k];
    const numbers = Array.isArray(cur) && cur.every((x) => typeof x === 'number');
    const ok =
      (v === null && nullable.includes(k)) ||
      (typeof cur === 'number' || typeof cur === 'boolean'
        ? typeof v === typeof cur
        : !Array.isArray(cur) || (Array.isArray(v) && (!numbers || (v.length === cur.length && v.every((x) => typeof x === 'number')))));
    if (!ok) throw argumentError(`${op}: ${k} must be ${Array.isArray(cur) ? `a list of ${cur.length} numbers` : `a ${typeof cur}`}, got ${show(v)}`);
  }
}

/** A number that must be an integer (PyTorch's isinstance(x, int) checks). */
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * torch.optim.lr_scheduler.LRScheduler: attaches to an optimizer, keeps `initialLr` on its
 * groups (PyTorch's `initial_lr`), takes the initial step, and on each `step()` writes the lrs
 * of getLr(), PyTorch's chainable form, to the groups.
 */
export abstract class LRScheduler implements Scheduler {
  readonly optimizer: Optimizer;
  /** The groups' `initialLr` when the scheduler was made (PyTorch's base_lrs). */
  baseLrs: number[] = [];
  /** Steps taken; -1 before the initial step (PyTorch's last_epoch). */
  lastEpoch: number;
  protected verbose = false;
  protected _stepCount = 0;
  protected _getLrCalledWithinStep = false;
  protected _lastLr: number[] = [];
  /** The name used in error messages. */
  protected readonly op: string;
  /** PyTorch's state_dict keys, in its order; the property of each is named by `prop`. */
  protected abstract readonly ownKeys: string[];

  protected constructor(optimizer: unknown, lastEpoch: number, op: string) {
    this.op = op;
    this.optimizer = checkOptimizer(op, optimizer);
    if (!isInt(lastEpoch)) throw argumentError(`${op}: lastEpoch must be an integer, got ${show(lastEpoch)}`);
    this.lastEpoch = lastEpoch;
  }

  /** Reads initial lrs and takes the first step; each subclass calls it at the end of its constructor. */
  protected attach(): void {
    const groups = this.groups;
    if (this.lastEpoch === -1) {
      for (const g of groups) if (g.initialLr === undefined) g.initialLr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (g.initialLr === undefined) throw argumentError(`${this.op}: param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    }
    this.baseLrs = groups.map((g) => g.initialLr as number);
    countSteps(this.optimizer);
    this._initialStep();
  }

  /** @internal PyTorch's _initial_step: resets the step counts and steps once. */
  _initialStep(): void {
    optimizerSteps.set(this.optimizer, 0);
    this._stepCount = 0;
    this.step();
  }

  /** The optimizer's groups, each checked (a null or malformed group pushed by hand is ARGUMENT). */
  protected get groups(): ParamGroup[] {
    return this.optimizer._checkedGroups(this.op);
  }

  /** The lrs at `lastEpoch`, from the groups' current lrs (PyTorch's chainable get_lr). */
  protected abstract getLr(): number[];

  /** The lrs at `lastEpoch` from baseLrs alone, where PyTorch has _get_closed_form_lr. */
  protected closedFormLr(): number[] | undefined {
    return undefined;
  }

  /**
   * Advances one step and writes the new lrs into the optimizer's groups. `epoch` (deprecated in
   * PyTorch, which warns) jumps to that epoch by the closed form where the scheduler has one.
   */
  step(epoch?: number): void {
    if (epoch !== undefined) {
      if (!isInt(epoch)) throw argumentError(`${this.op}.step: epoch must be an integer, got ${show(epoch)}`);
      warn(
        'The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the closed form is used instead of the new chainable form, where available.',
      );
    }
    this._stepEpoch(epoch);
  }

  /** @internal PyTorch's step(epoch): the closed form at `epoch` where one exists (SequentialLR's restart). */
  _stepEpoch(epoch: number | undefined): void {
    this.optimizer._checkedGroups(this.op); // a malformed group is ARGUMENT before the schedule advances
    if (this._stepCount === 1) {
      if (!(this.optimizer as unknown as { step: Counted }).step[COUNTED]) {
        warn(
          'Seems like `optimizer.step()` has been overridden after learning rate scheduler initialization. Please, make sure to call `optimizer.step()` before `lr_scheduler.step()`.',
        );
      } else if ((optimizerSteps.get(this.optimizer) ?? 0) < 1) {
        warn(
          'Detected call of `lr_scheduler.step()` before `optimizer.step()`. You should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in skipping the first value of the learning rate schedule.',
        );
      }
    }
    this._stepCount++;
    this._getLrCalledWithinStep = true;
    let values: number[];
    try {
      if (epoch === undefined) {
        this.lastEpoch++;
        values = this.getLr();
      } else {
        this.lastEpoch = epoch;
        values = this.closedFormLr() ?? this.getLr();
      }
    } finally {
      this._getLrCalledWithinStep = false;
    }
    this.groups.forEach((g, i) => (g.lr = values[i]));
    this._lastLr = this.groups.map((g) => g.lr);
  }

  /** The lrs the last step set, one per group (PyTorch's get_last_lr). */
  getLastLr(): number[] {
    return this._lastLr.slice();
  }

  /** The property holding PyTorch key `key`. */
  protected prop(key: string): string {
    return camel(key);
  }

  /** PyTorch's state_dict keys for this scheduler, in its order. */
  protected keys(): string[] {
    return [...this.ownKeys, 'base_lrs', 'last_epoch', 'verbose', '_step_count', '_get_lr_called_within_step', '_last_lr'];
  }

  /** PyTorch's state_dict: every attribute but the optimizer (and lambdas), under its snake_case key. */
  stateDict(): SchedulerStateDict {
    const self = this as unknown as Record<string, unknown>;
    return Object.fromEntries(this.keys().map((k) => [k, copyState(self[this.prop(k)])]));
  }

  /** Restores stateDict()'s output (PyTorch's load_state_dict: the attributes it names). */
  loadStateDict(sd: SchedulerStateDict): void {
    if (sd === null || typeof sd !== 'object' || Array.isArray(sd)) throw argumentError(`${this.op}.loadStateDict: expected a state dict object`);
    const self = this as unknown as Record<string, unknown>;
    const known = new Set(this.keys());
    checkStateKinds(
      `${this.op}.loadStateDict`,
      sd,
      [...known].map((k) => [k, self[this.prop(k)]]),
    );
    for (const [k, v] of Object.entries(sd)) if (known.has(k)) self[this.prop(k)] = copyState(v);
  }
}

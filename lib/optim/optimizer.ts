import { argumentError, stateError } from '../errors';
import { fmt, sameShape, show, zeroGradMode } from '../shape';
import { isTensor, type Tensor } from '../tensor';
import { checkNotBusy } from '../backend/busy';
import { noGradSync, withGradMode } from '../autograd/grad_mode';
import { keep } from '../memory';
import { stateKey } from '../nn/module';

export interface ZeroGradOptions {
  setToNone?: boolean;
}

/**
 * One parameter group: its parameters and its hyperparameters (PyTorch's param_groups[i], with
 * camelCase keys: `lr`, `weightDecay`, `betas`, ...). `lr` and the others are writable; a
 * scheduler writes `lr` and keeps `initialLr` here, as PyTorch keeps `initial_lr`.
 */
export interface ParamGroup {
  params: Tensor[];
  lr: number;
  [option: string]: unknown;
}

/** What a constructor takes per group: `{params, lr?, ...}`; missing options take the optimizer's. */
export interface ParamGroupSpec {
  params: Iterable<Tensor> | Tensor;
  [option: string]: unknown;
}

export type Params = Iterable<Tensor> | Iterable<ParamGroupSpec>;

/** Per-parameter optimizer state under PyTorch's names (`momentum_buffer`, `exp_avg`, `step`). */
export type ParamState = Record<string, Tensor | number | null>;

/**
 * The per-parameter state a step reads, checked by loadStateDict: `scalars` (a finite number or a
 * one-element tensor; `step` also >= 0) and `buffers` (tensors of the parameter's shape) that a
 * non-empty entry must hold, and `optional` buffers that may be null or absent (the step makes them).
 */
export interface StateSchema {
  scalars: readonly string[];
  buffers: readonly string[];
  optional?: readonly string[];
}

/** PyTorch's optimizer state_dict layout: per-parameter state by index, and the param groups. */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  param_groups: Record<string, unknown>[];
}

const toCamel = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * What every optimizer shares: parameter groups with their own hyperparameters, per-parameter
 * state, zeroGrad, state dicts in PyTorch's layout, and the checks run before a step writes.
 */
export abstract class Optimizer {
  readonly paramGroups: ParamGroup[] = [];
  protected readonly state = new Map<Tensor, ParamState>();

  constructor(
    params: Params,
    readonly defaults: Record<string, unknown>,
    readonly op: string,
    private readonly schema: StateSchema,
  ) {
    if (params === null || typeof params !== 'object' || !(Symbol.iterator in params))
      throw argumentError(`${op}: params argument given to the optimizer should be an iterable of Tensors or dicts`);
    const list: unknown[] = Array.from(params as Iterable<unknown>);
    if (list.length === 0) throw argumentError(`${op}: optimizer got an empty parameter list`);
    const groups = isTensor(list[0]) ? [{ params: list as Tensor[] }] : (list as ParamGroupSpec[]);
    for (const g of groups) this.addParamGroup(g);
  }

  /**
   * One update of every parameter that has a gradient. With a closure (PyTorch's
   * `step(closure)`), calls it first with grad mode on -- it zeroes the gradients, recomputes
   * the loss and backpropagates -- and returns what it returns (the loss). The closure runs
   * synchronously, as PyTorch's: the update follows its return.
   */
  step<L = undefined>(closure?: () => L): L | undefined {
    if (closure !== undefined && typeof closure !== 'function') throw argumentError(`${this.op}.step: closure must be a function, got ${show(closure)}`);
    const loss = closure === undefined ? undefined : withGradMode(true, closure);
    this.update();
    // State that a step creates belongs to the optimizer: a tg.tidy around the step must not dispose it.
    this.keepState();
    return loss;
  }

  /** The subclass's update rule over withGrads(). */
  protected abstract update(): void;

  /** Marks every state tensor kept (tg.keep), so that no tg.tidy disposes it. */
  private keepState(): void {
    for (const s of this.state.values()) for (const v of Object.values(s)) if (isTensor(v)) keep(v);
  }

  /** Every parameter of every group, in order (the indices of stateDict's `params`). */
  get params(): Tensor[] {
    return this._checkedGroups(`${this.op}.params`).flatMap((g) => g.params);
  }

  /**
   * @internal paramGroups for a reader (params, stateDict, schedulers): a group pushed by hand that
   * is not an object with a params array, or a group listed twice, is ARGUMENT naming `op` instead
   * of a TypeError further on. Its options are left to step, as PyTorch's readers accept a group
   * without them.
   */
  _checkedGroups(op: string): ParamGroup[] {
    this.checkGroupsDistinct(op);
    for (const group of this.paramGroups) if (!this.optionKinds.has(group)) checkGroupShape(op, group);
    return this.paramGroups;
  }

  /** Adds a group; options it lacks take the optimizer's defaults (PyTorch's add_param_group). */
  addParamGroup(spec: ParamGroupSpec): void {
    const op = this.op;
    if (spec === null || typeof spec !== 'object' || isTensor(spec) || !('params' in spec))
      throw argumentError(`${op}: a parameter group must be an object with params`);
    const raw = spec.params;
    if (!isTensor(raw) && (raw === null || typeof raw !== 'object' || !(Symbol.iterator in raw)))
      throw argumentError(`${op}: a parameter group's params must be a Tensor or an iterable of Tensors, got ${show(raw)}`);
    const params = isTensor(raw) ? [raw] : Array.from(raw as Iterable<unknown>);
    this.checkParams(op, params, new Set(this._checkedGroups(op).flatMap((g) => g.params)));
    const group = { ...this.defaults, ...spec, params: params as Tensor[] } as ParamGroup;
    for (const [k, v] of Object.entries(this.defaults)) if (group[k] === undefined) group[k] = v;
    this.checkGroup(group);
    this.recordOptionKinds(group);
    this.paramGroups.push(group);
  }

  /** Each of `params` a float leaf tensor, none twice or in `seen` (the other groups'). */
  private checkParams(op: string, params: unknown[], seen: Set<Tensor>): void {
    for (const p of params) {
      if (!isTensor(p)) throw argumentError(`${op}: optimizer can only optimize Tensors, but one of the params is ${show(p)}`);
      if (!p.isLeaf) throw argumentError(`${op}: can't optimize a non-leaf Tensor`);
      if (p.dtype !== 'float32' && p.dtype !== 'float64') throw argumentError(`${op}: parameters must be float32 or float64, got ${p.dtype}`);
      if (seen.has(p)) throw argumentError(`${op}: some parameters appear in more than one parameter group`);
      seen.add(p);
    }
  }

  /**
   * A group put into paramGroups by hand, not through the constructor or addParamGroup: checked
   * in full at its first step or zeroGrad, as addParamGroup checks one, but without the defaults
   * (PyTorch reads every option from the group, a missing one is its KeyError; here ARGUMENT).
   */
  private adoptGroup(group: ParamGroup, op: string): [string, string, number][] {
    checkGroupShape(op, group);
    const others = new Set(this.paramGroups.flatMap((g) => (g === group || !Array.isArray(g?.params) ? [] : g.params)));
    this.checkParams(op, group.params, others);
    this.checkGroup(group);
    this.recordOptionKinds(group);
    return this.optionKinds.get(group)!;
  }

  /** A group object listed twice in paramGroups (pushed by hand) would be stepped twice: ARGUMENT. */
  private checkGroupsDistinct(op: string): void {
    const groups = this.paramGroups;
    // Pairwise for a few groups (no Set at every step), a Set for many (no quadratic cost).
    let twice = false;
    if (groups.length > 16) twice = new Set(groups).size !== groups.length;
    else for (let i = 1; i < groups.length && !twice; i++) twice = groups.indexOf(groups[i]) < i;
    if (twice) throw argumentError(`${op}: some parameters appear in more than one parameter group`);
  }

  /** Validates a group's hyperparameters with PyTorch's messages (ARGUMENT). */
  protected abstract checkGroup(group: ParamGroup): void;

  // Each group's options and the kind each had once checkGroup passed ('number', 'boolean', 'list'
  // for tuples such as betas), built when the group is added, so a step checks without allocating.
  private readonly optionKinds = new WeakMap<ParamGroup, [string, string, number][]>();

  private recordOptionKinds(group: ParamGroup): void {
    const kinds: [string, string, number][] = [];
    for (const k of Object.keys(this.defaults)) {
      const v = group[k];
      kinds.push(Array.isArray(v) ? [k, 'list', v.length] : [k, typeof v, 0]);
    }
    this.optionKinds.set(group, kinds);
  }

  /**
   * Options are writable (a scheduler writes lr, PyTorch lets it go negative): at each step each
   * must still be of the kind it was when the group was added (SGD's lr has no default, so the
   * group's value sets it), and a number must not be NaN (it would turn every parameter into NaN;
   * a string or a missing value is PyTorch's TypeError). ARGUMENT.
   */
  private checkStepOptions(group: ParamGroup): void {
    const kinds = this.optionKinds.get(group) ?? this.adoptGroup(group, `${this.op}.step`);
    for (let i = 0; i < kinds.length; i++) {
      const [k, kind, length] = kinds[i];
      const v = group[k];
      let ok: boolean;
      if (kind === 'list') {
        ok = Array.isArray(v) && v.length === length;
        for (let j = 0; ok && j < (v as unknown[]).length; j++) ok = typeof (v as unknown[])[j] === 'number' && !Number.isNaN((v as number[])[j]);
      } else {
        ok = typeof v === kind && !(kind === 'number' && Number.isNaN(v));
      }
      if (!ok)
        throw argumentError(`${this.op}.step: the group's ${stateKey(k)} is ${show(v)}, expected ${kind === 'list' ? 'a list of numbers' : `a ${kind}`}`);
    }
  }

  /** Clears gradients: to null by default, as PyTorch 2 does, or to zeros in place. */
  zeroGrad(opts: ZeroGradOptions | boolean = {}): void {
    const setToNone = zeroGradMode(`${this.op}.zeroGrad`, opts);
    this.checkGroupsDistinct(`${this.op}.zeroGrad`);
    for (const group of this.paramGroups) {
      if (!this.optionKinds.has(group)) this.adoptGroup(group, `${this.op}.zeroGrad`);
      for (const p of group.params) {
        if (p.grad === null) continue;
        if (setToNone) p.grad = null;
        else p.grad.detach_().zero_();
      }
    }
  }

  /** PyTorch's state_dict: state by parameter index (tensors cloned), groups with snake_case keys. */
  stateDict(): OptimizerStateDict {
    const state: OptimizerStateDict['state'] = {};
    let index = 0;
    const param_groups = this._checkedGroups(`${this.op}.stateDict`).map((g) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(g)) if (k !== 'params') out[stateKey(k)] = Array.isArray(v) ? v.slice() : v;
      out.params = g.params.map((p) => {
        const s = this.state.get(p);
        if (s !== undefined) state[index] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, isTensor(v) ? v.clone() : v]));
        return index++;
      });
      return out;
    });
    return { state, param_groups };
  }

  /**
   * Restores hyperparameters and state from stateDict()'s output so that training resumes bit for
   * bit. Checked whole before anything changes: the same number of groups and of parameters per
   * group, and state tensors of the parameters' shapes.
   */
  loadStateDict(sd: OptimizerStateDict): void {
    const op = `${this.op}.loadStateDict`;
    if (sd === null || typeof sd !== 'object' || !Array.isArray(sd.param_groups) || sd.state === null || typeof sd.state !== 'object') {
      throw argumentError(`${op}: expected {state, param_groups}`);
    }
    if (sd.param_groups.length !== this._checkedGroups(op).length) throw argumentError(`${op}: loaded state dict has a different number of parameter groups`);
    const params = this.params;
    sd.param_groups.forEach((g, i) => {
      if (!Array.isArray(g?.params) || g.params.length !== this.paramGroups[i].params.length) {
        throw argumentError(`${op}: loaded state dict contains a parameter group that doesn't match the size of optimizer's group`);
      }
    });
    const ids = sd.param_groups.flatMap((g) => g.params as unknown[]);
    const next = new Map<Tensor, ParamState>();
    for (const [key, s] of Object.entries(sd.state)) {
      const at = /^(0|[1-9][0-9]*)$/.test(key) ? ids.indexOf(Number(key)) : -1;
      if (at < 0 || s === null || typeof s !== 'object') throw argumentError(`${op}: state entry ${key} names no parameter`);
      // an empty entry is no state, as in PyTorch: the next step starts the parameter afresh
      if (Object.keys(s).length > 0) next.set(params[at], this.loadEntry(op, at, params[at], s));
    }
    const groups = sd.param_groups.map((g, i) => {
      const out = { ...this.paramGroups[i] };
      for (const [k, v] of Object.entries(g)) if (k !== 'params') out[toCamel(k)] = Array.isArray(v) ? v.slice() : v;
      this.checkGroup(out);
      return out;
    });
    groups.forEach((g, i) => Object.assign(this.paramGroups[i], g));
    this.state.clear();
    for (const [p, s] of next) this.state.set(p, s);
    this.keepState();
  }

  /** One parameter's state from a state dict, checked against the schema and copied. */
  private loadEntry(op: string, at: number, p: Tensor, s: ParamState): ParamState {
    const { scalars, buffers, optional = [] } = this.schema;
    for (const k of [...scalars, ...buffers]) {
      if (s[k] === undefined || s[k] === null) throw argumentError(`${op}: the state of parameter ${at} has no ${k}`);
    }
    const copy: ParamState = Object.create(null) as ParamState;
    for (const [k, v] of Object.entries(s)) {
      const scalar = scalars.includes(k);
      const buffer = buffers.includes(k) || optional.includes(k);
      if (scalar) {
        const n = isTensor(v) && v.numel === 1 ? Number(v.detach().dataSync<Float64Array>()[0]) : v;
        if (typeof n !== 'number' || !Number.isFinite(n) || (k === 'step' && n < 0))
          throw argumentError(`${op}: state ${k} of parameter ${at} must be a finite number${k === 'step' ? ' >= 0' : ''}, got ${show(v)}`);
      }
      if (isTensor(v)) {
        // a scalar state (step, NAdam's mu_product) is a 0-d tensor in PyTorch's dicts, in its own dtype
        const own = scalar || (!buffer && v.shape.length === 0);
        if (!own && !sameShape(v.shape, p.shape))
          throw argumentError(`${op}: ${k} of parameter ${at} has shape ${fmt(v.shape)}, the parameter ${fmt(p.shape)}`);
        copy[k] = noGradSync(() =>
          v
            .detach()
            .to(own ? v.dtype : p.dtype)
            .clone(),
        );
      } else if (typeof v === 'number' ? !buffer : v === null) copy[k] = v;
      else throw argumentError(`${op}: state ${k} of parameter ${at} must be a Tensor${buffer ? '' : ' or a number'}, got ${show(v)}`);
    }
    return copy;
  }

  /**
   * The parameters of each group that have a gradient, each with its gradient as a contiguous
   * tensor, checked for the whole step before any parameter is written: a disposed parameter or
   * gradient (its storage is empty, and the step would turn the parameter into NaN) is STATE, as
   * is a parameter in use by a pending async op or a disposed state buffer; each group's options
   * are checked again (ARGUMENT).
   */
  protected withGrads(): { group: ParamGroup; p: Tensor; g: Tensor; i: number }[] {
    const out: { group: ParamGroup; p: Tensor; g: Tensor; i: number }[] = [];
    const op = `${this.op}.step`;
    this.checkGroupsDistinct(op);
    let i = 0;
    for (const group of this.paramGroups) {
      this.checkStepOptions(group);
      for (const p of group.params) {
        const g = p.grad;
        const at = i++;
        if (g === null) continue;
        if (p._storage.disposed) throw stateError(`${op}: parameter ${at} has been disposed`);
        if (g._storage.disposed) throw stateError(`${op}: the gradient of parameter ${at} has been disposed`);
        checkNotBusy(op, p);
        if (!p.isContiguous()) throw argumentError(`${this.op}: parameters must be contiguous`);
        for (const [name, buffer] of Object.entries(this.state.get(p) ?? {})) {
          if (isTensor(buffer) && buffer._storage.disposed) throw stateError(`${op}: the ${name} of parameter ${at} has been disposed`);
        }
        out.push({ group, p, g: g.isContiguous() ? g : g.detach().contiguous(), i: at });
      }
    }
    return out;
  }
}

/** A group option that must be a number >= 0 (PyTorch's "Invalid <what> value: x"). */
export function nonNegative(op: string, what: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0)) throw argumentError(`${op}: Invalid ${what}: ${show(v)}`);
  return v;
}

/** A group pushed into paramGroups by hand must at least be an object with a params array (ARGUMENT). */
function checkGroupShape(op: string, group: ParamGroup): void {
  if (group === null || typeof group !== 'object' || !Array.isArray(group.params))
    throw argumentError(`${op}: a parameter group must be an object whose params is an array of Tensors, got ${show(group)}`);
}

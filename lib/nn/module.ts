// torch.nn.Module: parameters, buffers and submodules found by walking the module's own
// properties in the order they were assigned; PyTorch's key names (a property `runningMean` is
// the key `running_mean`, so PyTorch checkpoints load as they are), train/eval, hooks, repr.
import { noGradSync } from '../autograd/grad_mode';
import { argumentError } from '../errors';
import { optionsBag, zeroGradMode } from '../shape';
import { keep } from '../memory';
import { isTensor, Tensor } from '../tensor';
import { INSPECT } from '../inspect';
import type { DType } from '../dtype';
import { checkStateDict, withLoadDefaults, type LoadResult } from './state_dict';
import { moduleRepr } from './repr';
import { addFullBackwardHook, hasFullBackwardHooks, hookInputs, hookOutputs, type Grads } from './backward_hook';

const PARAMETER = Symbol('tensorgrad.parameter');

/** Marks a leaf tensor as a trainable parameter (torch.nn.Parameter); requiresGrad defaults to true. */
export function Parameter(t: Tensor, requiresGrad = true): Tensor {
  if (!isTensor(t)) throw argumentError('Parameter: expected a Tensor');
  const p = t.isLeaf ? t : t.detach();
  p.requiresGrad = requiresGrad;
  (p as unknown as Record<symbol, boolean>)[PARAMETER] = true;
  // PyTorch's Parameter.__repr__; own, non-enumerable, so the module walk never sees them.
  const show = (): string => `Parameter containing:\n${Tensor.prototype.toString.call(p)}`;
  Object.defineProperty(p, 'toString', { value: show, configurable: true, writable: true });
  Object.defineProperty(p, INSPECT, { value: show, configurable: true, writable: true });
  return p;
}

export function isParameter(v: unknown): v is Tensor {
  return isTensor(v) && (v as unknown as Record<symbol, boolean>)[PARAMETER] === true;
}

/** PyTorch's spelling of a property name: `runningMean` -> `running_mean`, `fc1` and `0` as they are. */
export function stateKey(property: string): string {
  return property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** What `register*Hook` returns: `remove()` unregisters the hook (PyTorch's RemovableHandle). */
export interface HookHandle {
  remove(): void;
}

export type ForwardPreHook = (module: Module, inputs: Tensor[]) => Tensor | Tensor[] | void | undefined;
export type ForwardHook = (module: Module, inputs: Tensor[], output: Tensor) => Tensor | void | undefined;

export interface LoadStateDictOptions {
  strict?: boolean;
}

// Bookkeeping kept off the enumerable properties, so the property walk sees only what users assigned.
interface Internals {
  buffers: Map<string, boolean>; // property name -> persistent
  preHooks: ForwardPreHook[];
  hooks: ForwardHook[];
}
const INTERNALS = new WeakMap<object, Internals>();
function internals(m: object): Internals {
  let s = INTERNALS.get(m);
  if (s === undefined) INTERNALS.set(m, (s = { buffers: new Map(), preHooks: [], hooks: [] }));
  return s;
}

function removable<T>(list: T[], item: T): HookHandle {
  list.push(item);
  return {
    remove: () => {
      const i = list.indexOf(item);
      if (i >= 0) list.splice(i, 1);
    },
  };
}

/** Any module, whatever its forward takes and gives (children, apply, namedModules). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- forward's arguments vary by module
export type AnyModule = Module<any, unknown>;

/**
 * A module's forward takes `In` and gives `Out`: tensors to a tensor by default; a module with
 * other arguments or several results says so (MultiheadAttention gives [output, weights]).
 */
export abstract class Module<In extends unknown[] = Tensor[], Out = Tensor> {
  /** True after train() (the default), false after eval(). */
  training = true;

  abstract forward(...inputs: In): Out;

  /**
   * Runs the forward pre-hooks, forward, then the forward hooks (PyTorch's `module(x)`); with full
   * backward hooks, the inputs and outputs pass through their recording nodes (backward_hook.ts).
   */
  call(...inputs: In): Out {
    const s = INTERNALS.get(this);
    const backwardHooks = hasFullBackwardHooks(this);
    if (!backwardHooks && (s === undefined || (s.preHooks.length === 0 && s.hooks.length === 0))) return this.forward(...inputs);
    // The hooks see the arguments and result as they are (PyTorch's hooks take any values).
    const self = this as unknown as Module;
    let args = inputs as unknown as Tensor[];
    for (const hook of s?.preHooks.slice() ?? []) {
      const r = hook(self, args);
      if (r !== undefined) args = Array.isArray(r) ? r : [r];
    }
    const hooked = backwardHooks ? hookInputs(this, args) : null;
    if (hooked !== null) args = hooked.args as Tensor[];
    let out = this.forward(...(args as unknown as In)) as unknown as Tensor;
    for (const hook of s?.hooks.slice() ?? []) {
      const r = hook(self, args, out);
      if (r !== undefined) out = r;
    }
    return (hooked === null ? out : hookOutputs(hooked.state, out)) as unknown as Out;
  }

  /**
   * hook(module, gradInput, gradOutput) once per backward pass through a call(), with the
   * gradients w.r.t. the module's inputs and outputs (null where none); a returned array
   * replaces gradInput (PyTorch's register_full_backward_hook).
   */
  registerFullBackwardHook(hook: (module: this, gradInput: Grads, gradOutput: Grads) => Grads | void | undefined): HookHandle {
    return { remove: addFullBackwardHook(this, hook) };
  }

  /** hook(module, inputs) before forward; a returned tensor or array replaces the inputs. */
  registerForwardPreHook(hook: ForwardPreHook): HookHandle {
    if (typeof hook !== 'function') throw argumentError('registerForwardPreHook: hook must be a function');
    return removable(internals(this).preHooks, hook);
  }

  /** hook(module, inputs, output) after forward; a returned tensor replaces the output. */
  registerForwardHook(hook: ForwardHook): HookHandle {
    if (typeof hook !== 'function') throw argumentError('registerForwardHook: hook must be a function');
    return removable(internals(this).hooks, hook);
  }

  /**
   * Adds a buffer: state that is not a parameter (BatchNorm's running mean), kept in the property
   * `name` and, when persistent, in stateDict() under PyTorch's key. `null` registers an absent one.
   */
  registerBuffer(name: string, tensor: Tensor | null, opts: { persistent?: boolean } = {}): void {
    if (typeof name !== 'string' || name === '' || name.includes('.'))
      throw argumentError(`registerBuffer: buffer name must be a non-empty string without '.', got ${String(name)}`);
    if (tensor !== null && !isTensor(tensor))
      throw argumentError(`registerBuffer: cannot assign a non-Tensor object to buffer '${name}' (torch Tensor or None required)`);
    if (isParameter((this as Record<string, unknown>)[name]) || (this as Record<string, unknown>)[name] instanceof Module) {
      throw argumentError(`registerBuffer: attribute '${name}' already exists`);
    }
    internals(this).buffers.set(name, opts.persistent ?? true);
    // A module's state, like its parameters, outlives a tg.tidy that builds the module.
    (this as Record<string, unknown>)[name] = tensor === null ? null : keep(tensor);
  }

  /** Adds a parameter under `name` (a plain tensor is made a Parameter; null is an absent one), as register_parameter. */
  registerParameter(name: string, param: Tensor | null): void {
    checkName('registerParameter', 'parameter', name);
    checkFree(this, 'registerParameter', name, (v) => isParameter(v));
    if (param !== null && !isTensor(param))
      throw argumentError(`registerParameter: cannot assign ${String(param)} to parameter '${name}' (torch.nn.Parameter or None required)`);
    (this as Record<string, unknown>)[name] = param === null || isParameter(param) ? param : Parameter(param);
  }

  /** Adds a child module under `name` (add_module / register_module). */
  addModule(name: string, module: AnyModule | null): void {
    checkName('addModule', 'module', name);
    checkFree(this, 'addModule', name, (v) => v instanceof Module);
    if (module !== null && !(module instanceof Module)) throw argumentError(`addModule: ${String(module)} is not a Module subclass`);
    (this as Record<string, unknown>)[name] = module;
  }

  registerModule(name: string, module: AnyModule | null): void {
    this.addModule(name, module);
  }

  /** The descendant at a dotted path such as 'blocks.0.fc' ('' is this module), as get_submodule. */
  getSubmodule(target: string): AnyModule {
    return (target === '' ? [] : target.split('.')).reduce<AnyModule>((m, part) => {
      const next = m.namedChildren().find(([n]) => n === part)?.[1];
      if (next === undefined) throw argumentError(`${m.constructor.name} has no attribute \`${part}\``);
      return next;
    }, this);
  }

  /** The parameter at a dotted path such as 'fc.weight' (get_parameter). */
  getParameter(target: string): Tensor {
    return this.getLeaf(target, (m) => m.namedParameters().filter(([n]) => !n.includes('.')), 'parameter');
  }

  /** The buffer at a dotted path such as 'bn.running_mean' (get_buffer). */
  getBuffer(target: string): Tensor {
    return this.getLeaf(target, (m) => m.namedBuffers().filter(([n]) => !n.includes('.')), 'buffer');
  }

  /** to('float64') / to('float32'), as PyTorch's module.double() / float(). */
  double(): this {
    return this.to('float64');
  }

  float(): this {
    return this.to('float32');
  }

  /** Direct children as [name, module], in assignment order, each module once (named_children). */
  namedChildren(): [string, AnyModule][] {
    const seen = new Set<AnyModule>();
    return this.childEntries().filter(([, m]) => !seen.has(m) && seen.add(m));
  }

  children(): AnyModule[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, pre-order, each once, with dotted names ('' for this one). */
  namedModules(prefix = '', seen = new Set<AnyModule>()): [string, AnyModule][] {
    if (seen.has(this)) return [];
    seen.add(this);
    const out: [string, AnyModule][] = [[prefix, this]];
    for (const [name, child] of this.namedChildren()) out.push(...child.namedModules(prefix === '' ? name : `${prefix}.${name}`, seen));
    return out;
  }

  modules(): AnyModule[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Own parameters then the children's, each once, with PyTorch's dotted names (named_parameters). */
  namedParameters(prefix = ''): [string, Tensor][] {
    return this.collect(prefix, (m) => Object.entries(m).filter(([, v]) => isParameter(v)) as [string, Tensor][]);
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Registered buffers that are not null, with dotted names (named_buffers). */
  namedBuffers(prefix = ''): [string, Tensor][] {
    return this.collect(prefix, (m) => m.ownBuffers(false));
  }

  buffers(): Tensor[] {
    return this.namedBuffers().map(([, b]) => b);
  }

  /**
   * name -> tensor for every parameter and persistent buffer, module by module (its parameters,
   * its buffers, then its children), as PyTorch's state_dict; the tensors share the module's memory.
   */
  stateDict(prefix = '', out: Record<string, Tensor> = {}): Record<string, Tensor> {
    const own = [...(Object.entries(this).filter(([, v]) => isParameter(v)) as [string, Tensor][]), ...this.ownBuffers(true)];
    for (const [k, t] of own) out[prefix + stateKey(k)] = t.detach();
    // Every child entry, a module held twice included (under both names), as PyTorch's state_dict.
    for (const [name, child] of this.childEntries()) child.stateDict(`${prefix}${name}.`, out);
    return out;
  }

  /**
   * Copies values in by key. Every entry is checked (type, shape) before any is copied, so nothing
   * is half-loaded; with strict (the default) missing or unexpected keys are an error too.
   * Returns the keys that were missing or unexpected, as PyTorch's load_state_dict.
   */
  loadStateDict(state: Record<string, Tensor>, opts: LoadStateDictOptions = {}): LoadResult {
    const targets = new Map(Object.entries(this.stateDict()));
    // `loadStateDict(sd, false)` (PyTorch's positional strict) is ARGUMENT, not a strict load
    const o = optionsBag<LoadStateDictOptions>('loadStateDict', opts) ?? {};
    state = withLoadDefaults(this.namedModules(), state);
    const result = checkStateDict(this.constructor.name, targets, state, o.strict ?? true);
    noGradSync(() => {
      for (const [name, t] of targets) if (Object.prototype.hasOwnProperty.call(state, name)) t.copy_(state[name]);
    });
    return result;
  }

  /** Calls fn on every descendant (children first) and then on this module, as PyTorch's apply. */
  apply(fn: (m: AnyModule) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /** Sets requiresGrad on every parameter. */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad = requiresGrad;
    return this;
  }

  /**
   * Casts floating-point parameters and buffers (and gradients) to `dtype` in place: the
   * parameter objects stay the same, so an optimizer made before still holds them (module.to(dtype)).
   */
  to(dtype: DType): this {
    if (dtype !== 'float32' && dtype !== 'float64') throw argumentError(`Module.to: only floating point dtypes are supported, got ${String(dtype)}`);
    noGradSync(() => {
      const done = new Set<Tensor>();
      for (const t of [...this.parameters(), ...this.buffers()]) {
        if (done.has(t) || (t.dtype !== 'float32' && t.dtype !== 'float64')) continue;
        done.add(t);
        retype(t, dtype);
        if (t.grad !== null) {
          const g = t.grad;
          t.grad = null;
          retype(g, dtype);
          t.grad = g;
        }
      }
    });
    return this;
  }

  train(mode = true): this {
    this.training = mode;
    for (const child of this.children()) child.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /**
   * Clears every parameter's gradient: to null (PyTorch 2's set_to_none default), or with
   * `{setToNone: false}` to zeros in place, detached, as PyTorch 1.13's default (module.zero_grad).
   */
  zeroGrad(opts: { setToNone?: boolean } | boolean = {}): void {
    const setToNone = zeroGradMode('zeroGrad', opts);
    for (const p of this.parameters()) {
      if (p.grad === null) continue;
      if (setToNone) p.grad = null;
      else noGradSync(() => p.grad!.detach_().zero_());
    }
  }

  /** The text inside this module's parentheses in its repr (PyTorch's extra_repr). */
  extraRepr(): string {
    return '';
  }

  /** PyTorch's module repr: `Linear(in_features=2, out_features=1, bias=True)`, children indented. */
  toString(): string {
    return moduleRepr(this.constructor.name, this.extraRepr(), this.childEntries());
  }

  /** Child modules under their keys, in assignment order, repeats included (PyTorch's _modules); a container that keeps its children elsewhere (ModuleDict) overrides it. */
  protected childEntries(): [string, AnyModule][] {
    return Object.entries(this)
      .filter(([, v]) => v instanceof Module)
      .map(([k, v]) => [stateKey(k), v as AnyModule]);
  }

  private getLeaf(target: string, own: (m: AnyModule) => [string, Tensor][], what: string): Tensor {
    const at = target.lastIndexOf('.');
    const m = this.getSubmodule(at < 0 ? '' : target.slice(0, at));
    const name = target.slice(at + 1);
    const t = own(m).find(([n]) => n === name)?.[1];
    if (t === undefined) throw argumentError(`${m.constructor.name} has no attribute \`${name}\` (no ${what} of that name)`);
    return t;
  }

  private ownBuffers(persistentOnly: boolean): [string, Tensor][] {
    const s = INTERNALS.get(this);
    if (s === undefined) return [];
    const out: [string, Tensor][] = [];
    for (const [name, persistent] of s.buffers) {
      const t = (this as Record<string, unknown>)[name];
      if (isTensor(t) && (persistent || !persistentOnly)) out.push([name, t]);
    }
    return out;
  }

  private collect(prefix: string, own: (m: AnyModule) => [string, Tensor][]): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    for (const [path, m] of this.namedModules(prefix.endsWith('.') ? prefix.slice(0, -1) : prefix)) {
      for (const [k, t] of own(m)) {
        if (seen.has(t)) continue;
        seen.add(t);
        out.push([(path === '' ? '' : `${path}.`) + stateKey(k), t]);
      }
    }
    return out;
  }
}

/** Points `t` at a copy of its values in `dtype`, keeping the object (PyTorch's `param.data = param.data.to(dtype)`). */
function retype(t: Tensor, dtype: DType): void {
  if (t.dtype === dtype) return;
  const converted = t.detach().to(dtype);
  (t as { dtype: DType }).dtype = dtype;
  t.data = converted;
}

// PyTorch's "attribute 'forward' already exists": a name may be registered again only over the
// same kind of child (or an absent one, null), never over a method or another attribute.
function checkFree(m: object, op: string, name: string, sameKind: (v: unknown) => boolean): void {
  const cur = (m as Record<string, unknown>)[name];
  const ownNull = cur === null && Object.prototype.hasOwnProperty.call(m, name);
  if (name in m && !sameKind(cur) && !ownNull) throw argumentError(`${op}: attribute '${name}' already exists`);
}

function checkName(op: string, what: string, name: unknown): void {
  if (typeof name !== 'string' || name === '' || name.includes('.'))
    throw argumentError(`${op}: ${what} name must be a non-empty string without '.', got ${String(name)}`);
}

import { argumentError, indexError } from '../errors';
import { show, optionsBag } from '../shape';
import { generatorOf, uniformArray, type Generator } from '../random';
import { contiguousStrides } from '../shape';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { Module, Parameter, type AnyModule } from './module';
import * as F from './functional';
import { py, pyFloat } from './repr';
import { inplaceFlag } from './activation_modules';

/** A float32 tensor of `shape` filled as PyTorch's uniform_(-bound, bound) fills it. */
function uniform(shape: number[], bound: number, generator?: Generator): Tensor {
  const data = uniformArray('float32', shape[0] * (shape[1] ?? 1), -bound, bound, generatorOf({ generator }));
  return new Tensor(new Storage(data), shape, contiguousStrides(shape), 0, 'float32');
}

/**
 * kaiming_uniform_(a = sqrt(5))'s bound, computed as torch.nn.init computes it (gain, then std,
 * then sqrt(3) * std) so that it rounds as PyTorch's: mathematically 1/sqrt(fanIn).
 */
function kaimingBound(fanIn: number): number {
  const a = Math.sqrt(5);
  const gain = Math.sqrt(2 / (1 + a * a));
  return Math.sqrt(3) * (gain / Math.sqrt(fanIn));
}

export interface LinearOptions {
  bias?: boolean;
  generator?: Generator;
}

/**
 * y = x W^T + b, with PyTorch's default init and random stream: W by kaiming_uniform_(a =
 * sqrt(5)), then b ~ U(-1/sqrt(inFeatures), 1/sqrt(inFeatures)); a weight with no elements draws
 * nothing, as PyTorch's init skips it.
 */
export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: LinearOptions = {},
  ) {
    super();
    opts = optionsBag('Linear', opts) ?? {};
    for (const [n, v] of [
      ['inFeatures', inFeatures],
      ['outFeatures', outFeatures],
    ] as const) {
      if (!Number.isInteger(v) || v < 0) throw argumentError(`Linear: ${n} must be a non-negative integer, got ${show(v)}`);
    }
    const empty = inFeatures * outFeatures === 0;
    this.weight = Parameter(uniform([outFeatures, inFeatures], empty ? 0 : kaimingBound(inFeatures), opts.generator));
    const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
    this.bias = (opts.bias ?? true) ? Parameter(uniform([outFeatures], bound, opts.generator)) : null;
  }

  forward(x: Tensor): Tensor {
    return F.linear(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${py(this.bias !== null)}`;
  }
}

/**
 * Runs modules in order (torch.nn.Sequential): `new Sequential(a, b, c)` names its children
 * "0", "1", ...; `new Sequential({fc: a, act: b})` (or a Map, PyTorch's OrderedDict) names them
 * by key, kept in stateDict keys and the repr as given. Children are reachable as `seq[i]`,
 * `seq.get(i)` (negative from the end) and by iteration.
 */
export class Sequential extends Module implements Iterable<Module> {
  [index: number]: Module;
  length: number;
  // The children's names when given by key; null for "0", "1", ... (then kept as own properties).
  readonly #names: string[] | null = null;

  constructor(...modules: Module[] | [Record<string, Module> | Map<string, Module>]) {
    super();
    const first: unknown = modules[0];
    if (modules.length === 1 && first !== null && typeof first === 'object' && !(first instanceof Module)) {
      const pairs = first instanceof Map ? [...(first as Map<unknown, unknown>).entries()] : Object.entries(first);
      this.#names = pairs.map(([name, m], i) => {
        if (typeof name !== 'string' || name === '' || name.includes('.'))
          throw argumentError(`Sequential: module name must be a non-empty string without '.', got ${show(name)}`);
        if (!(m instanceof Module)) throw argumentError(`Sequential: ${name} is not a Module`);
        // Not enumerable: the module walk reads the children from #names, under their keys as given.
        Object.defineProperty(this, i, { value: m, writable: true, configurable: true, enumerable: false });
        if (!(name in this)) Object.defineProperty(this, name, { value: m, writable: true, configurable: true, enumerable: false });
        return name;
      });
      this.length = pairs.length;
      return;
    }
    (modules as unknown[]).forEach((m, i) => {
      if (!(m instanceof Module)) throw argumentError(`Sequential: argument ${i} is not a Module`);
      this[i] = m as Module;
    });
    this.length = modules.length;
  }

  /** The module at `i` (negative counts from the end), as `seq[i]` in PyTorch. */
  get(i: number): Module {
    if (!Number.isInteger(i)) throw argumentError(`Sequential.get: index must be an integer, got ${show(i)}`);
    if (i < -this.length || i >= this.length) throw indexError(`index ${i} is out of range`);
    return this[i < 0 ? i + this.length : i];
  }

  /** Adds a module at the end (PyTorch's Sequential.append); it is named by its position. */
  append(m: Module): this {
    if (!(m instanceof Module)) throw argumentError(`Sequential.append: ${show(m)} is not a Module`);
    if (this.#names === null) this[this.length] = m;
    else {
      Object.defineProperty(this, this.length, { value: m, writable: true, configurable: true, enumerable: false });
      this.#names.push(String(this.length));
    }
    this.length++;
    return this;
  }

  /**
   * add_module on a Sequential, as PyTorch's: a new name appends the module (it runs last and
   * counts in length), an existing one replaces that child in place.
   */
  override addModule(name: string, module: AnyModule | null): void {
    const at = this.#names !== null ? this.#names.indexOf(name) : /^(0|[1-9][0-9]*)$/.test(name) && Number(name) < this.length ? Number(name) : -1;
    super.addModule(name, module);
    if (module === null) return;
    if (at >= 0) {
      Object.defineProperty(this, at, { value: module, writable: true, configurable: true, enumerable: this.#names === null });
      return;
    }
    if (this.#names !== null) this.#names.push(name);
    // Under another name than its position, the index is not a child of its own (no key twice).
    if (name !== String(this.length)) Object.defineProperty(this, this.length, { value: module, writable: true, configurable: true, enumerable: false });
    this.length++;
  }

  *[Symbol.iterator](): Iterator<Module> {
    for (let i = 0; i < this.length; i++) yield this[i];
  }

  forward(x: Tensor): Tensor {
    let y = x;
    for (let i = 0; i < this.length; i++) y = this[i].call(y);
    return y;
  }

  protected override childEntries(): [string, AnyModule][] {
    return this.#names === null ? super.childEntries() : this.#names.map((n, i) => [n, this[i]]);
  }
}

/**
 * Zeroes each element with probability p in training and scales the rest by 1 / (1 - p), as
 * PyTorch's: its mask is bernoulli_(1 - p) of PyTorch's stream; identity in eval() (torch.nn.Dropout).
 */
export class Dropout extends Module {
  private readonly generator: Generator | undefined;
  /** PyTorch's flag, shown in the repr; the result is computed out of place. */
  readonly inplace: boolean;

  /** `opts.generator`: draws the masks from this stream instead of the default one. */
  constructor(
    readonly p = 0.5,
    opts: { inplace?: boolean; generator?: Generator } | boolean = {},
  ) {
    super();
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw argumentError(`dropout probability has to be between 0 and 1, but got ${show(p)}`);
    // A boolean is PyTorch's positional inplace (nn.Dropout(0.5, True)).
    this.inplace = inplaceFlag('Dropout', opts);
    this.generator = typeof opts === 'boolean' ? undefined : opts?.generator;
  }

  forward(x: Tensor): Tensor {
    return F.dropout(x, this.p, { training: this.training, generator: this.generator });
  }

  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=${py(this.inplace)}`;
  }
}

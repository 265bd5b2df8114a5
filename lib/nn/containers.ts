// Identity, Flatten, Unflatten and the ModuleList/ModuleDict containers (torch.nn's).
import { argumentError, indexError, shapeError, stateError } from '../errors';
import { fmt, normDim, show } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { Module } from './module';
import { py } from './repr';

/** Returns its input (torch.nn.Identity). */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** Flattens dims startDim..endDim into one (torch.nn.Flatten; default keeps the batch dim). */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
    if (!Number.isInteger(startDim) || !Number.isInteger(endDim))
      throw argumentError(`Flatten: startDim and endDim must be integers, got ${show(startDim)}, ${show(endDim)}`);
  }
  forward(x: Tensor): Tensor {
    return x.flatten(this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/** x.view with dim `dim` split into `sizes` (one of them may be -1) (torch.unflatten). */
export function unflatten(x: Tensor, dim: number, sizesArg: readonly number[]): Tensor {
  checkTensor('unflatten', x);
  if (!Array.isArray(sizesArg) || sizesArg.length === 0) throw argumentError('unflatten: sizes must be non-empty');
  const sizes: readonly number[] = sizesArg;
  const d = normDim('unflatten', dim, x.ndim);
  const n = x.shape[d];
  let infer = -1;
  let known = 1;
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || s < -1) throw argumentError(`unflatten: invalid size ${show(s)} in ${show(sizes)}`);
    if (s === -1) {
      if (infer >= 0) throw argumentError('unflatten: only one dimension can be inferred');
      infer = i;
    } else known *= s;
  });
  const out = [...sizes];
  if (infer >= 0) {
    if (known === 0 || n % known !== 0)
      throw shapeError(`unflatten: Provided sizes ${fmt(sizes)} don't multiply up to the size of dim ${dim} (${n}) in the input tensor`);
    out[infer] = n / known;
  } else if (known !== n) {
    throw shapeError(`unflatten: Provided sizes ${fmt(sizes)} don't multiply up to the size of dim ${dim} (${n}) in the input tensor`);
  }
  return x.view([...x.shape.slice(0, d), ...out, ...x.shape.slice(d + 1)]);
}

/** Splits dim `dim` into `sizes` (torch.nn.Unflatten). */
export class Unflatten extends Module {
  readonly unflattenedSize: number[];
  constructor(
    readonly dim: number,
    sizes: readonly number[],
  ) {
    super();
    if (!Number.isInteger(dim)) throw argumentError(`Unflatten: dim must be an integer, got ${show(dim)}`);
    if (!Array.isArray(sizes)) throw argumentError(`Unflatten: unflattened_size must be an array of integers, got ${show(sizes)}`);
    const list: readonly unknown[] = sizes;
    if (!list.every((s) => Number.isInteger(s))) throw argumentError(`Unflatten: unflattened_size must be an array of integers, got ${show(sizes)}`);
    this.unflattenedSize = [...(list as number[])];
  }
  forward(x: Tensor): Tensor {
    return unflatten(x, this.dim, this.unflattenedSize);
  }
  override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=${py(this.unflattenedSize)}`;
  }
}

function checkModule(op: string, m: unknown): Module {
  if (!(m instanceof Module)) throw argumentError(`${op}: ${show(m)} is not a Module subclass`);
  return m as Module;
}

/**
 * Holds modules in a list, registered as children "0", "1", ... (torch.nn.ModuleList): index
 * access (`list[0]` or `list.get(-1)`), `length`, iteration, append/extend/insert.
 */
export class ModuleList extends Module implements Iterable<Module> {
  [index: number]: Module;
  length = 0;

  constructor(modules: Iterable<Module> = []) {
    super();
    this.extend(modules);
  }

  /** The module at `i` (negative counts from the end). */
  get(i: number): Module {
    return this[this.position('get', i)];
  }

  /** Replaces the module at `i`. */
  set(i: number, m: Module): void {
    this[this.position('set', i)] = checkModule('ModuleList.set', m);
  }

  append(m: Module): this {
    this[this.length] = checkModule('ModuleList.append', m);
    this.length++;
    return this;
  }

  extend(modules: Iterable<Module>): this {
    if (modules === null || typeof (modules as Partial<Iterable<Module>>)[Symbol.iterator] !== 'function') {
      throw argumentError(`ModuleList.extend should be called with an iterable, but got ${show(modules)}`);
    }
    for (const m of modules) this.append(m);
    return this;
  }

  /** Inserts before index `i` (Python's list.insert clamping). */
  insert(i: number, m: Module): void {
    checkModule('ModuleList.insert', m);
    if (!Number.isInteger(i)) throw argumentError(`ModuleList.insert: index must be an integer, got ${show(i)}`);
    let at = i < 0 ? i + this.length : i;
    at = Math.min(Math.max(at, 0), this.length);
    for (let j = this.length; j > at; j--) this[j] = this[j - 1];
    this[at] = m;
    this.length++;
  }

  /** Removes and returns the module at `i` (default the last), renumbering the rest. */
  pop(i = -1): Module {
    const at = this.position('pop', i);
    const m = this[at];
    for (let j = at; j < this.length - 1; j++) this[j] = this[j + 1];
    delete this[this.length - 1];
    this.length--;
    return m;
  }

  *[Symbol.iterator](): Iterator<Module> {
    for (let i = 0; i < this.length; i++) yield this[i];
  }

  override namedChildren(): [string, Module][] {
    return Array.from({ length: this.length }, (_, i) => [String(i), this[i]]);
  }

  forward(): Tensor {
    throw stateError('ModuleList has no forward: call its modules');
  }

  private position(op: string, i: number): number {
    if (!Number.isInteger(i)) throw argumentError(`ModuleList.${op}: index must be an integer, got ${show(i)}`);
    if (i < -this.length || i >= this.length) throw indexError(`index ${i} is out of range`);
    return i < 0 ? i + this.length : i;
  }
}

/**
 * Holds modules by name in insertion order, registered as children under their keys as given
 * (torch.nn.ModuleDict): get/set/has/delete, keys/values/entries, size.
 */
export class ModuleDict extends Module implements Iterable<string> {
  // Kept in a Map, not as properties: keys are used as they are (no camelCase conversion) and
  // in insertion order even when they look like integers.
  readonly #modules = new Map<string, Module>();

  constructor(modules: Record<string, Module> | Iterable<[string, Module]> = {}) {
    super();
    this.update(modules);
  }

  get(key: string): Module {
    const m = this.#modules.get(key);
    if (m === undefined) throw indexError(`ModuleDict: no module named '${String(key)}'`);
    return m;
  }

  set(key: string, m: Module): this {
    if (typeof key !== 'string' || key === '' || key.includes('.')) throw argumentError(`module name must be a non-empty string without '.', got ${show(key)}`);
    this.#modules.set(key, checkModule('ModuleDict.set', m));
    return this;
  }

  has(key: string): boolean {
    return this.#modules.has(key);
  }

  delete(key: string): boolean {
    return this.#modules.delete(key);
  }

  /** Removes the module under key and returns it (PyTorch's pop). */
  pop(key: string): Module {
    const m = this.get(key);
    this.#modules.delete(key);
    return m;
  }

  clear(): void {
    this.#modules.clear();
  }

  /** Adds or replaces entries from an object or [key, module] pairs. */
  update(modules: Record<string, Module> | Iterable<[string, Module]>): this {
    if (modules === null || typeof modules !== 'object')
      throw argumentError(`ModuleDict.update should be called with an object or iterable of pairs, got ${show(modules)}`);
    const pairs = Symbol.iterator in modules ? modules : Object.entries(modules);
    for (const pair of pairs) {
      if (!Array.isArray(pair) || pair.length !== 2) throw argumentError('ModuleDict.update: each element must be a [key, module] pair');
      this.set(pair[0], pair[1]);
    }
    return this;
  }

  get size(): number {
    return this.#modules.size;
  }

  keys(): string[] {
    return [...this.#modules.keys()];
  }

  values(): Module[] {
    return [...this.#modules.values()];
  }

  entries(): [string, Module][] {
    return [...this.#modules.entries()];
  }

  [Symbol.iterator](): Iterator<string> {
    return this.#modules.keys();
  }

  protected override childEntries(): [string, Module][] {
    return this.entries();
  }

  forward(): Tensor {
    throw stateError('ModuleDict has no forward: call its modules');
  }
}

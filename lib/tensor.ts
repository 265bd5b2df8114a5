import { int64ToNumber, isFloating, type DType, type NumberArray, type TypedArray } from './dtype';
import { argumentError, dtypeError, gradError, shapeError, stateError } from './errors';
import { formatTensor } from './format';
import { native } from './backend/entries';
import { contiguousStrides, fmt, numelOf, sameShape, type Shape } from './shape';
import { Storage, VersionCounter } from './storage';
import { INSPECT } from './inspect';

/** Nested arrays of values: numbers, booleans, or bigints (int64; tg.tensor reads them, toArray gives numbers). */
export type NestedArray = number | boolean | bigint | NestedArray[];
export type Hook = (grad: Tensor) => Tensor | void | undefined;

/**
 * The frozen copies of shape and strides handed to users, made on first read. Kept outside the
 * tensor so that creating one (every op does) costs nothing for them; lib/ reads _shape/_strides.
 */
// Reads Tensor's private brand; set in its static block (only code inside the class can).
let hasBrand: (v: object) => boolean;

const FROZEN = new WeakMap<Tensor, { shape: Shape; strides: readonly number[] | undefined }>();

function frozenViews(t: Tensor): { shape: Shape; strides: readonly number[] | undefined } {
  let v = FROZEN.get(t);
  if (v === undefined) FROZEN.set(t, (v = { shape: Object.freeze(t._shape.slice()), strides: undefined }));
  return v;
}

/**
 * A tensor: storage + shape + strides + offset. Views share storage and version counter.
 * Operations are added as methods by tensor_methods.ts.
 */
export class Tensor {
  // Set by the constructor only, so isTensor (and `instanceof Tensor`) holds for real tensors and
  // not for look-alikes: a plain object, or one made with Object.create(Tensor.prototype).
  readonly #brand = true;
  /** @internal */ _storage: Storage;
  /** @internal the shape array itself, read by lib/ (never handed to users: see `shape`) */ readonly _shape: Shape;
  /** @internal the strides array itself, read by lib/ (never handed to users: see `strides`) */ readonly _strides: readonly number[];
  /** Element offset into the storage, PyTorch's `storage_offset()`. */
  readonly offset: number;
  readonly dtype: DType;
  /** Number of elements. */
  readonly numel: number;
  /** @internal */ _version: VersionCounter;
  /** @internal cached isContiguous() */ private _contiguous: boolean | undefined = undefined;
  /** @internal */ _requiresGrad = false;
  /** @internal */ _grad: Tensor | null = null;
  /** @internal which output of gradFn this tensor is */ _outputNr = 0;
  /** @internal */ _retainsGrad = false;
  /** @internal */ _hooks: Hook[] | null = null;
  /** @internal the tensor whose storage this view was taken from (PyTorch's _base), or null */ _base: Tensor | null = null;

  constructor(storage: Storage, shape: Shape, strides: readonly number[], offset: number, dtype: DType, version?: VersionCounter) {
    this._storage = storage;
    // Taken as is, not copied or frozen: V8 reads frozen arrays slowly, and lib/ reads these on
    // every op. Callers pass arrays nobody mutates (shapes are shared between tensors); public
    // entry points copy user arrays (shapeArg, intList), and users only ever see frozen copies.
    this._shape = shape;
    this._strides = strides;
    this.offset = offset;
    this.dtype = dtype;
    this.numel = numelOf(this._shape);
    this._version = version ?? new VersionCounter();
    // The graph fields, typed by the autograd floor (autograd/node.ts), which merges them into
    // this class so that this file imports nothing from above it.
    this.gradFn = null;
    this._accumulator = null;
  }

  static {
    hasBrand = (v) => #brand in v;
  }

  /**
   * `v instanceof Tensor` is a brand check, as isTensor is: true only for objects this constructor
   * made, not for a look-alike (Object.create(Tensor.prototype)). lib/ calls isTensor instead:
   * instanceof with a custom hasInstance cost about 4% of a small op.
   */
  static [Symbol.hasInstance](v: unknown): boolean {
    return isTensor(v);
  }

  /** A new contiguous tensor of `shape` over fresh zeroed storage. */
  static empty(shape: Shape, dtype: DType): Tensor {
    return new Tensor(Storage.alloc(dtype, numelOf(shape)), shape, contiguousStrides(shape), 0, dtype);
  }

  /**
   * The sizes of the dimensions, PyTorch's `size()`: a frozen array (a copy made once per tensor),
   * so that no write to it can alter the tensor.
   */
  get shape(): Shape {
    return frozenViews(this).shape;
  }

  /** Element strides, PyTorch's `stride()`: a frozen array, as `shape`. */
  get strides(): readonly number[] {
    const v = frozenViews(this);
    return (v.strides ??= Object.freeze(this._strides.slice()));
  }

  // Assigning shape or strides is refused (ARGUMENT) rather than left to a TypeError. On an object
  // that is not a tensor (one made with Object.create(Tensor.prototype)) the value becomes its own
  // property, as assigning a plain field would: such objects are then refused as look-alikes.
  set shape(value: Shape) {
    assignReadOnly(this, 'shape', value);
  }

  set strides(value: readonly number[]) {
    assignReadOnly(this, 'strides', value);
  }

  get ndim(): number {
    return this._shape.length;
  }

  /** PyTorch's `_version`: how many in-place writes this tensor's family has seen. */
  get version(): number {
    return this._version.value;
  }

  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  get requiresGrad(): boolean {
    return this._requiresGrad || this.gradFn !== null;
  }

  set requiresGrad(value: boolean) {
    if (typeof value !== 'boolean') throw argumentError(`requiresGrad: expected a boolean, got ${String(value)}`);
    // PyTorch's property setter (THPVariable_set_requires_grad) refuses any value on a non-leaf;
    // the hint is added for false only (requires_grad_leaf_error).
    if (!this.isLeaf) {
      throw gradError(
        'you can only change requires_grad flags of leaf variables.' +
          (value ? '' : " If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."),
      );
    }
    if (value && !isFloating(this.dtype)) {
      throw dtypeError(`only Tensors of floating point dtype can require gradients (got ${this.dtype})`);
    }
    this._requiresGrad = value;
    if (value) this._storage.kept = true; // a parameter outlives any tg.tidy that made it
  }

  /** In-place requiresGrad setter (PyTorch's requires_grad_); returns this. */
  requiresGrad_(value = true): this {
    // PyTorch's requires_grad_ lets true through on a non-leaf (it already requires grad).
    if (value === true && !this.isLeaf) return this;
    this.requiresGrad = value;
    return this;
  }

  get grad(): Tensor | null {
    return this._grad;
  }

  set grad(g: Tensor | null) {
    if (g !== null) {
      if (!isTensor(g)) throw argumentError('grad: assigned value must be a Tensor or null');
      if (g.dtype !== this.dtype) throw dtypeError(`assigned grad has data of a different type (${g.dtype} vs ${this.dtype})`);
      if (!sameShape(g._shape, this._shape)) {
        throw shapeError(`assigned grad has data of a different size (${fmt(g._shape)} vs ${fmt(this._shape)})`);
      }
      g._storage.kept = true; // a .grad outlives any tg.tidy
    }
    this._grad = g;
  }

  /** A tensor sharing this storage, never tracked, with its own version counter (PyTorch's .data). */
  get data(): Tensor {
    return new Tensor(this._storage, this._shape, this._strides, this.offset, this.dtype);
  }

  /** Makes this tensor point at `value`'s storage, as PyTorch's `x.data = y` does. */
  set data(value: Tensor) {
    if (!isTensor(value)) throw argumentError('data: assigned value must be a Tensor');
    if (value.dtype !== this.dtype) throw dtypeError(`data: cannot assign ${value.dtype} data to a ${this.dtype} tensor`);
    this._storage = value._storage;
    value._storage.kept = true; // now reachable from this tensor, which may outlive a tg.tidy
    (this as { _shape: Shape })._shape = value._shape;
    (this as { _strides: readonly number[] })._strides = value._strides;
    FROZEN.delete(this);
    (this as { offset: number }).offset = value.offset;
    (this as { numel: number }).numel = value.numel;
    this._contiguous = undefined;
  }

  isContiguous(): boolean {
    if (this._contiguous === undefined) {
      let expected = 1;
      let ok = true;
      for (let i = this._shape.length - 1; i >= 0 && ok; i--) {
        if (this._shape[i] !== 1 && this._strides[i] !== expected) ok = false;
        expected *= this._shape[i];
      }
      this._contiguous = ok;
    }
    return this._contiguous;
  }

  /** The elements in row-major order; the storage itself when it already is exactly that. */
  /** @internal */ _contiguousData(): TypedArray {
    if (this._storage.disposed) throw stateError('this tensor has been disposed');
    const n = this.numel;
    if (this.isContiguous()) {
      const d = this._storage.data;
      return this.offset === 0 && d.length === n ? d : d.subarray(this.offset, this.offset + n);
    }
    const out = Tensor.empty(this._shape, this.dtype);
    native.copyNow(this._shape, out._storage.data, out._strides, 0, this._storage.data, this._strides, this.offset);
    return out._storage.data;
  }

  /**
   * A copy of the elements in row-major order, as a TypedArray of this dtype (a BigInt64Array for
   * int64). Typed as a number array by default so that arithmetic on it type-checks, as item() is;
   * write `dataSync<BigInt64Array>()` for an int64 tensor.
   */
  dataSync(): NumberArray;
  dataSync<T extends TypedArray>(): T;
  dataSync(): TypedArray {
    return this._contiguousData().slice();
  }

  /**
   * The value of a one-element tensor: a number, or a boolean for a bool tensor (as PyTorch's
   * item() gives a Python bool). Typed `number` by default so that arithmetic on it type-checks;
   * write `item<boolean>()` for a bool tensor. An int64 value must be a safe integer (else
   * ARGUMENT; dataSync() gives the BigInt64Array).
   */
  item<T extends number | boolean = number>(): T {
    if (this._storage.disposed) throw stateError('item: this tensor has been disposed');
    if (this.numel !== 1) {
      throw argumentError(`item: a Tensor with ${this.numel} elements cannot be converted to Scalar`);
    }
    const v = this._storage.data[this.offset];
    if (typeof v === 'bigint') return int64ToNumber('item', v) as T;
    return (this.dtype === 'bool' ? v !== 0 : v) as T;
  }

  /**
   * What JSON.stringify writes: `{dtype, shape, data}` with `data` the nested arrays of toArray()
   * (booleans for a bool tensor; a bare number for a 0-d tensor). JSON has no NaN or Infinity,
   * so those elements are written as null. Not the storage, the graph or the gradient.
   */
  toJSON(): { dtype: DType; shape: number[]; data: NestedArray } {
    return { dtype: this.dtype, shape: this._shape.slice(), data: this.toArray() };
  }

  /**
   * Nested arrays of numbers (booleans for bool tensors), PyTorch's tolist(). Every int64 value
   * must be a safe integer (else ARGUMENT; dataSync() gives the BigInt64Array).
   */
  toArray(): NestedArray {
    const data = this._contiguousData();
    const isBool = this.dtype === 'bool';
    if (data instanceof BigInt64Array) for (let i = 0; i < data.length; i++) int64ToNumber('toArray', data[i]);
    const build = (dim: number, start: number): NestedArray => {
      const v = data[start];
      if (dim === this.ndim) return isBool ? v !== 0 : typeof v === 'bigint' ? Number(v) : v;
      const step = numelOf(this._shape.slice(dim + 1));
      const out: NestedArray[] = [];
      for (let i = 0; i < this._shape[dim]; i++) out.push(build(dim + 1, start + i * step));
      return out;
    };
    return build(0, 0);
  }

  toString(): string {
    // A look-alike (Object.create(Tensor.prototype)) prints as an object: error messages call String().
    return isTensor(this) ? formatTensor(this) : Object.prototype.toString.call(this);
  }

  [INSPECT](): string {
    return this.toString();
  }

  /** Keeps `.grad` for this non-leaf after backward (PyTorch's retain_grad). */
  retainGrad(): void {
    if (!this.requiresGrad) throw gradError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.gradFn !== null) {
      this._retainsGrad = true;
      this.gradFn._retained = this;
    }
  }

  get retainsGrad(): boolean {
    return this._retainsGrad;
  }

  /**
   * Registers `fn(grad)` to run when this tensor's gradient is computed; it may return a
   * replacement. Returns a handle whose remove() unregisters it.
   */
  registerHook(fn: Hook): { remove(): void } {
    if (typeof fn !== 'function') throw argumentError('registerHook: expected a function');
    if (!this.requiresGrad) throw gradError("cannot register a hook on a tensor that doesn't require gradient");
    (this._hooks ??= []).push(fn);
    if (this.gradFn !== null) this.gradFn._retained = this;
    return {
      remove: () => {
        const i = this._hooks?.indexOf(fn) ?? -1;
        if (i >= 0) this._hooks!.splice(i, 1);
      },
    };
  }

  /**
   * Frees this tensor's storage now rather than when it is garbage-collected (a large one returns
   * to the memory pool, see tg.memory()). The tensor, and every view sharing its storage, throws a
   * STATE TensorError if used afterwards. Also `using t = ...` (Symbol.dispose).
   */
  dispose(): void {
    if (this._storage.busy > 0) throw stateError('dispose: the tensor is in use by a pending async operation');
    this._storage.dispose();
    this._grad = null;
    this.gradFn = null;
  }

  get isDisposed(): boolean {
    return this._storage.disposed;
  }

  /** A tensor sharing storage and version counter, cut out of the graph (PyTorch's detach). */
  detach(): Tensor {
    // Shares storage and version counter; like PyTorch's, not a differentiable view (no _base).
    return new Tensor(this._storage, this._shape, this._strides, this.offset, this.dtype, this._version);
  }

  /** In-place detach: makes this a leaf that does not require grad. */
  detach_(): this {
    this.gradFn = null;
    this._requiresGrad = false;
    return this;
  }
}

// `using t = x.add(y)` disposes t at the end of the block. Node 20 defines Symbol.dispose as
// Symbol.for('nodejs.dispose'); older runtimes get that symbol, as Node's own polyfill does.
const DISPOSE: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('nodejs.dispose');
Object.defineProperty(Tensor.prototype, DISPOSE, {
  value: function (this: Tensor): void {
    this.dispose();
  },
  writable: true,
  configurable: true,
});

function assignReadOnly(t: Tensor, name: 'shape' | 'strides', value: unknown): void {
  if (isTensor(t)) throw argumentError(`${name}: a tensor's ${name} cannot be assigned (view and reshape give a tensor of another shape)`);
  Object.defineProperty(t, name, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Whether `v` is a tensor this library made (a brand check): every check of a tensor argument
 * goes through it, so a look-alike gets an ARGUMENT error rather than reaching storage it lacks.
 */
export function isTensor(v: unknown): v is Tensor {
  return typeof v === 'object' && v !== null && hasBrand(v);
}

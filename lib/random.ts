// Random tensors with PyTorch's CPU sampling algorithms over its mt19937 stream (generator.ts):
// after tg.manualSeed(s), the same numbers, bit for bit, as after torch.manual_seed(s).
// Normal samples and uniform samples with bounds go through the addon (backend/random.ts), which
// uses the C library's log/sin/cos as PyTorch does and fuses the multiply-adds Debian's build
// fuses; the rest are exact in JS.
import { checkDType, INDEX_DTYPE, INT64_MAX, INT64_MIN, isFloating, type DType, type TypedArray } from './dtype';
import { argumentError, dtypeError } from './errors';
import { contiguousStrides, numelOf, optionsArg, shapeArg, show, sizeAndOptions } from './shape';
import { Storage } from './storage';
import { allocateUninit } from './dtype';
import { convertArray, convertSlice } from './backend/raw';
import { exponentialRaw, normalRaw, randpermRaw, uniformRaw } from './backend/random';
import { Tensor } from './tensor';
import { Generator, defaultGenerator } from './generator';

export { Generator, defaultGenerator } from './generator';

/** Seeds the default generator (torch.manual_seed); returns it. */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

/** Seeds the default generator from the OS (torch.seed); returns the seed. */
export function seed(): bigint {
  return defaultGenerator.seed();
}

/** The default generator's seed (torch.initial_seed). */
export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}

/** The default generator's state in PyTorch's layout (torch.get_rng_state). */
export function getRngState(): Uint8Array {
  return defaultGenerator.getState();
}

/** Restores the default generator's state (torch.set_rng_state). */
export function setRngState(state: Uint8Array): void {
  defaultGenerator.setState(state);
}

export interface RandomOptions {
  dtype?: DType;
  requiresGrad?: boolean;
  generator?: Generator;
}

export function generatorOf(opts: { generator?: unknown } | undefined): Generator {
  const g = opts?.generator ?? defaultGenerator;
  if (!(g instanceof Generator)) throw argumentError('generator must be a tg.Generator');
  return g;
}

/** The size as an array (as PyTorch's `size` tuple for normal and randint) and the options, checked. */
function sizeArray(op: string, shape: unknown, opts: unknown): [number[], RandomOptions | undefined] {
  if (!Array.isArray(shape)) throw argumentError(`${op}: size must be an array of integers, got ${show(shape)}`);
  return [shapeArg(op, [shape]), optionsArg<RandomOptions>(op, opts)];
}

function wrap(data: TypedArray, s: number[], dtype: DType, opts: RandomOptions | undefined): Tensor {
  const t = new Tensor(new Storage(data), s, contiguousStrides(s), 0, dtype);
  if (opts?.requiresGrad !== undefined) t.requiresGrad = opts.requiresGrad;
  return t;
}

function floatDType(op: string, opts: RandomOptions | undefined): 'float32' | 'float64' {
  const d = opts?.dtype === undefined ? 'float32' : checkDType(opts.dtype, op);
  if (!isFloating(d)) throw dtypeError(`${op}: expected a floating point dtype, got ${d}`);
  return d as 'float32' | 'float64';
}

/**
 * n samples of PyTorch's normal_(mean, std) into a new array: as for a contiguous tensor, or,
 * `serial`, one at a time as for a non-contiguous one.
 */
export function normalArray(dtype: 'float32' | 'float64', n: number, mean: number, std: number, g: Generator, serial = false): Float32Array | Float64Array {
  const data = allocateUninit(dtype, n) as Float32Array | Float64Array;
  if (n > 0) normalRaw(g._state, data, g._normal, mean, std, serial);
  return data;
}

/** n samples of PyTorch's exponential_(lambda) into a new contiguous array. */
export function exponentialArray(dtype: 'float32' | 'float64', n: number, lambda: number, g: Generator): Float32Array | Float64Array {
  const data = allocateUninit(dtype, n) as Float32Array | Float64Array;
  if (n > 0) exponentialRaw(g._state, data, lambda);
  return data;
}

// Below this many samples a JS loop beats the crossing into the addon (same bits).
const JS_UNIFORM = 64;

/** n samples of PyTorch's uniform_(from, to) into a new contiguous array. */
export function uniformArray(dtype: 'float32' | 'float64', n: number, from: number, to: number, g: Generator): Float32Array | Float64Array {
  const data = allocateUninit(dtype, n) as Float32Array | Float64Array;
  if (n >= JS_UNIFORM || from !== 0 || to !== 1) uniformRaw(g._state, data, from, to);
  else if (dtype === 'float32') for (let i = 0; i < n; i++) data[i] = g.nextFloat();
  else for (let i = 0; i < n; i++) data[i] = g.nextDouble();
  return data;
}

/** Samples from N(mean, std^2) (torch.normal with float mean and std). */
export function normal(mean: number, std: number, shape: readonly number[], opts?: RandomOptions): Tensor {
  const [s, o] = sizeArray('normal', shape, opts);
  if (!Number.isFinite(mean) || !Number.isFinite(std)) throw argumentError(`normal: mean and std must be finite numbers`);
  if (std < 0) throw argumentError(`normal expects std >= 0.0, but found std ${std}`);
  const dtype = floatDType('normal', o);
  return wrap(normalArray(dtype, numelOf(s), mean, std, generatorOf(o)), s, dtype, o);
}

/** Standard normal samples: randn(2, 3), randn([2, 3]), with trailing options, as torch.randn(*size). */
export function randn(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const [s, opts] = sizeAndOptions<RandomOptions>('randn', args);
  const dtype = floatDType('randn', opts);
  return wrap(normalArray(dtype, numelOf(s), 0, 1, generatorOf(opts)), s, dtype, opts);
}

/** Uniform on [0, 1): rand(2, 3), rand([2, 3]), with trailing options, as torch.rand(*size). */
export function rand(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const [s, opts] = sizeAndOptions<RandomOptions>('rand', args);
  const dtype = floatDType('rand', opts);
  return wrap(uniformArray(dtype, numelOf(s), 0, 1, generatorOf(opts)), s, dtype, opts);
}

const TWO_32 = 2n ** 32n;
const SAFE = 2n ** 53n;

/**
 * Uniform integers in [low, high) (torch.randint): random() % (high - low) + low, or random64()
 * when the range reaches 2^32 (except for int32, which always takes 32 bits), as PyTorch's
 * uniform_int_from_to draws them. int64 by default; `low` and `high` may be numbers or bigints
 * within the dtype's range.
 */
export function randint(low: number | bigint, high: number | bigint, shape: readonly number[], opts?: RandomOptions): Tensor {
  const [s, o] = sizeArray('randint', shape, opts);
  const isInt = (v: unknown) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
  if (!isInt(low) || !isInt(high)) throw argumentError(`randint: low and high must be integers, got ${show(low)} and ${show(high)}`);
  const lo = BigInt(low);
  const hi = BigInt(high);
  if (hi <= lo) throw argumentError(`random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${hi}`);
  const dtype = o?.dtype === undefined ? INDEX_DTYPE : checkDType(o.dtype, 'randint');
  if (dtype === 'bool') throw dtypeError("randint: not implemented for 'Bool'");
  const [min, max] = dtype === 'int32' ? [-(2n ** 31n), 2n ** 31n - 1n] : [INT64_MIN, INT64_MAX];
  if (lo < min || hi - 1n > max) throw argumentError(`randint: low and high must lie in ${dtype}'s range, got [${lo}, ${hi})`);
  const g = generatorOf(o);
  const n = numelOf(s);
  const range = hi - lo;
  const wide = range >= TWO_32 && dtype !== 'int32';
  let data: TypedArray;
  if (!wide && lo >= -SAFE && hi <= SAFE) {
    // Exact in doubles; the addon converts (a BigInt per element would cost more than the draw).
    const [l, r] = [Number(lo), Number(range)];
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = (g.nextUint32() % r) + l;
    data = dtype === 'float64' ? values : convertArray(values, dtype);
  } else {
    data = allocateUninit(dtype, n);
    for (let i = 0; i < n; i++) {
      const v = lo + ((wide ? g.nextUint64() : BigInt(g.nextUint32())) % range);
      if (data instanceof BigInt64Array) data[i] = v;
      else data[i] = Number(v);
    }
  }
  return wrap(data, s, dtype, o);
}

// Below this many elements a JS loop beats the crossing into the addon (same permutation).
const JS_RANDPERM = 64;

/** Swap steps [from, to) of PyTorch's randperm_cpu over `perm` (already holding its values). */
function randpermSteps(perm: Int32Array, g: Generator, from: number, to: number): void {
  const n = perm.length;
  if (n >= JS_RANDPERM) {
    randpermRaw(g._state, perm, from, to);
    return;
  }
  for (let i = from; i < to; i++) {
    const z = i + (g.nextUint32() % (n - i));
    const tmp = perm[i];
    perm[i] = perm[z];
    perm[z] = tmp;
  }
}

/** The checked generator, result dtype and (unfilled) int32 permutation array of randperm. */
function permArgs(n: number, opts: RandomOptions | undefined): [Generator, DType, Int32Array] {
  if (!Number.isSafeInteger(n) || n < 0 || n > 2147483647) throw argumentError(`randperm: n must be an integer in [0, 2^31), got ${show(n)}`);
  const g = generatorOf(opts);
  const dtype = opts?.dtype === undefined ? INDEX_DTYPE : checkDType(opts.dtype, 'randperm');
  return [g, dtype, allocateUninit('int32', n) as Int32Array];
}

function identity(perm: Int32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) perm[i] = i;
}

/** A random permutation of 0..n-1 (torch.randperm: for i < n - 1, swap i with i + random() % (n - i)); int64 by default. */
export function randperm(n: number, opts?: RandomOptions): Tensor {
  const [g, dtype, perm] = permArgs(n, opts);
  identity(perm, 0, n);
  randpermSteps(perm, g, 0, n - 1);
  return wrap(dtype === 'int32' ? perm : convertArray(perm, dtype), [n], dtype, opts);
}

/**
 * randperm that yields to the event loop every 65,536 elements of each pass (the identity, the
 * shuffle, the conversion to int64); the same numbers as randperm. In one piece, the first touch
 * of 12 MB of fresh pages for n = 10^6 blocked the loop for ~15 ms.
 */
export async function randpermAsync(n: number, opts?: RandomOptions): Promise<Tensor> {
  const [g, dtype, perm] = permArgs(n, opts);
  const slice = 65536;
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
  for (let i = 0; i < n; i += slice) {
    identity(perm, i, Math.min(n, i + slice));
    await tick();
  }
  for (let i = 0; i < n - 1; i += slice) {
    randpermSteps(perm, g, i, Math.min(n - 1, i + slice));
    await tick();
  }
  if (dtype === 'int32') return wrap(perm, [n], dtype, opts);
  const out = allocateUninit(dtype, n);
  for (let i = 0; i < n; i += slice) {
    convertSlice(perm, out, i, Math.min(slice, n - i));
    if (i + slice < n) await tick();
  }
  return wrap(out, [n], dtype, opts);
}

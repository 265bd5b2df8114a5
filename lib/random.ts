// Random numbers. The generator is xoshiro128** (Blackman & Vigna) over 32-bit integer
// arithmetic, seeded by expanding the seed with SplitMix64; floats are built from its bits and
// normals come from the Box-Muller transform on V8's software math functions, so the same seed
// gives the same numbers on every machine and OS. The streams differ from PyTorch's mt19937.
import { checkDType, INDEX_DTYPE, INT64_MAX, INT64_MIN, isFloating, type DType } from './dtype';
import { argumentError, dtypeError } from './errors';
import { contiguousStrides, numelOf, optionsArg, shapeArg, show, sizeAndOptions } from './shape';
import { Storage } from './storage';
import { allocate } from './dtype';
import { shuffleRaw } from './backend/random';
import { convertArray } from './backend/raw';
import { Tensor } from './tensor';

const DEFAULT_SEED = 67280421310721n; // PyTorch's default seed value

export class Generator {
  // xoshiro128** state, four uint32 words kept as plain numbers (faster than a typed array).
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private seed: bigint = DEFAULT_SEED;
  private spareNormal: number | null = null;

  constructor() {
    this.manualSeed(DEFAULT_SEED);
  }

  /** Re-seeds this generator; returns it (PyTorch's Generator.manual_seed). */
  manualSeed(seed: number | bigint): this {
    if (typeof seed === 'number' && !Number.isInteger(seed)) throw argumentError(`manualSeed: seed must be an integer, got ${seed}`);
    if (typeof seed !== 'number' && typeof seed !== 'bigint') throw argumentError('manualSeed: seed must be an integer');
    const mask = (1n << 64n) - 1n;
    let x = BigInt(seed) & mask;
    this.seed = x;
    const words: number[] = [];
    for (let i = 0; i < 2; i++) {
      x = (x + 0x9e3779b97f4a7c15n) & mask;
      let z = x;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
      z ^= z >> 31n;
      words.push(Number(z & 0xffffffffn) | 0, Number(z >> 32n) | 0);
    }
    [this.s0, this.s1, this.s2, this.s3] = words;
    if (this.s0 === 0 && this.s1 === 0 && this.s2 === 0 && this.s3 === 0) this.s0 = 1;
    this.spareNormal = null;
    return this;
  }

  initialSeed(): bigint {
    return this.seed;
  }

  /** @internal the four state words, for the addon's shuffle */
  _saveState(words: Int32Array): void {
    words[0] = this.s0;
    words[1] = this.s1;
    words[2] = this.s2;
    words[3] = this.s3;
  }

  /** @internal */
  _loadState(words: Int32Array): void {
    this.s0 = words[0];
    this.s1 = words[1];
    this.s2 = words[2];
    this.s3 = words[3];
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    // Words are held as int32 (`| 0` semantics); only the result is made unsigned.
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n) without modulo bias (rejection sampling), n <= 2^32. */
  nextBelow(n: number): number {
    if (n <= 1) return 0;
    // Rejects x >= 2^32 - (2^32 mod n); below 2^32 - n it is certainly accepted, so the exact
    // bound is worked out only in the rare case it matters.
    let x = this.nextUint32();
    if (x >= 4294967296 - n) {
      const limit = 4294967296 - mod(4294967296, n);
      while (x >= limit) x = this.nextUint32();
    }
    return mod(x, n);
  }

  /** A standard normal sample (Box-Muller, both values of each pair used). */
  nextNormal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    const u1 = 1 - this.nextDouble(); // (0, 1]: log is finite
    const u2 = this.nextDouble();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }
}

/**
 * x mod n for integers 0 <= x <= 2^32, 0 < n <= 2^32, exactly. `%` on values outside int32 is a
 * call to fmod in V8, slower than the generator; the floored quotient is off by at most one.
 */
function mod(x: number, n: number): number {
  const r = x - Math.floor(x / n) * n;
  return r < 0 ? r + n : r >= n ? r - n : r;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export const defaultGenerator = new Generator();

/** Seeds the default generator (torch.manual_seed). */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

export interface RandomOptions {
  dtype?: DType;
  requiresGrad?: boolean;
  generator?: Generator;
}

function gen(opts: RandomOptions | undefined): Generator {
  const g = opts?.generator ?? defaultGenerator;
  if (!(g instanceof Generator)) throw argumentError('generator must be a tg.Generator');
  return g;
}

/** The size as an array (as PyTorch's `size` tuple for normal and randint) and the options, checked. */
function sizeArray(op: string, shape: unknown, opts: unknown): [number[], RandomOptions | undefined] {
  if (!Array.isArray(shape)) throw argumentError(`${op}: size must be an array of integers, got ${show(shape)}`);
  return [shapeArg(op, [shape]), optionsArg<RandomOptions>(op, opts)];
}

function build(op: string, s: number[], opts: RandomOptions | undefined, fallback: DType, draw: (g: Generator) => number | bigint): Tensor {
  const dtype = opts?.dtype === undefined ? fallback : checkDType(opts.dtype, op);
  const g = gen(opts);
  const n = numelOf(s);
  const data = allocate(dtype, n);
  if (data instanceof BigInt64Array) for (let i = 0; i < n; i++) data[i] = BigInt(draw(g));
  else for (let i = 0; i < n; i++) data[i] = Number(draw(g));
  const t = new Tensor(new Storage(data), s, contiguousStrides(s), 0, dtype);
  if (opts?.requiresGrad !== undefined) t.requiresGrad = opts.requiresGrad;
  return t;
}

function floatOnly(op: string, opts: RandomOptions | undefined): void {
  if (opts?.dtype !== undefined && !isFloating(checkDType(opts.dtype, op))) {
    throw dtypeError(`${op}: expected a floating point dtype, got ${opts.dtype}`);
  }
}

/** Samples from N(mean, std^2) (torch.normal with float mean and std). */
export function normal(mean: number, std: number, shape: readonly number[], opts?: RandomOptions): Tensor {
  const [s, o] = sizeArray('normal', shape, opts);
  if (!Number.isFinite(mean) || !Number.isFinite(std)) throw argumentError(`normal: mean and std must be finite numbers`);
  if (std < 0) throw argumentError(`normal expects std >= 0.0, but found std ${std}`);
  floatOnly('normal', o);
  return build('normal', s, o, 'float32', (g) => mean + std * g.nextNormal());
}

/** Standard normal samples: randn(2, 3), randn([2, 3]), with trailing options, as torch.randn(*size). */
export function randn(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const [s, opts] = sizeAndOptions<RandomOptions>('randn', args);
  floatOnly('randn', opts);
  return build('randn', s, opts, 'float32', (g) => g.nextNormal());
}

/**
 * Uniform on [0, 1): rand(2, 3), rand([2, 3]), with trailing options, as torch.rand(*size).
 * float32 values round to a multiple of 2^-24, so never reach 1.
 */
export function rand(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const [s, opts] = sizeAndOptions<RandomOptions>('rand', args);
  floatOnly('rand', opts);
  const single = (opts?.dtype ?? 'float32') === 'float32';
  return build('rand', s, opts, 'float32', (g) => (single ? (g.nextUint32() >>> 8) / 16777216 : g.nextDouble()));
}

const TWO_32 = 4294967296n;

/** Uniform in [0, n) for 2^32 < n <= 2^64: 64 bits from two draws, rejection above the last whole multiple of n. */
function below64(g: Generator, n: bigint): bigint {
  const limit = 2n ** 64n - (2n ** 64n % n);
  for (;;) {
    const x = BigInt(g.nextUint32()) * TWO_32 + BigInt(g.nextUint32());
    if (x < limit) return x % n;
  }
}

/**
 * Uniform integers in [low, high); int64 by default, as PyTorch. `low` and `high` may be
 * numbers or bigints (int64's whole range); they must fit the dtype.
 */
export function randint(low: number | bigint, high: number | bigint, shape: readonly number[], opts?: RandomOptions): Tensor {
  const [s, o] = sizeArray('randint', shape, opts);
  const isInt = (v: unknown) => typeof v === 'bigint' || Number.isInteger(v);
  if (!isInt(low) || !isInt(high)) throw argumentError('randint: low and high must be integers');
  const lo = BigInt(low);
  const hi = BigInt(high);
  if (hi <= lo) throw argumentError(`random_ from ${lo} to ${hi} is out of bounds: high must be greater than low`);
  const dtype = o?.dtype === undefined ? INDEX_DTYPE : checkDType(o.dtype, 'randint');
  const [min, max] = dtype === 'int32' ? [-(2n ** 31n), 2n ** 31n - 1n] : dtype === 'int64' ? [INT64_MIN, INT64_MAX] : [lo, hi - 1n];
  if (lo < min || hi - 1n > max) throw argumentError(`randint: low and high must lie in ${dtype}'s range, got [${lo}, ${hi})`);
  const range = hi - lo;
  if (range <= TWO_32 && lo >= -(2n ** 53n) && hi <= 2n ** 53n) {
    const [l, r] = [Number(lo), Number(range)];
    if (dtype !== 'int64') return build('randint', s, o, INDEX_DTYPE, (g) => l + g.nextBelow(r));
    // Exact integers in doubles, converted in the addon: a BigInt per element costs twice the draw.
    const t = build('randint', s, { ...o, dtype: 'float64', requiresGrad: undefined }, 'float64', (g) => l + g.nextBelow(r));
    const out = new Tensor(new Storage(convertArray(t._storage.data, 'int64')), s, t.strides, 0, 'int64');
    if (o?.requiresGrad !== undefined) out.requiresGrad = o.requiresGrad; // true: DTYPE, as for any integer tensor
    return out;
  }
  const draw = range <= TWO_32 ? (g: Generator) => BigInt(g.nextBelow(Number(range))) : (g: Generator) => below64(g, range);
  return build('randint', s, o, INDEX_DTYPE, (g) => lo + draw(g));
}

// Shuffles of at least this many steps run in the addon (same generator, same permutation),
// about 4 ns a step against 10-14 in JS; below it the crossing costs more than it saves.
const NATIVE_SHUFFLE = 64;
const stateWords = new Int32Array(4);

function shuffleRange(perm: Int32Array, g: Generator, from: number, to: number): void {
  if (from - to >= NATIVE_SHUFFLE) {
    g._saveState(stateWords);
    shuffleRaw(stateWords, perm, from, to);
    g._loadState(stateWords);
    return;
  }
  for (let i = from; i > to; i--) {
    const j = g.nextBelow(i + 1);
    const tmp = perm[i];
    perm[i] = perm[j];
    perm[j] = tmp;
  }
}

/** The checked generator and the identity permutation 0..n-1 that randperm shuffles. */
function identityPerm(n: number, opts: RandomOptions | undefined): [Generator, Int32Array] {
  if (!Number.isInteger(n) || n < 0) throw argumentError(`randperm: n must be a non-negative integer, got ${show(n)}`);
  const g = gen(opts);
  const perm = allocate('int32', n) as Int32Array;
  for (let i = 0; i < n; i++) perm[i] = i;
  return [g, perm];
}

/** The shuffled int32 permutation as a tensor of the requested dtype (int64 by default, as PyTorch). */
function permTensor(perm: Int32Array, opts: RandomOptions | undefined): Tensor {
  const dtype = opts?.dtype === undefined ? INDEX_DTYPE : checkDType(opts.dtype, 'randperm');
  const data = dtype === 'int32' ? perm : convertArray(perm, dtype);
  return new Tensor(new Storage(data), [perm.length], [1], 0, dtype);
}

/** A random permutation of 0..n-1 (Fisher-Yates); int64 by default (PyTorch's torch.randperm). */
export function randperm(n: number, opts?: RandomOptions): Tensor {
  const [g, perm] = identityPerm(n, opts);
  shuffleRange(perm, g, n - 1, 0);
  return permTensor(perm, opts);
}

/**
 * randperm that yields to the event loop every 65,536 swaps; the same numbers as randperm for
 * the same generator state (int64 by default).
 */
export async function randpermAsync(n: number, opts?: RandomOptions): Promise<Tensor> {
  const [g, perm] = identityPerm(n, opts);
  for (let i = n - 1; i > 0; i -= 65536) {
    shuffleRange(perm, g, i, Math.max(0, i - 65536));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return permTensor(perm, opts);
}

// PyTorch's CPU generator: mt19937 seeded as torch.manual_seed seeds it (ATen's
// MT19937RNGEngine.h), the cached second value of its double Box-Muller, and its state in
// torch.get_rng_state()'s byte layout. The 624 words and the left/next counters live in one
// Int32Array that the JS draws below and the addon's samplers (backend/random.ts) both update.
import { randomBytes } from 'crypto';
import { argumentError } from './errors';
import { show } from './shape';

const N = 624;
const M = 397;
/** torch.Generator()'s seed (c10's default_rng_seed_val). */
export const DEFAULT_SEED = 67280421310721n;
/** sizeof(CPUGeneratorImplState) on 64-bit platforms: torch.get_rng_state().numel(). */
export const STATE_BYTES = 5056;
const MASK64 = (1n << 64n) - 1n;

/**
 * A seed as PyTorch takes one: an integer or bigint in [-2^63, 2^64), negative ones as their
 * 64-bit two's complement (THPGenerator_manualSeed). Only the low 32 bits seed mt19937.
 */
function seedArg(op: string, seed: unknown): bigint {
  if (typeof seed === 'number' && !Number.isInteger(seed)) throw argumentError(`${op}: seed must be an integer, got ${show(seed)}`);
  if (typeof seed !== 'number' && typeof seed !== 'bigint') throw argumentError(`${op}: seed must be an integer or a bigint, got ${show(seed)}`);
  const s = BigInt(seed);
  if (s < -(1n << 63n) || s >= 1n << 64n) throw argumentError(`${op}: seed must lie in [-2^63, 2^64), got ${s}`);
  return s & MASK64;
}

export class Generator {
  /** @internal the mt19937 words, then left and next (native/random/mt19937.h) */
  readonly _state = new Int32Array(N + 2);
  /** @internal next_double_normal_sample: [1, value] when the double Box-Muller left one */
  readonly _normal = new Float64Array(2);
  // next_float_normal_sample: part of PyTorch's state; its CPU samplers never set it.
  private floatNormal: number | null = null;
  private seedValue: bigint = DEFAULT_SEED;

  /** A generator seeded with torch.Generator()'s default seed, 67280421310721. */
  constructor() {
    this.manualSeed(DEFAULT_SEED);
  }

  /** Re-seeds this generator as torch.Generator.manual_seed does; returns it. */
  manualSeed(seed: number | bigint): this {
    const s = seedArg('manualSeed', seed);
    this.seedValue = s;
    const st = this._state;
    st[0] = Number(s & 0xffffffffn);
    for (let j = 1; j < N; j++) {
      const prev = st[j - 1];
      st[j] = Math.imul(1812433253, prev ^ (prev >>> 30)) + j;
    }
    st[N] = 1; // left
    st[N + 1] = 0; // next
    this._normal[0] = 0;
    this.floatNormal = null;
    return this;
  }

  /** Seeds from the operating system's entropy, as torch.Generator.seed(); returns the seed. */
  seed(): bigint {
    const s = randomBytes(8).readBigUInt64LE(0);
    this.manualSeed(s);
    return s;
  }

  /** The seed last set (torch.Generator.initial_seed). */
  initialSeed(): bigint {
    return this.seedValue;
  }

  /** The next 32 random bits as an unsigned integer (CPUGeneratorImpl::random). */
  nextUint32(): number {
    const st = this._state;
    if (--st[N] === 0) twist(st);
    let y = st[st[N + 1]++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** uniform_real_distribution<double>(0, 1): the low 53 bits of random64 (high word first), scaled. */
  nextDouble(): number {
    const hi = this.nextUint32() & 0x1fffff;
    const lo = this.nextUint32();
    return (hi * 4294967296 + lo) / 9007199254740992;
  }

  /** uniform_real_distribution<float>(0, 1): the low 24 bits of one draw, scaled (exact in a double). */
  nextFloat(): number {
    return (this.nextUint32() & 0xffffff) / 16777216;
  }

  /** random64() as a bigint. */
  nextUint64(): bigint {
    const hi = BigInt(this.nextUint32());
    return (hi << 32n) | BigInt(this.nextUint32());
  }

  /** The state as torch.Generator.get_state() gives it: PyTorch's CPUGeneratorImplState bytes. */
  getState(): Uint8Array {
    const out = new Uint8Array(STATE_BYTES);
    const v = new DataView(out.buffer);
    const st = this._state;
    v.setBigUint64(0, this.seedValue, true);
    v.setInt32(8, st[N], true);
    v.setInt32(12, 1, true); // seeded
    v.setBigUint64(16, BigInt(st[N + 1]), true);
    for (let i = 0; i < N; i++) v.setUint32(24 + 8 * i, st[i] >>> 0, true); // u64 words, high halves 0
    if (this._normal[0] !== 0) {
      v.setFloat64(5024, this._normal[1], true); // normal_y
      v.setInt32(5040, 1, true); // normal_is_valid
    }
    if (this.floatNormal !== null) {
      v.setFloat32(5048, this.floatNormal, true);
      out[5052] = 1;
    }
    return out;
  }

  /** Restores a state from getState() or torch.Generator.get_state() (its bytes); returns this. */
  setState(state: Uint8Array): this {
    if (!(state instanceof Uint8Array)) throw argumentError(`setState: expected a Uint8Array (a torch.ByteTensor's bytes), got ${show(state)}`);
    if (state.length !== STATE_BYTES) {
      throw argumentError(`Expected a CPUGeneratorImplState of size ${STATE_BYTES} but found the input RNG state size to be ${state.length}`);
    }
    const v = new DataView(state.buffer, state.byteOffset, state.byteLength);
    const left = v.getInt32(8, true);
    const next = v.getBigUint64(16, true) & 0xffffffffn; // static_cast<uint32_t>
    if (v.getInt32(12, true) === 0 || left <= 0 || left > N || next > BigInt(N)) throw argumentError('Invalid mt19937 state');
    this.seedValue = v.getBigUint64(0, true);
    const st = this._state;
    for (let i = 0; i < N; i++) st[i] = v.getUint32(24 + 8 * i, true); // std::copy of u64 into u32: the low half
    st[N] = left;
    st[N + 1] = Number(next);
    this._normal[0] = v.getInt32(5040, true) !== 0 ? 1 : 0;
    this._normal[1] = v.getFloat64(5024, true);
    this.floatNormal = state[5052] !== 0 ? v.getFloat32(5048, true) : null;
    return this;
  }
}

/** mt19937's next_state: regenerates the 624 words (at::mt19937_engine::next_state). */
function twist(st: Int32Array): void {
  st[N] = N;
  st[N + 1] = 0;
  let i = 0;
  for (; i < N - M; i++) st[i] = st[i + M] ^ mix(st[i], st[i + 1]);
  for (; i < N - 1; i++) st[i] = st[i + M - N] ^ mix(st[i], st[i + 1]);
  st[N - 1] = st[M - 1] ^ mix(st[N - 1], st[0]);
}

function mix(u: number, v: number): number {
  return (((u & 0x80000000) | (v & 0x7fffffff)) >>> 1) ^ (v & 1 ? 0x9908b0df : 0);
}

/** The default generator: seeded from the OS at load, as PyTorch's; torch.manual_seed re-seeds it. */
export const defaultGenerator = new Generator();
defaultGenerator.seed();

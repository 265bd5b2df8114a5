// Throws garbage at every addon export: each call must end in a TensorError with a code,
// never a crash, and must leave other tensors untouched.
import { beginDeferred, endDeferred } from '../../lib/backend/deferral';
import { addon, jobs, meta } from '../../lib/backend/native';
import { native } from '../../lib/backend/entries';
import { randomNative } from '../../lib/backend/entries_random';
import * as tg from '../../lib';

const f32 = (n: number) => new Float32Array(n);
/** A generator's mt19937 words, left and next (valid unless `next` says otherwise). */
const mtState = (next = 0) => Int32Array.from({ length: 626 }, (_, i) => (i === 624 ? 1 : i === 625 ? next : i));
const GARBAGE: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  NaN,
  Infinity,
  'x',
  {},
  [],
  [-1],
  [1e300],
  [NaN],
  () => 0,
  new Int8Array(4),
  new Float32Array(0),
  Symbol('s'),
];

type Call = [string, () => unknown];
const CALLS: Call[] = [
  ['fill: negative size', () => native.fill([-2], f32(4), [1], 0, 1)],
  ['fill: past the end', () => native.fill([5], f32(4), [1], 0, 1)],
  ['fill: negative offset', () => native.fill([2], f32(4), [1], -1, 1)],
  ['fill: stride count', () => native.fill([2, 2], f32(4), [1], 0, 1)],
  ['fill: huge stride', () => native.fill([2], f32(4), [2 ** 50], 0, 1)],
  ['fill: huge shape', () => native.fill([2 ** 31, 2 ** 31, 2 ** 31], f32(4), [0, 0, 0], 0, 1)],
  ['fill: an overlapping output (broadcast shape of 2^60 elements)', () => native.fill([2 ** 20, 2 ** 20, 2 ** 20], f32(4), [0, 0, 0], 0, 1)],
  ['copy: source too short', () => native.copy([8], f32(8), [1], 0, f32(4), [1], 0)],
  ['binary: unknown op', () => native.binary(99, [2], f32(2), [1], 0, f32(2), [1], 0, f32(2), [1], 0)],
  ['binary: dtype mismatch', () => native.binary(0, [2], f32(2), [1], 0, new Float64Array(2), [1], 0, f32(2), [1], 0)],
  ['binary: bool', () => native.binary(0, [2], new Uint8Array(2), [1], 0, new Uint8Array(2), [1], 0, new Uint8Array(2), [1], 0)],
  ['binary: operand out of bounds', () => native.binary(0, [4], f32(4), [1], 0, f32(4), [2], 0, f32(4), [1], 0)],
  ['unary: unknown op', () => native.unary(-1, [2], f32(2), [1], 0, f32(2), [1], 0)],
  ['sum: flags do not match', () => native.sum([2, 2], f32(4), [2, 1], 0, [true], f32(1), 1)],
  ['sum: output too short', () => native.sum([2, 2], f32(4), [2, 1], 0, [false, true], f32(1), 1)],
  ['matmul: inner dims', () => native.matmul([1, 2, 3], f32(6), [0, 3, 1], 0, [1, 2, 2], f32(4), [0, 2, 1], 0, f32(4))],
  ['matmul: 2-D shapes', () => native.matmul([2, 3], f32(6), [3, 1], 0, [3, 2], f32(6), [2, 1], 0, f32(4))],
  ['matmul: output too short', () => native.matmul([1, 2, 2], f32(4), [0, 2, 1], 0, [1, 2, 2], f32(4), [0, 2, 1], 0, f32(3))],
  ['matmul: output offset past the end', () => native.matmul([1, 2, 2], f32(4), [0, 2, 1], 0, [1, 2, 2], f32(4), [0, 2, 1], 0, f32(6), 3)],
  ['matmul: negative output offset', () => native.matmul([1, 2, 2], f32(4), [0, 2, 1], 0, [1, 2, 2], f32(4), [0, 2, 1], 0, f32(6), -1)],
  ['indexSelect: index out of range', () => native.indexSelect([2, 2], f32(4), [2, 1], 0, 0, Int32Array.of(2), f32(2))],
  ['indexSelect: negative index', () => native.indexSelect([2, 2], f32(4), [2, 1], 0, 0, Int32Array.of(-1), f32(2))],
  ['indexSelect: bad dim', () => native.indexSelect([2, 2], f32(4), [2, 1], 0, 5, Int32Array.of(0), f32(2))],
  ['indexSelect: float index', () => native.indexSelect([2, 2], f32(4), [2, 1], 0, 0, f32(1) as never, f32(2))],
  ['compare: non-bool output', () => native.compare(0, [2], f32(2) as never, [1], 0, f32(2), [1], 0, f32(2), [1], 0)],
  ['compare: operand dtypes differ', () => native.compare(0, [2], new Uint8Array(2), [1], 0, f32(2), [1], 0, new Int32Array(2), [1], 0)],
  ['where: non-bool condition', () => native.where([2], f32(2), [1], 0, f32(2) as never, [1], 0, f32(2), [1], 0, f32(2), [1], 0)],
  ['argReduce: empty dim', () => native.argReduce(0, [2, 0], f32(0), [0, 1], 0, 1, f32(2), new BigInt64Array(2))],
  ['argReduce: bad dim', () => native.argReduce(0, [2, 2], f32(4), [2, 1], 0, 2, f32(2), new BigInt64Array(2))],
  ['argReduce: int32 indices', () => native.argReduce(0, [2, 2], f32(4), [2, 1], 0, 1, f32(2), new Int32Array(2) as never)],
  ['gather: index out of range', () => native.gather([2, 2], f32(4), [2, 1], 0, 1, [2, 1], Int32Array.of(0, 5), [1, 1], 0, f32(2))],
  ['gather: int64 index beyond int32', () => native.gather([2, 2], f32(4), [2, 1], 0, 1, [2, 1], BigInt64Array.of(0n, 1n << 40n), [1, 1], 0, f32(2))],
  ['gather: negative int64 index', () => native.gather([2, 2], f32(4), [2, 1], 0, 1, [2, 1], BigInt64Array.of(-1n, 0n), [1, 1], 0, f32(2))],
  ['gather: float index', () => native.gather([2, 2], f32(4), [2, 1], 0, 1, [2, 1], f32(2) as never, [1, 1], 0, f32(2))],
  ['gather: index rank differs', () => native.gather([2, 2], f32(4), [2, 1], 0, 1, [2], Int32Array.of(0, 1), [1], 0, f32(2))],
  ['rngRandperm: steps past the end', () => randomNative.rngRandperm(mtState(), new Int32Array(4), 0, 4)],
  ['rngRandperm: negative steps', () => randomNative.rngRandperm(mtState(), new Int32Array(4), -1, 2)],
  ['rngRandperm: short state', () => randomNative.rngRandperm(new Int32Array(3), new Int32Array(4), 0, 3)],
  ['rngRandperm: invalid state (left 0)', () => randomNative.rngRandperm(new Int32Array(626), new Int32Array(4), 0, 3)],
  ['rngRandperm: float permutation', () => randomNative.rngRandperm(mtState(), f32(4) as never, 0, 3)],
  ['rngNormal: an int32 output', () => randomNative.rngNormal(mtState(), new Int32Array(4) as never, new Float64Array(2), 0, 1, false)],
  ['rngNormal: a short cache', () => randomNative.rngNormal(mtState(), f32(4), new Float64Array(1), 0, 1, false)],
  ['rngUniform: state past its words (next 625)', () => randomNative.rngUniform(mtState(625), f32(4), 0, 1)],
  ['scatterAdd: index out of range', () => native.scatterAdd([2, 2], f32(4), 0, [1, 2], Int32Array.of(0, -1), [2, 1], 0, f32(2), [2, 1], 0)],
  ['indexAdd: source too short', () => native.indexAdd([2, 2], f32(4), 0, Int32Array.of(0, 1), f32(2), [2, 1], 0)],
];

describe('the addon never crashes', () => {
  test.each(CALLS)('%s', (_name, call) => {
    let caught: unknown;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(tg.TensorError);
    expect(['SHAPE', 'DTYPE', 'INDEX', 'ARGUMENT']).toContain((caught as tg.TensorError).code);
  });

  test('every export (and its Async variant) survives garbage arguments and garbage metadata', async () => {
    // Every export, found by enumeration: a new one is covered automatically.
    const raw = addon as unknown as Record<string, (...a: unknown[]) => unknown>;
    const exports = Object.keys(raw).filter((k) => typeof raw[k] === 'function' && !['init', 'isa', 'cpuIsas', 'getNumThreads'].includes(k));
    expect(exports.length).toBeGreaterThanOrEqual(32);
    // The backend's job list is exactly the addon's: every export with an Async variant.
    const jobExports = exports.filter((k) => typeof raw[`${k}Async`] === 'function');
    expect(Object.keys(jobs).sort()).toEqual(jobExports.sort());
    const pending: Promise<unknown>[] = [];
    const metaGarbage = [NaN, -1, 1e300, 0.5, 65, 2 ** 53, -(2 ** 40), 3, 1, 0];
    const buffers = [f32(16), new Float64Array(16), new Int32Array(16), new Uint8Array(16), f32(0)];
    let seed = 1;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    let calls = 0;
    let rejected = 0;
    for (const name of exports) {
      for (let trial = 0; trial < 300; trial++) {
        for (let i = 0; i < 64; i++) meta[i] = rnd(3) === 0 ? metaGarbage[rnd(metaGarbage.length)] : rnd(5);
        const args = Array.from({ length: 4 }, () => (rnd(4) === 0 ? GARBAGE[rnd(GARBAGE.length)] : buffers[rnd(buffers.length)]));
        calls++;
        try {
          const r = raw[name](...args);
          if (r !== undefined && typeof (r as Promise<unknown>).then === 'function') {
            pending.push(
              (r as Promise<unknown>).then(
                () => undefined,
                (e) => {
                  expect(e).toBeInstanceOf(tg.TensorError);
                  rejected++;
                },
              ),
            );
          }
        } catch (e) {
          expect(e).toBeInstanceOf(tg.TensorError);
          rejected++;
        }
      }
    }
    await Promise.all(pending);
    expect(calls).toBe(exports.length * 300);
    expect(rejected).toBeGreaterThan(calls * 0.9);
  });

  test('a failing kernel reports the same TensorError from its export and its Async variant', async () => {
    // The index is checked in the driver, so the sync call fails in the guard and the Async one
    // on the executor thread: one C++ mapping must give both the same code and message.
    const call = () => native.gather([2, 2], f32(4), [2, 1], 0, 1, [2, 1], Int32Array.of(0, 5), [1, 1], 0, f32(2));
    let sync: unknown;
    try {
      call();
    } catch (e) {
      sync = e;
    }
    beginDeferred();
    call();
    const jobs = endDeferred();
    expect(jobs).toHaveLength(1);
    const async = await jobs[0].then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(sync).toBeInstanceOf(tg.TensorError);
    expect(async).toBeInstanceOf(tg.TensorError);
    const { code, message } = sync as tg.TensorError;
    expect(code).toBe('INDEX');
    expect(async).toMatchObject({ code, message });
  });

  test('a failed call leaves other tensors intact', () => {
    const keep = tg.tensor([1, 2, 3]);
    const before = Array.from(keep.dataSync());
    expect(() => native.fill([4], keep._storage.data, [1], 0, 9)).toThrow(tg.TensorError);
    expect(Array.from(keep.dataSync())).toEqual(before);
  });
});

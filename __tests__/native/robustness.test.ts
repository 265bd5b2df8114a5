// Throws garbage at every addon export: each call must end in a TensorError with a code,
// never a crash, and must leave other tensors untouched.
import { native } from '../../lib/native';
import * as tg from '../../lib';

const f32 = (n: number) => new Float32Array(n);
const GARBAGE: unknown[] = [undefined, null, 0, -1, 1.5, NaN, Infinity, 'x', {}, [], [-1], [1e300], [NaN], () => 0, new Int8Array(4), new Float32Array(0), Symbol('s')];

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
  ['sum: flags do not match', () => native.sum([2, 2], f32(4), [2, 1], 0, [1], f32(1), 1)],
  ['sum: output too short', () => native.sum([2, 2], f32(4), [2, 1], 0, [0, 1], f32(1), 1)],
  ['matmul: inner dims', () => native.matmul([1, 2, 3], f32(6), [0, 3, 1], 0, [1, 2, 2], f32(4), [0, 2, 1], 0, f32(4))],
  ['matmul: 2-D shapes', () => native.matmul([2, 3], f32(6), [3, 1], 0, [3, 2], f32(6), [2, 1], 0, f32(4))],
  ['matmul: output too short', () => native.matmul([1, 2, 2], f32(4), [0, 2, 1], 0, [1, 2, 2], f32(4), [0, 2, 1], 0, f32(3))],
  ['indexSelect: index out of range', () => native.indexSelect([2, 2], f32(4), [2, 1], 0, 0, Int32Array.of(2), f32(2))],
  ['indexSelect: negative index', () => native.indexSelect([2, 2], f32(4), [2, 1], 0, 0, Int32Array.of(-1), f32(2))],
  ['indexSelect: bad dim', () => native.indexSelect([2, 2], f32(4), [2, 1], 0, 5, Int32Array.of(0), f32(2))],
  ['indexSelect: float index', () => native.indexSelect([2, 2], f32(4), [2, 1], 0, 0, f32(1) as never, f32(2))],
  ['compare: non-bool output', () => native.compare(0, [2], f32(2) as never, [1], 0, f32(2), [1], 0, f32(2), [1], 0)],
  ['compare: operand dtypes differ', () => native.compare(0, [2], new Uint8Array(2), [1], 0, f32(2), [1], 0, new Int32Array(2), [1], 0)],
  ['where: non-bool condition', () => native.where([2], f32(2), [1], 0, f32(2) as never, [1], 0, f32(2), [1], 0, f32(2), [1], 0)],
  ['argReduce: empty dim', () => native.argReduce(0, [2, 0], f32(0), [0, 1], 0, 1, f32(2), new Int32Array(2))],
  ['argReduce: bad dim', () => native.argReduce(0, [2, 2], f32(4), [2, 1], 0, 2, f32(2), new Int32Array(2))],
  ['gather: index out of range', () => native.gather([2, 2], f32(4), [2, 1], 0, 1, [2, 1], Int32Array.of(0, 5), [1, 1], 0, f32(2))],
  ['gather: index rank differs', () => native.gather([2, 2], f32(4), [2, 1], 0, 1, [2], Int32Array.of(0, 1), [1], 0, f32(2))],
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

  test('every export rejects every kind of garbage in every position', () => {
    // Every export that takes arguments, found by enumeration: a new one is covered automatically.
    const table = native as unknown as Record<string, (...a: unknown[]) => unknown>;
    const exports = Object.keys(table).filter((k) => typeof table[k] === 'function' && !['init', 'isa', 'cpuIsas', 'getNumThreads'].includes(k));
    expect(exports.length).toBeGreaterThanOrEqual(13);
    let calls = 0;
    for (const name of exports) {
      const fn = table[name];
      for (let pos = 0; pos < 13; pos++) {
        for (const g of GARBAGE) {
          const args: unknown[] = new Array(13).fill(undefined).map((_, i) => (i === pos ? g : [1]));
          calls++;
          try {
            fn(...args);
          } catch (e) {
            expect(e).toBeInstanceOf(tg.TensorError);
            continue;
          }
          throw new Error(`${name} accepted garbage at position ${pos}`);
        }
      }
    }
    expect(calls).toBe(exports.length * 13 * GARBAGE.length);
  });

  test('a failed call leaves other tensors intact', () => {
    const keep = tg.tensor([1, 2, 3]);
    const before = Array.from(keep.dataSync());
    expect(() => native.fill([4], keep._storage.data, [1], 0, 9)).toThrow(tg.TensorError);
    expect(Array.from(keep.dataSync())).toEqual(before);
  });
});

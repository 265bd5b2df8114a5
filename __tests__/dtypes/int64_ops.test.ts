// int64 through the ops: promotion, wrapping arithmetic against BigInt references (small tensors,
// large ones that go native, strided ones), reductions, comparisons, index results and arguments.
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

const big = (t: tg.Tensor) => Array.from(t.dataSync<BigInt64Array>());
const wrap = (v: bigint) => BigInt.asIntN(64, v);
const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;

/** n deterministic int64 values spread over the whole range, edges included. */
function values(n: number, seed: bigint): bigint[] {
  const out: bigint[] = [MAX, MIN, 0n, -1n];
  let s = seed;
  while (out.length < n) {
    s = (s * 6364136223846793005n + 1442695040888963407n) & (2n ** 64n - 1n);
    out.push(BigInt.asIntN(64, s) >> BigInt(out.length % 50));
  }
  return out.slice(0, n);
}

describe('promotion, as PyTorch', () => {
  const i64 = tg.tensor([1n, 2n]);
  const i32 = tg.tensor([1, 2], { dtype: 'int32' });
  test.each([
    ['int64 + int32', () => i64.add(i32), 'int64'],
    ['int32 + int64', () => i32.add(i64), 'int64'],
    ['int64 + float32', () => i64.add(tg.tensor([0.5, 1])), 'float32'],
    ['int64 + float64', () => i64.add(tg.tensor([0.5, 1], { dtype: 'float64' })), 'float64'],
    ['int64 + bool', () => i64.add(tg.tensor([true, false])), 'int64'],
    ['int64 * integer number', () => i64.mul(3), 'int64'],
    ['int64 * bigint', () => i64.mul(3n), 'int64'],
    ['int64 * fraction', () => i64.mul(2.5), 'float32'],
    ['int32 * bigint', () => i32.mul(3n), 'int32'],
    ['bool + 1', () => tg.tensor([true]).add(1), 'int64'],
    ['int32 dims + int64 0-d', () => i32.add(tg.tensor(5n)), 'int32'],
    ['int64 dims + float64 0-d', () => i64.add(tg.tensor(0.5, { dtype: 'float64' })), 'float64'],
    ['int64 / int64', () => i64.div(i64), 'float32'],
    ['where(cond, 1, 2)', () => tg.where(tg.tensor([true, false]), 1, 2), 'int64'],
    ['maximum(int64, int32)', () => tg.maximum(i64, i32), 'int64'],
    ['cat(int64, int32)', () => tg.cat([i64, i32], 0), 'int64'],
  ])('%s', (_name, f, dtype) => expect(f().dtype).toBe(dtype));
});

describe('arithmetic wraps as int64 does', () => {
  for (const n of [6, 1000, 300000]) {
    test(`add sub mul, ${n} elements, against BigInt`, () => {
      const a = values(n, 1n);
      const b = values(n, 2n);
      const ta = tg.tensor(BigInt64Array.from(a));
      const tb = tg.tensor(BigInt64Array.from(b));
      const check = (t: tg.Tensor, f: (x: bigint, y: bigint) => bigint) => {
        const got = t.dataSync<BigInt64Array>();
        for (let i = 0; i < n; i++) if (got[i] !== wrap(f(a[i], b[i]))) throw new Error(`element ${i}: got ${got[i]}, expected ${wrap(f(a[i], b[i]))}`);
      };
      check(ta.add(tb), (x, y) => x + y);
      check(ta.sub(tb), (x, y) => x - y);
      check(ta.mul(tb), (x, y) => x * y);
      check(ta.mul(-3), (x) => x * -3n);
    });
  }

  test('strided and broadcast operands', () => {
    const a = tg.tensor([
      [MAX, 1n, 2n],
      [3n, MIN, 5n],
    ]);
    const row = tg.tensor([1n, -1n]);
    expect(big(a.t().add(row))).toEqual([MAX + 1n, 2n, 2n, MIN - 1n, 3n, 4n].map(wrap));
    expect(big(a.t().contiguous())).toEqual([MAX, 3n, 1n, MIN, 2n, 5n]);
  });

  test('neg abs sign, pow, maximum minimum clamp, division', () => {
    const x = tg.tensor([MIN, -3n, 0n, 7n]);
    expect(big(x.neg())).toEqual([MIN, 3n, 0n, -7n]);
    expect(big(x.abs())).toEqual([MIN, 3n, 0n, 7n]);
    expect(big(x.sign())).toEqual([-1n, -1n, 0n, 1n]);
    expect(big(tg.tensor([3n, -2n, 2n]).pow(tg.tensor([40n, 63n, 64n])))).toEqual([wrap(3n ** 40n), MIN, 0n]);
    expect(big(tg.tensor([5n, -5n]).pow(3))).toEqual([125n, -125n]);
    expectTensorError(() => tg.tensor([2n]).pow(-1), 'ARGUMENT', 'Integers to negative integer powers are not allowed');
    expectTensorError(() => tg.tensor([2n]).pow(tg.tensor([1n, -2n])), 'ARGUMENT', 'negative integer powers');
    expect(big(tg.maximum(x, tg.tensor([0n])))).toEqual([0n, 0n, 0n, 7n]);
    expect(big(tg.minimum(x, tg.tensor([MAX - 1n])))).toEqual([MIN, -3n, 0n, 7n]);
    expect(big(x.clamp(-1, 5))).toEqual([-1n, -1n, 0n, 5n]);
    expect(flat(tg.tensor([7n, -7n]).div(2))).toEqual([3.5, -3.5]);
    expect(big(tg.where(tg.tensor([true, false]), tg.tensor([MAX, 0n]), tg.tensor([1n, MIN])))).toEqual([MAX, MIN]);
  });

  test('matmul of int64', () => {
    const a = tg.tensor([
      [1n, 2n],
      [3n, 2n ** 40n],
    ]);
    expect(big(a.matmul(tg.tensor([[2n ** 30n], [1n]])))).toEqual([2n ** 30n + 2n, 3n * 2n ** 30n + 2n ** 40n]);
  });
});

describe('reductions', () => {
  test('sum of int64 wraps; int32 and bool sum in int64 (PyTorch); mean refuses integers', () => {
    const v = values(5000, 3n);
    const want = wrap(v.reduce((s, x) => s + x, 0n));
    expect(big(tg.tensor(BigInt64Array.from(v)).sum())).toEqual([want]);
    const i32 = tg.full([3, 1000], 2 ** 31 - 1, { dtype: 'int32' });
    const s = i32.sum();
    expect([s.dtype, big(s)]).toEqual(['int64', [3000n * (2n ** 31n - 1n)]]);
    expect(big(i32.sum(1))).toEqual([1000n, 1000n, 1000n].map((k) => k * (2n ** 31n - 1n)));
    expect(
      big(
        tg
          .tensor([
            [true, false],
            [true, true],
          ])
          .sum(0),
      ),
    ).toEqual([2n, 1n]);
    expectTensorError(() => tg.tensor([1n]).mean(), 'DTYPE', 'could not infer output dtype');
  });

  test('max, min, argmax over values that differ below 2^53 precision', () => {
    const t = tg.tensor([
      [2n ** 60n + 1n, 2n ** 60n + 3n, 2n ** 60n + 2n],
      [MIN + 1n, MIN, MIN + 2n],
    ]);
    expect(big(t.max())).toEqual([2n ** 60n + 3n]);
    expect(big(t.min())).toEqual([MIN]);
    const { values: v, indices } = t.max(1);
    expect([big(v), indices.dtype, big(indices)]).toEqual([[2n ** 60n + 3n, MIN + 2n], 'int64', [1n, 2n]]);
    expect(big(t.argmin(1))).toEqual([0n, 1n]);
    expect(big(t.argmax())).toEqual([1n]);
  });
});

describe('comparisons', () => {
  test('in int64 with int64 operands and bigint scalars, in float when promoted', () => {
    const a = tg.tensor([2n ** 53n + 1n, 5n]);
    expect(flat(a.eq(tg.tensor([2n ** 53n, 5n])))).toEqual([0, 1]);
    expect(flat(a.gt(2n ** 53n))).toEqual([1, 0]);
    expect(flat(a.le(5))).toEqual([0, 1]);
    expect(flat(a.ne(tg.tensor([0, 5], { dtype: 'int32' })))).toEqual([1, 0]);
    expect(flat(tg.tensor([3n]).lt(tg.tensor([3.5])))).toEqual([1]);
  });
});

describe('index results are int64', () => {
  test('argmax, max(dim).indices, randint, randperm', () => {
    const x = tg.tensor([
      [1, 5],
      [7, 0],
    ]);
    expect(x.argmax().dtype).toBe('int64');
    expect(x.argmin(0, true).dtype).toBe('int64');
    expect(x.min(1).indices.dtype).toBe('int64');
    expect(tg.randint(0, 5, [3]).dtype).toBe('int64');
    expect(tg.randperm(4).dtype).toBe('int64');
    expect(flat(tg.randperm(50)).sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(tg.randint(0, 5, [3], { dtype: 'int32' }).dtype).toBe('int32');
  });

  test('randint beyond int32 with int64, and bigint bounds at int64s edges', () => {
    const g = new tg.Generator().manualSeed(1);
    const r = big(tg.randint(0, 2 ** 40, [2000], { generator: g }));
    expect(r.every((v) => v >= 0n && v < 2n ** 40n)).toBe(true);
    expect(r.some((v) => v >= 2n ** 39n)).toBe(true);
    expect(r.some((v) => v < 2n ** 32n) || r.some((v) => v >= 2n ** 32n)).toBe(true);
    const edge = big(tg.randint(MAX - 2n, MAX + 1n, [300], { generator: g }));
    expect(new Set(edge)).toEqual(new Set([MAX - 2n, MAX - 1n, MAX]));
    const wide = big(tg.randint(MIN, MAX, [500], { generator: g }));
    expect(wide.some((v) => v < 0n) && wide.some((v) => v > 0n)).toBe(true);
    expectTensorError(() => tg.randint(0, 2 ** 32, [2], { dtype: 'int32' }), 'ARGUMENT', "int32's range");
    expectTensorError(() => tg.randint(0n, 2n ** 64n, [2]), 'ARGUMENT', "int64's range");
    expectTensorError(() => tg.randint(3n, 3n, [2]), 'ARGUMENT', "expects 'from' to be less than 'to'");
  });
});

describe('index arguments accept int32 and int64', () => {
  const x = tg.tensor([
    [10, 11],
    [20, 21],
    [30, 31],
  ]);
  test('indexSelect and gather give the same result for either dtype', () => {
    const want = [30, 31, 10, 11];
    expect(flat(x.indexSelect(0, tg.tensor([2n, 0n])))).toEqual(want);
    expect(flat(x.indexSelect(0, tg.tensor([2, 0], { dtype: 'int32' })))).toEqual(want);
    expect(flat(x.indexSelect(0, [2n, 0n]))).toEqual(want);
    const idx = [
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    expect(flat(x.gather(1, tg.tensor(idx, { dtype: 'int64' })))).toEqual([11, 10, 20, 21, 31, 31]);
    expect(flat(x.gather(1, tg.tensor(idx, { dtype: 'int32' })))).toEqual([11, 10, 20, 21, 31, 31]);
    expect(flat(x.gather(1, tg.tensor(idx, { dtype: 'int64' }).t().contiguous().t()))).toEqual([11, 10, 20, 21, 31, 31]);
    const big64 = tg.tensor([
      [MAX, 1n],
      [2n, MIN],
    ]);
    expect(big(big64.indexSelect(1, tg.tensor([1n])))).toEqual([1n, MIN]);
    expect(big(big64.gather(0, tg.tensor([[1n, 0n]])))).toEqual([2n, 1n]);
  });

  test('indices out of range, beyond int32, or not integers are refused', () => {
    expectTensorError(() => x.indexSelect(0, tg.tensor([3n])), 'INDEX', 'out of bounds');
    expectTensorError(() => x.indexSelect(0, tg.tensor([2n ** 40n])), 'INDEX', 'out of bounds');
    expectTensorError(() => x.indexSelect(0, tg.tensor([-1n])), 'INDEX', 'out of bounds');
    expectTensorError(() => x.gather(0, tg.tensor([[2n ** 33n, 0n]])), 'INDEX', 'out of bounds');
    expectTensorError(() => x.gather(0, tg.tensor([[-1n, 0n]])), 'INDEX', 'out of bounds');
    expectTensorError(() => x.indexSelect(0, tg.tensor([1.0])), 'DTYPE', 'int32 or int64');
    expectTensorError(() => x.gather(0, tg.tensor([[true]])), 'DTYPE', 'int32 or int64');
  });

  test('cross entropy takes int64 or int32 class indices alike', () => {
    const logits = tg.tensor([
      [1, 2, 0.5],
      [0.1, -1, 3],
    ]);
    const a = tg.nn.functional.crossEntropy(logits, tg.tensor([1n, 2n])).item();
    const b = tg.nn.functional.crossEntropy(logits, tg.tensor([1, 2], { dtype: 'int32' })).item();
    const want = (-(2 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0.5))) - (3 - Math.log(Math.exp(0.1) + Math.exp(-1) + Math.exp(3)))) / 2;
    expect(a).toBeCloseTo(want, 5);
    expect(b).toBe(a);
  });

  test('data loaders shuffle with int64 permutations', () => {
    const ds = new tg.data.TensorDataset(tg.arange(10), tg.arange(10).mul(2));
    const seen: number[] = [];
    for (const [xb, yb] of new tg.data.DataLoader(ds, { batchSize: 3, shuffle: true })) {
      expect(flat(yb)).toEqual(flat(xb).map((v) => v * 2));
      seen.push(...flat(xb));
    }
    expect(seen.sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

// sort/argsort/topk/median against naive references; ties against PyTorch's order are in the
// parity fixtures (scripts/parity/reductions.py).
import * as tg from '../../lib';
import { runAsync } from '../../lib/async';
import { INDEX_DTYPE } from '../../lib/dtype';
import { expectClose, expectTensorError, values } from '../helpers';
import { f64, linesRef, numbers } from './ref';

// NaN above every number; equal values by index (a stable sort).
const ascending = (a: [number, number], b: [number, number]) => {
  const na = Number.isNaN(a[0]);
  const nb = Number.isNaN(b[0]);
  if (na || nb) return na === nb ? a[1] - b[1] : na ? 1 : -1;
  return a[0] - b[0] || a[1] - b[1];
};
const descending = (a: [number, number], b: [number, number]) => {
  const na = Number.isNaN(a[0]);
  const nb = Number.isNaN(b[0]);
  if (na || nb) return na === nb ? a[1] - b[1] : na ? -1 : 1;
  return b[0] - a[0] || a[1] - b[1];
};

/** values and indices of the first k of each sorted line, laid out as the op's output. */
function sortedRef(x: tg.Tensor, dim: number, desc: boolean, k = x.shape[dim]): { v: number[]; i: number[] } {
  const shape = x.shape.map((s, d) => (d === dim ? k : s));
  let inner = 1;
  for (let d = dim + 1; d < shape.length; d++) inner *= shape[d];
  const v: number[] = new Array<number>(shape.reduce((a, b) => a * b, 1));
  const i: number[] = new Array<number>(v.length);
  linesRef(x, dim).forEach(({ line }, l) => {
    const pairs = line.map((val, j) => [val, j] as [number, number]).sort(desc ? descending : ascending);
    const base = Math.floor(l / inner) * k * inner + (l % inner);
    for (let j = 0; j < k; j++) {
      v[base + j * inner] = pairs[j][0];
      i[base + j * inner] = pairs[j][1];
    }
  });
  return { v, i };
}

describe('sort and argsort', () => {
  const x = f64([4, 5, 6], 31);
  test.each([0, 1, 2, -1])('dim %i, both directions (distinct values)', (dim) => {
    const d = dim < 0 ? dim + 3 : dim;
    for (const desc of [false, true]) {
      const r = sortedRef(x, d, desc);
      const { values: v, indices } = x.sort(dim, { descending: desc });
      expect(numbers(v)).toEqual(r.v);
      expect(numbers(indices)).toEqual(r.i);
      expect(indices.dtype).toBe(INDEX_DTYPE);
      expect(numbers(x.argsort(dim, { descending: desc }))).toEqual(r.i);
    }
  });

  test('stable keeps equal values in index order; NaN sorts above numbers', () => {
    const ties = tg.tensor(Float64Array.from(values(200, 32).map((v) => Math.round(v * 3) + 0)));
    for (const desc of [false, true]) {
      const r = sortedRef(ties, 0, desc);
      const s = ties.sort({ stable: true, descending: desc });
      expect(numbers(s.values)).toEqual(r.v);
      expect(numbers(s.indices)).toEqual(r.i);
      expect(numbers(ties.sort({ descending: desc }).values)).toEqual(r.v);
    }
    const n = tg.tensor([2, NaN, -1, NaN, 0]);
    expectClose(numbers(n.sort().values), [-1, 0, 2, NaN, NaN], 0);
    expectClose(numbers(n.sort({ descending: true }).values), [NaN, NaN, 2, 0, -1], 0);
  });

  test('non-contiguous, large (threaded) rows, integers and bool, 0-d, empty', () => {
    const t = x.transpose(0, 2);
    const r = sortedRef(t.contiguous(), 1, false);
    expect(numbers(t.sort(1).values)).toEqual(r.v);
    const big = f64([120, 257], 33);
    expect(numbers(big.sort(1).indices)).toEqual(sortedRef(big, 1, false).i);
    expect(numbers(big.sort(0, { descending: true }).indices)).toEqual(sortedRef(big, 0, true).i);
    const i = tg.tensor([3, -1, 2], { dtype: 'int32' });
    expect(i.sort().values.dtype).toBe('int32');
    expect(numbers(i.sort().values)).toEqual([-1, 2, 3]);
    expect(numbers(tg.tensor([true, false, true]).sort({ stable: true }).indices)).toEqual([1, 0, 2]);
    const s = tg.tensor(4.5).sort();
    expect(s.values.shape).toEqual([]);
    expect(s.indices.item()).toBe(0);
    expect(tg.zeros([0]).sort().values.shape).toEqual([0]);
  });

  test('results are iterable pairs; errors', () => {
    const [v, i] = tg.sort(x, 0);
    expect(numbers(v)).toEqual(sortedRef(x, 0, false).v);
    expect(numbers(i)).toEqual(sortedRef(x, 0, false).i);
    expectTensorError(() => x.sort(3), 'INDEX', /Dimension out of range/);
    expectTensorError(() => x.sort(0, { descending: 'yes' as unknown as boolean }), 'ARGUMENT', /descending/);
  });
});

describe('topk', () => {
  const x = f64([5, 7, 4], 41);
  test.each([0, 1, 2, -1])('dim %i, largest and smallest (distinct values)', (dim) => {
    const d = dim < 0 ? dim + 3 : dim;
    for (const k of [0, 1, 3, x.shape[d]]) {
      if (k > x.shape[d]) continue;
      for (const largest of [true, false]) {
        const r = sortedRef(x, d, largest, k);
        const { values: v, indices } = x.topk(k, dim, { largest });
        expect(v.shape).toEqual(x.shape.map((s, j) => (j === d ? k : s)));
        expect(numbers(v)).toEqual(r.v);
        expect(numbers(indices)).toEqual(r.i);
      }
    }
  });

  test('many rows (threaded, partial sort path), unsorted selects the same set, NaN counts as largest', () => {
    const m = f64([200, 700], 42);
    const r = sortedRef(m, 1, true, 10);
    const t = m.topk(10);
    expect(numbers(t.values)).toEqual(r.v);
    expect(numbers(t.indices)).toEqual(r.i);
    const u = m.topk(100, 1, { sorted: false });
    const sortedBack = u.values.sort(1, { descending: true }).values;
    expect(numbers(sortedBack)).toEqual(sortedRef(m, 1, true, 100).v);
    expectClose(numbers(tg.tensor([1, NaN, 3]).topk(2).values), [NaN, 3], 0);
    expectClose(numbers(tg.tensor([1, NaN, 3]).topk(2, 0, { largest: false }).values), [1, 3], 0);
    expect(numbers(x.transpose(0, 2).topk(2, 0).values)).toEqual(numbers(x.topk(2, 2).values.transpose(0, 2).contiguous()));
  });

  test('0-d, integers, iterable', () => {
    const s = tg.tensor(3).topk(1);
    expect(s.values.shape).toEqual([]);
    expect(numbers(tg.tensor([4, 9, -2], { dtype: 'int32' }).topk(2).values)).toEqual([9, 4]);
    const [v, i] = tg.topk(x, 1, 0);
    expect(v.shape).toEqual([1, 7, 4]);
    expect(i.dtype).toBe(INDEX_DTYPE);
  });

  test('errors', () => {
    expectTensorError(() => x.topk(5), 'INDEX', /selected index k out of range/);
    expectTensorError(() => x.topk(-1), 'ARGUMENT', /selected index k out of range/);
    expectTensorError(() => tg.tensor(3).topk(2), 'INDEX', /selected index k out of range/);
    expectTensorError(() => x.topk(1.5), 'ARGUMENT');
    expectTensorError(() => x.topk(1, 3), 'INDEX');
    expectTensorError(() => tg.tensor([true, false]).topk(1), 'DTYPE', /not implemented for 'Bool'/);
  });
});

describe('median', () => {
  test('lower median of all elements and along dims (distinct values)', () => {
    const x = f64([4, 6], 51);
    const lower = (l: number[]) => l.slice().sort((a, b) => a - b)[(l.length - 1) >> 1];
    expect(x.median().item()).toBe(lower(numbers(x)));
    for (const dim of [0, 1, -1]) {
      const d = dim < 0 ? dim + 2 : dim;
      const { values: v, indices } = x.median(dim);
      const lines = linesRef(x, d);
      expect(numbers(v)).toEqual(lines.map(({ line }) => lower(line)));
      expect(numbers(indices)).toEqual(lines.map(({ line }) => line.indexOf(lower(line))));
    }
    expect(x.median(1, { keepdim: true }).values.shape).toEqual([4, 1]);
    expect(numbers(x.t().median(0).values)).toEqual(numbers(x.median(1).values));
  });

  test('ties: the lower median in (value, index) order, as PyTorch; NaN gives the first NaN (hand-derived)', () => {
    const t = tg.tensor([
      [1, 2, 2, 1],
      [3, 1, 3, 3],
    ]);
    expect(numbers(t.median(1).values)).toEqual([1, 3]);
    // [1, 2, 2, 1] in order: 1@0 1@3 2@1 2@2, position 1 is 1@3; [3, 1, 3, 3]: 1@1 3@0 ..., 3@0.
    expect(numbers(t.median(1).indices)).toEqual([3, 0]);
    const n = tg.tensor([
      [1, NaN, 3, NaN],
      [2, 0, 1, 5],
    ]);
    expectClose(numbers(n.median(1).values), [NaN, 1], 0);
    expect(numbers(n.median(1).indices)).toEqual([1, 2]);
    expect(Number.isNaN(n.median().item())).toBe(true);
    expect(tg.tensor([5, 1, 4, 2], { dtype: 'int32' }).median().item()).toBe(2);
  });

  test('gradient goes to the median element; node names', () => {
    const a = tg.tensor(
      [
        [3, 1, 2],
        [0, 5, 4],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    a.median(1).values.sum().backward();
    expect(numbers(a.grad!)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(a.median().gradFn?.name).toBe('MedianBackward0');
    expect(a.median(0).values.gradFn?.name).toBe('MedianBackward1');
  });

  test('0-d, empty, errors', () => {
    expect(tg.tensor(2).median().item()).toBe(2);
    expect(tg.tensor(2).median(0).indices.item()).toBe(0);
    expect(Number.isNaN(tg.zeros([0]).median().item())).toBe(true);
    expect(tg.zeros([0, 2]).median(1).values.shape).toEqual([0]);
    expectTensorError(() => tg.zeros([2, 0]).median(1), 'INDEX', 'median(): Expected reduction dim 1 to have non-zero size.');
    expectTensorError(() => tg.tensor([true]).median(), 'DTYPE', /not implemented for 'Bool'/);
    expectTensorError(() => tg.zeros([2]).median(1), 'INDEX');
  });
});

test('max(dim) and min(dim) results are iterable pairs', () => {
  const x = tg.tensor([
    [1, 5, 2],
    [7, 0, 3],
  ]);
  const [v, i] = x.max(1);
  expect(numbers(v)).toEqual([5, 7]);
  expect(numbers(i)).toEqual([1, 0]);
  const [mv, mi] = tg.min(x, 0);
  expect(numbers(mv)).toEqual([1, 0, 2]);
  expect(numbers(mi)).toEqual([0, 1, 0]);
  const r = x.max(1);
  expect(numbers(r.values)).toEqual([5, 7]);
  expect(numbers(r.indices)).toEqual([1, 0]);
});

test('inside an async op: the native kernels queue, the TypeScript reads refuse', async () => {
  const x = f64([30, 40], 61);
  const sorted = await runAsync([x], () => x.sort(1, { descending: true }));
  expect(numbers(sorted.values)).toEqual(sortedRef(x, 1, true).v);
  const top = await runAsync([x], () => x.topk(3, 0));
  expect(numbers(top.indices)).toEqual(sortedRef(x, 0, true, 3).i);
  const cum = await runAsync([x], () => x.cumsum(1));
  expect(numbers(cum)).toEqual(numbers(x.cumsum(1)));
  const v = await runAsync([x], () => x.var(0));
  expect(numbers(v)).toEqual(numbers(x.var(0)));
  await expect(runAsync([x], () => x.median(1))).rejects.toMatchObject({ code: 'STATE' });
  await expect(runAsync([x], () => x.prod())).rejects.toMatchObject({ code: 'STATE' });
});

test('Promise variants give the synchronous results', async () => {
  const x = f64([20, 30], 62);
  const s = await x.sortAsync(0, { descending: true });
  expect(numbers(s.indices)).toEqual(sortedRef(x, 0, true).i);
  const [v, i] = await tg.topkAsync(x, 4);
  expect(numbers(v)).toEqual(sortedRef(x, 1, true, 4).v);
  expect(numbers(i)).toEqual(sortedRef(x, 1, true, 4).i);
  expect(numbers(await x.argsortAsync())).toEqual(sortedRef(x, 1, false).i);
  expect(numbers(await tg.varAsync(x, 1))).toEqual(numbers(x.var(1)));
  expect(numbers(await x.stdAsync({ correction: 0 }))).toEqual(numbers(x.std({ correction: 0 })));
  expect(numbers(await x.cumsumAsync(0))).toEqual(numbers(x.cumsum(0)));
  expect(numbers(await tg.cumprodAsync(x, 1))).toEqual(numbers(x.cumprod(1)));
  await expect(x.topkAsync(31)).rejects.toMatchObject({ code: 'INDEX' });
});

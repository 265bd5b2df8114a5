// flip, roll, repeat, tile: values against naive float64 index arithmetic (small and large, so the
// addon's strided copy runs), non-contiguous, empty, 0-d and integer inputs, errors.
import * as tg from '../../lib';
import { expectTensorError, flat, forEachIndex, strides, values } from '../helpers';

function seq(shape: number[], dtype: tg.DType = 'float64', seed = 3): tg.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tg
    .tensor(
      Float64Array.from(values(n, seed), (v) => Math.round(v * 1000)),
      { shape },
    )
    .to(dtype);
}

/** out[idx] = x[src(idx)] over out's shape, reading x's row-major values. */
function mapRef(x: tg.Tensor, outShape: number[], src: (idx: number[]) => number[]): number[] {
  const d = flat(x);
  const st = strides(x.shape);
  const out: number[] = [];
  forEachIndex(outShape, (idx) => out.push(d[src(idx).reduce((a, v, k) => a + v * st[k], 0)]));
  return out;
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

describe('flip', () => {
  test.each([
    [[3, 4], [0]],
    [[3, 4], [-1]],
    [
      [2, 3, 4],
      [0, 2],
    ],
    [
      [64, 33, 40],
      [1, 2],
    ], // native copy
  ])('%p flipped along %p', (shape, dims) => {
    const x = seq(shape);
    const nd = dims.map((d) => (d < 0 ? d + shape.length : d));
    const r = x.flip(dims);
    expect(r.shape).toEqual(shape);
    expect(r.isContiguous()).toBe(true);
    expect(flat(r)).toEqual(mapRef(x, shape, (idx) => idx.map((v, k) => (nd.includes(k) ? shape[k] - 1 - v : v))));
  });

  test('a copy: own storage, non-contiguous input, int32/bool, empty, 0-d', () => {
    const x = seq([4, 3]);
    const r = x.t().flip(0);
    expect(r._storage).not.toBe(x._storage);
    expect(flat(r)).toEqual(mapRef(x.t().contiguous(), [3, 4], ([i, j]) => [2 - i, j]));
    expect(x.flip([]).toArray()).toEqual(x.toArray());
    expect(seq([5], 'int32').flip(0).toArray()).toEqual((seq([5], 'int32').toArray() as number[]).reverse());
    expect(tg.tensor([true, false, false]).flip(0).toArray()).toEqual([false, false, true]);
    expect(seq([0, 3]).flip(0, 1).shape).toEqual([0, 3]);
    expect(tg.tensor(2.5).flip([]).item()).toBe(2.5);
    expect(seq([2]).requiresGrad_().flip(0).gradFn?.name).toBe('FlipBackward0');
    expectTensorError(() => x.flip(0, 0), 'ARGUMENT', 'dim 0 appears multiple times in the list of dims');
    expectTensorError(() => x.flip(-2, 0), 'ARGUMENT', /appears multiple times/);
    expectTensorError(() => x.flip(2), 'INDEX');
  });
});

describe('roll', () => {
  test.each([
    [[3, 4], [1], [0]],
    [
      [3, 4],
      [-5, 6],
      [0, 1],
    ],
    [
      [2, 3, 4],
      [2, 2],
      [-1, -1],
    ], // the same dim twice: shifts add
    [
      [70, 50, 30],
      [13, -7],
      [0, 2],
    ],
  ])('%p rolled by %p along %p', (shape, shifts, dims) => {
    const x = seq(shape);
    const total = shape.map(() => 0);
    dims.forEach((d, i) => (total[d < 0 ? d + shape.length : d] += shifts[i]));
    expect(flat(x.roll(shifts, dims))).toEqual(mapRef(x, shape, (idx) => idx.map((v, k) => mod(v - total[k], shape[k]))));
  });

  test('without dims: over the flattened tensor, shape kept', () => {
    const x = seq([3, 4]);
    const r = x.t().roll(5);
    expect(r.shape).toEqual([4, 3]);
    const d = flat(x.t().contiguous());
    expect(flat(r)).toEqual(d.map((_, i) => d[mod(i - 5, 12)]));
    expect(seq([0]).roll(3).shape).toEqual([0]);
    expect(seq([3, 0]).roll(2, 1).shape).toEqual([3, 0]);
    expect(tg.tensor([true, false, false]).roll(1).toArray()).toEqual([false, true, false]);
    expect(seq([2]).requiresGrad_().roll(1).gradFn?.name).toBe('RollBackward0');
  });

  test('errors', () => {
    const x = seq([3, 4]);
    expectTensorError(() => x.roll([1, 2]), 'ARGUMENT', 'shifts and dimensions must align. shifts: 2, dims:0');
    expectTensorError(() => x.roll(1, [0, 1]), 'ARGUMENT', 'shifts and dimensions must align. shifts: 1, dims:2');
    expectTensorError(() => x.roll([], []), 'ARGUMENT', '`shifts` required');
    expectTensorError(() => x.roll(1, 2), 'INDEX');
    expectTensorError(() => x.roll(1.5), 'ARGUMENT');
  });
});

describe('repeat and tile', () => {
  test.each([
    [
      [2, 3],
      [2, 1, 3],
    ],
    [[3], [2, 2]],
    [[], [2, 3]],
    [
      [2, 3],
      [0, 2],
    ],
    [
      [40, 30],
      [3, 20],
    ],
  ])('%p repeated %p', (shape, reps) => {
    const x = seq(shape);
    const lead = reps.length - shape.length;
    const padded = [...new Array<number>(lead).fill(1), ...shape];
    const outShape = reps.map((r, i) => r * padded[i]);
    const r = x.repeat(...reps);
    expect(r.shape).toEqual(outShape);
    expect(flat(r)).toEqual(mapRef(x, outShape, (idx) => idx.slice(lead).map((v, k) => v % shape[k])));
  });

  test('tile pads reps with leading ones; both copy; integer dtypes; node names', () => {
    const x = seq([2, 3, 2]);
    expect(flat(x.tile(2))).toEqual(flat(x.repeat(1, 1, 2)));
    expect(x.tile(2, 1, 1, 1).shape).toEqual([2, 2, 3, 2]);
    const i = seq([2, 2], 'int32');
    expect(i.repeat(1, 2).toArray()).toEqual((i.toArray() as number[][]).map((row) => [...row, ...row]));
    expect(x.repeat(1, 1, 1)._storage).not.toBe(x._storage);
    const g = seq([2, 3]).requiresGrad_();
    expect(g.repeat(2, 2).gradFn?.name).toBe('RepeatBackward0');
    expect(g.tile(2).gradFn?.name).toBe('RepeatBackward0');
    g.repeat(2, 3).sum().backward();
    expect(flat(g.grad!)).toEqual(new Array(6).fill(6));
    expect(seq([3, 2]).t().repeat(2, 1).toArray()).toEqual(seq([3, 2]).t().contiguous().repeat(2, 1).toArray());
  });

  test('errors', () => {
    const x = seq([2, 3]);
    expectTensorError(() => x.repeat(2), 'ARGUMENT', /can not be smaller than number of dimensions/);
    expectTensorError(() => x.repeat(-1, 2), 'ARGUMENT', /negative dimension/);
    expectTensorError(() => x.tile(-1, 2), 'ARGUMENT', /negative dimension/);
    expectTensorError(() => x.repeat(1.5, 1), 'ARGUMENT');
    expectTensorError(() => x.repeat(2 ** 20, 2 ** 20), 'ARGUMENT');
  });
});

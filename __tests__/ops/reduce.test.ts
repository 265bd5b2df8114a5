import * as tg from '../../lib';
import { expectClose, expectTensorError, flat, forEachIndex, values } from '../helpers';

/** float64 reference: sums x (row-major, `shape`) over `dims`, returning kept-dim values. */
function refSum(x: ArrayLike<number>, shape: number[], dims: number[]): { shape: number[]; data: number[] } {
  const keptShape = shape.filter((_, i) => !dims.includes(i));
  const out = new Array<number>(keptShape.reduce((a, b) => a * b, 1)).fill(0);
  forEachIndex(shape, (idx, k) => {
    let o = 0;
    let stride = 1;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (dims.includes(d)) continue;
      o += idx[d] * stride;
      stride *= shape[d];
    }
    out[o] += x[k];
  });
  return { shape: keptShape, data: out };
}

describe.each(['float32', 'float64'] as const)('sum and mean in %s', (dtype) => {
  const tol = dtype === 'float32' ? 1e-5 : 1e-12;
  const shape = [4, 5, 6];
  const x = tg.tensor(values(120, 9), { shape, dtype });
  const cases: [number | number[] | undefined, number[]][] = [
    [undefined, [0, 1, 2]],
    [0, [0]],
    [1, [1]],
    [-1, [2]],
    [
      [0, 2],
      [0, 2],
    ],
    [
      [-1, -3],
      [0, 2],
    ],
  ];
  test.each(cases)('dim %p', (dim, dims) => {
    const ref = refSum(x.dataSync(), shape, dims);
    const s = x.sum(dim);
    expect(s.shape).toEqual(ref.shape);
    expectClose(flat(s), ref.data, tol);
    const count = dims.reduce((p, d) => p * shape[d], 1);
    expectClose(
      flat(x.mean(dim)),
      ref.data.map((v) => v / count),
      tol,
    );
    const kept = x.sum(dim ?? null, true);
    expect(kept.shape).toEqual(shape.map((n, i) => (dims.includes(i) ? 1 : n)));
  });

  test('reductions of a transposed view', () => {
    const m = tg.tensor(values(12 * 7, 2), { shape: [12, 7], dtype });
    const mt = m.t();
    const ref = refSum(mt.contiguous().dataSync(), [7, 12], [1]);
    expectClose(flat(mt.sum(1)), ref.data, tol);
  });
});

test('float32 sum of 16M elements within 1e-6 of the float64 sum (blocked summation)', () => {
  const n = 1 << 24;
  const v = Float32Array.from(values(n, 5), (x) => x + 1);
  let ref = 0;
  for (const x of v) ref += x;
  const s = tg.tensor(v).sum().item();
  expect(Math.abs(s - ref) / ref).toBeLessThan(1e-6);
});

test('sum of an empty tensor is 0; mean of an int32 tensor is refused as in PyTorch', () => {
  expect(tg.zeros([0, 3]).sum().item()).toBe(0);
  expect(flat(tg.zeros([0, 3]).sum(0))).toEqual([0, 0, 0]);
  expectTensorError(() => tg.ones([2], { dtype: 'int32' }).mean(), 'DTYPE', 'mean(): could not infer output dtype');
  expect(tg.tensor([1, 2, 3], { dtype: 'int32' }).sum().item()).toBe(6);
});

test('dim out of range is an INDEX error', () => {
  expectTensorError(() => tg.ones([2, 3]).sum(2), 'INDEX', 'Dimension out of range (expected to be in range of [-2, 1], but got 2)');
  expectTensorError(() => tg.ones([2, 3]).sum([0, 0]), 'ARGUMENT', 'appears multiple times');
});

test('float32 mean is the in-order sum divided by the count, bit for bit, as PyTorch', () => {
  // PyTorch computes mean as sum / count (not sum * (1/count), which differs in the last bit for
  // about a third of 3-element float32 means). Sums of fewer than 32 elements are added in order
  // on every ISA, so the reference is Math.fround applied after each step.
  const f = Math.fround;
  for (const [rows, cols] of [
    [3, 1],
    [5, 3],
    [7, 10],
    [20, 3],
  ]) {
    const v = Float32Array.from(values(rows * cols, rows + cols), (x) => x * 1000);
    const x = tg.tensor(v, { shape: [rows, cols] });
    const colMeans = flat(x.mean(0));
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s = f(s + v[r * cols + c]);
      expect(colMeans[c]).toBe(f(s / rows));
    }
    if (rows * cols < 32) {
      let s = 0;
      for (const e of v) s = f(s + e);
      expect(x.mean().item()).toBe(f(s / (rows * cols)));
    }
  }
  // The backward divides too: d mean / dx = g / count.
  const x = tg.ones([3], { requiresGrad: true });
  x.mean().backward(tg.tensor(0.7));
  expect(flat(x.grad!)).toEqual([f(f(0.7) / 3), f(f(0.7) / 3), f(f(0.7) / 3)]);
});

test("a mean's gradient is grad / count everywhere, the same with and without createGraph", () => {
  const f = Math.fround;
  for (const shape of [[5, 7], [3], [2, 3, 4]]) {
    const count = shape.reduce((p, s) => p * s, 1);
    const plain = tg.ones(shape, { requiresGrad: true });
    plain.mean().backward(tg.tensor(0.3));
    const graph = tg.ones(shape, { requiresGrad: true });
    graph.mean().backward(tg.tensor(0.3), { createGraph: true });
    expect(flat(plain.grad!)).toEqual(new Array(count).fill(f(f(0.3) / count)));
    expect(flat(graph.grad!)).toEqual(flat(plain.grad!));
    expect(graph.grad!.requiresGrad).toBe(false); // the seed did not require grad
  }
  // float64, and a mean over one dim (a gradient with several values).
  const x = tg.ones([3, 5], { dtype: 'float64', requiresGrad: true });
  x.mean(1).backward(tg.tensor([0.1, 0.2, 0.3], { dtype: 'float64' }));
  expect(flat(x.grad!)).toEqual([0.1, 0.2, 0.3].flatMap((g) => new Array(5).fill(g / 5)));
});

test('sum(0) of a matrix adds rows in order: bit-exact against a float32 row-by-row sum', () => {
  const f = Math.fround;
  for (const [rows, cols] of [
    [1, 5],
    [7, 3],
    [8, 33],
    [9, 1],
    [17, 40],
    [100, 7],
  ]) {
    // A narrowed view: unit-stride rows `cols + 3` apart.
    const wide = tg.tensor(
      Float32Array.from(values(rows * (cols + 3), rows + cols), (v) => v * 100),
      { shape: [rows, cols + 3] },
    );
    const x = wide.narrow(1, 2, cols);
    const data = wide.dataSync();
    const want = new Array<number>(cols).fill(0);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) want[c] = f(want[c] + data[r * (cols + 3) + c + 2]);
    expect(flat(x.sum(0))).toEqual(want);
    expect(flat(x.mean(0))).toEqual(want.map((s) => f(s / rows)));
  }
});

// scatter(_), scatterAdd, indexAdd, indexFill, take: values against naive loops, index checks
// before any write, 0-d and empty cases, strided inputs, errors.
import * as tg from '../../lib';
import { expectTensorError, flat, forEachIndex, strides, values } from '../helpers';

function seq(shape: number[], seed = 13): tg.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tg.tensor(Float64Array.from(values(n, seed)), { shape });
}
const i32 = (v: number[] | number[][] | number) => tg.tensor(v, { dtype: 'int32' });

/** Reference scatter / scatter_add over every element of index (the loop in PyTorch's docs). */
function refScatter(x: tg.Tensor, dim: number, index: tg.Tensor, src: tg.Tensor | number, add: boolean): number[] {
  const out = flat(x);
  const st = strides(x.shape);
  const id = flat(index);
  const sv = typeof src === 'number' ? null : src;
  const sd = sv === null ? [] : flat(sv);
  const sst = sv === null ? [] : strides(sv.shape);
  forEachIndex(index.shape, (idx, k) => {
    const o = idx.reduce((a, v, d) => a + (d === dim ? id[k] : v) * st[d], 0);
    const s = sv === null ? (src as number) : sd[idx.reduce((a, v, d) => a + v * sst[d], 0)];
    out[o] = add ? out[o] + s : s;
  });
  return out;
}

describe('scatter and scatterAdd', () => {
  const index = i32([
    [0, 1, 2, 0],
    [2, 0, 1, 1],
  ]);

  test.each([0, 1])('along dim %p, src tensor, number, and add', (dim) => {
    const x = seq([3, 4]);
    const idx =
      dim === 0
        ? index
        : i32([
            [3, 0],
            [1, 1],
            [2, 2],
          ]);
    const src = seq([3, 5], 2);
    expect(flat(x.scatter(dim, idx, src))).toEqual(refScatter(x, dim, idx, src, false));
    expect(flat(x.scatter(dim, idx, 2.5))).toEqual(refScatter(x, dim, idx, 2.5, false));
    expect(flat(x.scatterAdd(dim, idx, src))).toEqual(refScatter(x, dim, idx, src, true));
    expect(flat(x.scatterAdd(-2 + dim, idx, src))).toEqual(refScatter(x, dim, idx, src, true));
  });

  test('strided inputs and index, 0-d, empty index, int32, node names', () => {
    const x = seq([4, 3]).t(); // [3, 4] strided
    const idx = i32([
      [0, 2],
      [1, 0],
    ]).t(); // strided index
    const src = seq([4, 2], 4).t();
    expect(flat(x.scatter(0, idx, src))).toEqual(refScatter(x.contiguous(), 0, idx.contiguous(), src.contiguous(), false));
    expect(flat(x.scatterAdd(0, idx, src))).toEqual(refScatter(x.contiguous(), 0, idx.contiguous(), src.contiguous(), true));
    expect(tg.tensor(2).scatter(0, i32(0), tg.tensor(3)).item()).toBe(3);
    expect(tg.tensor(2).scatterAdd(0, i32(0), tg.tensor(3)).item()).toBe(5);
    expect(flat(seq([3, 4]).scatter(0, tg.zeros([0], { dtype: 'int32' }), 1))).toEqual(flat(seq([3, 4])));
    const xi = tg.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'int32' },
    );
    expect(xi.scatterAdd(1, i32([[1, 1]]), tg.tensor([[10, 20]], { dtype: 'int32' })).toArray()).toEqual([
      [1, 32],
      [3, 4],
    ]);
    const g = seq([3, 4]).requiresGrad_();
    expect(g.scatter(0, index, seq([2, 4])).gradFn?.name).toBe('ScatterBackward0');
    expect(g.scatter(0, index, 1).gradFn?.name).toBe('ScatterBackward1');
    expect(g.scatterAdd(0, index, seq([2, 4])).gradFn?.name).toBe('ScatterAddBackward0');
    expect(x.scatter(0, idx, src)._storage).not.toBe(x._storage);
  });

  test('scatter_ writes in place and bumps the version; autograd through it', () => {
    const x = seq([3, 4]);
    const expected = refScatter(x, 0, index, 7, false);
    expect(x.scatter_(0, index, 7)).toBe(x);
    expect(x.version).toBe(1);
    expect(flat(x)).toEqual(expected);
    const base = seq([4, 4]);
    const view = base.narrow(0, 1, 3);
    const exp2 = refScatter(view.contiguous(), 1, i32([[3], [0], [1]]), seq([3, 1], 6), false);
    view.scatter_(1, i32([[3], [0], [1]]), seq([3, 1], 6));
    expect(base.version).toBe(1);
    expect(flat(view)).toEqual(exp2);
    const leaf = seq([3, 4]).requiresGrad_();
    expectTensorError(() => leaf.scatter_(0, index, 1), 'GRAD');
    const s = seq([2, 4], 8).requiresGrad_();
    const y = leaf.mul(1);
    y.scatter_(0, index, s);
    expect(y.gradFn?.name).toBe('ScatterBackward0');
    y.sum().backward();
    expect(flat(leaf.grad!)).toEqual(refScatter(tg.ones([3, 4], { dtype: 'float64' }), 0, index, 0, false));
    // the second write to [0, 0] wins: PyTorch leaves the gradient of overwritten src entries unspecified, ours is 1 everywhere gathered
    expect(flat(s.grad!)).toEqual(new Array(8).fill(1));
  });

  test('errors: checked before anything is written', () => {
    const x = seq([4, 5]);
    const before = flat(x);
    expectTensorError(() => x.scatter_(0, i32([[4]]), 1), 'INDEX', 'index 4 is out of bounds for dimension 0 with size 4');
    expectTensorError(() => x.scatter_(0, i32([[0, 1, -1]]), 1), 'INDEX', /index -1 is out of bounds/);
    expect(flat(x)).toEqual(before);
    expect(x.version).toBe(0);
    expectTensorError(() => x.scatter(0, i32([0]), 1), 'SHAPE', /same number of dimensions/);
    expectTensorError(
      () => x.scatter(0, tg.zeros([5, 1], { dtype: 'int32' }), tg.ones([4, 1], { dtype: 'float64' })),
      'SHAPE',
      /Expected index \[5, 1\] to be smaller than self \[4, 5\]/,
    );
    expectTensorError(() => x.scatter(0, tg.zeros([1, 6], { dtype: 'int32' }), 1), 'SHAPE');
    expectTensorError(() => x.scatter(0, i32([[0]]), tg.ones([1, 1], { dtype: 'float32' })), 'DTYPE', /src.dtype/);
    expectTensorError(() => x.scatter(0, tg.zeros([1, 1]), 1), 'DTYPE');
    expectTensorError(() => x.scatter(2, i32([[0]]), 1), 'INDEX');
    expectTensorError(() => x.scatter(0, [[0]] as unknown as tg.Tensor, 1), 'ARGUMENT');
    expectTensorError(() => x.scatter(0, i32([[0]]), 'a' as unknown as number), 'ARGUMENT');
    expectTensorError(() => x.scatterAdd(0, i32([[4]]), tg.ones([1, 1], { dtype: 'float64' })), 'INDEX');
    expectTensorError(() => tg.tensor([true]).scatterAdd(0, i32([0]), tg.tensor([true])), 'DTYPE');
  });
});

describe('indexAdd, indexFill', () => {
  test('indexAdd: repeated indices accumulate; alpha; dims; 0-d; int32', () => {
    const x = seq([4, 3]);
    const src = seq([3, 3], 3);
    const xd = flat(x);
    const sd = flat(src);
    const ref = xd.slice();
    [2, 0, 2].forEach((r, k) => {
      for (let c = 0; c < 3; c++) ref[r * 3 + c] += 2.5 * sd[k * 3 + c];
    });
    expect(flat(x.indexAdd(0, [2, 0, 2], src, { alpha: 2.5 }))).toEqual(ref);
    expect(flat(x.indexAdd(-2, i32([2, 0, 2]), src, { alpha: 2.5 }))).toEqual(ref);
    const col = seq([4, 1], 9);
    const refCol = xd.map((v, i) => (i % 3 === 1 ? v + flat(col)[Math.floor(i / 3)] : v));
    expect(flat(x.t().indexAdd(0, [1], col.t()).t())).toEqual(refCol);
    expect(tg.tensor(2).indexAdd(0, [0], tg.tensor(3)).item()).toBe(5);
    expect(
      tg
        .tensor([1, 2], { dtype: 'int32' })
        .indexAdd(0, [1, 1], tg.tensor([5, 6], { dtype: 'int32' }), { alpha: 2 })
        .toArray(),
    ).toEqual([1, 24]);
    expect(x.requiresGrad_().indexAdd(0, [1], seq([1, 3])).gradFn?.name).toBe('IndexAddBackward0');
  });

  test('indexAdd errors', () => {
    const x = seq([4, 5]);
    const one = seq([1, 5]);
    expectTensorError(() => x.indexAdd(0, [4], one), 'INDEX', /index 4 is out of bounds/);
    expectTensorError(() => x.indexAdd(0, [-1], one), 'INDEX');
    expectTensorError(
      () => x.indexAdd(0, [0], seq([2, 5])),
      'SHAPE',
      'index_add_(): Number of indices (1) should be equal to source.size(dim): (2), for dim: 0',
    );
    expectTensorError(() => x.indexAdd(0, [0], seq([1, 4])), 'SHAPE');
    expectTensorError(() => x.indexAdd(0, [0], one.float()), 'DTYPE', /must have the same scalar type/);
    expectTensorError(() => x.indexAdd(0, i32([[0]]), one), 'INDEX');
    expectTensorError(() => x.indexAdd(0, tg.tensor([0]), one), 'DTYPE');
    expectTensorError(() => x.indexAdd(0, [0], one, { alpha: 'a' as unknown as number }), 'ARGUMENT');
    expectTensorError(() => x.int().indexAdd(0, [0], one.int(), { alpha: 1.5 }), 'ARGUMENT');
  });

  test('indexFill: negative indices wrap; tensor value; 0-d; node names; errors', () => {
    const x = seq([4, 3]);
    const xd = flat(x);
    expect(flat(x.indexFill(1, [0, -1], -3))).toEqual(xd.map((v, i) => (i % 3 !== 1 ? -3 : v)));
    expect(flat(x.t().indexFill(0, i32([1]), 2))).toEqual(flat(x.t().contiguous()).map((v, i) => (Math.floor(i / 4) === 1 ? 2 : v)));
    const v = tg.tensor(6, { dtype: 'float64', requiresGrad: true });
    const r = x.indexFill(0, [1, 1, 3], v);
    expect(r.gradFn?.name).toBe('IndexFillBackward1');
    expect(flat(r)).toEqual(xd.map((e, i) => ([1, 3].includes(Math.floor(i / 3)) ? 6 : e)));
    r.sum().backward();
    expect(v.grad!.item()).toBe(6); // each filled element once, duplicates counted once
    expect(x.requiresGrad_().indexFill(0, [0], 1).gradFn?.name).toBe('IndexFillBackward0');
    expect(tg.tensor(2).indexFill(0, [0], 1).item()).toBe(1);
    expect(tg.tensor([1, 2, 3], { dtype: 'int32' }).indexFill(0, [2], 9).toArray()).toEqual([1, 2, 9]);
    expectTensorError(() => x.indexFill(0, [4], 1), 'INDEX', /index 4 is out of bounds for dimension 0 with size 4/);
    expectTensorError(() => x.indexFill(0, [-5], 1), 'INDEX');
    expectTensorError(() => x.indexFill(0, [0], tg.tensor([1])), 'ARGUMENT', /0-dimensional value tensor/);
    expectTensorError(() => x.indexFill(2, [0], 1), 'INDEX');
  });
});

describe('take', () => {
  test('flat indices, negative from the end, index shape kept, strided input', () => {
    const x = seq([3, 4]);
    const d = flat(x);
    const r = x.take(
      i32([
        [0, 11],
        [-1, 5],
      ]),
    );
    expect(r.shape).toEqual([2, 2]);
    expect(flat(r)).toEqual([d[0], d[11], d[11], d[5]]);
    const dt = flat(x.t().contiguous());
    expect(flat(x.t().take([1, 1, 2]))).toEqual([dt[1], dt[1], dt[2]]);
    expect(x.take(i32(3)).shape).toEqual([]);
    expect(x.take([]).shape).toEqual([0]);
    expect(tg.zeros([0]).take([]).shape).toEqual([0]);
    const g = x.requiresGrad_();
    const t = g.take([1, 1, 7]);
    expect(t.gradFn?.name).toBe('TakeBackward0');
    t.sum().backward();
    expect(flat(g.grad!)).toEqual(d.map((_, i) => (i === 1 ? 2 : i === 7 ? 1 : 0)));
  });

  test('errors', () => {
    const x = seq([4, 5]);
    expectTensorError(() => x.take([20]), 'INDEX', 'out of range: tried to access index 20 on a tensor of 20 elements.');
    expectTensorError(() => x.take([-21]), 'INDEX', 'out of range: tried to access index -21 on a tensor of 20 elements.');
    expectTensorError(() => tg.zeros([0]).take([0]), 'INDEX', 'take(): tried to take from an empty tensor');
    expectTensorError(() => x.take(tg.tensor([1])), 'DTYPE');
    expectTensorError(() => x.take([0.5]), 'ARGUMENT');
  });
});

describe('tg. functions', () => {
  test('match the methods', () => {
    const x = seq([3, 4]);
    expect(flat(tg.select(x, 1, 2))).toEqual(flat(x.select(1, 2)));
    expect(tg.split(x, 2, 1).length).toBe(2);
    expect(tg.chunk(x, 3).length).toBe(3);
    expect(tg.unbind(x).length).toBe(3);
    expect(flat(tg.flip(x, [0]))).toEqual(flat(x.flip(0)));
    expect(flat(tg.roll(x, 1, 0))).toEqual(flat(x.roll(1, 0)));
    expect(flat(tg.tile(x, [2]))).toEqual(flat(x.tile(2)));
    expect(tg.movedim(x, 0, 1).shape).toEqual([4, 3]);
    expect(flat(tg.maskedFill(x, x.gt(0), 0))).toEqual(flat(x.maskedFill(x.gt(0), 0)));
    expect(flat(tg.maskedSelect(x, x.gt(0)))).toEqual(flat(x.maskedSelect(x.gt(0))));
    expect(flat(tg.nonzero(x))).toEqual(flat(x.nonzero()));
    expect(flat(tg.scatter(x, 0, i32([[1]]), 5))).toEqual(flat(x.scatter(0, i32([[1]]), 5)));
    expect(flat(tg.scatterAdd(x, 0, i32([[1]]), seq([1, 1])))).toEqual(flat(x.scatterAdd(0, i32([[1]]), seq([1, 1]))));
    expect(flat(tg.indexAdd(x, 0, [1], seq([1, 4])))).toEqual(flat(x.indexAdd(0, [1], seq([1, 4]))));
    expect(flat(tg.indexFill(x, 0, [1], 2))).toEqual(flat(x.indexFill(0, [1], 2)));
    expect(flat(tg.take(x, [3]))).toEqual(flat(x.take([3])));
    expect(flat(tg.index(x, 1))).toEqual(flat(x.index(1)));
  });
});

// maskedFill(_), maskedSelect, nonzero: values against naive loops over broadcast masks, the
// in-place variants' version counters and views, dtypes and errors.
import * as tg from '../../lib';
import { INDEX_DTYPE } from '../../lib/dtype';
import { expectTensorError, flat, forEachIndex, values } from '../helpers';

function seq(shape: number[], seed = 5): tg.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tg.tensor(Float64Array.from(values(n, seed)), { shape });
}

/** The mask broadcast to `shape` as row-major booleans (NumPy rules, by hand). */
function broadcastMask(mask: boolean[], mshape: number[], shape: number[]): boolean[] {
  const out: boolean[] = [];
  const lead = shape.length - mshape.length;
  forEachIndex(shape, (idx) => {
    let k = 0;
    for (let d = 0; d < mshape.length; d++) k = k * mshape[d] + (mshape[d] === 1 ? 0 : idx[d + lead]);
    out.push(mask[k]);
  });
  return out;
}

describe('maskedFill', () => {
  test.each([
    [
      [3, 4],
      [3, 4],
    ],
    [[3, 4], [4]],
    [[4], [3, 4]],
    [
      [3, 1],
      [1, 4],
    ],
  ])('x %p, mask %p: broadcast shape, fill where true', (xs, ms) => {
    const x = seq(xs);
    const mask = seq(ms, 9).gt(0);
    const shape = tg.zeros(xs).add(tg.zeros(ms)).shape.slice();
    const m = broadcastMask(
      Array.from(mask.dataSync(), (v) => v !== 0),
      ms,
      shape,
    );
    const xb = flat(x.expand(shape).contiguous());
    const r = x.maskedFill(mask, -7.5);
    expect(r.shape).toEqual(shape);
    expect(flat(r)).toEqual(xb.map((v, i) => (m[i] ? -7.5 : v)));
  });

  test('value: a 0-d tensor (MaskedFillBackward1) or a number (MaskedFillBackward0); int32 converts as fill_', () => {
    const x = seq([2, 3]).requiresGrad_();
    const v = tg.tensor(4, { dtype: 'float64', requiresGrad: true });
    const mask = tg.tensor([
      [true, false, true],
      [false, false, true],
    ]);
    const r = x.maskedFill(mask, v);
    expect(r.gradFn?.name).toBe('MaskedFillBackward1');
    expect(x.maskedFill(mask, 1).gradFn?.name).toBe('MaskedFillBackward0');
    r.sum().backward();
    expect(v.grad!.item()).toBe(3);
    expect(flat(x.grad!)).toEqual([0, 1, 0, 1, 1, 0]);
    const i = tg.tensor([1, 2, 3], { dtype: 'int32' });
    expect(i.maskedFill(tg.tensor([true, false, true]), 1.5).toArray()).toEqual([1, 2, 1]);
    expect(
      tg
        .tensor([true, true])
        .maskedFill(tg.tensor([true, false]), 0)
        .toArray(),
    ).toEqual([false, true]);
    expect(
      tg
        .tensor([1, 2])
        .maskedFill(tg.tensor([true, false]), NaN)
        .toArray(),
    ).toEqual([NaN, 2]);
    expect(seq([0, 3]).maskedFill(tg.zeros([3]).gt(0), 1).shape).toEqual([0, 3]);
    expect(tg.tensor(2).maskedFill(tg.tensor(true), 1).item()).toBe(1);
  });

  test('errors', () => {
    const x = seq([3, 4]);
    expectTensorError(() => x.maskedFill(x.gt(0).int(), 1), 'DTYPE', /mask/);
    expectTensorError(() => x.maskedFill(x, 1), 'DTYPE');
    expectTensorError(() => x.maskedFill(tg.tensor([true, false]), 1), 'SHAPE');
    expectTensorError(() => x.maskedFill(x.gt(0), tg.tensor([1, 2])), 'ARGUMENT', /only supports a 0-dimensional value tensor/);
    expectTensorError(() => x.maskedFill(x.gt(0), 'a' as unknown as number), 'ARGUMENT');
    expectTensorError(() => tg.tensor([1], { dtype: 'int32' }).maskedFill(tg.tensor([true]), 1e10), 'ARGUMENT');
  });
});

describe('maskedFill_', () => {
  test('writes in place, bumps the version, works through views and strided tensors', () => {
    const x = seq([3, 4]);
    const before = flat(x);
    const mask = x.gt(0);
    expect(x.maskedFill_(mask, 0)).toBe(x);
    expect(x.version).toBe(1);
    expect(flat(x)).toEqual(before.map((v) => (v > 0 ? 0 : v)));
    const y = seq([4, 3]);
    const yt = y.t();
    const yb = flat(y);
    yt.select(0, 1).maskedFill_(tg.tensor([true, false, true, true]), 9);
    expect(y.version).toBe(1);
    expect(flat(y)).toEqual(yb.map((v, i) => (i % 3 === 1 && i !== 4 ? 9 : v)));
  });

  test('autograd: a leaf that requires grad is refused; a non-leaf records MaskedFillBackward0; a saved tensor is caught', () => {
    const leaf = seq([2, 2]).requiresGrad_();
    const mask = tg.tensor([
      [true, false],
      [false, true],
    ]);
    expectTensorError(() => leaf.maskedFill_(mask, 0), 'GRAD', /leaf Variable that requires grad/);
    const y = leaf.mul(2);
    y.maskedFill_(mask, 0);
    expect(y.gradFn?.name).toBe('MaskedFillBackward0');
    y.sum().backward();
    expect(flat(leaf.grad!)).toEqual([0, 2, 2, 0]);
    const s = leaf.sigmoid();
    s.maskedFill_(mask, 1);
    expectTensorError(() => s.sum().backward(), 'GRAD', /modified by an inplace operation/);
  });

  test('errors', () => {
    const x = seq([4]);
    expectTensorError(() => x.maskedFill_(tg.zeros([3, 4]).gt(0), 1), 'SHAPE', "masked_fill_: output with shape [4] doesn't match the broadcast shape [3, 4]");
    expectTensorError(() => x.maskedFill_(x, 1), 'DTYPE');
    expectTensorError(
      () =>
        seq([1])
          .expand(3)
          .maskedFill_(tg.tensor([true, false, true]), 1),
      'ARGUMENT',
      /more than one element/,
    );
  });
});

describe('maskedSelect and nonzero', () => {
  test('maskedSelect takes the broadcast elements in row-major order', () => {
    const x = seq([3, 1]);
    const mask = seq([3, 4], 11).gt(0);
    const m = Array.from(mask.dataSync(), (v) => v !== 0);
    const xb = flat(x.expand(3, 4).contiguous());
    expect(flat(x.maskedSelect(mask))).toEqual(xb.filter((_, i) => m[i]));
    expect(
      x
        .t()
        .maskedSelect(tg.tensor([true, false, true]))
        .toArray(),
    ).toEqual([flat(x)[0], flat(x)[2]]);
    expect(x.maskedSelect(tg.zeros([3, 1]).gt(0)).shape).toEqual([0]);
    expect(
      tg
        .tensor([1, 2, 3], { dtype: 'int32' })
        .maskedSelect(tg.tensor([false, true, true]))
        .toArray(),
    ).toEqual([2, 3]);
    expect(x.requiresGrad_().maskedSelect(mask).gradFn?.name).toBe('MaskedSelectBackward0');
    expectTensorError(() => x.maskedSelect(mask.int()), 'DTYPE');
    expectTensorError(() => x.maskedSelect(tg.tensor([[true], [false]])), 'SHAPE');
  });

  test('nonzero gives [n, ndim] rows of the index dtype in row-major order', () => {
    const x = tg.tensor([
      [0, 1.5, 0],
      [NaN, 0, -2],
    ]);
    const nz = x.nonzero();
    expect(nz.dtype).toBe(INDEX_DTYPE);
    expect(nz.toArray()).toEqual([
      [0, 1],
      [1, 0],
      [1, 2],
    ]);
    const y = seq([3, 2, 4]);
    const rows: number[][] = [];
    forEachIndex([3, 2, 4], (idx, k) => {
      if (flat(y)[k] > 0) rows.push(idx.slice());
    });
    expect(y.gt(0).nonzero().toArray()).toEqual(rows);
    expect(y.permute(2, 0, 1).gt(0).nonzero().shape).toEqual([rows.length, 3]);
    expect(tg.tensor(3).nonzero().shape).toEqual([1, 0]);
    expect(tg.tensor(0).nonzero().shape).toEqual([0, 0]);
    expect(tg.zeros([0, 3]).nonzero().shape).toEqual([0, 2]);
    expect(tg.tensor([true, false, true]).nonzero().toArray()).toEqual([[0], [2]]);
  });
});

test('the JS loops refuse to be queued by an async op (STATE), rather than read data not yet computed', async () => {
  const { runAsync } = await import('../../lib/async');
  const x = seq([3, 4]);
  const mask = x.gt(0);
  for (const f of [
    () => x.maskedFill(mask, 0),
    () => x.maskedSelect(mask),
    () => x.nonzero(),
    () => x.take([1]),
    () => x.scatter(0, tg.zeros([1, 1], { dtype: 'int32' }), 1),
  ]) {
    await expect(runAsync([x], f)).rejects.toMatchObject({ code: 'STATE' });
  }
  expect(flat(await runAsync([x], () => x.flip(0).roll(1))).length).toBe(12);
});

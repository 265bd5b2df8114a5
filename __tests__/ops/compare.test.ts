import * as tg from '../../lib';
import { expectTensorError, flat, refBinary, values } from '../helpers';

const CMP: [string, (a: tg.Tensor, b: tg.Tensor | number) => tg.Tensor, (x: number, y: number) => boolean][] = [
  ['eq', (a, b) => a.eq(b), (x, y) => x === y],
  ['ne', (a, b) => a.ne(b), (x, y) => x !== y],
  ['lt', (a, b) => a.lt(b), (x, y) => x < y],
  ['le', (a, b) => a.le(b), (x, y) => x <= y],
  ['gt', (a, b) => a.gt(b), (x, y) => x > y],
  ['ge', (a, b) => a.ge(b), (x, y) => x >= y],
];

describe('comparisons', () => {
  test.each(CMP)('%s broadcasts and returns bool', (_n, op, ref) => {
    const a = tg.tensor(
      values(12, 1).map((v) => Math.round(v * 2)),
      { shape: [3, 4] },
    );
    const b = tg.tensor(
      values(4, 2).map((v) => Math.round(v * 2)),
      { shape: [4] },
    );
    const out = op(a, b);
    expect(out.dtype).toBe('bool');
    expect(out.requiresGrad).toBe(false);
    const expected = refBinary(a.dataSync(), [3, 4], b.dataSync(), [4], (x, y) => (ref(x, y) ? 1 : 0));
    expect(flat(out)).toEqual(Array.from(expected.data));
    expect(flat(op(tg.tensor([1, 2, 3], { dtype: 'int32' }), 2))).toEqual([1, 2, 3].map((x) => (ref(x, 2) ? 1 : 0)));
  });

  test('NaN compares unequal to everything', () => {
    expect(flat(tg.tensor([NaN, 1]).eq(tg.tensor([NaN, 1])))).toEqual([0, 1]);
    expect(flat(tg.tensor([NaN]).ne(NaN))).toEqual([1]);
  });

  test('mixed dtypes promote before comparing', () => {
    expect(flat(tg.tensor([1, 2], { dtype: 'int32' }).lt(1.5))).toEqual([1, 0]);
  });
});

describe('where', () => {
  test('selects and broadcasts; gradients go to the chosen side', () => {
    const cond = tg.tensor([true, false, true]);
    const a = tg.tensor([1, 2, 3], { requiresGrad: true });
    const b = tg.tensor([10], { requiresGrad: true });
    const out = tg.where(cond, a, b);
    expect(flat(out)).toEqual([1, 10, 3]);
    expect(out.gradFn!.name).toBe('WhereBackward0');
    out.sum().backward();
    expect(flat(a.grad!)).toEqual([1, 0, 1]);
    expect(flat(b.grad!)).toEqual([1]);
    expect(flat(tg.where(cond, 1, 0))).toEqual([1, 0, 1]);
    expect(flat(a.detach().where(cond, 0))).toEqual([1, 0, 3]);
  });
  test('a non-bool condition is a DTYPE error', () => {
    expectTensorError(() => tg.where(tg.ones([2]), tg.ones([2]), tg.zeros([2])), 'DTYPE', 'boolean tensor');
  });
});

describe('maximum, minimum, clamp', () => {
  test('values and tie-splitting gradients', () => {
    const a = tg.tensor([1, 5, 3], { requiresGrad: true });
    const b = tg.tensor([2, 5, 1], { requiresGrad: true });
    const m = tg.maximum(a, b);
    expect(flat(m)).toEqual([2, 5, 3]);
    m.sum().backward();
    expect(flat(a.grad!)).toEqual([0, 0.5, 1]);
    expect(flat(b.grad!)).toEqual([1, 0.5, 0]);
    expect(flat(tg.minimum(a, b))).toEqual([1, 5, 1]);
    expect(Number.isNaN(flat(tg.maximum(tg.tensor([NaN]), tg.tensor([1])))[0])).toBe(true);
  });

  test('clamp: bounds, NaN, gradient inside the range only', () => {
    const x = tg.tensor([-2, -0.5, 0.5, 2, NaN], { requiresGrad: true });
    const y = x.clamp(-1, 1);
    expect(flat(y).slice(0, 4)).toEqual([-1, -0.5, 0.5, 1]);
    expect(Number.isNaN(flat(y)[4])).toBe(true);
    expect(y.gradFn!.name).toBe('ClampBackward1');
    y.sum().backward();
    expect(flat(x.grad!)).toEqual([0, 1, 1, 0, 0]);
    expect(flat(tg.tensor([-3, 3]).clamp(null, 0))).toEqual([-3, 0]);
    expect(flat(tg.tensor([1, 5], { dtype: 'int32' }).clamp(2))).toEqual([2, 5]);
    expectTensorError(() => tg.ones([1]).clamp(), 'ARGUMENT', "At least one of 'min' or 'max'");
  });
});

describe('max, min, argmax, argmin', () => {
  const x = tg.tensor([
    [1, 7, 7],
    [4, 2, 9],
  ]);

  test('over all elements', () => {
    expect(x.max().item()).toBe(9);
    expect(x.min().item()).toBe(1);
    expect(x.argmax().item()).toBe(5);
    expect(x.argmin().item()).toBe(0);
    expect(x.argmax().dtype).toBe('int64');
  });

  test('along a dim: values and first indices, keepdim, negative dims', () => {
    const { values: v, indices: i } = x.max(1);
    expect(flat(v)).toEqual([7, 9]);
    expect(flat(i)).toEqual([1, 2]);
    const k = x.min(0, true);
    expect(k.values.shape).toEqual([1, 3]);
    expect(flat(k.values)).toEqual([1, 2, 7]);
    expect(flat(k.indices)).toEqual([0, 1, 0]);
    expect(flat(x.argmax(-1))).toEqual([1, 2]);
    expect(x.argmax(0, true).shape).toEqual([1, 3]);
  });

  test('NaN wins, as in PyTorch', () => {
    const n = tg.tensor([1, NaN, 3]);
    expect(Number.isNaN(n.max().item())).toBe(true);
    expect(n.argmax().item()).toBe(1);
    expect(n.argmin().item()).toBe(1);
  });

  test('gradients: to the returned index with a dim, shared among ties without', () => {
    const a = tg.tensor(
      [
        [1, 7, 7],
        [4, 2, 9],
      ],
      { requiresGrad: true },
    );
    a.max(1).values.sum().backward();
    expect(a.grad!.toArray()).toEqual([
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const b = tg.tensor([1, 7, 7], { requiresGrad: true });
    const m = b.max();
    expect(m.gradFn!.name).toBe('MaxBackward1');
    m.backward();
    expect(flat(b.grad!)).toEqual([0, 0.5, 0.5]);
  });

  test('errors', () => {
    expectTensorError(() => tg.zeros([0]).max(), 'INDEX');
    expectTensorError(() => tg.zeros([2, 0]).max(1), 'INDEX', 'non-zero size');
    expectTensorError(() => x.max(2), 'INDEX', 'Dimension out of range');
  });
});

describe('gather', () => {
  test('values and the scatter-add backward', () => {
    const src = tg.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    const idx = tg.tensor(
      [
        [0, 0],
        [1, 0],
      ],
      { dtype: 'int32' },
    );
    const out = src.gather(1, idx);
    expect(out.toArray()).toEqual([
      [1, 1],
      [4, 3],
    ]);
    expect(out.gradFn!.name).toBe('GatherBackward0');
    out.sum().backward();
    expect(src.grad!.toArray()).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(tg.gather(src.detach(), 0, tg.tensor([[1, 0]], { dtype: 'int32' })).toArray()).toEqual([[3, 2]]);
  });
  test('errors', () => {
    const s = tg.ones([2, 2]);
    expectTensorError(() => s.gather(1, tg.tensor([[2]], { dtype: 'int32' })), 'INDEX', 'out of bounds');
    expectTensorError(() => s.gather(1, tg.tensor([0], { dtype: 'int32' })), 'INDEX', 'same number of dimensions');
    expectTensorError(() => s.gather(1, tg.tensor([[0]])), 'DTYPE');
  });
});

describe('cat and stack', () => {
  test('values, dtype promotion, and gradients split back', () => {
    const a = tg.tensor([[1, 2]], { requiresGrad: true });
    const b = tg.tensor(
      [
        [3, 4],
        [5, 6],
      ],
      { requiresGrad: true },
    );
    const c = tg.cat([a, b], 0);
    expect(c.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(c.gradFn!.name).toBe('CatBackward0');
    c.mul(tg.tensor([[1], [2], [3]]))
      .sum()
      .backward();
    expect(a.grad!.toArray()).toEqual([[1, 1]]);
    expect(b.grad!.toArray()).toEqual([
      [2, 2],
      [3, 3],
    ]);
    expect(tg.cat([tg.ones([2, 1]), tg.zeros([2, 2])], -1).toArray()).toEqual([
      [1, 0, 0],
      [1, 0, 0],
    ]);
    expect(tg.cat([tg.ones([1], { dtype: 'int32' }), tg.ones([1], { dtype: 'float64' })]).dtype).toBe('float64');
    expect(tg.cat([tg.tensor([]), tg.ones([2, 2])]).shape).toEqual([2, 2]);
  });

  test('stack adds a dim', () => {
    const a = tg.tensor([1, 2], { requiresGrad: true });
    const b = tg.tensor([3, 4], { requiresGrad: true });
    const s = tg.stack([a, b], 1);
    expect(s.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(s.gradFn!.name).toBe('StackBackward0');
    s.mul(
      tg.tensor([
        [1, 10],
        [1, 10],
      ]),
    )
      .sum()
      .backward();
    expect(flat(a.grad!)).toEqual([1, 1]);
    expect(flat(b.grad!)).toEqual([10, 10]);
    expect(tg.stack([tg.ones([2, 3]), tg.zeros([2, 3])]).shape).toEqual([2, 2, 3]);
  });

  test('errors', () => {
    expectTensorError(
      () => tg.cat([tg.ones([2, 2]), tg.ones([2, 3])], 0),
      'SHAPE',
      'Sizes of tensors must match except in dimension 0. Expected size 2 but got size 3 for tensor number 1 in the list.',
    );
    expectTensorError(() => tg.stack([tg.ones([2]), tg.ones([3])]), 'SHAPE', 'stack expects each tensor to be equal size');
    expectTensorError(() => tg.cat([]), 'ARGUMENT');
  });
});

describe('bool arithmetic as PyTorch', () => {
  test('+ is or, * is and, - refused, sum counts', () => {
    const a = tg.tensor([true, true, false]);
    const b = tg.tensor([true, false, false]);
    expect(a.add(b).toArray()).toEqual([true, true, false]);
    expect(a.mul(b).toArray()).toEqual([true, false, false]);
    expectTensorError(() => a.sub(b), 'DTYPE', 'Subtraction, the `-` operator, with two bool tensors is not supported');
    expectTensorError(() => a.neg(), 'DTYPE', 'Negation, the `-` operator, on a bool tensor is not supported');
    expect(a.sum().item()).toBe(2);
    expect(a.sum().dtype).toBe('int64'); // PyTorch sums bools in int64
    expect(a.add(1).dtype).toBe('int64'); // torch.tensor([True]) + 1 is int64
  });
});

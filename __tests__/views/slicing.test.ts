// select, slice, index, split/chunk/unbind, movedim, T/mT and the shape/dtype shorthands: values
// against a naive float64 reference (flat row-major reads), storage and version sharing, errors.
import * as tg from '../../lib';
import { expectTensorError, flat, forEachIndex, strides, values } from '../helpers';

function seq(shape: number[], dtype: tg.DType = 'float64'): tg.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tg.tensor(Float64Array.from(values(n, 7)), { shape }).to(dtype);
}

/** Python's slice.indices for a positive step, as a list of positions. */
function pyRange(size: number, start: number | null, end: number | null, step: number): number[] {
  let s = start ?? 0;
  let e = end ?? size;
  if (s < 0) s = Math.max(s + size, 0);
  if (e < 0) e = Math.max(e + size, 0);
  s = Math.min(s, size);
  e = Math.min(e, size);
  const out: number[] = [];
  for (let i = s; i < e; i += step) out.push(i);
  return out;
}

/** Reference: the elements of x (row-major data `d` of `shape`) at the positions listed per dim. */
function pick(d: ArrayLike<number>, shape: number[], lists: number[][]): number[] {
  const st = strides(shape);
  const out: number[] = [];
  forEachIndex(
    lists.map((l) => l.length),
    (idx) => out.push(d[idx.reduce((acc, v, k) => acc + lists[k][v] * st[k], 0)]),
  );
  return out;
}

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('select and slice', () => {
  test('values match the reference, for every dim and negative indices', () => {
    const x = seq([3, 4, 5]);
    const d = flat(x);
    for (let dim = -3; dim < 3; dim++) {
      const k = (dim + 3) % 3;
      for (const i of [0, -1, 1]) {
        const lists = x.shape.map((s) => all(s));
        lists[k] = [i < 0 ? i + x.shape[k] : i];
        const s = x.select(dim, i);
        expect(s.shape).toEqual(x.shape.filter((_, j) => j !== k));
        expect(flat(s)).toEqual(pick(d, x.shape.slice(), lists));
      }
    }
  });

  test.each([
    [null, null, 1],
    [1, null, 2],
    [-4, -1, 1],
    [-100, 100, 3],
    [4, 2, 1],
    [6, null, 1],
    [null, -7, 2],
  ])('slice(1, %p, %p, %p) clamps as Python', (start, end, step) => {
    const x = seq([2, 6]);
    const s = x.slice(1, start, end, step);
    const lists = [all(2), pyRange(6, start, end, step)];
    expect(s.shape).toEqual([2, lists[1].length]);
    expect(flat(s)).toEqual(pick(flat(x), [2, 6], lists));
  });

  test('views share storage and the version counter; gradFn names', () => {
    const x = seq([3, 4]);
    const s = x.select(0, 1);
    const v = x.slice(1, 1, null, 2);
    expect(s._storage).toBe(x._storage);
    expect(v._storage).toBe(x._storage);
    expect(v.strides).toEqual([4, 2]);
    const before = flat(x);
    v.fill_(5);
    expect(x.version).toBe(1);
    expect(s.version).toBe(1);
    expect(flat(x)).toEqual(before.map((e, i) => (i % 2 === 1 ? 5 : e)));
    expect(flat(s)).toEqual([before[4], 5, before[6], 5]);
    const r = seq([3, 4]).requiresGrad_();
    expect(r.select(0, 0).gradFn?.name).toBe('SelectBackward0');
    expect(r.slice(0, 0, 2).gradFn?.name).toBe('SliceBackward0');
  });

  test('in place on a view of a leaf that requires grad is a GRAD error; on a view of a non-leaf it reaches the base', () => {
    const leaf = seq([3, 4]).requiresGrad_();
    expectTensorError(() => leaf.select(0, 1).mul_(2), 'GRAD', /view of a leaf Variable/);
    const y = leaf.mul(1);
    y.slice(1, 0, null, 2).mul_(3);
    expect(y.gradFn?.name).toBe('CopySlices');
    y.sum().backward();
    expect(flat(leaf.grad!)).toEqual([3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1]);
  });

  test('a tensor saved for backward and changed through a view (index, split) makes backward throw', () => {
    const leaf = seq([3, 4]).requiresGrad_();
    const y = leaf.exp(); // saves its output
    y.index(1, [null, null, 2]).mul_(2);
    expect(y.version).toBe(1);
    expectTensorError(() => y.sum().backward(), 'GRAD', /modified by an inplace operation/);
    const z = leaf.sigmoid();
    z.split(2)[1].zero_();
    expectTensorError(() => z.sum().backward(), 'GRAD', /modified by an inplace operation/);
  });

  test('errors', () => {
    const x = seq([3, 4]);
    expectTensorError(() => x.select(1, 4), 'INDEX', 'select(): index 4 out of range for tensor of size [3, 4] at dimension 1');
    expectTensorError(() => x.select(1, -5), 'INDEX');
    expectTensorError(() => x.select(2, 0), 'INDEX', /Dimension out of range/);
    expectTensorError(() => tg.tensor(1).select(0, 0), 'INDEX', 'select() cannot be applied to a 0-dim tensor.');
    expectTensorError(() => x.select(0, 1.5), 'ARGUMENT');
    expectTensorError(() => x.slice(0, 0, 2, 0), 'ARGUMENT', 'step must be greater than zero');
    expectTensorError(() => x.slice(0, 0, 2, -1), 'ARGUMENT', 'step must be greater than zero');
    expectTensorError(() => x.slice(0, 0.5), 'ARGUMENT');
    expectTensorError(() => tg.tensor(1).slice(0), 'INDEX');
  });
});

describe('index', () => {
  test('x.index(0, [1, null, 2]) = x[0, 1::2], a view', () => {
    const x = seq([3, 5, 4]);
    const r = x.index(0, [1, null, 2]);
    expect(r.shape).toEqual([2, 4]);
    expect(flat(r)).toEqual(pick(flat(x), [3, 5, 4], [[0], [1, 3], all(4)]));
    expect(r._storage).toBe(x._storage);
  });

  test('null, ellipsis, negative numbers and empty slices', () => {
    const x = seq([3, 5, 4]);
    expect(x.index(null, '...', 1).shape).toEqual([1, 3, 5]);
    expect(flat(x.index(null, '...', 1))).toEqual(pick(flat(x), [3, 5, 4], [all(3), all(5), [1]]));
    expect(x.index('...', null).shape).toEqual([3, 5, 4, 1]);
    expect(x.index(-1, [], null, -2).shape).toEqual([5, 1]);
    expect(flat(x.index(-1, [], null, -2))).toEqual(pick(flat(x), [3, 5, 4], [[2], all(5), [2]]));
    expect(x.index([5]).shape).toEqual([0, 5, 4]);
    const y = seq([2, 3]).requiresGrad_();
    expect(y.index().gradFn?.name).toBe('AliasBackward0');
    expect(y.index('...')._storage).toBe(y._storage);
    expect(y.index(null).gradFn?.name).toBe('UnsqueezeBackward0');
    expect(tg.tensor(2).index(null, '...').shape).toEqual([1]);
  });

  test('errors: too many indices, out of range, bad specs', () => {
    const x = seq([2, 3]);
    expectTensorError(() => x.index(0, 0, 0), 'INDEX', 'too many indices for tensor of dimension 2');
    expectTensorError(() => x.index(2), 'INDEX', 'index 2 is out of bounds for dimension 0 with size 2');
    expectTensorError(() => x.index([], -4), 'INDEX', 'index -4 is out of bounds for dimension 1 with size 3');
    expectTensorError(() => tg.tensor(1).index(0), 'INDEX', /invalid index of a 0-dim tensor/);
    for (const bad of [undefined, 'x', true, 1.5, {}, [1, 2, 3, 4], [0, 1, 0], [0, 1, -1], [0.5]]) {
      expectTensorError(() => x.index(bad as unknown as tg.IndexSpec), 'ARGUMENT');
    }
    expectTensorError(() => x.index('...', '...'), 'ARGUMENT');
  });
});

describe('split, chunk, unbind', () => {
  const sizes = (ts: tg.Tensor[], dim = 0) => ts.map((t) => t.shape[dim]);

  test('PyTorch chunking rules', () => {
    const x = seq([7, 2]);
    expect(sizes(x.split(3))).toEqual([3, 3, 1]);
    expect(sizes(x.split(7))).toEqual([7]);
    expect(sizes(x.split(10))).toEqual([7]);
    expect(sizes(x.split([2, 0, 5]))).toEqual([2, 0, 5]);
    expect(sizes(x.chunk(3))).toEqual([3, 3, 1]);
    expect(sizes(seq([5]).chunk(4))).toEqual([2, 2, 1]);
    expect(sizes(seq([6]).chunk(4))).toEqual([2, 2, 2]);
    expect(sizes(seq([0, 3]).chunk(4))).toEqual([0, 0, 0, 0]);
    expect(sizes(seq([0, 3]).split(2))).toEqual([0]);
    expect(sizes(seq([0, 3]).split(0))).toEqual([0]);
    expect(sizes(x.split(1, -1), 1)).toEqual([1, 1]);
    const parts = x.split(3);
    expect(flat(tg.cat(parts, 0))).toEqual(flat(x));
    for (const p of parts) expect(p._storage).toBe(x._storage);
    const rows = x.unbind();
    expect(rows.length).toBe(7);
    expect(flat(rows[4])).toEqual(flat(x.select(0, 4)));
    expect(
      x
        .t()
        .unbind(1)
        .map((t) => t.shape),
    ).toEqual(new Array(7).fill([2]));
  });

  test('node names', () => {
    const x = seq([4, 2]).requiresGrad_();
    expect(x.split(2)[0].gradFn?.name).toBe('SplitBackward0');
    expect(x.split([1, 3])[1].gradFn?.name).toBe('SplitWithSizesBackward0');
    expect(x.chunk(2)[1].gradFn?.name).toBe('SplitBackward0');
    expect(x.unbind(1)[0].gradFn?.name).toBe('UnbindBackward0');
    const [a, b] = x.split(2);
    a.sum().add(b.mul(2).sum()).backward();
    expect(flat(x.grad!)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  test('errors', () => {
    const x = seq([4, 5]);
    expectTensorError(() => x.split(0), 'INDEX', 'split_size can only be 0 if dimension size is 0, but got dimension size of 4');
    expectTensorError(() => x.split(-1), 'ARGUMENT', 'split expects split_size be non-negative, but got split_size=-1');
    expectTensorError(() => x.split([1, 2]), 'INDEX', /expects split_sizes to sum exactly to 4/);
    expectTensorError(() => x.split([5, -1]), 'ARGUMENT', /only non-negative entries/);
    expectTensorError(() => x.split(2, 2), 'INDEX', /Dimension out of range/);
    expectTensorError(() => x.chunk(0), 'ARGUMENT', 'chunk expects `chunks` to be greater than 0, got: 0');
    expectTensorError(() => tg.tensor(1).chunk(1), 'SHAPE', 'chunk expects at least a 1-dimensional tensor');
    expectTensorError(() => tg.tensor(1).split(1), 'SHAPE', 'split expects at least a 1-dimensional tensor');
    expectTensorError(() => tg.tensor(1).unbind(), 'INDEX', 'Dimension specified as 0 but tensor has no dimensions');
    expectTensorError(() => x.split(1.5), 'ARGUMENT');
  });
});

describe('movedim, T, mT', () => {
  test('movedim places the moved dims and keeps the others in order', () => {
    const x = seq([2, 3, 4, 5]);
    expect(x.movedim(0, -1).shape).toEqual([3, 4, 5, 2]);
    expect(x.movedim([0, 1], [2, 0]).shape).toEqual([3, 4, 2, 5]);
    expect(x.movedim([3, 1], [0, 1]).shape).toEqual([5, 3, 2, 4]);
    const m = x.movedim([0, 1], [2, 0]);
    expect(m._storage).toBe(x._storage);
    expect(flat(m)).toEqual(flat(x.permute(1, 2, 0, 3)));
    expectTensorError(() => x.movedim([0, 1], [1]), 'ARGUMENT', /should contain the same number of dims/);
    expectTensorError(() => x.movedim([0, 0], [1, 2]), 'ARGUMENT', 'movedim: repeated dim in `source` ([0, 0])');
    expectTensorError(() => x.movedim(0, 4), 'INDEX');
  });

  test('T reverses the dims (PermuteBackward0), mT swaps the last two', () => {
    const x = seq([2, 3]).requiresGrad_();
    expect(flat(x.T)).toEqual(flat(x.t()));
    expect(x.T.gradFn?.name).toBe('PermuteBackward0');
    expect(x.T._storage).toBe(x._storage);
    expect(seq([2, 3, 4]).T.shape).toEqual([4, 3, 2]);
    expect(seq([3]).T.shape).toEqual([3]);
    expect(tg.tensor(1).T.shape).toEqual([]);
    const b = seq([5, 2, 3]).requiresGrad_();
    expect(b.mT.shape).toEqual([5, 3, 2]);
    expect(b.mT.gradFn?.name).toBe('TransposeBackward0');
    expect(flat(b.mT)).toEqual(flat(b.transpose(1, 2)));
    expectTensorError(() => seq([3]).mT, 'ARGUMENT', 'tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.');
  });
});

describe('size, dim, tolist, dtype shorthands', () => {
  test('size() is a fresh copy of the shape; size(dim) takes negative dims', () => {
    const x = seq([2, 3, 4]);
    const s = x.size();
    expect(s).toEqual([2, 3, 4]);
    s[0] = 9;
    expect(x.shape).toEqual([2, 3, 4]);
    expect(x.size(-1)).toBe(4);
    expect(x.size(1)).toBe(3);
    expect(x.dim()).toBe(3);
    expect(x.numel).toBe(24);
    expect(tg.tensor(1).size()).toEqual([]);
    expectTensorError(() => x.size(3), 'INDEX');
    expectTensorError(() => tg.tensor(1).size(0), 'INDEX', /Dimension specified as 0 but tensor has no dimensions/);
    expectTensorError(() => x.size(0.5), 'ARGUMENT');
  });

  test('tolist = toArray; float/double/int/bool = to(...)', () => {
    const x = tg.tensor([
      [1.5, -2],
      [0, 3],
    ]);
    expect(x.tolist()).toEqual(x.toArray());
    expect(x.double().dtype).toBe('float64');
    expect(x.double().float().dtype).toBe('float32');
    expect(x.int().toArray()).toEqual([
      [1, -2],
      [0, 3],
    ]);
    expect(x.bool().toArray()).toEqual([
      [true, true],
      [false, true],
    ]);
    expect(x.float()).toBe(x);
    const g = x.requiresGrad_().double();
    expect(g.gradFn?.name).toBe('ToCopyBackward0');
  });
});

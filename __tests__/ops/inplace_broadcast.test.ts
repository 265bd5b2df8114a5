// fill_/zero_ on broadcast (expanded) views, and copy_'s shape messages, as PyTorch 1.13 gives
// them (checked with torch: x.expand(2, 3).fill_(5) writes x; copy_ reports infer_size's and
// TensorIterator's messages).
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

describe('fill_ and zero_ write through a broadcast view, as PyTorch lets them', () => {
  test.each(['float32', 'float64', 'int32', 'int64', 'bool'] as const)('%s', (dtype) => {
    const x = tg.zeros([3], { dtype });
    const e = x.expand([2, 3]);
    expect(e.fill_(1)).toBe(e);
    expect(flat(x)).toEqual([1, 1, 1]);
    expect(flat(e)).toEqual([1, 1, 1, 1, 1, 1]);
    e.zero_();
    expect(flat(x)).toEqual([0, 0, 0]);
  });

  test('a broadcast dim in the middle of a strided view writes only what the view covers', () => {
    const base = tg.zeros([4, 3], { dtype: 'float64' });
    const col = base.narrow(1, 1, 1); // [4, 1], stride [3, 1], offset 1
    const v = col.expand([4, 5]).t(); // [5, 4] with a broadcast dim 0
    v.fill_(-2.5);
    expect(base.toArray()).toEqual([
      [0, -2.5, 0],
      [0, -2.5, 0],
      [0, -2.5, 0],
      [0, -2.5, 0],
    ]);
    expect(base.version).toBe(1);
    v.zero_();
    expect(flat(base).every((a) => a === 0)).toBe(true);
  });

  test('a 0-d tensor expanded, an empty expand, int64 bigint values', () => {
    const s = tg.tensor(4);
    s.expand([2, 2]).fill_(9);
    expect(s.item()).toBe(9);
    const z = tg.ones([1, 3]);
    z.expand([0, 3]).fill_(5); // nothing to write
    expect(flat(z)).toEqual([1, 1, 1]);
    const i = tg.zeros([2], { dtype: 'int64' });
    i.unsqueeze(0)
      .expand([3, 2])
      .fill_(2n ** 62n);
    expect(Array.from(i.dataSync<BigInt64Array>())).toEqual([2n ** 62n, 2n ** 62n]);
    expectTensorError(() => i.expand([2, 2]).fill_(2n ** 63n), 'ARGUMENT', 'fill_: value cannot be converted to type int64_t without overflow');
    expect(Array.from(i.dataSync<BigInt64Array>())).toEqual([2n ** 62n, 2n ** 62n]);
  });

  test('while autograd records, a broadcast self is refused before anything is written', () => {
    const w = tg.zeros([3], { requiresGrad: true });
    const x = w.mul(1);
    expectTensorError(() => x.expand([2, 3]).fill_(5), 'ARGUMENT', 'fill_: unsupported operation: more than one element of the written-to tensor');
    expectTensorError(() => x.expand([2, 3]).zero_(), 'ARGUMENT', 'zero_: unsupported operation: more than one element of the written-to tensor');
    expect(flat(x)).toEqual([0, 0, 0]);
    tg.noGrad(() => x.expand([2, 3]).fill_(5));
    expect(flat(x)).toEqual([5, 5, 5]);
  });

  test('other in-place ops on a broadcast view stay refused', () => {
    const x = tg.ones([3]);
    expectTensorError(() => x.expand([2, 3]).add_(1), 'ARGUMENT', 'add_: unsupported operation: more than one element');
    expectTensorError(() => x.expand([2, 3]).copy_(tg.zeros([2, 3])), 'ARGUMENT', 'copy_: unsupported operation: more than one element');
    expect(flat(x)).toEqual([1, 1, 1]);
  });
});

describe("copy_'s shape errors are PyTorch's", () => {
  const y = () => tg.zeros([2, 3]);
  test.each([
    [[4], 'copy_: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1'],
    [[2, 2], 'copy_: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1'],
    [[1, 2, 2], 'copy_: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 2'],
    [[3, 2], 'copy_: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1'],
    [[1, 2, 3], "copy_: output with shape [2, 3] doesn't match the broadcast shape [1, 2, 3]"],
    [[3, 2, 3], "copy_: output with shape [2, 3] doesn't match the broadcast shape [3, 2, 3]"],
  ])('src %j', (shape, message) => {
    const t = y();
    expectTensorError(() => t.copy_(tg.ones(shape)), 'SHAPE', message);
    expect(flat(t).every((v) => v === 0)).toBe(true);
  });

  test('a 0-d self takes only a 0-d src', () => {
    expectTensorError(() => tg.tensor(0).copy_(tg.ones([1])), 'SHAPE', "copy_: output with shape [] doesn't match the broadcast shape [1]");
    expect(tg.tensor(0).copy_(tg.tensor(3)).item()).toBe(3);
  });

  test('broadcastable sources are copied', () => {
    expect(
      y()
        .copy_(tg.tensor([[1], [2]]))
        .toArray(),
    ).toEqual([
      [1, 1, 1],
      [2, 2, 2],
    ]);
    expect(flat(y().copy_(tg.tensor([1, 2, 3])))).toEqual([1, 2, 3, 1, 2, 3]);
  });
});

describe('matmul with out= overlapping an operand', () => {
  // PyTorch 1.13 writes zeros for torch.mm(a, a, out=a) (it reads what it has already written);
  // here the product is computed first, then copied in, so out may alias an operand.
  test('out is an operand, or a view of one', () => {
    const a = tg.tensor([
      [1, 2],
      [3, 4],
    ]);
    const expected = [7, 10, 15, 22];
    expect(flat(tg.matmul(a, a, { out: a }))).toEqual(expected);
    const b = tg.tensor([
      [1, 2],
      [3, 4],
    ]);
    tg.matmul(b, b.t(), { out: b.t() });
    expect(flat(b.t())).toEqual([5, 11, 11, 25]);
  });
});

describe('an input overlapping the written-to tensor where PyTorch lets it through (strided views)', () => {
  // Neither view is dense, so PyTorch's check gives up and runs the op; its result then depends on
  // the write order (torch 1.13 gives [-2, -2, 0, -2, 0, -2]). Here the input is read first, as
  // from a clone.
  test('copy_ and add_ read the input before writing', () => {
    const x = tg.zeros([3, 2]);
    x.narrow(0, 0, 1).fill_(-2);
    x.narrow(0, 1, 2)
      .narrow(1, 1, 1)
      .copy_(x.narrow(0, 0, 2).narrow(1, 1, 1));
    expect(flat(x)).toEqual([-2, -2, 0, -2, 0, 0]);
    const y = tg.tensor([1, 2, 3, 4, 5, 6]).reshape([3, 2]);
    y.narrow(0, 1, 2)
      .narrow(1, 0, 1)
      .add_(y.narrow(0, 0, 2).narrow(1, 0, 1));
    expect(flat(y)).toEqual([1, 2, 4, 4, 8, 6]);
  });
});

import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

describe('in-place ops', () => {
  test('values, return value and version counter', () => {
    const x = tg.tensor([1, 2, 3]);
    expect(x.add_(1)).toBe(x);
    x.sub_(tg.tensor([1, 1, 1]), 2)
      .mul_(2)
      .div_(2);
    expect(flat(x)).toEqual([0, 1, 2]);
    x.copy_(tg.tensor([7]));
    expect(flat(x)).toEqual([7, 7, 7]);
    x.fill_(2.5).zero_();
    expect(flat(x)).toEqual([0, 0, 0]);
    expect(x.version).toBe(7);
  });

  test('copy_ converts dtypes and broadcasts', () => {
    const i = tg.zeros([2, 2], { dtype: 'int32' });
    i.copy_(tg.tensor([1.7, -1.7]));
    expect(i.toArray()).toEqual([
      [1, -1],
      [1, -1],
    ]);
    expectTensorError(() => i.copy_(tg.ones([3])), 'SHAPE', 'copy_');
  });

  test('writing into an expanded view is refused', () => {
    const INTERNAL =
      /^(add_|mul_|copy_): unsupported operation: more than one element of the written-to tensor refers to a single memory location\. Please clone\(\) the tensor before performing the operation\.$/;
    const x = tg.ones([1]);
    expectTensorError(() => x.expand(3).add_(1), 'ARGUMENT', INTERNAL);
    expectTensorError(() => x.expand(3).mul_(tg.ones([3])), 'ARGUMENT', INTERNAL);
    expectTensorError(() => x.expand(3).copy_(tg.ones([3])), 'ARGUMENT', INTERNAL);
    expect(flat(x)).toEqual([1]);
    // PyTorch lets fill_ and zero_ through (idempotent): tested in __tests__/ops/inplace_broadcast.test.ts
  });

  test("the broadcast shape must be self's (PyTorch's TensorIterator check); nothing is written", () => {
    const x = tg.zeros([3]);
    for (const [op, f] of [
      ['add_', () => x.add_(tg.ones([2, 3]))],
      ['add_', () => x.add_(tg.ones([2, 3]), 2)],
      ['sub_', () => x.sub_(tg.ones([2, 3]), 0.5)],
      ['mul_', () => x.mul_(tg.ones([2, 3]))],
      ['div_', () => x.div_(tg.ones([2, 3]))],
    ] as const) {
      expectTensorError(f, 'SHAPE', new RegExp(`^${op}: output with shape \\[3\\] doesn't match the broadcast shape \\[2, 3\\]$`));
    }
    expectTensorError(() => x.add_(tg.ones([2])), 'SHAPE', 'cannot be broadcast');
    expect(flat(x)).toEqual([0, 0, 0]);
    expect(x.version).toBe(0);
    expect(flat(tg.zeros([2, 3]).add_(tg.ones([3])))).toEqual([1, 1, 1, 1, 1, 1]);
    // more dims than self, even of size 1, make a bigger broadcast shape (PyTorch refuses it too)
    expectTensorError(() => tg.zeros([2, 3]).add_(tg.ones([1, 1, 3])), 'SHAPE', "add_: output with shape [2, 3] doesn't match the broadcast shape [1, 2, 3]");
  });

  const PARTIAL =
    /^(add_|sub_|mul_|div_|copy_): unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location\. Please clone\(\) the tensor before performing the operation\.$/;

  test('partial overlap of an input and the written-to tensor is refused before anything is written', () => {
    const x = tg.arange(8, { dtype: 'float32' });
    expectTensorError(() => x.narrow(0, 1, 7).add_(x.narrow(0, 0, 7)), 'ARGUMENT', PARTIAL);
    expectTensorError(() => x.narrow(0, 1, 7).add_(x.narrow(0, 0, 7), 2), 'ARGUMENT', PARTIAL); // the fused axpy path
    expectTensorError(() => x.narrow(0, 0, 7).sub_(x.narrow(0, 1, 7), 3), 'ARGUMENT', PARTIAL);
    expectTensorError(() => x.narrow(0, 1, 7).mul_(x.narrow(0, 0, 7)), 'ARGUMENT', PARTIAL);
    expectTensorError(() => x.narrow(0, 1, 7).div_(x.narrow(0, 0, 7)), 'ARGUMENT', PARTIAL);
    expectTensorError(() => x.narrow(0, 1, 7).copy_(x.narrow(0, 0, 7)), 'ARGUMENT', PARTIAL);
    const m = x.view([2, 4]);
    expectTensorError(() => m.add_(x.narrow(0, 0, 4)), 'ARGUMENT', PARTIAL); // a row of itself, as x.add_(x[0]) in PyTorch
    const a = tg.tensor([
      [1, 2],
      [3, 4],
    ]);
    expectTensorError(() => a.add_(a.t()), 'ARGUMENT', PARTIAL); // same span, other strides
    expectTensorError(() => a.t().copy_(a), 'ARGUMENT', PARTIAL);
    expect(flat(x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(flat(a)).toEqual([1, 2, 3, 4]);
    expect(x.version).toBe(0);
    // also while autograd records
    const w = tg.ones([4], { requiresGrad: true });
    const y = w.mul(1);
    expectTensorError(() => y.narrow(0, 1, 3).add_(y.narrow(0, 0, 3)), 'ARGUMENT', PARTIAL);
    expect(flat(y)).toEqual([1, 1, 1, 1]);
  });

  test('full overlap, disjoint views and the cases PyTorch does not compare (not dense) are allowed', () => {
    const x = tg.tensor([1, 2, 3]);
    expect(flat(x.add_(x))).toEqual([2, 4, 6]);
    expect(flat(x.mul_(x.view([3])))).toEqual([4, 16, 36]); // same start, end and strides
    expect(flat(x.copy_(x.narrow(0, 0, 3)))).toEqual([4, 16, 36]);
    const y = tg.arange(8, { dtype: 'float32' });
    y.narrow(0, 4, 4).add_(y.narrow(0, 0, 4));
    expect(flat(y)).toEqual([0, 1, 2, 3, 4, 6, 8, 10]);
    // Columns of a 4x2 matrix: strided, not dense, so PyTorch gives up comparing (TooHard) and runs.
    const m = tg.arange(8, { dtype: 'float32' }).view([4, 2]);
    m.narrow(1, 1, 1).add_(m.narrow(1, 0, 1));
    expect(flat(m)).toEqual([0, 1, 2, 5, 4, 9, 6, 13]);
  });

  test('an integer tensor cannot take a float result in place', () => {
    expectTensorError(() => tg.ones([2], { dtype: 'int32' }).add_(0.5), 'DTYPE', "result type Float can't be cast to the desired output type Int");
  });

  test('in place through a view rebases the base (CopySlices) as PyTorch does', () => {
    const x = tg.tensor([1, 2, 3, 4], { requiresGrad: true });
    const y = x.mul(1);
    const v = y.narrow(0, 1, 2);
    v.mul_(3);
    expect(flat(y)).toEqual([1, 6, 9, 4]);
    expect(y.gradFn!.name).toBe('CopySlices');
    expect(v.gradFn!.name).toBe('AsStridedBackward0');
    y.mul(tg.tensor([1, 2, 3, 4]))
      .sum()
      .backward();
    expect(flat(x.grad!)).toEqual([1, 6, 9, 4]);

    const b = tg.zeros([2, 3]);
    const w = tg.tensor([1, 2], { requiresGrad: true });
    b.t().narrow(0, 1, 1).squeeze(0).add_(w); // column 1 of b
    expect(b.toArray()).toEqual([
      [0, 1, 0],
      [0, 2, 0],
    ]);
    expect(b.isLeaf).toBe(false);
    b.pow(2).sum().backward();
    expect(flat(w.grad!)).toEqual([2, 4]);
  });

  test('in place through a view of a leaf that requires grad is refused', () => {
    const x = tg.ones([3], { requiresGrad: true });
    expectTensorError(() => x.narrow(0, 0, 1).zero_(), 'GRAD', 'a view of a leaf Variable that requires grad is being used in an in-place operation.');
  });

  test('in place on a non-leaf is recorded: the tensor takes the new node', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(1);
    y.mul_(3).add_(x);
    expect(y.gradFn!.name).toBe('AddBackward0');
    y.sum().backward();
    expect(flat(x.grad!)).toEqual([4, 4]);
  });
});

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
    expectTensorError(() => tg.ones([1]).expand(3).add_(1), 'ARGUMENT', 'more than one element of the written-to tensor');
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

import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

describe('in-place ops', () => {
  test('values, return value and version counter', () => {
    const x = tg.tensor([1, 2, 3]);
    expect(x.add_(1)).toBe(x);
    x.sub_(tg.tensor([1, 1, 1]), 2).mul_(2).div_(2);
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
    expect(i.toArray()).toEqual([[1, -1], [1, -1]]);
    expectTensorError(() => i.copy_(tg.ones([3])), 'SHAPE', 'copy_');
  });

  test('writing into an expanded view is refused', () => {
    expectTensorError(() => tg.ones([1]).expand(3).add_(1), 'ARGUMENT', 'more than one element of the written-to tensor');
  });

  test('an integer tensor cannot take a float result in place', () => {
    expectTensorError(() => tg.ones([2], { dtype: 'int32' }).add_(0.5), 'DTYPE', "result type Float can't be cast to the desired output type Int");
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

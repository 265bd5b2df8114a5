// The PyTorch autograd tutorial, snippet by snippet, with PyTorch's printed results
// (hand-derived from the tutorial's arithmetic and PyTorch 2.x's printing rules).
import * as tg from '../lib';
import { expectTensorError, flat } from './helpers';

describe('the autograd tutorial', () => {
  test('x = ones(2, 2, requires_grad=True) and its printing', () => {
    const x = tg.ones([2, 2], { requiresGrad: true });
    expect(x.toString()).toBe('tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)');
    expect(x.isLeaf).toBe(true);
    expect(x.gradFn).toBeNull();
  });

  test('y = x + 2, z = y * y * 3, out = z.mean(): names, values, and x.grad = 4.5', () => {
    const x = tg.ones([2, 2], { requiresGrad: true });
    const y = x.add(2);
    expect(y.toString()).toBe('tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>)');
    expect(y.gradFn!.name).toBe('AddBackward0');
    expect(y.isLeaf).toBe(false);
    const [edge, other] = y.gradFn!.nextFunctions;
    expect(edge[0]!.name).toBe('AccumulateGrad');
    expect(edge[1]).toBe(0);
    expect(other).toEqual([null, 0]);
    const z = y.mul(y).mul(3);
    const out = z.mean();
    expect(z.toString()).toBe('tensor([[27., 27.],\n        [27., 27.]], grad_fn=<MulBackward0>)');
    expect(out.toString()).toBe('tensor(27., grad_fn=<MeanBackward0>)');
    out.backward();
    // d(out)/dx = 3 * 2 * (x + 2) / 4 = 4.5 at x = 1
    expect(x.grad!.toString()).toBe('tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])');
  });

  test('requiresGrad_ flips a tensor in place', () => {
    let a = tg.randn([2, 2]);
    a = a.mul(3).div(a.sub(1));
    expect(a.requiresGrad).toBe(false);
    a.requiresGrad_(true);
    expect(a.requiresGrad).toBe(true);
    const b = a.mul(a).sum();
    expect(b.gradFn!.name).toBe('SumBackward0');
  });

  test('noGrad cuts a branch out of the graph: x.grad is 2, not 5', () => {
    const x = tg.tensor(1.0, { requiresGrad: true });
    const y1 = x.pow(2);
    const y2 = tg.noGrad(() => x.pow(3));
    expect(y2.requiresGrad).toBe(false);
    const y3 = y1.add(y2);
    y3.backward();
    expect(x.grad!.item()).toBe(2);
    expect(x.grad!.toString()).toBe('tensor(2.)');
  });

  test('gradients accumulate over backward calls until zero_()', () => {
    const x = tg.ones([2, 2], { requiresGrad: true });
    const out = () => x.add(2).mul(x.add(2)).mul(3).mean();
    out().backward();
    out().backward();
    expect(flat(x.grad!)).toEqual([9, 9, 9, 9]);
    x.grad!.zero_();
    expect(flat(x.grad!)).toEqual([0, 0, 0, 0]);
    out().backward();
    expect(flat(x.grad!)).toEqual([4.5, 4.5, 4.5, 4.5]);
  });

  test('.data is untracked: writes through it leave the gradient alone', () => {
    const x = tg.ones([1], { requiresGrad: true });
    expect(x.data.requiresGrad).toBe(false);
    const y = x.mul(2);
    x.data.mul_(100);
    y.backward();
    expect(x.toString()).toBe('tensor([100.], requires_grad=True)');
    expect(flat(x.grad!)).toEqual([2]);
  });

  test('a non-scalar output needs a gradient argument', () => {
    const x = tg.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(2);
    expectTensorError(() => y.backward(), 'GRAD', 'grad can be implicitly created only for scalar outputs');
    y.backward(tg.tensor([0.1, 1.0, 0.0001]));
    expect(flat(x.grad!)).toEqual([0.2, 2, 0.0002].map(Math.fround));
  });

  test('requiresGrad on an int32 tensor is a DTYPE error', () => {
    expectTensorError(() => tg.tensor([1, 2], { dtype: 'int32', requiresGrad: true }), 'DTYPE', 'floating point');
    expectTensorError(() => {
      tg.zeros([2], { dtype: 'int32' }).requiresGrad = true;
    }, 'DTYPE');
  });

  test('a second backward through freed buffers throws, retainGraph allows it', () => {
    const x = tg.ones([2], { requiresGrad: true });
    const out = x.mul(x).sum();
    out.backward({ retainGraph: true });
    out.backward(null, { retainGraph: true });
    out.backward();
    expect(flat(x.grad!)).toEqual([6, 6]);
    expectTensorError(() => out.backward(), 'GRAD', 'Trying to backward through the graph a second time');
  });

  test('an in-place change to a saved tensor makes backward throw', () => {
    const x = tg.ones([2], { requiresGrad: true });
    const a = x.exp();
    const b = a.sum();
    a.add_(1);
    expect(a.version).toBe(1);
    expectTensorError(
      () => b.backward(),
      'GRAD',
      /modified by an inplace operation: \[torch.FloatTensor \[2\]\], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead/,
    );
  });

  test('in place on a leaf that requires grad is refused, but allowed under noGrad', () => {
    const w = tg.ones([2], { requiresGrad: true });
    expectTensorError(() => w.add_(1), 'GRAD', 'a leaf Variable that requires grad is being used in an in-place operation.');
    tg.noGrad(() => w.sub_(0.5));
    expect(flat(w)).toEqual([0.5, 0.5]);
    expect(w.isLeaf).toBe(true);
  });

  test('setting requiresGrad=false on a non-leaf throws; detach gives a leaf', () => {
    const x = tg.ones([2], { requiresGrad: true });
    const y = x.mul(2);
    expectTensorError(
      () => {
        y.requiresGrad = false;
      },
      'GRAD',
      'you can only change requires_grad flags of leaf variables',
    );
    const d = y.detach();
    expect(d.isLeaf).toBe(true);
    expect(d.requiresGrad).toBe(false);
    d.add_(1);
    expect(y.version).toBe(1); // detach shares the version counter
  });

  test('retainGrad keeps a non-leaf gradient', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(3);
    y.retainGrad();
    y.pow(2).sum().backward();
    expect(flat(y.grad!)).toEqual([6, 12]);
    expect(flat(x.grad!)).toEqual([18, 36]);
  });
});

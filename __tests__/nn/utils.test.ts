// tg.nn.utils against hand-derived values (PyTorch's clip_grad.py and convert_parameters.py).
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';

const { clipGradNorm_, clipGradValue_, parametersToVector, vectorToParameters } = tg.nn.utils;

function params(): tg.Tensor[] {
  const a = tg.zeros([2], { requiresGrad: true });
  const b = tg.zeros([1, 2], { requiresGrad: true });
  const c = tg.zeros([3], { requiresGrad: true }); // no gradient: skipped
  a.grad = tg.tensor([3, 4]);
  b.grad = tg.tensor([[0, -12]]);
  return [a, b, c];
}

describe('clipGradNorm_', () => {
  test('the total norm is the norm of the norms; grads scale by maxNorm / (total + 1e-6)', () => {
    const [a, b, c] = params();
    const total = clipGradNorm_([a, b, c], 6.5);
    expect(total.shape).toEqual([]);
    expect(total.item()).toBe(13);
    const coef = 6.5 / (13 + 1e-6);
    expectClose(flat(a.grad!), [3 * coef, 4 * coef], 1e-6);
    expectClose(flat(b.grad!), [0, -12 * coef], 1e-6);
    expect(c.grad).toBeNull();
  });

  test('a norm under maxNorm leaves the grads as they are (the coefficient is clamped to 1)', () => {
    const [a, b] = params();
    expect(clipGradNorm_([a, b], 100, { normType: 1 }).item()).toBe(19);
    expect(flat(a.grad!)).toEqual([3, 4]);
    expect(flat(b.grad!)).toEqual([0, -12]);
  });

  test('the infinity norm is the largest |g|; any iterable, or one tensor', () => {
    const [a, b] = params();
    const set = new Set([a, b]);
    expect(clipGradNorm_(set, 6, { normType: Infinity }).item()).toBe(12);
    expectClose(flat(b.grad!), [0, -6], 1e-6);
    expectClose(flat(a.grad!), [1.5, 2], 1e-6); // scaled by 6 / 12 above
    expectClose([clipGradNorm_(a, 1, { normType: Infinity }).item()], [2], 1e-6);
    expectClose(flat(a.grad!), [0.75, 1], 1e-6);
    const m = new tg.nn.Linear(2, 1);
    m.forward(tg.ones([1, 2]))
      .sum()
      .backward();
    const before = Math.hypot(...flat(m.weight.grad!), ...flat(m.bias!.grad!));
    expectClose([clipGradNorm_(m.parameters(), 0.1).item()], [before], 1e-6);
    expectClose([Math.hypot(...flat(m.weight.grad!), ...flat(m.bias!.grad!))], [0.1], 1e-5);
  });

  test('float64 grads give a float64 norm; no grads give tensor(0.)', () => {
    const p = tg.zeros([2], { dtype: 'float64', requiresGrad: true });
    p.grad = tg.tensor([0.3, 0.4], { dtype: 'float64' });
    const total = clipGradNorm_([p], 0.25);
    expect(total.dtype).toBe('float64');
    expectClose([total.item()], [0.5], 1e-15);
    expectClose(flat(p.grad), [0.3 * (0.25 / (0.5 + 1e-6)), 0.4 * (0.25 / (0.5 + 1e-6))], 1e-15);
    const none = clipGradNorm_([tg.zeros([2], { requiresGrad: true })], 1);
    expect([none.item(), none.dtype]).toEqual([0, 'float32']);
    expect(clipGradNorm_([], 1).item()).toBe(0);
  });

  test('a non-finite norm scales by it, or throws with errorIfNonfinite', () => {
    const p = tg.zeros([2], { requiresGrad: true });
    p.grad = tg.tensor([NaN, 4]);
    expectTensorError(
      () => clipGradNorm_(p, 1, { errorIfNonfinite: true }),
      'ARGUMENT',
      'The total norm of order 2.0 for gradients from `parameters` is non-finite',
    );
    expect(flat(p.grad)[1]).toBe(4); // nothing clipped before the throw
    expect(Number.isNaN(clipGradNorm_(p, 1).item())).toBe(true);
    expect(Number.isNaN(flat(p.grad)[1])).toBe(true);
  });

  test('argument errors', () => {
    expectTensorError(() => clipGradNorm_(5 as never, 1), 'ARGUMENT', 'parameters must be a Tensor or an iterable of Tensors');
    expectTensorError(() => clipGradNorm_([tg.zeros([1]), 3] as never, 1), 'ARGUMENT', 'parameter 1 is not a Tensor');
    expectTensorError(() => clipGradNorm_(params(), 'a' as never), 'ARGUMENT', 'maxNorm must be a number');
    expectTensorError(() => clipGradNorm_(params(), 1, { normType: NaN }), 'ARGUMENT', 'normType must be a number');
  });
});

test('clipGradValue_ clamps every gradient into [-v, v] in place, skipping parameters without one', () => {
  const [a, b, c] = params();
  const g = a.grad!;
  expect(clipGradValue_([a, b, c], 3.5)).toBeUndefined();
  expect(a.grad).toBe(g);
  expect(flat(a.grad!)).toEqual([3, 3.5]);
  expect(flat(b.grad!)).toEqual([0, -3.5]);
  expect(c.grad).toBeNull();
  clipGradValue_(a, 1);
  expect(flat(a.grad!)).toEqual([1, 1]);
  expectTensorError(() => clipGradValue_([a], 'x' as never), 'ARGUMENT', 'clipValue must be a number');
});

describe('parametersToVector and vectorToParameters', () => {
  test('flatten in order into one differentiable vector', () => {
    const a = tg.tensor([1, 2], { requiresGrad: true });
    const b = tg.tensor([[3], [4]], { requiresGrad: true });
    const v = parametersToVector([a, b]);
    expect(flat(v)).toEqual([1, 2, 3, 4]);
    expect(v.gradFn?.name).toBe('CatBackward0');
    v.mul(tg.tensor([1, 10, 100, 1000]))
      .sum()
      .backward();
    expect(flat(a.grad!)).toEqual([1, 10]);
    expect(flat(b.grad!)).toEqual([100, 1000]);
    expectTensorError(() => parametersToVector([]), 'ARGUMENT', 'expected a non-empty list of Tensors');
  });

  test('slices of the vector become the parameters, sharing its storage as param.data = vec[...] does', () => {
    const m = new tg.nn.Linear(2, 2);
    const n = parametersToVector(m.parameters()).numel;
    const vec = tg.arange(0, n);
    vectorToParameters(vec, m.parameters());
    expect(m.weight.toArray()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(flat(m.bias!)).toEqual([4, 5]);
    expect(m.weight.requiresGrad).toBe(true);
    vec.fill_(7);
    expect(flat(m.bias!)).toEqual([7, 7]);
    expect(flat(m.forward(tg.ones([1, 2])))).toEqual([21, 21]);
  });

  test('a longer vector leaves its tail unused; a short one, a matrix or a non-tensor is an error', () => {
    const p = tg.zeros([2]);
    vectorToParameters(tg.tensor([1, 2, 3]), [p]);
    expect(flat(p)).toEqual([1, 2]);
    expectTensorError(() => vectorToParameters(tg.tensor([1]), [p]), 'SHAPE', 'the vector has 1 elements, the parameters need 2');
    expectTensorError(() => vectorToParameters(tg.zeros([2, 2]), [p]), 'SHAPE', 'expected a 1-D vector');
    expectTensorError(() => vectorToParameters([1, 2] as never, [p]), 'ARGUMENT', 'expected torch.Tensor');
  });
});

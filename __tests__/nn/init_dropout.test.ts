// nn.init and Dropout beyond their PyTorch streams (checked bit for bit in
// __tests__/random/pytorch_streams.test.ts): gains, fans, orthogonality, errors, autograd.
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';

const { init } = tg.nn;

test("calculateGain is PyTorch's table", () => {
  expect(init.calculateGain('linear')).toBe(1);
  expect(init.calculateGain('sigmoid')).toBe(1);
  expect(init.calculateGain('tanh')).toBe(5 / 3);
  expect(init.calculateGain('relu')).toBe(Math.SQRT2);
  expect(init.calculateGain('leaky_relu')).toBe(Math.sqrt(2 / (1 + 0.01 * 0.01)));
  expect(init.calculateGain('leaky_relu', 0.2)).toBe(Math.sqrt(2 / 1.04));
  expect(init.calculateGain('selu')).toBe(0.75);
  expectTensorError(() => init.calculateGain('swish' as never), 'ARGUMENT', 'Unsupported nonlinearity');
});

test('fans: size(1) and size(0) times the receptive field; fewer than 2 dims is an error', () => {
  expect(init.calculateFanInAndFanOut(tg.zeros([4, 3, 5, 2]))).toEqual([30, 40]);
  expectTensorError(() => init.calculateFanInAndFanOut(tg.zeros([7])), 'ARGUMENT', 'fewer than 2 dimensions');
  expectTensorError(() => init.xavierUniform_(tg.zeros([7])), 'ARGUMENT');
  expectTensorError(() => init.kaimingNormal_(tg.zeros([3, 3]), { mode: 'fan_avg' as never }), 'ARGUMENT', 'not supported');
});

test('bounds and spreads: xavier and kaiming draw within their bounds', () => {
  tg.manualSeed(3);
  const w = init.xavierUniform_(tg.zeros([50, 30]), 2);
  const a = 2 * Math.sqrt(6 / 80);
  expect(Math.max(...flat(w).map(Math.abs))).toBeLessThanOrEqual(a);
  const k = init.kaimingUniform_(tg.zeros([40, 25]), { nonlinearity: 'relu' });
  expect(Math.max(...flat(k).map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(2) * Math.sqrt(3 / 25) + 1e-7);
  const t = init.truncNormal_(tg.zeros([2000]), { mean: 1, std: 3, a: -1, b: 2 });
  expect(Math.min(...flat(t))).toBeGreaterThanOrEqual(-1);
  expect(Math.max(...flat(t))).toBeLessThanOrEqual(2);
  expect(flat(init.eye_(tg.zeros([2, 3])))).toEqual([1, 0, 0, 0, 1, 0]);
  expectTensorError(() => init.eye_(tg.zeros([2, 2, 2])), 'ARGUMENT', 'Only tensors with 2 dimensions');
});

test('orthogonal_: orthonormal rows or columns, times the gain', () => {
  for (const [r, c] of [
    [6, 4],
    [3, 7],
    [5, 5],
  ]) {
    const q = init.orthogonal_(tg.zeros([r, c], { dtype: 'float64' }), 1.5);
    const gram = r >= c ? q.t().matmul(q) : q.matmul(q.t());
    const n = Math.min(r, c);
    expectClose(flat(gram), flat(tg.eye(n, { dtype: 'float64' }).mul(2.25)), 1e-12);
  }
  expectTensorError(() => init.orthogonal_(tg.zeros([4])), 'ARGUMENT', '2 or more dimensions');
});

test('init fills a parameter in place without recording, and keeps it a leaf', () => {
  const p = tg.zeros([3, 2], { requiresGrad: true });
  init.normal_(p, 0, 1);
  expect(p.isLeaf).toBe(true);
  expect(p.requiresGrad).toBe(true);
  expect(p.gradFn).toBeNull();
});

test('Dropout: 0 or 1/(1-p) in training, identity in eval, the gradient through the same mask', () => {
  const d = new tg.nn.Dropout(0.4);
  const x = tg.ones([1000], { requiresGrad: true });
  const y = d.forward(x);
  expect(y.gradFn!.name).toBe('MulBackward0');
  const scale = Math.fround(1 / Math.fround(0.6));
  const vals = flat(y);
  expect(vals.every((v) => v === 0 || v === scale)).toBe(true);
  const kept = vals.filter((v) => v !== 0).length;
  expect(kept).toBeGreaterThan(500);
  expect(kept).toBeLessThan(700);
  y.sum().backward();
  expect(flat(x.grad!)).toEqual(vals);
  d.eval();
  const z = tg.randn([4]);
  expect(d.forward(z)).toBe(z);
  expect(flat(tg.nn.functional.dropout(tg.tensor([1, Infinity]), 1))).toEqual([0, NaN]);
  expectTensorError(() => new tg.nn.Dropout(1.5), 'ARGUMENT', 'between 0 and 1');
  expectTensorError(() => tg.nn.functional.dropout(z, -0.1), 'ARGUMENT', 'between 0 and 1');
});

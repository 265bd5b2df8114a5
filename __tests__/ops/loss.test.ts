import * as tg from '../../lib';
import { meanSquaredLoss, squaredLoss } from '../../lib/ops/loss';

// fit() trains on meanSquaredLoss, one node; it must give the bits of the tutorial's composite
// squaredLoss(yHat, y).mean(), value and gradients, whatever path the kernels take.
const bits = (t: tg.Tensor) => Array.from(t.dataSync());

function cases(): { dtype: 'float32' | 'float64'; b: number; yShape: 'flat' | 'column' | 'strided' }[] {
  const out: ReturnType<typeof cases> = [];
  for (const dtype of ['float32', 'float64'] as const) {
    for (const b of [1, 3, 100, 129, 1000]) for (const yShape of ['flat', 'column', 'strided'] as const) out.push({ dtype, b, yShape });
  }
  return out;
}

test.each(cases())('meanSquaredLoss is bit-identical to squaredLoss(...).mean(): $dtype, batch $b, y $yShape', ({ dtype, b, yShape }) => {
  const gen = new tg.Generator().manualSeed(b * 7 + (dtype === 'float32' ? 0 : 1));
  const x = tg.normal(0, 1, [b, 3], { generator: gen, dtype });
  const yAll = tg.normal(0, 3, [b, 2], { generator: gen, dtype });
  const column = yAll.narrow(1, 1, 1);
  const target = yShape === 'flat' ? column.reshape([b]) : yShape === 'column' ? column.contiguous() : column;
  if (yShape === 'strided' && b > 1) expect(target.isContiguous()).toBe(false);

  const run = (loss: (p: tg.Tensor, t: tg.Tensor) => tg.Tensor, grad?: tg.Tensor) => {
    const w = tg.tensor([[0.3], [-1.7], [2.2]], { dtype, requiresGrad: true });
    const y = target.detach().requiresGrad_(true);
    const l = loss(x.matmul(w), y);
    l.backward(grad);
    return { l, value: bits(l), w: bits(w.grad!), y: bits(y.grad!), yShape: y.grad!.shape };
  };
  // A unit gradient, and one whose divisions by the count and by 2 round.
  for (const g of [undefined, tg.tensor(0.37, { dtype })]) {
    const fused = run(meanSquaredLoss, g);
    const composite = run((p, t) => squaredLoss(p, t).mean(), g);
    expect(fused.value).toEqual(composite.value);
    expect(fused.w).toEqual(composite.w);
    expect(fused.y).toEqual(composite.y);
    expect(fused.yShape).toEqual(target.shape);
    expect(fused.l.gradFn!.name).toBe('MeanSquaredLossBackward');
  }
  // Without a graph: the same value.
  const w = tg.tensor([[0.3], [-1.7], [2.2]], { dtype });
  expect(bits(tg.noGrad(() => meanSquaredLoss(x.matmul(w), target)))).toEqual(bits(squaredLoss(x.matmul(w), target).mean()));
});

test('meanSquaredLoss on mixed dtypes promotes as the composite does', () => {
  const p = tg.tensor([[0.1], [0.2], [0.7]], { requiresGrad: true });
  const t = tg.tensor([1, 2, 3], { dtype: 'float64' });
  const l = meanSquaredLoss(p, t);
  expect(l.dtype).toBe('float64');
  l.backward();
  const q = p.detach().requiresGrad_(true);
  squaredLoss(q, t).mean().backward();
  expect(bits(l)).toEqual(bits(squaredLoss(p.detach(), t).mean()));
  expect(bits(p.grad!)).toEqual(bits(q.grad!));
  // The hand-derived gradient: (p - t) / 3.
  expect(bits(p.grad!).map((v) => +v.toFixed(6))).toEqual([(0.1 - 1) / 3, (0.2 - 2) / 3, (0.7 - 3) / 3].map((v) => +Math.fround(v).toFixed(6)));
});

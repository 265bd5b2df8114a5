// SGD updates against PyTorch's documented rule, worked by hand in float64:
//   g = grad + wd * p;  b = g (first step) or momentum * b + (1 - dampening) * g;
//   d = nesterov ? g + momentum * b : b;  p -= lr * d
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';

function reference(
  p0: number[],
  grads: number[][],
  o: { lr: number; momentum?: number; dampening?: number; weightDecay?: number; nesterov?: boolean },
): number[] {
  const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = o;
  const p = p0.slice();
  let buf: number[] | null = null;
  for (const grad of grads) {
    const g = grad.map((v, i) => v + weightDecay * p[i]);
    let d = g;
    if (momentum !== 0) {
      buf = buf === null ? g.slice() : buf.map((b, i) => momentum * b + (1 - dampening) * g[i]);
      d = nesterov ? g.map((v, i) => v + momentum * buf![i]) : buf;
    }
    for (let i = 0; i < p.length; i++) p[i] -= lr * d[i];
  }
  return p;
}

describe('optim.SGD', () => {
  const settings = [
    { lr: 0.1 },
    { lr: 0.1, momentum: 0.9 },
    { lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 },
    { lr: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.1 },
  ];
  test.each(settings)('%p', (opts) => {
    const p = tg.tensor([1, -2, 0.5], { dtype: 'float64', requiresGrad: true });
    const opt = new tg.optim.SGD([p], opts);
    // loss = sum(p^2 * c): grad = 2 c p, recomputed from the current p each step
    const c = [1, 0.5, 3];
    const grads: number[][] = [];
    for (let step = 0; step < 5; step++) {
      p.mul(p)
        .mul(tg.tensor(c, { dtype: 'float64' }))
        .sum()
        .backward();
      grads.push(flat(p.grad!));
      opt.step();
      opt.zeroGrad();
      expectClose(flat(p), reference([1, -2, 0.5], grads, opts), 1e-12);
    }
    expect(p.grad).toBeNull();
  });

  test.each(settings)("parameters of up to 16 elements (stepped in JS) get the addon's bits: %p", (opts) => {
    // The same values as the first 16 of a 40-element parameter, which goes through the addon.
    for (const dtype of ['float32', 'float64'] as const) {
      const init = Array.from({ length: 40 }, (_, i) => Math.sin(i + 1) * 3);
      const c = Array.from({ length: 40 }, (_, i) => Math.cos(i * 7) / 3);
      const small = tg.tensor(init.slice(0, 16), { dtype, requiresGrad: true });
      const big = tg.tensor(init, { dtype, requiresGrad: true });
      const opts2 = { ...opts, lr: opts.lr * 1.37 }; // an lr that float32 cannot hold exactly
      const optSmall = new tg.optim.SGD([small], opts2);
      const optBig = new tg.optim.SGD([big], opts2);
      for (let step = 0; step < 4; step++) {
        small
          .mul(small)
          .mul(tg.tensor(c.slice(0, 16), { dtype }))
          .sum()
          .backward();
        big.mul(big).mul(tg.tensor(c, { dtype })).sum().backward();
        optSmall.step();
        optBig.step();
        optSmall.zeroGrad();
        optBig.zeroGrad();
        expect(flat(small)).toEqual(flat(big).slice(0, 16));
      }
      expect(flat(small)).not.toEqual(init.slice(0, 16));
    }
  });

  test('zeroGrad({setToNone: false}) zeroes in place', () => {
    const p = tg.ones([2], { requiresGrad: true });
    const opt = new tg.optim.SGD([p], { lr: 1 });
    p.sum().backward();
    const g = p.grad!;
    opt.zeroGrad({ setToNone: false });
    expect(p.grad).toBe(g);
    expect(flat(g)).toEqual([0, 0]);
  });

  test('bad options', () => {
    const p = tg.ones([2], { requiresGrad: true });
    expectTensorError(() => new tg.optim.SGD([p], { lr: -1 }), 'ARGUMENT', 'Invalid learning rate');
    expectTensorError(() => new tg.optim.SGD([p], { lr: 0.1, nesterov: true }), 'ARGUMENT', 'Nesterov');
    expectTensorError(() => new tg.optim.SGD([], { lr: 0.1 }), 'ARGUMENT', 'empty parameter list');
  });
});

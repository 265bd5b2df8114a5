// The backward engine frees the gradient buffers it made as soon as they are used (they go back
// to the pool), never one that user code can reach: hooks, retained grads, autograd.grad results,
// the caller's seed. Gradients are compared with a createGraph run, which frees nothing.
import * as tg from '../../lib';
import { expectClose, flat } from '../helpers';

const N = 1 << 15; // 128 KiB of float32: pooled

beforeEach(() => {
  tg.setMemoryPoolLimit(0);
  tg.setMemoryPoolLimit(256 * 1024 * 1024);
});

/** A graph with shared gradients (x used twice, an add passing one gradient to both sides). */
function loss(x: tg.Tensor, w: tg.Tensor): tg.Tensor {
  const h = x.mul(w).tanh();
  const g = h.add(h.exp()).mul(x);
  return g.add(x).sigmoid().sum();
}

function grads(createGraph: boolean): number[][] {
  const x = tg.linspace(-1, 1, N).requiresGrad_();
  const w = tg.linspace(2, -2, N).requiresGrad_();
  loss(x, w).backward({ createGraph });
  return [flat(x.grad!), flat(w.grad!)];
}

describe('backward frees its gradient buffers', () => {
  test('the pool receives them, and the gradients equal those of a run that frees nothing', () => {
    const kept = grads(true);
    expect(tg.memory().pooledBytes).toBe(0);
    const freed = grads(false);
    expect(tg.memory().pooledBytes).toBeGreaterThan(0);
    expectClose(freed[0], kept[0], 1e-6);
    expectClose(freed[1], kept[1], 1e-6);
  });

  test('a second backward accumulates into the .grad it stole or cloned', () => {
    const x = tg.linspace(-1, 1, N).requiresGrad_();
    const w = tg.linspace(2, -2, N).requiresGrad_();
    loss(x, w).backward();
    const once = flat(x.grad!);
    loss(x, w).backward();
    expectClose(
      flat(x.grad!),
      once.map((v) => 2 * v),
      1e-6,
    );
    expect(x.grad!.isDisposed || w.grad!.isDisposed).toBe(false);
  });

  test('what hooks saw, retained grads and the caller seed survive', () => {
    const x = tg.linspace(-1, 1, N).requiresGrad_();
    const w = tg.linspace(2, -2, N).requiresGrad_();
    const seen: tg.Tensor[] = [];
    const h = x.mul(w);
    h.retainGrad();
    const t = h.tanh();
    t.registerHook((g) => {
      seen.push(g);
    });
    const u = t.mul(3);
    const seed = tg.ones([N]);
    u.backward(seed);
    expect(seed.isDisposed).toBe(false);
    expect(seen[0].isDisposed).toBe(false);
    expectClose(flat(seen[0]), new Array<number>(N).fill(3), 0);
    expect(h.grad!.isDisposed).toBe(false);
    const th = flat(t);
    expectClose(
      flat(h.grad!),
      th.map((v) => 3 * (1 - v * v)),
      1e-6,
    );
    const ws = flat(w);
    expectClose(
      flat(x.grad!),
      flat(h.grad!).map((v, i) => v * ws[i]),
      1e-6,
    );
  });

  test('autograd.grad results are not freed', () => {
    const x = tg.linspace(-1, 1, N).requiresGrad_();
    const y = x.exp().mul(x).sum();
    const [gx] = tg.autograd.grad([y], [x]);
    expect(gx!.isDisposed).toBe(false);
    const xs = flat(x);
    expectClose(
      flat(gx!),
      xs.map((v) => Math.exp(v) * (1 + v)),
      1e-5,
    );
  });

  test('retainGraph: a second backward through the same graph still works', () => {
    const x = tg.linspace(-1, 1, N).requiresGrad_();
    const w = tg.linspace(2, -2, N).requiresGrad_();
    const l = loss(x, w);
    l.backward({ retainGraph: true });
    const once = flat(w.grad!);
    l.backward();
    expectClose(
      flat(w.grad!),
      once.map((v) => 2 * v),
      1e-6,
    );
  });
});

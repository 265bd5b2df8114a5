// tg.tidy / tg.scope: what fn made is disposed at the end, except what it returns and what is kept
// (parameters, .grad, optimizer state, tg.keep); nested scopes; exceptions; async functions refused.
import * as tg from '../../lib';
import { sizeClass } from '../../lib/memory_pool';
import { expectTensorError, flat } from '../helpers';

const N = 1 << 16; // 256 KiB of float32: pooled

beforeEach(() => {
  tg.setMemoryPoolLimit(0);
  tg.setMemoryPoolLimit(256 * 1024 * 1024);
});

describe('tg.tidy', () => {
  test('disposes what fn made, keeps what it returns (and its views), never touches outer tensors', () => {
    const x = tg.ones([N]);
    let a: tg.Tensor | undefined;
    let b: tg.Tensor | undefined;
    let v: tg.Tensor | undefined;
    const out = tg.tidy(() => {
      a = x.mul(2);
      b = a.add(1);
      v = x.view(2, N / 2); // a view of an outer tensor: shares its storage, made none
      return b.mul(3);
    });
    expect(a!.isDisposed && b!.isDisposed).toBe(true);
    expect(x.isDisposed || v!.isDisposed).toBe(false);
    expect(out.isDisposed).toBe(false);
    expect(out.sum().item()).toBe(9 * N);
    expect(tg.memory().pooledBytes).toBe(2 * sizeClass(4 * N));
  });

  test('returned containers: arrays and plain objects at any depth, views of made tensors', () => {
    const x = tg.ones([N]);
    let scratch: tg.Tensor | undefined;
    const r = tg.scope(() => {
      const s = x.add(1);
      const t = x.add(2);
      scratch = x.add(3);
      return { list: [s.view(2, N / 2), 5], nested: { t }, label: 'ok' };
    });
    expect(scratch!.isDisposed).toBe(true);
    expect(r.label).toBe('ok');
    expect(r.list[1]).toBe(5);
    expect((r.list[0] as tg.Tensor).sum().item()).toBe(2 * N);
    expect(r.nested.t.sum().item()).toBe(3 * N);
  });

  test('nested: the inner result belongs to the outer scope, which disposes it unless returned', () => {
    const x = tg.ones([N]);
    let inner: tg.Tensor | undefined;
    let innerTmp: tg.Tensor | undefined;
    const out = tg.tidy(() => {
      inner = tg.tidy(() => {
        innerTmp = x.add(1);
        return innerTmp.add(1);
      });
      expect(innerTmp!.isDisposed).toBe(true);
      expect(inner.isDisposed).toBe(false);
      return inner.add(1);
    });
    expect(inner!.isDisposed).toBe(true);
    expect(out.sum().item()).toBe(4 * N);
    const kept = tg.tidy(() => tg.tidy(() => x.add(5)));
    expect(kept.isDisposed).toBe(false);
  });

  test('an exception inside still disposes what fn made, and the error propagates', () => {
    const x = tg.ones([N]);
    let made: tg.Tensor | undefined;
    expect(() =>
      tg.tidy(() => {
        made = x.add(1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(made!.isDisposed).toBe(true);
    // The scope stack is restored: a tensor made now is not disposed by the failed scope.
    const after = x.add(1);
    expect(after.isDisposed).toBe(false);
  });

  test('keeps parameters, .grad and optimizer state made inside; backward runs inside', () => {
    const x = tg.randn([64, 256]);
    let w: tg.Tensor | undefined;
    let opt: tg.optim.SGD | undefined;
    const loss = tg.tidy(() => {
      w = tg.randn([256, 256], { requiresGrad: true });
      opt = new tg.optim.SGD([w], { lr: 0.01, momentum: 0.9 });
      const l = x.matmul(w).relu().sum();
      l.backward();
      opt.step();
      return l.item();
    });
    expect(Number.isFinite(loss)).toBe(true);
    expect(w!.isDisposed).toBe(false);
    expect(w!.grad!.isDisposed).toBe(false);
    // The momentum buffer survived: a second step inside another tidy works.
    tg.tidy(() => {
      opt!.zeroGrad();
      x.matmul(w!).relu().sum().backward();
      opt!.step();
    });
    expect(w!.grad!.isDisposed).toBe(false);
    const adamW = tg.randn([256, 64], { requiresGrad: true });
    const adam = new tg.optim.Adam([adamW], { amsgrad: true });
    for (let i = 0; i < 2; i++) {
      tg.tidy(() => {
        adam.zeroGrad();
        x.matmul(adamW).square().mean().backward();
        adam.step();
      });
    }
    expect(flat(adamW).every(Number.isFinite)).toBe(true);
  });

  test('a .grad assigned by hand, x.data = y, and tg.keep survive', () => {
    const p = tg.zeros([N], { requiresGrad: true });
    const q = tg.zeros([N]);
    let kept: tg.Tensor | undefined;
    tg.tidy(() => {
      p.grad = tg.ones([N]);
      q.data = tg.full([N], 2);
      kept = tg.keep(tg.full([N], 3));
    });
    expect(p.grad!.sum().item()).toBe(N);
    expect(q.sum().item()).toBe(2 * N);
    expect(kept!.sum().item()).toBe(3 * N);
  });

  test('backward outside the tidy that built the graph: STATE naming the disposed saved tensor', () => {
    const w = tg.randn([N], { requiresGrad: true });
    const loss = tg.tidy(() => w.exp().sum()); // ExpBackward0 saved its output, now disposed
    expectTensorError(() => loss.backward(), 'STATE', 'saved for backward has been disposed');
  });

  test('a function returning a Promise is refused (ARGUMENT) and nothing is disposed', async () => {
    const x = tg.ones([N]);
    let made: tg.Tensor | undefined;
    let rejected: Promise<unknown> | undefined;
    expectTensorError(
      () =>
        tg.tidy(() => {
          made = x.add(1);
          rejected = Promise.reject(new Error('late'));
          return rejected;
        }),
      'ARGUMENT',
      'Promise',
    );
    expect(made!.isDisposed).toBe(false);
    await expect(rejected).rejects.toThrow('late');
    expectTensorError(() => tg.tidy(3 as unknown as () => void), 'ARGUMENT', 'expected a function');
  });

  test('an async op started inside: its inputs (busy) and its result are left alone', async () => {
    const a = tg.randn([128, 128]);
    let pending: Promise<tg.Tensor> | undefined;
    let input: tg.Tensor | undefined;
    tg.tidy(() => {
      input = a.mul(2);
      pending = tg.matmulAsync(input, a);
    });
    const r = await pending!;
    expect(input!.isDisposed).toBe(false);
    expect(r.isDisposed).toBe(false);
    expect(flat(r)).toEqual(flat(a.mul(2).matmul(a)));
  });

  test('a training loop inside tidy reuses pooled memory: live bytes stay flat', () => {
    const x = tg.randn([256, 256]);
    const w = tg.randn([256, 256], { requiresGrad: true });
    const opt = new tg.optim.SGD([w], { lr: 1e-4 });
    // zeroGrad() would drop each .grad to the garbage collector (set to null); zeroing in place
    // keeps one gradient for the whole loop, as PyTorch's zero_grad(set_to_none=False).
    const step = (): void =>
      tg.tidy(() => {
        opt.zeroGrad({ setToNone: false });
        x.matmul(w).tanh().square().mean().backward();
        opt.step();
      });
    step();
    step();
    const before = tg.memory();
    for (let i = 0; i < 5; i++) step();
    const after = tg.memory();
    expect(after.tensors).toBe(before.tensors);
    expect(after.bytes).toBe(before.bytes);
    expect(after.poolReuses).toBeGreaterThan(before.poolReuses + 5);
  });
});

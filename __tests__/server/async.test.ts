// Promise variants compute off the event loop on the addon's own threads and give the same
// numbers as the synchronous ops; writes to tensors in flight are refused with STATE.
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';

describe('async ops', () => {
  test('same results as the synchronous ops, as functions and as methods', async () => {
    const a = tg.randn([64, 48], { dtype: 'float64' });
    const b = tg.randn([48, 32], { dtype: 'float64' });
    expectClose(flat(await tg.matmulAsync(a, b)), flat(a.matmul(b)), 0);
    expectClose(flat(await a.sumAsync(1)), flat(a.sum(1)), 0);
    expectClose(flat(await a.meanAsync()), flat(a.mean()), 0);
    expectClose(flat(await a.expAsync()), flat(a.exp()), 0);
    expectClose(flat(await tg.addAsync(a, 1)), flat(a.add(1)), 0);
    const { values, indices } = await a.maxAsync(1);
    expect(flat(values)).toEqual(flat(a.max(1).values));
    expect(flat(indices)).toEqual(flat(a.max(1).indices));
    expect(flat(await tg.catAsync([a, a], 0))).toEqual(flat(tg.cat([a, a], 0)));
    // small tensors too (the JS fast paths are bypassed while deferring)
    const s = tg.tensor([1, 2, 3]);
    expect(flat(await s.addAsync(s))).toEqual([2, 4, 6]);
    expect((await s.sumAsync()).item()).toBe(6);
  });

  test('autograd records through async ops', async () => {
    const x = tg.randn([10, 4], { requiresGrad: true });
    const w = tg.randn([4, 1], { requiresGrad: true });
    const y = await x.matmulAsync(w);
    const loss = await y.pow(2).meanAsync();
    loss.backward();
    const x2 = x.detach().requiresGrad_();
    const w2 = w.detach().requiresGrad_();
    x2.matmul(w2).pow(2).mean().backward();
    expectClose(flat(w.grad!), flat(w2.grad!), 1e-6);
  });

  test('the event loop keeps turning during a large product', async () => {
    // ones, not randn: random generation is slow inside jest's VM contexts, not in Node.
    const a = tg.ones([600, 600]);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let c = a;
    for (let i = 0; i < 4; i++) c = await a.matmulAsync(a);
    clearInterval(timer);
    expect(c.shape).toEqual([600, 600]);
    expect(c.narrow(0, 0, 1).narrow(1, 0, 1).item()).toBe(600);
    expect(ticks).toBeGreaterThan(0);
  });

  test("a tensor in flight cannot be written; errors reject with a TensorError and the caller's stack", async () => {
    const a = tg.randn([300, 300]);
    const p = a.matmulAsync(a);
    expectTensorError(() => a.add_(1), 'STATE', 'in use by a pending async operation');
    expectTensorError(() => a.dispose(), 'STATE');
    await p;
    a.add_(1); // allowed again
    let caught: unknown;
    try {
      await tg.matmulAsync(tg.ones([2, 3]), tg.ones([4, 5]));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(tg.TensorError);
    expect((caught as tg.TensorError).code).toBe('SHAPE');
    expect((caught as Error).stack).toContain('async.test');
  });

  test('x.data = y during an async op: the op ends by releasing the storage it marked, not y', async () => {
    const x = tg.randn([300, 300]);
    const expected = flat(x.matmul(x));
    const old = x.data; // shares the storage the op reads
    const y = tg.zeros([300, 300]);
    const p = x.matmulAsync(x);
    x.data = y; // allowed: the queued work keeps reading the old storage
    expectTensorError(() => old.add_(1), 'STATE', 'in use by a pending async operation');
    x.add_(1); // x writes to y's storage now, which the op does not read
    expect(flat(await p)).toEqual(expected);
    old.add_(1); // the old storage is free again
    expect(flat(y).every((v) => v === 1)).toBe(true);
    // y's storage was never marked, so it must not have been unmarked either: a later op marks it
    const q = y.matmulAsync(y);
    expectTensorError(() => y.add_(1), 'STATE', 'in use by a pending async operation');
    await q;
    y.add_(1);
  });
});

describe('fitAsync', () => {
  const gen = new tg.Generator().manualSeed(1);
  const w = tg.normal(0, 1, [8, 1], { generator: gen });
  const x = tg.normal(0, 1, [20000, 8], { generator: gen });
  const y = x.matmul(w).add(4.2);

  test('trains like fit while the event loop gets a turn every few batches', async () => {
    // Counted, not timed: a chain of setImmediate callbacks fires once per turn of the loop, and
    // each records how many batches ran since the last. fitAsync yields after ~1 ms of work, so a
    // turn comes every few batches (tens on a fast machine); a loop that yielded only at epoch ends
    // (or never) would run all 625 batches of an epoch in one turn. The wall clock of a loaded
    // machine does not enter: a slower batch only means fewer batches per turn.
    const model = new tg.models.LinearRegression(8, { generator: new tg.Generator().manualSeed(2) });
    let progress = 0;
    let seen = 0;
    let maxPerTurn = 0;
    let turns = 0;
    let training = true;
    const turn = (): void => {
      turns++;
      maxPerTurn = Math.max(maxPerTurn, progress - seen);
      seen = progress;
      if (training) setImmediate(turn);
    };
    setImmediate(turn);
    const opts = { epochs: 2, batchSize: 32, lr: 0.05 };
    const { losses } = await model.fitAsync(x, y, { ...opts, generator: new tg.Generator().manualSeed(3), onProgress: () => progress++ });
    training = false;
    expect(progress).toBe(2 * 625);
    expect(losses[0]).toBeLessThan(new tg.models.LinearRegression(8, { generator: new tg.Generator().manualSeed(2) }).loss(x, y) / 100);
    expect(maxPerTurn).toBeGreaterThan(0);
    // At most half an epoch per turn: ~1 ms of batches is 40-75 of them here, and more on a
    // faster machine, while a loop that never yields inside an epoch runs all 625 in one turn.
    expect(maxPerTurn).toBeLessThanOrEqual(625 / 2);
    expect(turns).toBeGreaterThanOrEqual(Math.ceil(progress / 150));
    const sync = new tg.models.LinearRegression(8, { generator: new tg.Generator().manualSeed(2) });
    const ref = sync.fit(x, y, { ...opts, generator: new tg.Generator().manualSeed(3) });
    expectClose(losses, ref.losses, 1e-5);
  });

  test('an AbortSignal stops it with STATE', async () => {
    const model = new tg.models.LinearRegression(8);
    const controller = new AbortController();
    const run = model.fitAsync(x, y, { epochs: 50, batchSize: 64, signal: controller.signal, onProgress: ({ batch }) => batch === 10 && controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'STATE', message: 'fitAsync: aborted' });
  });
});

describe('memory', () => {
  test('tg.memory counts live storages (of 64 KiB or more); dispose frees now and poisons the tensor', () => {
    const before = tg.memory();
    const t = tg.zeros([20000]);
    const v = t.view(200, 100);
    tg.zeros([16383]); // too small to be tracked
    expect(tg.memory().tensors).toBe(before.tensors + 1);
    expect(tg.memory().bytes).toBe(before.bytes + 80000);
    t.dispose();
    expect(tg.memory()).toMatchObject({ tensors: before.tensors, bytes: before.bytes });
    expect(t.isDisposed && v.isDisposed).toBe(true);
    expectTensorError(() => t.add(1), 'STATE', 'disposed');
    expectTensorError(() => v.sum(), 'STATE', 'disposed');
    expectTensorError(() => t.item(), 'STATE');
    expect(String(t)).toBe('tensor(<disposed>, shape=[20000])');
  });

  test('fromArray shares memory with a (Shared)ArrayBuffer', () => {
    const shared = new Float32Array(new SharedArrayBuffer(16));
    const t = tg.fromArray(shared, { shape: [2, 2] });
    t.add_(1);
    expect(Array.from(shared)).toEqual([1, 1, 1, 1]);
    shared[3] = 5;
    expect(t.max().item()).toBe(5);
  });
});

describe('optim.trainAsync', () => {
  test('runs steps over a DataLoader and can be aborted', async () => {
    const x = tg.randn([256, 3]);
    const y = x.matmul(tg.tensor([[1], [-2], [0.5]]));
    const model = new tg.nn.Linear(3, 1);
    const opt = new tg.optim.SGD(model.parameters(), { lr: 0.1 });
    const loader = new tg.data.DataLoader(new tg.data.TensorDataset(x, y), { batchSize: 32, shuffle: true });
    const lossOf = () => tg.nn.functional.mseLoss(model.forward(x), y).item();
    const before = lossOf();
    let epochs = 0;
    await tg.optim.trainAsync(
      loader,
      ([xb, yb]) => {
        opt.zeroGrad();
        tg.nn.functional.mseLoss(model.forward(xb), yb).backward();
        opt.step();
      },
      { epochs: 20, onEpoch: () => void epochs++ },
    );
    expect(epochs).toBe(20);
    expect(lossOf()).toBeLessThan(before / 100);
    const controller = new AbortController();
    controller.abort();
    await expect(tg.optim.trainAsync(loader, () => undefined, { signal: controller.signal })).rejects.toMatchObject({ code: 'STATE' });
  });
});

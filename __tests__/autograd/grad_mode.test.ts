import { AsyncLocalStorage } from 'async_hooks';
import * as tg from '../../lib';

const x = () => tg.ones([1], { requiresGrad: true });

describe('grad mode', () => {
  test('noGrad and enableGrad nest and return the result', () => {
    expect(tg.isGradEnabled()).toBe(true);
    const r = tg.noGrad(() => {
      expect(tg.isGradEnabled()).toBe(false);
      const inner = tg.enableGrad(() => x().mul(2));
      expect(inner.requiresGrad).toBe(true);
      return x().mul(2);
    });
    expect(r.requiresGrad).toBe(false);
    expect(tg.isGradEnabled()).toBe(true);
  });

  test('noGrad over an async function holds across its awaits and returns its promise', async () => {
    const p = tg.noGrad(async () => {
      await new Promise((res) => setTimeout(res, 5));
      return x().mul(2).requiresGrad;
    });
    expect(p).toBeInstanceOf(Promise);
    expect(tg.isGradEnabled()).toBe(true);
    expect(await p).toBe(false);
  });

  test('the mode does not leak into concurrent requests', async () => {
    const log: string[] = [];
    const request = async (name: string, off: boolean) => {
      const body = async () => {
        for (let i = 0; i < 3; i++) {
          await new Promise((res) => setTimeout(res, 2 + (i % 2)));
          log.push(`${name}:${tg.isGradEnabled()}`);
        }
      };
      return off ? tg.noGrad(body) : body();
    };
    await Promise.all([request('a', true), request('b', false), request('c', true)]);
    for (const entry of log) {
      expect(entry).toBe(entry.startsWith('b') ? 'b:true' : `${entry[0]}:false`);
    }
  });

  test('setGradEnabled sets the mode for the current async context and what it starts', async () => {
    await (async () => {
      tg.setGradEnabled(false);
      expect(tg.isGradEnabled()).toBe(false);
      await new Promise((res) => setTimeout(res, 1));
      expect(tg.isGradEnabled()).toBe(false);
      expect(x().mul(2).requiresGrad).toBe(false);
      tg.setGradEnabled(true);
    })();
  });

  test('setGradEnabled takes effect at once, after the mode was read in the same callback', async () => {
    await (async () => {
      await new Promise((res) => setImmediate(res)); // a callback of its own
      expect(tg.isGradEnabled()).toBe(true);
      expect(x().mul(2).requiresGrad).toBe(true);
      tg.setGradEnabled(false);
      expect(tg.isGradEnabled()).toBe(false);
      expect(x().mul(2).requiresGrad).toBe(false);
      tg.setGradEnabled(true);
      expect(x().mul(2).requiresGrad).toBe(true);
    })();
  });

  test('setGradEnabled inside a scope holds until the scope ends, before and after an await', async () => {
    tg.enableGrad(() => {
      tg.setGradEnabled(false);
      expect(tg.isGradEnabled()).toBe(false);
      expect(x().mul(2).requiresGrad).toBe(false);
    });
    expect(tg.isGradEnabled()).toBe(true);
    const seen = await tg.noGrad(async () => {
      const before = tg.isGradEnabled();
      await new Promise((res) => setTimeout(res, 1));
      tg.setGradEnabled(true); // in the continuation: the async context's mode
      await new Promise((res) => setTimeout(res, 1));
      return [before, tg.isGradEnabled()];
    });
    expect(seen).toEqual([false, true]);
    expect(tg.isGradEnabled()).toBe(true);
  });

  test('a callback scheduled inside noGrad runs in the mode of its own async context', async () => {
    const inner = await new Promise<boolean>((resolve) => {
      tg.noGrad(() => setImmediate(() => resolve(tg.isGradEnabled())));
    });
    expect(inner).toBe(false); // started from the noGrad context, as AsyncLocalStorage carries it
    const outside = await new Promise<boolean>((resolve) => setImmediate(() => resolve(tg.isGradEnabled())));
    expect(outside).toBe(true);
  });

  test('hooks run in the engine mode: no recording unless createGraph', () => {
    const modes: boolean[] = [];
    const a = x();
    a.registerHook(() => void modes.push(tg.isGradEnabled()));
    a.mul(3).sum().backward();
    a.mul(3).sum().backward({ createGraph: true });
    expect(modes).toEqual([false, true]);
    expect(tg.isGradEnabled()).toBe(true);
  });

  test("the library's own scopes keep to the stack: training never enters the async context", () => {
    // Entering an AsyncLocalStorage turns on Node's promise hooks for the whole process (every
    // later await costs more), so only the public noGrad/enableGrad/setGradEnabled may do it.
    const run = jest.spyOn(AsyncLocalStorage.prototype, 'run');
    const enterWith = jest.spyOn(AsyncLocalStorage.prototype, 'enterWith');
    try {
      const gen = new tg.Generator().manualSeed(1);
      const xs = tg.randn([40, 2], { generator: gen });
      const ys = xs.matmul(tg.tensor([[2], [-3.4]])).add(4.2);
      const lr = new tg.models.LinearRegression(2, { generator: gen });
      lr.fit(xs, ys, { epochs: 2, batchSize: 10, generator: gen });
      lr.predict(xs);
      const net = new tg.nn.Sequential(new tg.nn.Linear(2, 3), new tg.nn.Dropout(0.5), new tg.nn.Linear(3, 1));
      const opt = new tg.optim.Adam(net.parameters(), { lr: 0.01 });
      tg.nn.functional.mseLoss(net.forward(xs), ys).backward();
      opt.step();
      opt.zeroGrad();
      tg.nn.utils.clipGradNorm_(net.parameters(), 1);
      expect(run).not.toHaveBeenCalled();
      expect(enterWith).not.toHaveBeenCalled();
      // An optimizer's closure runs with grad on, even from inside a noGrad block's mode.
      const closureModes: boolean[] = [];
      const closure = () => {
        closureModes.push(tg.isGradEnabled());
        opt.zeroGrad();
        const l = tg.nn.functional.mseLoss(net.forward(xs), ys);
        l.backward();
        return l;
      };
      tg.setGradEnabled(false);
      try {
        expect(opt.step(closure)!.requiresGrad).toBe(true);
      } finally {
        tg.setGradEnabled(true);
      }
      expect(closureModes).toEqual([true]);
      // Only the two public setGradEnabled calls entered it: the step and its closure did not.
      expect(run).not.toHaveBeenCalled();
      expect(enterWith).toHaveBeenCalledTimes(2);
      tg.noGrad(() => xs.add(1)); // the public scope: it carries the mode across awaits
      expect(run).toHaveBeenCalledTimes(1);
    } finally {
      run.mockRestore();
      enterWith.mockRestore();
    }
  });

  test("inside the engine's scope setGradEnabled holds until backward ends; later callbacks run in the caller's mode", async () => {
    const seen: boolean[] = [];
    let later: Promise<boolean> | undefined;
    const a = x();
    a.registerHook(() => {
      seen.push(tg.isGradEnabled());
      // Scheduled while the engine's mode (off) holds: it runs later, in the caller's mode (on).
      later = new Promise((resolve) => setImmediate(() => resolve(tg.isGradEnabled())));
      tg.setGradEnabled(true);
      seen.push(
        tg.isGradEnabled(),
        tg.noGrad(() => tg.isGradEnabled()),
        tg.isGradEnabled(),
      );
    });
    a.mul(3).sum().backward();
    expect(seen).toEqual([false, true, false, true]);
    expect(tg.isGradEnabled()).toBe(true);
    expect(await later).toBe(true);
    // Inside a public noGrad the engine's scope ends back in noGrad's mode, across an await.
    const loss = x().mul(2).sum();
    const after = await tg.noGrad(async () => {
      loss.backward();
      const sync = tg.isGradEnabled();
      await new Promise((res) => setImmediate(res));
      return [sync, tg.isGradEnabled()];
    });
    expect(after).toEqual([false, false]);
    expect(tg.isGradEnabled()).toBe(true);
  });

  test('a non-function or non-boolean is an ARGUMENT error', () => {
    expect(() => tg.noGrad(5 as never)).toThrow(tg.TensorError);
    expect(() => tg.setGradEnabled('yes' as never)).toThrow(tg.TensorError);
  });
});

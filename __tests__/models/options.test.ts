// Every option of fit, fitAsync, trainAsync, DataLoader and dataIter is checked: a bad value is
// an ARGUMENT TensorError before any work, thrown by the synchronous APIs and a rejection (never
// a synchronous throw, never a Promise that does not settle) from the async ones.
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';

const TIMEOUT = Symbol('timeout');

/** The Promise's outcome, or TIMEOUT if it has not settled within `ms` (then `onTimeout` runs). */
async function settle(p: Promise<unknown>, ms = 3000, onTimeout?: () => void): Promise<{ value?: unknown; error?: unknown } | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => {
      onTimeout?.();
      resolve(TIMEOUT);
    }, ms);
  });
  try {
    return await Promise.race([
      p.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const data = () => {
  const gen = new tg.Generator().manualSeed(0);
  const x = tg.normal(0, 1, [20, 2], { generator: gen });
  return { x, y: x.sum(1, true) };
};

const badFitOptions: [string, Record<string, unknown>][] = [
  ['batchSize 0', { batchSize: 0 }],
  ['batchSize -1', { batchSize: -1 }],
  ['batchSize 1.5', { batchSize: 1.5 }],
  ['batchSize NaN', { batchSize: NaN }],
  ['batchSize Infinity', { batchSize: Infinity }],
  ["batchSize '10'", { batchSize: '10' }],
  ['epochs -1', { epochs: -1 }],
  ['epochs 1.5', { epochs: 1.5 }],
  ['epochs Infinity', { epochs: Infinity }],
  ['lr NaN', { lr: NaN }],
  ['lr Infinity', { lr: Infinity }],
  ['lr -1', { lr: -1 }],
  ["lr '0.1'", { lr: '0.1' }],
  ["optimizer 'lbfgs'", { optimizer: 'lbfgs' }],
  ["shuffle 'yes'", { shuffle: 'yes' }],
  ['generator {}', { generator: {} }],
  ['onEpoch 5', { onEpoch: 5 }],
  ['onProgress 5', { onProgress: 5 }],
  ['signal {}', { signal: {} }],
];

describe('LinearRegression options', () => {
  test.each(badFitOptions)('fit with %s throws ARGUMENT before training', (_, opts) => {
    const { x, y } = data();
    const model = new tg.models.LinearRegression(2);
    const before = model.weight.toArray();
    expectTensorError(() => model.fit(x, y, opts), 'ARGUMENT');
    expect(model.weight.toArray()).toEqual(before);
  });

  test.each(badFitOptions)('fitAsync with %s rejects with ARGUMENT (no synchronous throw, no hang)', async (_, opts) => {
    const { x, y } = data();
    const model = new tg.models.LinearRegression(2);
    const controller = new AbortController();
    let promise!: Promise<unknown>;
    expect(() => {
      promise = model.fitAsync(x, y, { signal: controller.signal, ...opts });
    }).not.toThrow();
    const outcome = await settle(promise, 3000, () => controller.abort());
    expect(outcome).not.toBe(TIMEOUT);
    const { error } = outcome as { error?: unknown };
    expect(error).toBeInstanceOf(tg.TensorError);
    expect((error as tg.TensorError).code).toBe('ARGUMENT');
  });

  test('a non-object options argument is ARGUMENT; null means none', async () => {
    const { x, y } = data();
    const model = new tg.models.LinearRegression(2);
    expectTensorError(() => model.fit(x, y, 5 as never), 'ARGUMENT', 'options must be an object');
    await expect(model.fitAsync(x, y, 'fast' as never)).rejects.toMatchObject({ code: 'ARGUMENT' });
    expect(model.fit(x, y, null as never).losses).toHaveLength(10);
  });

  test('fitAsync with an already aborted signal rejects with STATE at once', async () => {
    const { x, y } = data();
    const controller = new AbortController();
    controller.abort();
    let batches = 0;
    await expect(new tg.models.LinearRegression(2).fitAsync(x, y, { signal: controller.signal, onProgress: () => batches++ })).rejects.toMatchObject({
      code: 'STATE',
    });
    expect(batches).toBe(0);
  });
});

describe('data and trainAsync options', () => {
  const ds = () => new tg.data.TensorDataset(tg.arange(10).reshape([5, 2]), tg.arange(5));

  test('dataIter checks its arguments when called', () => {
    const { x, y } = data();
    expectTensorError(() => tg.data.dataIter(x, y, 0), 'ARGUMENT', 'batchSize must be a positive integer');
    expectTensorError(() => tg.data.dataIter(x, y, 2, { shuffle: 'no' as never }), 'ARGUMENT', 'shuffle must be a boolean');
    expectTensorError(() => tg.data.dataIter(x, y, 2, { generator: {} as never }), 'ARGUMENT', 'generator must be a tg.Generator');
    expectTensorError(() => tg.data.dataIter(x, y, 2, 7 as never), 'ARGUMENT', 'options must be an object');
  });

  test('DataLoader checks every option and the dataset', () => {
    expectTensorError(() => new tg.data.DataLoader(ds(), { batchSize: 0 }), 'ARGUMENT', 'batch_size should be a positive integer');
    expectTensorError(() => new tg.data.DataLoader(ds(), { batchSize: '2' as never }), 'ARGUMENT', 'batch_size should be a positive integer');
    expectTensorError(() => new tg.data.DataLoader(ds(), { shuffle: 1 as never }), 'ARGUMENT', 'shuffle must be a boolean');
    expectTensorError(() => new tg.data.DataLoader(ds(), { dropLast: 'yes' as never }), 'ARGUMENT', 'dropLast must be a boolean');
    expectTensorError(() => new tg.data.DataLoader(ds(), { generator: 42 as never }), 'ARGUMENT', 'generator must be a tg.Generator');
    for (const length of [Infinity, NaN, -1, 2.5]) {
      expectTensorError(() => new tg.data.DataLoader({ length, get: () => [] }), 'ARGUMENT', 'dataset.length must be a non-negative integer');
    }
    const odd = new tg.data.DataLoader({ length: 2, get: () => 'row' as never }, { batchSize: 2 });
    expectTensorError(() => [...odd], 'ARGUMENT', 'must return a non-empty array of Tensors');
    expectTensorError(() => tg.data.randomSplit(ds(), [2, 3], { generator: 'seed' as never }), 'ARGUMENT', 'generator must be a tg.Generator');
  });

  test('trainAsync rejects bad options (no synchronous throw) and settles', async () => {
    const loader = new tg.data.DataLoader(ds(), { batchSize: 2 });
    for (const opts of [{ epochs: Infinity }, { epochs: -1 }, { epochs: 1.5 }, { signal: {} }, { onEpoch: 'log' }, 3]) {
      let p!: Promise<void>;
      expect(() => {
        p = tg.optim.trainAsync(loader, () => undefined, opts as never);
      }).not.toThrow();
      const outcome = await settle(p);
      expect(outcome).not.toBe(TIMEOUT);
      expect((outcome as { error?: tg.TensorError }).error).toMatchObject({ code: 'ARGUMENT' });
    }
    let steps = 0;
    const controller = new AbortController();
    controller.abort();
    await expect(tg.optim.trainAsync(loader, () => steps++, { signal: controller.signal })).rejects.toMatchObject({ code: 'STATE' });
    expect(steps).toBe(0);
  });
});

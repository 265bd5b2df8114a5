import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';

/** The tutorial's data: y = Xw + 4.2 + N(0, 0.01), w ~ N(0, 1). */
function synthetic(seed: number, n = 1000, k = 2) {
  const gen = new tg.Generator().manualSeed(seed);
  const w = tg.normal(0, 1, [k, 1], { generator: gen });
  const x = tg.normal(0, 1, [n, k], { generator: gen });
  const y = x
    .matmul(w)
    .add(4.2)
    .add(tg.normal(0, 0.01, [n, 1], { generator: gen }));
  return { gen, w, x, y };
}

describe('LinearRegression', () => {
  test('the tutorial settings end where PyTorch ends: w close, b 0.02-0.03 short', () => {
    for (const seed of [1, 2, 3]) {
      const { gen, w, x, y } = synthetic(seed);
      const model = new tg.models.LinearRegression(2, { generator: gen });
      const { losses } = model.fit(x, y, { epochs: 10, batchSize: 100, lr: 0.05, generator: gen });
      expect(losses).toHaveLength(10);
      for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
      const learned = Array.from(model.weight.dataSync());
      Array.from(w.dataSync()).forEach((v, i) => expect(Math.abs(learned[i] - v)).toBeLessThan(0.015));
      const bShort = 4.2 - model.bias!.item();
      expect(bShort).toBeGreaterThan(0.015);
      expect(bShort).toBeLessThan(0.035);
    }
  });

  test('30 epochs recover w and b within 0.002', () => {
    const { gen, w, x, y } = synthetic(9);
    const model = new tg.models.LinearRegression(2, { generator: gen });
    model.fit(x, y, { epochs: 30, batchSize: 100, lr: 0.05, generator: gen });
    const learned = Array.from(model.weight.dataSync());
    Array.from(w.dataSync()).forEach((v, i) => expect(Math.abs(learned[i] - v)).toBeLessThan(0.002));
    expect(Math.abs(model.bias!.item() - 4.2)).toBeLessThan(0.002);
    expect(model.score(x, y)).toBeGreaterThan(0.999);
  });

  test('fitClosedForm solves least squares exactly; Adam converges; save/load round trip', () => {
    const x = tg.tensor([
      [1, 2],
      [2, 0],
      [3, 1],
      [0, 4],
      [5, 5],
    ]);
    const y = x.matmul(tg.tensor([[1.5], [-0.5]])).add(2); // noise-free: the exact solution is known
    const exact = new tg.models.LinearRegression(2).fitClosedForm(x, y);
    expect(Array.from(exact.weight.dataSync()).map((v) => +v.toFixed(5))).toEqual([1.5, -0.5]);
    expect(+exact.bias!.item().toFixed(5)).toBe(2);
    expect(exact.score(x, y)).toBeCloseTo(1, 6);
    expect(() =>
      new tg.models.LinearRegression(2).fitClosedForm(
        tg.tensor([
          [1, 2],
          [2, 4],
          [3, 6],
        ]),
        tg.ones([3]),
      ),
    ).toThrow(/linearly dependent/);

    const { gen, w, x: xs, y: ys } = synthetic(4);
    const adam = new tg.models.LinearRegression(2, { generator: gen });
    adam.fit(xs, ys, { epochs: 40, batchSize: 100, lr: 0.1, optimizer: 'adam', generator: gen });
    Array.from(w.dataSync()).forEach((v, i) => expect(Math.abs(adam.weight.dataSync()[i] - v)).toBeLessThan(0.01));

    const file = path.join(os.tmpdir(), `tg-lr-${process.pid}.safetensors`);
    adam.save(file);
    const back = tg.models.LinearRegression.load(file);
    expect(Array.from(back.weight.dataSync())).toEqual(Array.from(adam.weight.dataSync()));
    expect(back.bias!.item()).toBe(adam.bias!.item());
    fs.unlinkSync(file);
  });

  test('shapes are checked', () => {
    const model = new tg.models.LinearRegression(3);
    expectTensorError(() => model.predict(tg.ones([4, 2])), 'SHAPE', 'expected x of shape [n, 3], got [4, 2]');
    expectTensorError(() => model.fit(tg.ones([4, 3]), tg.ones([5])), 'SHAPE');
    expectTensorError(() => model.fit(tg.ones([4, 3]), tg.ones([4]), { optimizer: 'rmsprop' as never }), 'ARGUMENT');
  });
});

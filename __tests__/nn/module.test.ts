import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

describe('nn.Module, Linear, Sequential', () => {
  test("PyTorch's key names and parameter order", () => {
    const model = new tg.nn.Sequential(new tg.nn.Linear(3, 4), new tg.nn.ReLU(), new tg.nn.Linear(4, 1, { bias: false }));
    expect(model.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['0.weight', [4, 3]],
      ['0.bias', [4]],
      ['2.weight', [1, 4]],
    ]);
    expect(Object.keys(model.stateDict())).toEqual(['0.weight', '0.bias', '2.weight']);
    expect(model.parameters().every((p) => p.requiresGrad && p.isLeaf)).toBe(true);
  });

  test('Linear init follows U(-1/sqrt(in), 1/sqrt(in)): range, mean and variance', () => {
    const inF = 64;
    const lin = new tg.nn.Linear(inF, 256, { generator: new tg.Generator().manualSeed(3) });
    const w = flat(lin.weight);
    const bound = 1 / Math.sqrt(inF);
    expect(Math.max(...w)).toBeLessThanOrEqual(bound);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-bound);
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const variance = w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(0.01 * bound * 10);
    expect(Math.abs(variance / ((bound * bound) / 3) - 1)).toBeLessThan(0.05);
    expect(flat(lin.bias!).every((v) => Math.abs(v) <= bound)).toBe(true);
  });

  test('forward is x W^T + b, and a small network learns', () => {
    const lin = new tg.nn.Linear(2, 1);
    tg.noGrad(() => {
      lin.weight.copy_(tg.tensor([[2, -1]]));
      lin.bias!.copy_(tg.tensor([0.5]));
    });
    expect(
      flat(
        lin.forward(
          tg.tensor([
            [1, 1],
            [0, 2],
          ]),
        ),
      ),
    ).toEqual([1.5, -1.5]);

    const gen = new tg.Generator().manualSeed(0);
    const x = tg.rand([256, 2], { generator: gen }).mul(4).sub(2);
    const y = x.pow(2).sum(1, true); // a non-linear target
    const net = new tg.nn.Sequential(new tg.nn.Linear(2, 32, { generator: gen }), new tg.nn.Tanh(), new tg.nn.Linear(32, 1, { generator: gen }));
    const opt = new tg.optim.Adam(net.parameters(), { lr: 0.02 });
    const lossFn = new tg.nn.MSELoss();
    const first = lossFn.forward(net.forward(x), y).item();
    let last = first;
    for (let i = 0; i < 300; i++) {
      opt.zeroGrad();
      const loss = lossFn.forward(net.forward(x), y);
      loss.backward();
      opt.step();
      last = loss.item();
    }
    expect(last).toBeLessThan(first / 20);
  });

  test('loadStateDict copies by name and checks names and shapes', () => {
    const a = new tg.nn.Linear(3, 2);
    const b = new tg.nn.Linear(3, 2);
    b.loadStateDict(a.stateDict());
    expect(flat(b.weight)).toEqual(flat(a.weight));
    expect(b.weight.isLeaf).toBe(true);
    expectTensorError(
      () => b.loadStateDict({ weight: a.weight }),
      'ARGUMENT',
      'Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "bias". ',
    );
    expectTensorError(() => b.loadStateDict({ weight: tg.zeros([2, 4]), bias: a.bias! }), 'SHAPE', 'size mismatch for weight');
  });

  test('train/eval and zeroGrad reach every child', () => {
    const model = new tg.nn.Sequential(new tg.nn.Linear(2, 2), new tg.nn.Sigmoid());
    model.eval();
    expect(model.training).toBe(false);
    expect(model[0].training).toBe(false);
    model
      .forward(tg.ones([1, 2]))
      .sum()
      .backward();
    expect(model.parameters().every((p) => p.grad !== null)).toBe(true);
    model.zeroGrad();
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
  });
});

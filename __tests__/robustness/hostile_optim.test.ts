// Optimizers attacked as a hostile user would: malformed state dicts, group options rewritten
// after construction, params that are not iterable. Each must give a TensorError before any
// parameter or buffer changes, never a TypeError or parameters turned into NaN.
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

type Make = (p: tg.Tensor[]) => tg.optim.Optimizer;
const OPTIMIZERS: [string, Make, string][] = [
  ['SGD', (p) => new tg.optim.SGD(p, { lr: 0.1, momentum: 0.9 }), 'momentum_buffer'],
  ['Adam', (p) => new tg.optim.Adam(p, { lr: 0.1, amsgrad: true }), 'exp_avg'],
  ['AdamW', (p) => new tg.optim.AdamW(p, { lr: 0.1 }), 'exp_avg_sq'],
  ['RMSprop', (p) => new tg.optim.RMSprop(p, { lr: 0.1, momentum: 0.9, centered: true }), 'square_avg'],
  ['Adagrad', (p) => new tg.optim.Adagrad(p, { lr: 0.1 }), 'sum'],
  ['Adamax', (p) => new tg.optim.Adamax(p, { lr: 0.1 }), 'exp_inf'],
  ['NAdam', (p) => new tg.optim.NAdam(p, { lr: 0.1 }), 'exp_avg_sq'],
  ['RAdam', (p) => new tg.optim.RAdam(p, { lr: 0.1 }), 'exp_avg'],
];

/** An optimizer over one [3] parameter after one step, and its state dict. */
function stepped(make: Make): { p: tg.Tensor; opt: tg.optim.Optimizer; sd: tg.optim.OptimizerStateDict } {
  const p = tg.tensor([1, -2, 3], { requiresGrad: true });
  const opt = make([p]);
  p.grad = tg.tensor([0.5, 0.25, -1]);
  opt.step();
  return { p, opt, sd: opt.stateDict() };
}

describe.each(OPTIMIZERS)('%s.loadStateDict with a hostile state', (name, make, buffer) => {
  const bad: [string, unknown][] = [
    ['a number', 5],
    ['a string', 'x'],
    ['a 0-d tensor', tg.tensor(1)],
    ['a tensor of another shape', tg.ones([1, 3])],
    ['a plain object shaped like a tensor', { shape: [3], dtype: 'float32' }],
  ];
  test.each(bad)(`${buffer} as %s is ARGUMENT, and the optimizer still steps as before`, (_, value) => {
    const { p, opt, sd } = stepped(make);
    const ref = stepped(make);
    (sd.state[0] as Record<string, unknown>)[buffer] = value;
    expectTensorError(() => opt.loadStateDict(sd), 'ARGUMENT', new RegExp(`${name}\\.loadStateDict: .*${buffer}.* parameter 0`));
    for (const q of [p, ref.p]) q.grad = tg.tensor([1, 1, 1]);
    opt.step();
    ref.opt.step();
    expect(flat(p)).toEqual(flat(ref.p));
  });

  if (name !== 'SGD') {
    test.each<[string, unknown]>([
      ['NaN', NaN],
      ['negative', -5],
      ['a string', '3'],
      ['null', null],
      ['a tensor of three elements', tg.tensor([3, 4, 5])],
      ['an empty tensor', tg.tensor([])],
    ])('step as %s is ARGUMENT', (_, value) => {
      const { opt, sd } = stepped(make);
      (sd.state[0] as Record<string, unknown>).step = value;
      expectTensorError(() => opt.loadStateDict(sd), 'ARGUMENT', /step/);
    });

    test('an entry without its buffers or step is ARGUMENT; an empty entry restarts the parameter as PyTorch does', () => {
      const { opt, sd } = stepped(make);
      delete (sd.state[0] as Record<string, unknown>).step;
      expectTensorError(() => opt.loadStateDict(sd), 'ARGUMENT', /has no step/);
      const restarted = stepped(make);
      restarted.sd.state[0] = {};
      restarted.opt.loadStateDict(restarted.sd);
      // from no state, as a new optimizer over the same values
      const ref = restarted.p.detach().clone().requiresGrad_();
      const refOpt = make([ref]);
      for (const q of [restarted.p, ref]) q.grad = tg.tensor([0.5, 0.25, -1]);
      restarted.opt.step();
      refOpt.step();
      expect(flat(restarted.p)).toEqual(flat(ref));
    });
  }

  test('a state key that is not a canonical index is ARGUMENT', () => {
    for (const key of ['', ' 0', '0.0', '__proto__']) {
      const { opt, sd } = stepped(make);
      const state = {} as Record<number, tg.optim.ParamState>;
      Object.defineProperty(state, key, { value: sd.state[0], enumerable: true });
      expectTensorError(() => opt.loadStateDict({ ...sd, state }), 'ARGUMENT', /names no parameter/);
    }
  });

  test('an option written into a group after construction is checked at the step, before any write; a negative lr steps as in PyTorch', () => {
    const { p, opt } = stepped(make);
    const before = flat(p);
    p.grad = tg.ones([3]);
    for (const lr of ['x', NaN, undefined]) {
      opt.paramGroups[0].lr = lr as unknown as number;
      expectTensorError(() => opt.step(), 'ARGUMENT', `${name}.step: the group's lr is ${String(lr)}, expected a number`);
    }
    opt.paramGroups[0].lr = 0.1;
    opt.paramGroups[0].weightDecay = '0';
    expectTensorError(() => opt.step(), 'ARGUMENT', `${name}.step: the group's weight_decay is 0, expected a number`);
    expect(flat(p)).toEqual(before);
    opt.paramGroups[0].weightDecay = 0;
    // PyTorch checks lr >= 0 at construction only: a scheduler may drive it negative
    opt.paramGroups[0].lr = -0.1;
    expect(() => opt.step()).not.toThrow();
    const q = tg.tensor([1, 2], { requiresGrad: true });
    const sgd = new tg.optim.SGD([q], { lr: 0.5 });
    sgd.paramGroups[0].lr = -0.5;
    q.grad = tg.tensor([1, -2]);
    sgd.step();
    expect(flat(q)).toEqual([1.5, 1]);
  });
});

describe('optimizer params', () => {
  test("a group's params that are not iterable are ARGUMENT (PyTorch's TypeError), an empty list is accepted", () => {
    const p = tg.zeros([2], { requiresGrad: true });
    for (const params of [5, true, 'ab'])
      expectTensorError(
        () => new tg.optim.SGD([{ params: params as unknown as tg.Tensor[] }], { lr: 0.1 }),
        'ARGUMENT',
        /params must be a Tensor or an iterable/,
      );
    const opt = new tg.optim.SGD([{ params: [p] }], { lr: 0.1 });
    expectTensorError(() => opt.addParamGroup({ params: null as unknown as tg.Tensor[] }), 'ARGUMENT', /params must be a Tensor or an iterable/);
    opt.addParamGroup({ params: [] });
    expect(opt.paramGroups.map((g) => g.params.length)).toEqual([1, 0]);
  });

  test('a message names a tensor by its dtype and shape', () => {
    const { opt, sd } = stepped(OPTIMIZERS[1][1]);
    (sd.state[0] as Record<string, unknown>).step = tg.tensor([3, 4]);
    expectTensorError(() => opt.loadStateDict(sd), 'ARGUMENT', 'got a float32 tensor of shape [2]');
  });
});

test('flags that are not booleans are ARGUMENT at construction (amsgrad was kept and read as false)', () => {
  const p = (): tg.Tensor => tg.zeros([2], { requiresGrad: true });
  expectTensorError(() => new tg.optim.Adam([p()], { amsgrad: 'yes' as never }), 'ARGUMENT', 'Adam: amsgrad must be a boolean, got yes');
  expectTensorError(() => new tg.optim.AdamW([p()], { amsgrad: 1 as never }), 'ARGUMENT', 'AdamW: amsgrad must be a boolean, got 1');
  expectTensorError(
    () => new tg.optim.SGD([p()], { lr: 0.1, momentum: 0.9, nesterov: 'yes' as never }),
    'ARGUMENT',
    'SGD: nesterov must be a boolean, got yes',
  );
});

// lrScheduler beyond the recorded sequences: the warning-free order, state dict round trips with
// the optimizer, lrs written by hand, cycled Adam betas, PyTorch's validation messages.
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';
import { FIXTURE } from './lr_scheduler_fixture';

const S = tg.optim.lrScheduler;
const param = (v: number[] = [1, -2, 3]): tg.Tensor => tg.tensor(v, { dtype: 'float64', requiresGrad: true });
const sgd = (lr = 0.1, extra: Partial<tg.optim.SGDOptions> = {}): tg.optim.SGD => new tg.optim.SGD([param()], { lr, ...extra });

function lossStep(p: tg.Tensor, opt: tg.optim.Optimizer): void {
  p.mul(p).sum().backward();
  opt.step();
  opt.zeroGrad();
}

describe('the order of optimizer.step() and scheduler.step()', () => {
  let spy: jest.SpyInstance;
  beforeEach(() => (spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined)));
  afterEach(() => spy.mockRestore());

  test('optimizer.step() then scheduler.step() warns nothing', () => {
    const p = param();
    const opt = new tg.optim.SGD([p], { lr: 0.1, momentum: 0.9 });
    const sched = new S.StepLR(opt, { stepSize: 2 });
    for (let i = 0; i < 5; i++) {
      lossStep(p, opt);
      sched.step();
    }
    expect(spy).not.toHaveBeenCalled();
    expect(sched.getLastLr()[0]).toBe(0.1 * 0.1 * 0.1);
  });

  test("scheduler.step() first gives PyTorch's warning, once", () => {
    const opt = sgd();
    const sched = new S.ExponentialLR(opt, { gamma: 0.5 });
    sched.step();
    sched.step();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(String(spy.mock.calls[0][0])).toMatch(/Detected call of `lr_scheduler.step\(\)` before `optimizer.step\(\)`/);
  });
});

describe('state dicts', () => {
  test('optimizer + scheduler state dicts resume the same sequence and the same parameters (AdamW + OneCycleLR)', () => {
    const run = (p: tg.Tensor, opt: tg.optim.Optimizer, sched: tg.optim.lrScheduler.OneCycleLR, n: number): number[][] => {
      const out: number[][] = [];
      for (let i = 0; i < n; i++) {
        lossStep(p, opt);
        sched.step();
        out.push([...sched.getLastLr(), (opt.paramGroups[0].betas as number[])[0], ...flat(p)]);
      }
      return out;
    };
    const p = param();
    const opt = new tg.optim.AdamW([p], { lr: 0.01 });
    const sched = new S.OneCycleLR(opt, { maxLr: 0.05, totalSteps: 30 });
    run(p, opt, sched, 12);
    const optState = opt.stateDict();
    const schedState = sched.stateDict();
    const p2 = param(flat(p));
    const rest = run(p, opt, sched, 18);

    const opt2 = new tg.optim.AdamW([p2], { lr: 0.01 });
    const sched2 = new S.OneCycleLR(opt2, { maxLr: 0.05, totalSteps: 30 });
    opt2.loadStateDict(optState);
    sched2.loadStateDict(schedState);
    expect(sched2.lastEpoch).toBe(12);
    expect(run(p2, opt2, sched2, 18)).toEqual(rest);
  });

  test("the optimizer's state dict holds the scheduler's group keys in PyTorch's spelling", () => {
    const opt = new tg.optim.SGD([param()], { lr: 0.1, momentum: 0.9 });
    new S.OneCycleLR(opt, { maxLr: 0.2, totalSteps: 10 });
    const g = opt.stateDict().param_groups[0];
    expect(g).toMatchObject({ initial_lr: 0.2 / 25, max_lr: 0.2, min_lr: 0.2 / 25 / 1e4, max_momentum: 0.95, base_momentum: 0.85, momentum: 0.95 });
    expect(opt.paramGroups[0].initialLr).toBe(0.2 / 25);
  });

  test('SequentialLR and ChainedScheduler nest the state dicts of their schedulers', () => {
    const make = () => {
      const opt = sgd();
      const s = new S.SequentialLR(opt, { schedulers: [new S.LinearLR(opt, { totalIters: 3 }), new S.ExponentialLR(opt, { gamma: 0.8 })], milestones: [3] });
      return { opt, s };
    };
    const a = make();
    for (let i = 0; i < 5; i++) a.s.step();
    const sd = a.s.stateDict();
    expect((sd._schedulers as unknown[]).length).toBe(2);
    const b = make();
    b.s.loadStateDict(sd);
    b.opt.paramGroups[0].lr = a.opt.paramGroups[0].lr;
    for (let i = 0; i < 6; i++) {
      a.s.step();
      b.s.step();
      expect(b.s.getLastLr()).toEqual(a.s.getLastLr());
    }
  });

  test('ReduceLROnPlateau resumes from a state dict passed through JSON (an infinite best becomes null)', () => {
    const make = () => {
      const opt = sgd();
      return { opt, s: new S.ReduceLROnPlateau(opt, { mode: 'max', patience: 1 }) };
    };
    const a = make();
    const sd = JSON.parse(JSON.stringify(a.s.stateDict()));
    expect(sd.best).toBeNull();
    const b = make();
    b.s.loadStateDict(sd);
    expect(b.s.best).toBe(-Infinity);
    for (const m of [1, 2, 2, 2, 3, 1, 1, 1]) {
      a.s.step(m);
      b.s.step(m);
      expect(b.s.getLastLr()).toEqual(a.s.getLastLr());
    }
    expect(a.s.getLastLr()).toEqual([0.1 * 0.1 * 0.1]);
  });

  test("LambdaLR saves no function, but a function's own properties (PyTorch's callable objects)", () => {
    const f = Object.assign((e: number) => f.scale * e + 1, { scale: 2 });
    const opt = sgd();
    const s = new S.LambdaLR(opt, [f]);
    const sd = s.stateDict();
    expect(sd.lr_lambdas).toEqual([{ scale: 2 }]);
    expect(new S.LambdaLR(sgd(), (e) => e + 1).stateDict().lr_lambdas).toEqual([null]);
    s.loadStateDict({ ...sd, lr_lambdas: [{ scale: 5 }] });
    s.step();
    expect(s.getLastLr()).toEqual([0.1 * (5 * 1 + 1)]);
  });
});

describe('lrs written by hand', () => {
  test('chainable schedulers continue from the written lr, closed-form ones from the initial lr', () => {
    const opt = sgd(0.1);
    const exp = new S.ExponentialLR(opt, { gamma: 0.5 });
    opt.paramGroups[0].lr = 0.8;
    exp.step();
    expect(opt.paramGroups[0].lr).toBe(0.4);
    const opt2 = sgd(0.1);
    const lambda = new S.LambdaLR(opt2, (e) => 1 / (e + 1));
    opt2.paramGroups[0].lr = 0.8;
    lambda.step();
    expect(opt2.paramGroups[0].lr).toBe(0.1 / 2);
  });

  test('LambdaLR takes the lambda positionally or in the options', () => {
    const a = new S.LambdaLR(sgd(), (e) => 1 / (e + 2), { lastEpoch: -1 });
    const b = new S.LambdaLR(sgd(), { lrLambda: (e) => 1 / (e + 2) });
    a.step();
    b.step();
    expect(b.getLastLr()).toEqual(a.getLastLr());
    expect(b.getLastLr()).toEqual([0.1 / 3]);
  });

  test("step(epoch) uses the closed form and warns as PyTorch's deprecated argument", () => {
    const spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const opt = sgd(0.1);
      const s = new S.StepLR(opt, { stepSize: 2, gamma: 0.5 });
      opt.step();
      s.step(7);
      expect(s.lastEpoch).toBe(7);
      expect(s.getLastLr()).toEqual([0.1 * 0.5 ** 3]);
      expect(String(spy.mock.calls[0][0])).toMatch(/The epoch parameter in `scheduler.step\(\)` was not necessary/);
    } finally {
      spy.mockRestore();
    }
  });

  test('getLastLr returns a copy', () => {
    const s = new S.StepLR(sgd(), { stepSize: 1 });
    s.getLastLr()[0] = 5;
    expect(s.getLastLr()).toEqual([0.1]);
  });
});

describe('cycled momentum', () => {
  test("CyclicLR cycles betas[0] of Adam-style groups as SGD's momentum (PyTorch 2.x)", () => {
    const c = FIXTURE.cases.find((x) => x.name === 'CyclicLR')!;
    const opt = new tg.optim.Adam([param()], { lr: 0.1, betas: [0.5, 0.99] });
    const s = new S.CyclicLR(opt, { baseLr: 0.001, maxLr: 0.1, stepSizeUp: 4 });
    const betas = [(opt.paramGroups[0].betas as number[])[0]];
    for (let i = 0; i < c.steps; i++) {
      opt.step();
      s.step();
      betas.push((opt.paramGroups[0].betas as number[])[0]);
      expect((opt.paramGroups[0].betas as number[])[1]).toBe(0.99);
    }
    expect(betas).toEqual(c.expected.momentum!.map((m) => m[0]));
    expect(s.stateDict().use_beta1).toBe(true);
  });

  test('ReduceLROnPlateau takes a one-element tensor as the metric', () => {
    const opt = sgd();
    const s = new S.ReduceLROnPlateau(opt, { patience: 0 });
    s.step(tg.tensor(1.0));
    s.step(tg.tensor([2.0]));
    expect(s.getLastLr()).toEqual([0.1 * 0.1]);
  });

  test('CosineAnnealingWarmRestarts.step(epoch) jumps as PyTorch: step(26) then step() is epoch 27', () => {
    const a = new S.CosineAnnealingWarmRestarts(sgd(), { T0: 10 });
    for (let i = 0; i < 20; i++) a.step();
    a.step(26);
    a.step();
    const b = new S.CosineAnnealingWarmRestarts(sgd(), { T0: 10 });
    b.step(27);
    expect(a.lastEpoch).toBe(27);
    expect(a.getLastLr()).toEqual(b.getLastLr());
  });
});

describe("PyTorch's validation (ARGUMENT)", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['not an optimizer', () => new S.StepLR({}, { stepSize: 1 }), /is not an Optimizer/],
    [
      'resume without initial_lr',
      () => new S.StepLR(sgd(), { stepSize: 1, lastEpoch: 3 }),
      /param 'initial_lr' is not specified in param_groups\[0\] when resuming an optimizer/,
    ],
    ['ConstantLR factor', () => new S.ConstantLR(sgd(), { factor: 2 }), /Constant multiplicative factor expected to be between 0 and 1/],
    ['LinearLR start', () => new S.LinearLR(sgd(), { startFactor: 0 }), /Starting multiplicative factor expected to be greater than 0/],
    ['LinearLR end', () => new S.LinearLR(sgd(), { endFactor: 1.5 }), /Ending multiplicative factor expected to be between 0 and 1/],
    ['LambdaLR count', () => new S.LambdaLR(sgd(), [(e) => e, (e) => e]), /Expected 1 lr_lambdas, but got 2/],
    ['OneCycleLR totals', () => new S.OneCycleLR(sgd(), { maxLr: 0.1 }), /You must define either total_steps OR \(epochs AND steps_per_epoch\)/],
    ['OneCycleLR total_steps', () => new S.OneCycleLR(sgd(), { maxLr: 0.1, totalSteps: 0 }), /Expected positive integer total_steps, but got 0/],
    ['OneCycleLR epochs', () => new S.OneCycleLR(sgd(), { maxLr: 0.1, epochs: 2.5, stepsPerEpoch: 3 }), /Expected positive integer epochs, but got 2.5/],
    [
      'OneCycleLR pct_start',
      () => new S.OneCycleLR(sgd(), { maxLr: 0.1, totalSteps: 5, pctStart: 1.5 }),
      /Expected float between 0 and 1 pct_start, but got 1.5/,
    ],
    [
      'OneCycleLR anneal',
      () => new S.OneCycleLR(sgd(), { maxLr: 0.1, totalSteps: 5, annealStrategy: 'x' as 'cos' }),
      /anneal_strategy must by one of 'cos' or 'linear'/,
    ],
    ['OneCycleLR max_lr list', () => new S.OneCycleLR(sgd(), { maxLr: [0.1, 0.2], totalSteps: 5 }), /expected 1 values for max_lr, got 2/],
    ['OneCycleLR max_lr missing', () => new S.OneCycleLR(sgd(), { totalSteps: 5 } as tg.optim.lrScheduler.OneCycleLROptions), /max_lr must be a number/],
    ['CyclicLR mode', () => new S.CyclicLR(sgd(), { baseLr: 0.01, maxLr: 0.1, mode: 'x' as 'triangular' }), /mode is invalid and scale_fn is None/],
    ['T_0', () => new S.CosineAnnealingWarmRestarts(sgd(), { T0: 0 }), /Expected positive integer T_0, but got 0/],
    ['T_mult', () => new S.CosineAnnealingWarmRestarts(sgd(), { T0: 2, TMult: 0.5 }), /Expected integer T_mult >= 1, but got 0.5/],
    ['negative epoch', () => new S.CosineAnnealingWarmRestarts(sgd(), { T0: 2 }).step(-1), /Expected non-negative epoch, but got -1/],
    ['plateau factor', () => new S.ReduceLROnPlateau(sgd(), { factor: 1 }), /Factor should be < 1.0./],
    ['plateau mode', () => new S.ReduceLROnPlateau(sgd(), { mode: 'x' as 'min' }), /mode x is unknown!/],
    ['plateau threshold mode', () => new S.ReduceLROnPlateau(sgd(), { thresholdMode: 'x' as 'rel' }), /threshold mode x is unknown!/],
    ['plateau min_lrs', () => new S.ReduceLROnPlateau(sgd(), { minLr: [0, 0] }), /expected 1 min_lrs, got 2/],
    ['plateau metric', () => new S.ReduceLROnPlateau(sgd()).step('x'), /metric must be a number or a one-element tensor/],
  ];
  test.each(cases)('%s', (_name, fn, message) => expectTensorError(fn, 'ARGUMENT', message));

  test('OneCycleLR past its total steps', () => {
    const s = new S.OneCycleLR(sgd(0.1, { momentum: 0.9 }), { maxLr: 0.1, totalSteps: 5 });
    for (let i = 0; i < 5; i++) s.step();
    expectTensorError(() => s.step(), 'ARGUMENT', /Tried to step 7 times. The specified number of total steps is 5/);
  });

  test('SequentialLR and ChainedScheduler need one optimizer and matching milestones', () => {
    const opt = sgd();
    const other = sgd();
    const a = new S.ConstantLR(opt);
    const b = new S.ExponentialLR(opt, { gamma: 0.9 });
    expectTensorError(
      () => new S.SequentialLR(opt, { schedulers: [a, b], milestones: [] }),
      'ARGUMENT',
      /number of schedulers 2 and the number of milestones to be equal to 0/,
    );
    const c = new S.ExponentialLR(other, { gamma: 0.9 });
    expectTensorError(
      () => new S.SequentialLR(opt, { schedulers: [a, c], milestones: [2] }),
      'ARGUMENT',
      /schedulers at index 1 to be different than the optimizer passed in/,
    );
    expectTensorError(() => new S.ChainedScheduler([a, c]), 'ARGUMENT', /schedulers at index 0 and 1 to be different/);
  });
});

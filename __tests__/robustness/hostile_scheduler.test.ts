// LR schedulers attacked with arguments and state dicts PyTorch refuses (or that it would only
// refuse with a TypeError at some later step): a TensorError, and no NaN lr reaching the optimizer.
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';

const L = tg.optim.lrScheduler;
const sgd = (): tg.optim.SGD => new tg.optim.SGD([tg.zeros([2], { requiresGrad: true })], { lr: 0.1, momentum: 0.9 });

describe('scheduler arguments', () => {
  test('a gamma or power that is not a number is ARGUMENT at construction', () => {
    expectTensorError(() => new L.StepLR(sgd(), { stepSize: 1, gamma: 'x' as unknown as number }), 'ARGUMENT', 'StepLR: gamma must be a number, got x');
    expectTensorError(
      () => new L.MultiStepLR(sgd(), { milestones: [1], gamma: null as unknown as number }),
      'ARGUMENT',
      'MultiStepLR: gamma must be a number, got null',
    );
    expectTensorError(() => new L.PolynomialLR(sgd(), { power: '2' as unknown as number }), 'ARGUMENT', 'PolynomialLR: power must be a number, got 2');
    expectTensorError(() => new L.PolynomialLR(sgd(), { totalIters: [4] as unknown as number }), 'ARGUMENT', /PolynomialLR: total_iters must be a number/);
  });

  test("PolynomialLR with a negative power raises at 0.0 ** power (Python's ZeroDivisionError), its lr left finite", () => {
    const opt = sgd();
    const s = new L.PolynomialLR(opt, { totalIters: 2, power: -1 });
    s.step();
    expectTensorError(() => s.step(), 'ARGUMENT', 'PolynomialLR: 0.0 cannot be raised to a negative power');
    expect(Number.isFinite(opt.paramGroups[0].lr)).toBe(true);
    expectTensorError(() => s.step(2), 'ARGUMENT', 'PolynomialLR: 0.0 cannot be raised to a negative power');
  });
});

describe('scheduler loadStateDict', () => {
  test('a value of another kind than the attribute is ARGUMENT, nothing loaded', () => {
    const opt = sgd();
    const s = new L.StepLR(opt, { stepSize: 1, gamma: 0.5 });
    const good = s.stateDict();
    expectTensorError(
      () => s.loadStateDict({ ...good, gamma: 0.25, base_lrs: 'x' }),
      'ARGUMENT',
      'StepLR.loadStateDict: base_lrs must be a list of 1 numbers, got x',
    );
    expectTensorError(() => s.loadStateDict({ base_lrs: [0.1, 0.2] }), 'ARGUMENT', /base_lrs must be a list of 1 numbers/);
    expectTensorError(() => s.loadStateDict({ last_epoch: '3' }), 'ARGUMENT', 'StepLR.loadStateDict: last_epoch must be a number, got 3');
    expectTensorError(() => s.loadStateDict({ verbose: 1 }), 'ARGUMENT', /verbose must be a boolean/);
    expect(s.stateDict()).toEqual(good);
    s.step();
    expect(opt.paramGroups[0].lr).toBeCloseTo(0.05, 12);
    s.loadStateDict({ ...good, gamma: 0.25 });
    s.step();
    expect(opt.paramGroups[0].lr).toBeCloseTo(0.0125, 12);
  });
});

describe('ReduceLROnPlateau.loadStateDict and CyclicLR scaleFn', () => {
  test('a value of another kind is ARGUMENT, nothing loaded; a JSON round trip (infinite best as null) still loads', () => {
    const opt = sgd();
    const s = new L.ReduceLROnPlateau(opt, { patience: 0 });
    const good = s.stateDict();
    expectTensorError(
      () => s.loadStateDict({ ...good, min_lrs: 'x' }),
      'ARGUMENT',
      'ReduceLROnPlateau.loadStateDict: min_lrs must be a list of 1 numbers, got x',
    );
    expectTensorError(() => s.loadStateDict({ ...good, best: 'x' }), 'ARGUMENT', /best must be a number/);
    expectTensorError(() => s.loadStateDict({ ...good, factor: '0.5' }), 'ARGUMENT', /factor must be a number/);
    expect(s.stateDict()).toEqual(good);
    s.loadStateDict(JSON.parse(JSON.stringify(good)) as Record<string, unknown>);
    s.step(1);
    s.step(2);
    expect(opt.paramGroups[0].lr).toBeCloseTo(0.01, 12);
  });

  test('a scaleFn that returns something other than a number is ARGUMENT', () => {
    const opt = sgd();
    expectTensorError(
      () => new L.CyclicLR(opt, { baseLr: 0.1, maxLr: 1, scaleFn: () => 'x' as unknown as number }),
      'ARGUMENT',
      'CyclicLR: scale_fn returned x, expected a number',
    );
  });
});

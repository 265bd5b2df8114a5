// Parameter groups against PyTorch 1.13 (scripts/pytorch_optim.py's GROUPS): groups with their own
// lr and weight decay, a group added by addParamGroup mid-training, every group's lr rewritten
// mid-training -- the trajectory bit for bit and the param_groups of the state dict; then
// stateDict/loadStateDict resuming bit for bit, and duplicates refused.
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';
import { as, feed, fixture, initParams, jsOptions, make, type GroupsCase } from './fixture';

type Opt = tg.optim.Optimizer;

function build(c: GroupsCase, params: tg.Tensor[], withLater: boolean): Opt {
  const specs = c.groups.map((g) => ({ ...jsOptions(g), params: g.params.map((i) => params[i]) }));
  const opt = make(c.optimizer, specs, jsOptions(c.options));
  if (withLater && c.later !== null) opt.addParamGroup({ ...jsOptions(c.later), params: c.later.params.map((i) => params[i]) });
  return opt;
}

/** Steps [from, to) of the case on `opt`, as the script ran them. */
function run(c: GroupsCase, opt: Opt, params: tg.Tensor[], from: number, to: number): void {
  for (let step = from; step < to; step++) {
    if (c.later !== null && step === c.laterStep && opt.paramGroups.length === c.groups.length) {
      opt.addParamGroup({ ...jsOptions(c.later), params: c.later.params.map((i) => params[i]) });
    }
    if (step === c.lrAt) opt.paramGroups.forEach((g) => (g.lr = g.lr * 0.5));
    feed(c, params, step);
    opt.step();
  }
}

const expectAt = (c: GroupsCase, params: tg.Tensor[], step: number): void =>
  params.forEach((p, i) => expect(flat(p)).toEqual(as(c.dtypes[i], c.params[step][i])));

const cases = fixture.groups.map((c) => [c.optimizer, c] as const);

describe.each(cases)('%s parameter groups', (_, c) => {
  test("groups' own hyperparameters, addParamGroup and a rewritten lr follow PyTorch bit for bit", () => {
    const params = initParams(c);
    const opt = build(c, params, false);
    for (let step = 0; step < c.grads.length; step++) {
      run(c, opt, params, step, step + 1);
      expectAt(c, params, step);
    }
    expect(opt.paramGroups.map((g) => g.lr)).toEqual(c.lrs);
    // param_groups as PyTorch lays them out: its values for every key we keep, the same indices
    const sd = opt.stateDict();
    expect(sd.param_groups.length).toBe(c.paramGroups.length);
    sd.param_groups.forEach((g, i) => {
      const want = c.paramGroups[i];
      for (const [k, v] of Object.entries(g)) {
        if (k === 'maximize' && !(k in want)) continue; // NAdam/RAdam: 1.13 has no maximize
        expect([k, v]).toEqual([k, want[k]]);
      }
    });
  });

  test('stateDict after 5 steps, loaded into a new optimizer over new parameters, resumes bit for bit', () => {
    const params = initParams(c);
    const opt = build(c, params, false);
    run(c, opt, params, 0, 5);
    const saved = opt.stateDict();
    const values = params.map((p) => p.detach().clone());
    run(c, opt, params, 5, 10); // the saved state is a copy: carrying on does not change it
    const fresh = values.map((v) => v.clone().requiresGrad_());
    const resumed = build(c, fresh, true);
    resumed.loadStateDict(saved);
    run(c, resumed, fresh, 5, 10);
    expectAt(c, fresh, 9);
    fresh.forEach((p, i) => expect(flat(p)).toEqual(flat(params[i])));
    // PyTorch keeps step (and NAdam's mu_product) as float32 0-d tensors: such a dict loads too
    const torchLike = {
      ...saved,
      state: Object.fromEntries(
        Object.entries(saved.state).map(([k, s]) => [
          k,
          Object.fromEntries(Object.entries(s).map(([n, v]) => [n, typeof v === 'number' && n !== 'momentum_buffer' ? tg.tensor(v) : v])),
        ]),
      ),
    };
    const again = values.map((v) => v.clone().requiresGrad_());
    const fromTorch = build(c, again, true);
    fromTorch.loadStateDict(torchLike);
    run(c, fromTorch, again, 5, 10);
    expectAt(c, again, 9);
  });

  test('a parameter in two groups is refused (ARGUMENT, PyTorch message), at construction and by addParamGroup', () => {
    const [a, b] = initParams(c);
    const opts = jsOptions(c.options);
    expectTensorError(() => make(c.optimizer, [{ params: [a] }, { params: [b, a] }], opts), 'ARGUMENT', `${c.optimizer}: ${fixture.duplicate}`);
    const opt = make(c.optimizer, [{ params: [a] }], opts);
    expectTensorError(() => opt.addParamGroup({ params: [a] }), 'ARGUMENT', `${c.optimizer}: ${fixture.duplicate}`);
    expect(opt.paramGroups.length).toBe(1);
  });
});

describe('groups and defaults', () => {
  test('a group takes the options it lacks from the defaults, and its own lr', () => {
    const a = tg.zeros([2], { requiresGrad: true });
    const b = tg.zeros([3], { requiresGrad: true });
    const opt = new tg.optim.Adam([{ params: a, lr: 0.1 }, { params: [b] }], { lr: 0.01, betas: [0.8, 0.9] });
    expect(opt.paramGroups.map((g) => [g.lr, g.betas, g.params.length])).toEqual([
      [0.1, [0.8, 0.9], 1],
      [0.01, [0.8, 0.9], 1],
    ]);
  });

  test('loadStateDict refuses a dict of another shape before changing anything', () => {
    const a = tg.zeros([2], { requiresGrad: true });
    const b = tg.zeros([3], { requiresGrad: true });
    const opt = new tg.optim.RMSprop([{ params: [a] }, { params: [b] }], { momentum: 0.9 });
    const other = new tg.optim.RMSprop([a, b], { momentum: 0.9 });
    expectTensorError(() => opt.loadStateDict(other.stateDict()), 'ARGUMENT', /different number of parameter groups/);
    expect(opt.paramGroups.length).toBe(2);
  });

  test('a group pushed into paramGroups by hand is checked in full at the next step or zeroGrad', () => {
    const w = tg.ones([2], { requiresGrad: true });
    const sgdOptions = { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };
    const stepWith = (group: unknown, call: 'step' | 'zeroGrad' = 'step') => {
      const opt = new tg.optim.SGD([tg.ones([1], { requiresGrad: true })], { lr: 0.1 });
      opt.paramGroups.push(group as never);
      w.grad = tg.full([2], 0.5);
      return () => opt[call]();
    };
    // Before, a missing or NaN lr turned the parameters into NaN, bad params were a TypeError.
    expectTensorError(stepWith({ params: [w] }), 'ARGUMENT', /didn't specify a value of required optimization parameter lr/);
    expectTensorError(stepWith({ params: [w], ...sgdOptions, lr: NaN }), 'ARGUMENT', 'SGD: Invalid learning rate: NaN');
    expectTensorError(stepWith({ params: [w], lr: 0.1 }), 'ARGUMENT', 'SGD: Invalid momentum value: undefined'); // no defaults, as PyTorch
    expectTensorError(stepWith({ params: [5], lr: 0.1 }), 'ARGUMENT', /optimize Tensors, but one of the params is 5/);
    expectTensorError(stepWith({ params: w, lr: 0.1 }), 'ARGUMENT', /params is an array of Tensors/);
    expectTensorError(stepWith(null, 'zeroGrad'), 'ARGUMENT', /SGD.zeroGrad: a parameter group must be an object/);
    expect(flat(w)).toEqual([1, 1]);
    const opt = new tg.optim.SGD([w], { lr: 0.1 });
    opt.paramGroups.push({ params: [w], lr: 0.1, ...sgdOptions });
    expectTensorError(() => opt.step(), 'ARGUMENT', /more than one parameter group/);
    // One group object listed twice (here the constructor's, already checked) would step twice.
    const twice = new tg.optim.SGD([w], { lr: 0.1 });
    twice.paramGroups.push(twice.paramGroups[0]);
    expectTensorError(() => twice.step(), 'ARGUMENT', /more than one parameter group/);
    expectTensorError(() => twice.zeroGrad(), 'ARGUMENT', /more than one parameter group/);
    expect(flat(w)).toEqual([1, 1]);
    // A complete group steps as any other, and is checked again at each step after its first.
    const b = tg.zeros([1], { requiresGrad: true });
    const ok = new tg.optim.SGD([w], { lr: 0.1 });
    ok.paramGroups.push({ params: [b], lr: 0.5, ...sgdOptions });
    b.grad = tg.tensor([2]);
    ok.step();
    expect(flat(b)).toEqual([-1]);
    ok.paramGroups[1].lr = 'fast' as never;
    expectTensorError(() => ok.step(), 'ARGUMENT', "SGD.step: the group's lr is fast, expected a number");
  });

  test('a malformed group pushed by hand is ARGUMENT in params, stateDict, loadStateDict and every scheduler, not a TypeError', () => {
    const S = tg.optim.lrScheduler;
    const uses: [string, (o: Opt) => unknown][] = [
      ['SGD.params', (o) => o.params],
      ['SGD.stateDict', (o) => o.stateDict()],
      ['SGD.loadStateDict', (o) => o.loadStateDict({ state: {}, param_groups: [{ params: [0] }, { params: [] }] })],
      ['StepLR', (o) => new S.StepLR(o, { stepSize: 1 })],
      ['LambdaLR', (o) => new S.LambdaLR(o, () => 1)],
      ['OneCycleLR', (o) => new S.OneCycleLR(o, { maxLr: 1, totalSteps: 10 })],
      ['CyclicLR', (o) => new S.CyclicLR(o, { baseLr: 0.1, maxLr: 1, cycleMomentum: false })],
      ['ReduceLROnPlateau', (o) => new S.ReduceLROnPlateau(o)],
    ];
    for (const bad of [null, 5, { params: null }]) {
      for (const [op, use] of uses) {
        const w = tg.ones([2], { requiresGrad: true });
        const opt = new tg.optim.SGD([w], { lr: 0.1 });
        opt.paramGroups.push(bad as never);
        expectTensorError(() => use(opt), 'ARGUMENT', `${op}: a parameter group must be an object whose params is an array of Tensors`);
        expect([flat(w), opt.paramGroups[0].lr]).toEqual([[1, 1], 0.1]); // nothing changed
      }
    }
    // pushed after the scheduler was made: its next step says so
    const opt = new tg.optim.SGD([tg.ones([1], { requiresGrad: true })], { lr: 0.1 });
    const sched = new S.StepLR(opt, { stepSize: 1, gamma: 0.5 });
    const plateau = new S.ReduceLROnPlateau(opt, { patience: 0 });
    opt.paramGroups.push(null as never);
    expectTensorError(() => sched.step(), 'ARGUMENT', /^StepLR: a parameter group must be an object/);
    expectTensorError(() => plateau.step(1), 'ARGUMENT', /^ReduceLROnPlateau.step: a parameter group must be an object/);
    // and a group listed twice is refused by stateDict too, as by step
    const twice = new tg.optim.SGD([tg.ones([1], { requiresGrad: true })], { lr: 0.1 });
    twice.paramGroups.push(twice.paramGroups[0]);
    expectTensorError(() => twice.stateDict(), 'ARGUMENT', /SGD.stateDict: some parameters appear in more than one parameter group/);
  });

  test("readers accept a hand-pushed group without options, as PyTorch's do; step still checks it in full", () => {
    const w = tg.ones([2], { requiresGrad: true });
    const v = tg.ones([1], { requiresGrad: true });
    const opt = new tg.optim.SGD([w], { lr: 0.1 });
    opt.paramGroups.push({ params: [v], lr: 0.01 });
    expect(opt.params).toEqual([w, v]);
    expect(opt.stateDict().param_groups.map((g) => g.params)).toEqual([[0], [1]]);
    const sched = new tg.optim.lrScheduler.StepLR(opt, { stepSize: 1, gamma: 0.5 });
    expect(sched.getLastLr()).toEqual([0.1, 0.01]);
    opt.addParamGroup({ params: [tg.zeros([1], { requiresGrad: true })] });
    expect(opt.paramGroups.length).toBe(3);
    v.grad = tg.ones([1]);
    expectTensorError(() => opt.step(), 'ARGUMENT', 'SGD: Invalid momentum value: undefined');
  });

  test('a scheduler step refused for a malformed group does not advance the schedule', () => {
    const opt = new tg.optim.SGD([tg.ones([1], { requiresGrad: true })], { lr: 1 });
    const sched = new tg.optim.lrScheduler.StepLR(opt, { stepSize: 1, gamma: 0.5 });
    opt.paramGroups.push(null as never);
    expectTensorError(() => sched.step(), 'ARGUMENT', /StepLR: a parameter group must be an object/);
    expectTensorError(() => sched.step(), 'ARGUMENT', /StepLR: a parameter group must be an object/);
    opt.paramGroups.pop();
    sched.step();
    expect([sched.lastEpoch, opt.paramGroups[0].lr]).toEqual([1, 0.5]);
  });

  test('a group listed twice among many groups is found too (past the pairwise check)', () => {
    const opt = new tg.optim.SGD(
      Array.from({ length: 20 }, () => ({ params: [tg.ones([1], { requiresGrad: true })] })),
      { lr: 0.1 },
    );
    expect(opt.params.length).toBe(20);
    opt.paramGroups.push(opt.paramGroups[7]);
    expectTensorError(() => opt.zeroGrad(), 'ARGUMENT', /more than one parameter group/);
    expectTensorError(() => opt.stateDict(), 'ARGUMENT', /SGD.stateDict: some parameters appear in more than one parameter group/);
  });
});

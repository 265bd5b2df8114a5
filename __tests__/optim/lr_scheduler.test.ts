// Every scheduler against lr sequences, momenta and state dicts recorded from PyTorch 1.13 by
// scripts/pytorch_lr_scheduler.py: exact (bit for bit) equality of doubles.
import { type Case, decode, expectedState, FIXTURE, makeOpt, makeSched, run, snapshot, stateAt, type Trace } from './lr_scheduler_fixture';

const cases = FIXTURE.cases.map((c) => [c.name, c] as [string, Case]);

describe.each(cases)('%s', (_name, c) => {
  test('lr (and momentum) sequence and state dict equal PyTorch', () => {
    const opt = makeOpt(c.optimizer);
    const sched = makeSched(opt, c.scheduler);
    const t: Trace = { lr: [], momentum: [], beta1: [] };
    snapshot(opt, sched, t);
    let state: Record<string, unknown> | undefined;
    let groups: Record<string, unknown>[] = [];
    run(c, opt, sched, 0, c.steps, t, (i) => {
      if (i === stateAt(c)) {
        state = sched.stateDict();
        groups = opt.stateDict().param_groups;
      }
    });
    expect(t.lr).toEqual(c.expected.lr);
    if (c.expected.momentum) expect(t.momentum).toEqual(c.expected.momentum);
    if (c.expected.beta1) expect(t.beta1).toEqual(c.expected.beta1);
    const want = expectedState(c);
    expect(state).toEqual(want);
    expect(Object.keys(state!)).toEqual(Object.keys(want));
    // the keys a scheduler keeps on the groups (initial_lr, max_lr, ...), in PyTorch's spelling
    c.expected.groups.forEach((g, i) => {
      for (const k of ['lr', 'initial_lr', 'max_lr', 'min_lr', 'max_momentum', 'base_momentum', 'momentum', 'betas']) {
        if (k in g) expect([k, groups[i][k]]).toEqual([k, g[k]]);
      }
    });
  });

  test("loading PyTorch's state dict mid-run resumes PyTorch's sequence", () => {
    const opt = makeOpt(c.optimizer);
    const sched = makeSched(opt, c.scheduler);
    const at = stateAt(c);
    for (const [i, g] of c.expected.groups.entries()) {
      for (const k of ['lr', 'initial_lr', 'max_lr', 'min_lr', 'max_momentum', 'base_momentum', 'momentum', 'betas']) {
        if (k in g) opt.paramGroups[i][k.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase())] = decode(g[k]);
      }
    }
    sched.loadStateDict(decode(c.expected.state));
    expect(sched.getLastLr()).toEqual(c.expected.lr[at]);
    const t: Trace = { lr: [], momentum: [], beta1: [] };
    run(c, opt, sched, at, c.steps, t);
    expect(t.lr).toEqual(c.expected.lr.slice(at + 1));
    if (c.expected.momentum) expect(t.momentum).toEqual(c.expected.momentum.slice(at + 1));
    if (c.expected.beta1) expect(t.beta1).toEqual(c.expected.beta1.slice(at + 1));
  });
});

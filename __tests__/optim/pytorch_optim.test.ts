// Every optimizer against PyTorch 1.13's trajectories (scripts/pytorch_optim.py): the same initial
// parameters and gradient sequences, the parameters after each of 10 steps compared bit for bit
// (float32 and float64), then the final state under PyTorch's names and values.
import * as tg from '../../lib';
import { flat } from '../helpers';
import { as, feed, fixture, initParams, jsOptions, make, maxUlp } from './fixture';

const label = (c: (typeof fixture.cases)[number]): string => `${c.optimizer} ${JSON.stringify(c.options)}`;

describe('optimizers follow PyTorch bit for bit', () => {
  test.each(fixture.cases.map((c) => [label(c), c] as const))('%s', (_, c) => {
    const params = initParams(c);
    const opt = make(c.optimizer, params, jsOptions(c.options));
    for (let step = 0; step < c.grads.length; step++) {
      feed(c, params, step);
      opt.step();
      params.forEach((p, i) => {
        const got = flat(p);
        const want = as(c.dtypes[i], c.params[step][i]);
        if (maxUlp(got, want, c.dtypes[i]) !== 0) {
          throw new Error(`${label(c)} step ${step + 1} parameter ${i} (${c.dtypes[i]}): ${maxUlp(got, want, c.dtypes[i])} ulp off`);
        }
        expect(got).toEqual(want);
      });
    }
    // the final state: PyTorch's keys per parameter, and its values
    const sd = opt.stateDict();
    expect(Object.keys(sd.state).sort()).toEqual(Object.keys(c.stateKeys).sort());
    for (const [k, keys] of Object.entries(c.stateKeys)) {
      const mine = sd.state[Number(k)];
      expect(Object.keys(mine).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        const want = c.state[k][key];
        const got = mine[key];
        if (tg.isTensor(got)) expect(flat(got)).toEqual(as(c.dtypes[Number(k)], [want].flat(2) as number[]));
        else expect(got).toBe(want);
      }
    }
    // group keys: PyTorch's, less its implementation switches, plus maximize where 1.13 lacks it
    const impl = ['foreach', 'differentiable', 'capturable', 'fused', 'params'];
    const mineKeys = Object.keys(sd.param_groups[0]).filter((k) => k !== 'params');
    expect(mineKeys.sort()).toEqual([...c.groupKeys.filter((k) => !impl.includes(k)), ...(c.groupKeys.includes('maximize') ? [] : ['maximize'])].sort());
  });
});

describe('hyperparameter validation: PyTorch messages, ARGUMENT', () => {
  test.each(fixture.invalid.map((v) => [v.optimizer, JSON.stringify(v.options), v] as const))('%s(%s)', (_, __, v) => {
    const p = tg.zeros([2], { requiresGrad: true });
    let caught: unknown;
    try {
      make(v.optimizer, [p], jsOptions(v.options));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(tg.TensorError);
    expect((caught as tg.TensorError).code).toBe('ARGUMENT');
    expect((caught as Error).message).toBe(`${v.optimizer}: ${v.message}`);
  });
});

// Walks the op registry: every registered op must have a case in cases/ (one file per family
// of ops, each exporting CASES and SECOND_ORDER), and every case's analytic gradient must match
// central finite differences in float64. A new op without a correct backward fails this test.
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../../lib';
import { firstGrad, rnd, type Case, type SecondOrder } from './cases/common';

const files = fs.readdirSync(path.join(__dirname, 'cases')).filter((f) => f.endsWith('.ts') && f !== 'common.ts');
const CASES: Record<string, Case[]> = {};
const SECOND_ORDER: SecondOrder[] = [];
for (const f of files) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the case files are found at run time
  const mod = require(path.join(__dirname, 'cases', f)) as { CASES: Record<string, Case[]>; SECOND_ORDER?: SecondOrder[] };
  for (const [op, cases] of Object.entries(mod.CASES)) {
    if (op in CASES) throw new Error(`${f}: op ${op} already has cases in another file`);
    CASES[op] = cases;
  }
  SECOND_ORDER.push(...(mod.SECOND_ORDER ?? []));
}

describe('every registered op passes gradcheck in float64', () => {
  test('every op in the registry has a case here', () => {
    const missing = [...tg.autograd.registry.keys()].filter((op) => !(op in CASES));
    expect(missing).toEqual([]);
  });

  test.each(Object.keys(CASES))('%s', (op) => {
    expect(tg.autograd.registry.has(op)).toBe(true);
    for (const c of CASES[op]) expect(tg.autograd.gradcheck(c.fn, c.inputs(), c.eps ? { eps: c.eps } : {})).toBe(true);
  });

  test.each(SECOND_ORDER)('second derivatives: %s', (_name, input, f) => {
    expect(tg.autograd.gradcheck(firstGrad(f), [input()])).toBe(true);
  });

  test('gradcheck catches a wrong gradient and names the input', () => {
    const x = rnd([3], 60);
    const wrong = (a: tg.Tensor) => {
      const y = a.mul(2);
      y.registerHook((g) => g.mul(1.5)); // corrupts the gradient on its way down
      return y;
    };
    expect(() => tg.autograd.gradcheck(wrong, [x])).toThrow(/with respect to input 0/);
  });
});

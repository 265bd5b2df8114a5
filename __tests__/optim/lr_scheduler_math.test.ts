// The schedulers' cos, pow and log against the exactly rounded values (mpmath, 300 bits) and
// against glibc's (CPython's, which PyTorch's schedulers use), recorded by
// scripts/pytorch_lr_scheduler.py at the arguments the schedulers produce.
import { pyCos, pyLog, pyPow } from '../../lib/optim/lr_scheduler_math';
import { FIXTURE } from './lr_scheduler_fixture';

const libm = (FIXTURE as unknown as { libm: { cos: number[][]; pow: number[][]; log: number[][] } }).libm;

test.each([
  ['cos', libm.cos.map(([x, glibc, exact]) => [pyCos(x), glibc, exact])],
  ['pow', libm.pow.map(([b, e, glibc, exact]) => [pyPow(b, e), glibc, exact])],
  ['log', libm.log.map(([x, glibc, exact]) => [pyLog(x), glibc, exact])],
])('%s is rounded correctly (glibc is too, in all but a few cases)', (_name, rows) => {
  expect(rows.length).toBeGreaterThan(200);
  expect(rows.filter(([ours, , exact]) => ours !== exact)).toEqual([]);
  const glibcOff = rows.filter(([, glibc, exact]) => glibc !== exact);
  expect(glibcOff.length).toBeLessThan(rows.length / 500);
});

test('special values', () => {
  expect(pyPow(0.5, 0)).toBe(1);
  expect(pyPow(2, 10)).toBe(1024);
  expect(pyPow(0.5, 3)).toBe(0.125);
  expect(pyPow(-2, 3)).toBe(-8);
  expect(pyPow(0, 2)).toBe(0);
  expect(pyCos(0)).toBe(1);
  expect(pyCos(Math.PI)).toBe(-1);
  expect(pyLog(1)).toBe(0);
  expect(Number.isNaN(pyCos(NaN))).toBe(true);
});

// nn layers against PyTorch 1.13 (fixture from scripts/nn_layers_fixtures.py): repr, state-dict
// keys and seeded initial values (float32, bit for bit), then in float64 the output and the
// gradients w.r.t. the inputs and every parameter.
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../../lib';
import { expectClose } from '../helpers';

type Value = number | 'nan' | 'inf' | '-inf';
interface Case {
  name: string;
  js: string;
  seed: number;
  repr: string;
  state: [string, number[], string, Value[]][];
  js_out: string;
  inputs: [number[], Value[]][];
  shape: number[];
  output: Value[];
  weight?: Value[];
  grads?: (Value[] | null)[];
  tol?: number;
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'nn_layers.json'), 'utf8')) as { pytorch: string; cases: Case[] };
const decode = (v: Value): number => (typeof v === 'number' ? v : v === 'nan' ? NaN : v === 'inf' ? Infinity : -Infinity);
const numbers = (x: tg.Tensor): number[] => Array.from(x.dataSync() as ArrayLike<number | bigint>, Number);

test.each(fixture.cases.map((c) => [c.name, c] as const))(`%s matches PyTorch ${fixture.pytorch}`, (_name, c) => {
  const g = new tg.Generator().manualSeed(c.seed);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the fixture's constructor, written as JS by the script
  const m = new Function('tg', 'nn', 'g', `return ${c.js};`)(tg, tg.nn, g) as tg.nn.Module;
  expect(m.toString()).toBe(c.repr);
  const state = m.stateDict();
  expect(Object.keys(state)).toEqual(c.state.map((s) => s[0]));
  for (const [key, shape, dtype, values] of c.state) {
    expect([key, state[key].shape, state[key].dtype]).toEqual([key, shape, dtype]);
    expect(numbers(state[key])).toEqual(values.map(decode));
  }
  m.to('float64');
  const inputs = c.inputs.map(([shape, values]) => tg.tensor(Float64Array.from(values.map(decode)), { shape }).requiresGrad_(c.grads !== undefined));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the fixture's call, written as JS by the script
  const out = new Function('tg', 'm', 'a', 'b', 'c', `return ${c.js_out};`)(tg, m, ...inputs) as tg.Tensor;
  expect(out.shape).toEqual(c.shape);
  const tol = c.tol ?? 1e-10;
  expectClose(numbers(out), c.output.map(decode), tol);
  if (c.grads === undefined) return;
  const w = tg.tensor(Float64Array.from(c.weight!.map(decode)), { shape: c.shape });
  const params = m.parameters();
  const grads = tg.autograd.grad(out.mul(w).sum(), [...inputs, ...params], { allowUnused: true });
  expect(grads.length).toBe(c.grads.length);
  c.grads.forEach((expected, i) => {
    if (expected === null) expect(grads[i]).toBeNull();
    else expectClose(numbers(grads[i]!), expected.map(decode), tol);
  });
});

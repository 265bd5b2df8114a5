// tensorgrad against results recorded from PyTorch: scripts/pytorch_parity.py writes one fixture
// per module of scripts/parity/ into fixtures/parity/ with Debian's python3-torch (its version
// is in each file): forward values and dtype, the grad_fn name, the printed form where recorded,
// and the gradients of sum(output * w).
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../lib';
import { expectClose } from './helpers';

type Value = number | string;
interface Case {
  name: string;
  js: string;
  dtype: string;
  inputs: { shape: number[]; values: Value[] }[];
  shape: number[];
  result_dtype: string;
  output: Value[];
  grad_fn: string | null;
  tol?: number;
  repr?: string;
  weight?: number[];
  grads?: (Value[] | null)[];
}

const dir = path.join(__dirname, 'fixtures', 'parity');
const fixtures = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ module: f.slice(0, -5), ...(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { pytorch: string; cases: Case[] }) }));

// Node names that PyTorch 2 (the API's reference) changed from the 1.13 that wrote the fixtures:
// reshape no longer goes through _reshape_alias, and matmul's vector case squeezes out of place.
const NAMES_SINCE_2: Record<string, string> = {
  ReshapeAliasBackward0: 'ViewBackward0',
  SqueezeBackward3: 'SqueezeBackward1',
};

// Names the JS expressions may use besides tg and the inputs (the Python side's ENV).
const HELPERS = {
  inplaceView(a: tg.Tensor, b: tg.Tensor): tg.Tensor {
    const y = a.mul(2);
    y.narrow(0, 1, 2).mul_(b);
    return y;
  },
};

const decode = (v: Value): number => (typeof v === 'number' ? v : v === 'nan' ? NaN : v === 'inf' ? Infinity : -Infinity);
const numbers = (x: tg.Tensor): number[] => Array.from(x.dataSync() as ArrayLike<number | bigint>, Number);

function input(dtype: string, shape: number[], values: Value[], requiresGrad: boolean): tg.Tensor {
  const data = values.map(decode);
  const t = tg.tensor(dtype === 'float32' ? Float32Array.from(data) : Float64Array.from(data), { shape });
  return dtype === 'float64' || dtype === 'float32' ? t.requiresGrad_(requiresGrad) : t.to(dtype as tg.DType);
}

test('there are fixtures, with cases', () => {
  expect(fixtures.map((f) => f.module)).toContain('core');
  for (const f of fixtures) expect(f.cases.length).toBeGreaterThan(0);
});

describe.each(fixtures.map((f) => [f.module, f] as const))('parity with PyTorch: %s', (_module, fixture) => {
  test.each(fixture.cases.map((c) => [c.name, c] as const))(`%s (PyTorch ${fixture.pytorch})`, (_name, c) => {
    const floating = c.dtype === 'float64' || c.dtype === 'float32';
    const withGrad = floating && c.grads !== undefined;
    const inputs = c.inputs.map((i) => input(c.dtype, i.shape, i.values, withGrad));
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the fixture's expression, written as JS by scripts/parity/
    const fn = new Function('tg', 'a', 'b', 'c', 'h', `return ${c.js};`) as (...args: unknown[]) => tg.Tensor;
    const result = fn(tg, inputs[0], inputs[1], inputs[2], HELPERS);
    expect(result.shape).toEqual(c.shape);
    expect(result.dtype).toBe(c.result_dtype);
    const tol = c.tol ?? (c.result_dtype === 'float64' ? 1e-12 : 1e-6);
    expectClose(numbers(result), c.output.map(decode), tol);
    if (c.repr !== undefined) expect(result.detach().toString()).toBe(c.repr);
    if (c.grad_fn !== null) expect(result.gradFn?.name).toBe(NAMES_SINCE_2[c.grad_fn] ?? c.grad_fn);
    if (!withGrad) return;
    const w = tg.tensor(Float64Array.from(c.weight!), { shape: c.shape }).to(result.dtype);
    const grads = tg.autograd.grad(result.mul(w).sum(), inputs, { allowUnused: true });
    c.grads!.forEach((g, i) => {
      if (g === null) expect(grads[i]).toBeNull();
      else expectClose(numbers(grads[i]!), g.map(decode), tol);
    });
  });
});

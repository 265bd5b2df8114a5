// tensorgrad against results recorded from PyTorch (scripts/pytorch_parity.py writes the
// fixture with Debian's python3-torch; its version is in the file): forward values, the
// grad_fn name, and the gradients of sum(output * w), all in float64.
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../lib';
import { expectClose, flat } from './helpers';

interface Case {
  name: string;
  js: string;
  inputs: { shape: number[]; values: number[] }[];
  weight: number[];
  shape: number[];
  output: number[];
  grad_fn: string | null;
  grads: (number[] | null)[];
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'pytorch_parity.json'), 'utf8')) as {
  pytorch: string;
  cases: Case[];
};

// Node names that PyTorch 2 (the API's reference) changed from the 1.13 that wrote the fixture:
// reshape no longer goes through _reshape_alias, and matmul's vector case squeezes out of place.
const NAMES_SINCE_2: Record<string, string> = {
  ReshapeAliasBackward0: 'ViewBackward0',
  SqueezeBackward3: 'SqueezeBackward1',
};

function inplaceView(a: tg.Tensor, b: tg.Tensor): tg.Tensor {
  const y = a.mul(2);
  y.narrow(0, 1, 2).mul_(b);
  return y;
}

describe(`parity with PyTorch ${fixture.pytorch}`, () => {
  test('the fixture has cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(30);
  });

  test.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const inputs = c.inputs.map((i) => tg.tensor(Float64Array.from(i.values), { shape: i.shape, requiresGrad: true }));
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the fixture's expression, written as JS by scripts/pytorch_parity.py
    const fn = new Function('tg', 'a', 'b', 'c', 'inplaceView', `return ${c.js};`) as (...args: unknown[]) => tg.Tensor;
    const result = fn(tg, inputs[0], inputs[1], inputs[2], inplaceView);
    expect(result.shape).toEqual(c.shape);
    expectClose(flat(result), c.output, 1e-12);
    if (c.grad_fn !== null) expect(result.gradFn!.name).toBe(NAMES_SINCE_2[c.grad_fn] ?? c.grad_fn);
    const w = tg.tensor(Float64Array.from(c.weight), { shape: c.shape });
    const grads = tg.autograd.grad(result.mul(w).sum(), inputs, { allowUnused: true });
    c.grads.forEach((g, i) => {
      if (g === null) expect(grads[i]).toBeNull();
      else expectClose(flat(grads[i]!), g, 1e-12);
    });
  });
});

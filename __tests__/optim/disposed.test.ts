// An optimizer step over a disposed parameter, gradient or state buffer: STATE naming the step,
// checked for every parameter before any is written (a disposed storage is empty, and the fused
// step used to turn the parameters into NaN or fail half-way).
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

type Make = (ps: tg.Tensor[]) => tg.optim.SGD | tg.optim.Adam;
const optimizers: [string, Make][] = [
  ['SGD', (ps) => new tg.optim.SGD(ps, { lr: 0.1, momentum: 0.9 })],
  ['Adam', (ps) => new tg.optim.Adam(ps, { amsgrad: true })],
  ['AdamW', (ps) => new tg.optim.AdamW(ps)],
];

function setup(make: Make): { a: tg.Tensor; b: tg.Tensor; opt: tg.optim.SGD | tg.optim.Adam } {
  const a = tg.tensor([1, 2], { requiresGrad: true });
  const b = tg.tensor([3, 4], { requiresGrad: true });
  const opt = make([a, b]);
  a.mul(b).sum().backward();
  return { a, b, opt };
}

describe.each(optimizers)('%s.step with disposed tensors', (name, make) => {
  test('a disposed gradient: STATE, and no parameter is written', () => {
    const { a, b, opt } = setup(make);
    b.grad!.dispose();
    expectTensorError(() => opt.step(), 'STATE', new RegExp(`^${name}\\.step: the gradient of parameter 1 has been disposed$`));
    expect(flat(a)).toEqual([1, 2]);
    expect(a.version).toBe(0);
  });

  test('a disposed parameter (through a view sharing its storage): STATE, and no parameter is written', () => {
    const { a, b, opt } = setup(make);
    b.view([2]).dispose();
    expectTensorError(() => opt.step(), 'STATE', new RegExp(`^${name}\\.step: parameter 1 has been disposed$`));
    expect(flat(a)).toEqual([1, 2]);
  });

  test('a disposed state buffer: STATE, and no parameter is written', () => {
    const { a, b, opt } = setup(make);
    opt.step();
    const after = flat(a);
    // The buffers are private; reach one as a bug elsewhere (or a future loadStateDict) could.
    const key = name === 'SGD' ? 'momentum_buffer' : 'exp_avg_sq';
    const internals = opt as unknown as { state: Map<tg.Tensor, Record<string, tg.Tensor>> };
    internals.state.get(b)![key].dispose();
    expectTensorError(() => opt.step(), 'STATE', `${name}.step: the ${key} of parameter 1 has been disposed`);
    expect(flat(a)).toEqual(after);
    expect(flat(b).every(Number.isFinite)).toBe(true);
  });
});

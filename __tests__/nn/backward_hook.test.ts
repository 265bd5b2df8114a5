// registerFullBackwardHook: the gradients w.r.t. the module's inputs and outputs, once per
// backward, replacement of gradInput, several inputs and outputs, removal.
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';

const { nn } = tg;

test('a Linear hook sees dL/dx and dL/dy once; a returned array replaces gradInput', () => {
  const lin = new nn.Linear(4, 3, { generator: new tg.Generator().manualSeed(2) }).to('float64');
  const x = tg.randn([5, 4], { dtype: 'float64' }).requiresGrad_();
  const w = tg.randn([5, 3], { dtype: 'float64' });
  const calls: [tg.Tensor | null, tg.Tensor | null][] = [];
  const h = lin.registerFullBackwardHook((m, gi, go) => {
    expect(m).toBe(lin);
    calls.push([gi[0], go[0]]);
  });
  lin.call(x).mul(w).sum().backward();
  expect(calls.length).toBe(1);
  expectClose(flat(calls[0][1]!), flat(w), 0);
  expectClose(flat(calls[0][0]!), flat(w.matmul(lin.weight.detach())), 1e-12);
  expectClose(flat(x.grad!), flat(calls[0][0]!), 0);
  const wGrad = flat(lin.weight.grad!);

  h.remove();
  x.grad = null;
  lin.zeroGrad();
  lin.registerFullBackwardHook((_m, gi) => [gi[0]!.mul(3)]);
  lin.call(x).mul(w).sum().backward();
  expect(calls.length).toBe(1);
  expectClose(flat(x.grad!), flat(w.matmul(lin.weight.detach()).mul(3)), 1e-12);
  expectClose(flat(lin.weight.grad!), wGrad, 1e-12); // only the input gradient changes
});

test('several inputs: one call with every input gradient (null where none), and replacement per input', () => {
  class Pair extends nn.Module {
    forward(a: tg.Tensor, b: tg.Tensor, c: tg.Tensor): tg.Tensor {
      return a.mul(b).add(c.sum());
    }
  }
  const m = new Pair();
  const a = tg.tensor([1, 2, 3], { dtype: 'float64' }).requiresGrad_();
  const b = tg.tensor([4, 5, 6], { dtype: 'float64' }).requiresGrad_();
  const c = tg.tensor([7, 8], { dtype: 'float64' });
  let seen: (tg.Tensor | null)[] = [];
  m.registerFullBackwardHook((_m, gi, go) => {
    seen = [...gi, ...go];
    return [gi[0], gi[1]!.mul(0), null];
  });
  m.call(a, b, c).sum().backward();
  expect(seen.map((t) => (t === null ? null : flat(t)))).toEqual([[4, 5, 6], [1, 2, 3], null, [1, 1, 1]]);
  expect(flat(a.grad!)).toEqual([4, 5, 6]);
  expect(flat(b.grad!)).toEqual([0, 0, 0]);
});

test('MultiheadAttention: gradOutput has one entry per output; gradInput matches autograd', () => {
  const m = new nn.MultiheadAttention(4, 2, { generator: new tg.Generator().manualSeed(5) }).to('float64');
  const q = tg.randn([3, 2, 4], { dtype: 'float64' }).requiresGrad_();
  const kv = tg.randn([5, 2, 4], { dtype: 'float64' }).requiresGrad_();
  const [ref] = m.forward(q, kv, kv);
  const expected = tg.autograd.grad(ref.sum(), [q]);
  let got: (tg.Tensor | null)[] = [];
  let outs = 0;
  m.registerFullBackwardHook((_m, gi, go) => {
    got = gi;
    outs = go.length;
  });
  const [out] = m.call(q, kv, kv);
  out.sum().backward();
  expect(outs).toBe(2);
  expect(got.length).toBe(3);
  expectClose(flat(got[0]!), flat(expected[0]!), 1e-12);
  expect(got[1]!.shape).toEqual([5, 2, 4]);
});

test('inputs without gradients: the hook still fires, with null gradInput; errors', () => {
  const lin = new nn.Linear(2, 2);
  let fired = 0;
  lin.registerFullBackwardHook((_m, gi, go) => {
    fired++;
    expect(gi).toEqual([null]);
    expect(go[0]!.shape).toEqual([1, 2]);
  });
  lin
    .call(tg.ones([1, 2]))
    .sum()
    .backward();
  expect(fired).toBe(1);
  expectTensorError(() => lin.registerFullBackwardHook(3 as never), 'ARGUMENT');
  const bad = new nn.Linear(2, 2);
  bad.registerFullBackwardHook(() => [null, null]);
  expectTensorError(
    () =>
      bad
        .call(tg.ones([1, 2]).requiresGrad_())
        .sum()
        .backward(),
    'ARGUMENT',
    'invalid number of grad_input',
  );
});

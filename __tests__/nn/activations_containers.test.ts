// Activation modules and containers beyond the PyTorch fixture (layers_parity.test.ts): the
// container API, functionals, gradcheck of the composed activations, errors with their codes.
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

const { nn } = tg;
const F = nn.functional;

describe('activation functionals', () => {
  const x = () => tg.tensor([-3.5, -2, -0.7, -0.2, 0.3, 0.9, 1.8, 4.2], { dtype: 'float64' }).requiresGrad_();

  test.each([
    ['selu', (t: tg.Tensor) => F.selu(t)],
    ['celu', (t: tg.Tensor) => F.celu(t, 0.6)],
    ['hardsigmoid', (t: tg.Tensor) => F.hardsigmoid(t)],
    ['hardswish', (t: tg.Tensor) => F.hardswish(t)],
    ['softsign', (t: tg.Tensor) => F.softsign(t)],
    ['tanhshrink', (t: tg.Tensor) => F.tanhshrink(t)],
    ['softshrink', (t: tg.Tensor) => F.softshrink(t, 0.5)],
    ['hardshrink', (t: tg.Tensor) => F.hardshrink(t, 0.5)],
    ['threshold', (t: tg.Tensor) => F.threshold(t, 0.1, 2)],
    ['softmin', (t: tg.Tensor) => F.softmin(t, 0)],
    ['glu', (t: tg.Tensor) => F.glu(t, 0)],
  ])('%s passes gradcheck', (_n, f) => {
    expect(tg.autograd.gradcheck(f, [x()])).toBe(true);
  });

  test('prelu passes gradcheck in input and weight, per channel and shared', () => {
    const inp = tg
      .tensor(
        [
          [
            [-1.5, 0.4],
            [2, -0.3],
            [-0.9, 1.1],
          ],
        ],
        { dtype: 'float64' },
      )
      .requiresGrad_();
    const w3 = tg.tensor([0.2, -0.4, 0.7], { dtype: 'float64' }).requiresGrad_();
    const w1 = tg.tensor([0.3], { dtype: 'float64' }).requiresGrad_();
    expect(tg.autograd.gradcheck((a, w) => F.prelu(a, w), [inp, w3])).toBe(true);
    expect(tg.autograd.gradcheck((a, w) => F.prelu(a, w), [inp, w1])).toBe(true);
  });

  test('hand-checked values', () => {
    const v = tg.tensor([-1, -0.25, 0, 0.25, 1]);
    expect(flat(F.softshrink(v, 0.5))).toEqual([-0.5, 0, 0, 0, 0.5]);
    expect(flat(F.hardshrink(v, 0.5))).toEqual([-1, 0, 0, 0, 1]);
    expect(flat(F.threshold(v, 0, -9))).toEqual([-9, -9, -9, 0.25, 1]);
    expect(flat(F.glu(tg.tensor([1, 2, 0, 0]), 0))).toEqual([0.5, 1]);
    expect(flat(new nn.PReLU(1, 0.5).forward(v))).toEqual([-0.5, -0.125, 0, 0.25, 1]);
  });

  test('errors', () => {
    expectTensorError(() => F.glu(tg.zeros([2, 3])), 'SHAPE', 'Halving dimension must be even, but dimension 1 is size 3');
    expectTensorError(() => F.glu(tg.zeros([])), 'ARGUMENT');
    expectTensorError(() => new nn.PReLU(4).forward(tg.zeros([2, 3])), 'SHAPE', 'Found parameter numbers = 4 and channel size = 3');
    expectTensorError(() => new nn.PReLU(0), 'ARGUMENT');
    expectTensorError(() => F.softshrink(tg.zeros([2]), -1), 'ARGUMENT', 'lambda must be greater or equal to 0');
    expectTensorError(() => new nn.GELU({ approximate: 'fast' as never }), 'ARGUMENT', 'approximate');
    expectTensorError(() => new nn.LeakyReLU('a' as never), 'ARGUMENT');
    expectTensorError(() => new nn.Hardtanh(1, -1), 'ARGUMENT', 'max_val');
    expectTensorError(() => new nn.Softmax(1).forward(tg.zeros([2])), 'INDEX');
    expectTensorError(() => new nn.Flatten(2, 1).forward(tg.zeros([2, 2, 2])), 'ARGUMENT', 'start_dim cannot come after end_dim');
    expectTensorError(
      () => new nn.Unflatten(1, [2, 4]).forward(tg.zeros([3, 10])),
      'SHAPE',
      "Provided sizes [2, 4] don't multiply up to the size of dim 1 (10)",
    );
    expectTensorError(() => new nn.Unflatten(1, [-1, -1]).forward(tg.zeros([3, 10])), 'ARGUMENT', 'only one dimension can be inferred');
  });

  test('PReLU weight is a parameter with its init; Threshold requires both arguments', () => {
    const p = new nn.PReLU(3, 0.1);
    expect(p.namedParameters().map(([n, t]) => [n, t.shape, flat(t).map((v) => Math.fround(v))])).toEqual([['weight', [3], [0.1, 0.1, 0.1].map(Math.fround)]]);
    expect(new nn.Threshold(0.5, -1).toString()).toBe('Threshold(threshold=0.5, value=-1)');
  });
});

describe('ModuleList', () => {
  test('append, extend, insert, pop, index access, iteration and children names', () => {
    const a = new nn.Linear(2, 2);
    const b = new nn.ReLU();
    const c = new nn.Tanh();
    const l = new nn.ModuleList([a]);
    l.append(b).extend([c]);
    expect(l.length).toBe(3);
    expect([l[0], l[1], l[2]]).toEqual([a, b, c]);
    expect([...l]).toEqual([a, b, c]);
    expect(l.get(-1)).toBe(c);
    const d = new nn.Identity();
    l.insert(1, d);
    expect([...l]).toEqual([a, d, b, c]);
    expect(l.namedChildren().map(([n]) => n)).toEqual(['0', '1', '2', '3']);
    expect(l.pop(1)).toBe(d);
    expect([...l]).toEqual([a, b, c]);
    expect(l[3]).toBeUndefined();
    l.insert(-100, d);
    expect(l.get(0)).toBe(d);
    l.set(0, b);
    expect(Object.keys(l.stateDict())).toEqual(['1.weight', '1.bias']);
    expectTensorError(() => l.get(4), 'INDEX');
    expectTensorError(() => l.get(-5), 'INDEX');
    expectTensorError(() => l.append({} as never), 'ARGUMENT');
    expectTensorError(() => l.extend(3 as never), 'ARGUMENT');
    expectTensorError(() => l.forward(), 'STATE');
    expect(new nn.ModuleList().toString()).toBe('ModuleList()');
  });

  test('parameters of a nested list reach the optimizer; train/eval reach the children', () => {
    const l = new nn.ModuleList([new nn.Linear(2, 3), new nn.ModuleList([new nn.Linear(3, 1), new nn.Dropout()])]);
    expect(l.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '1.0.weight', '1.0.bias']);
    l.eval();
    expect(l.modules().every((m) => !m.training)).toBe(true);
  });
});

describe('ModuleDict', () => {
  test('keys as given, in insertion order; get/set/has/delete/pop/update', () => {
    const d = new nn.ModuleDict({ fooBar: new nn.Linear(1, 1), b: new nn.ReLU() });
    d.set('2', new nn.Linear(1, 2));
    expect(d.keys()).toEqual(['fooBar', 'b', '2']);
    expect([...d]).toEqual(['fooBar', 'b', '2']);
    expect(Object.keys(d.stateDict())).toEqual(['fooBar.weight', 'fooBar.bias', '2.weight', '2.bias']);
    expect(d.has('b')).toBe(true);
    expect(d.delete('b')).toBe(true);
    expect(d.has('b')).toBe(false);
    expect(d.size).toBe(2);
    expect(d.values().length).toBe(2);
    expect(d.entries().map(([k]) => k)).toEqual(['fooBar', '2']);
    const m = d.pop('2');
    expect(m).toBeInstanceOf(nn.Linear);
    d.update([['z', m]]);
    expect(d.keys()).toEqual(['fooBar', 'z']);
    expectTensorError(() => d.get('missing'), 'INDEX');
    expectTensorError(() => d.set('a.b', m), 'ARGUMENT');
    expectTensorError(() => d.set('a', 1 as never), 'ARGUMENT');
    d.clear();
    expect(d.size).toBe(0);
  });
});

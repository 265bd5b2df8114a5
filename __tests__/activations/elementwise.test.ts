import * as tg from '../../lib';
import { expectTensorError, values } from '../helpers';
import { data, expectRelClose, ref } from './reference';

type Case = [string, (x: tg.Tensor) => tg.Tensor, (v: number) => number];
const CASES: Case[] = [
  ['gelu', (x) => x.gelu(), ref.gelu],
  ['gelu tanh', (x) => tg.gelu(x, { approximate: 'tanh' }), ref.geluTanh],
  ['silu', (x) => x.silu(), ref.silu],
  ['mish', (x) => tg.mish(x), ref.mish],
  ['logSigmoid', (x) => x.logSigmoid(), ref.logSigmoid],
  ['softplus', (x) => x.softplus(), (v) => ref.softplus(v)],
  ['softplus beta 2 threshold 5', (x) => tg.softplus(x, { beta: 2, threshold: 5 }), (v) => ref.softplus(v, 2, 5)],
  ['elu', (x) => x.elu(), (v) => ref.elu(v)],
  ['elu 0.3', (x) => tg.elu(x, 0.3), (v) => ref.elu(v, 0.3)],
  ['leakyRelu', (x) => x.leakyRelu(), (v) => ref.leakyRelu(v)],
  ['leakyRelu -0.5', (x) => tg.leakyRelu(x, -0.5), (v) => ref.leakyRelu(v, -0.5)],
  ['hardtanh', (x) => x.hardtanh(), (v) => ref.hardtanh(v)],
  ['hardtanh [-0.5, 2]', (x) => tg.hardtanh(x, { minVal: -0.5, maxVal: 2 }), (v) => ref.hardtanh(v, -0.5, 2)],
  ['relu6', (x) => x.relu6(), (v) => ref.hardtanh(v, 0, 6)],
];
const SPECIAL = [NaN, Infinity, -Infinity, -0, 0, 1e-30, -1e-30, 19.99, 20.01, 30, -30, 88, -88, 100, -100, 700, -700];

describe('elementwise activations', () => {
  test.each(CASES)('%s: float64 and float32 against the formula, odd lengths', (_name, f, r) => {
    for (const n of [1, 7, 33, 1000]) {
      const v = values(n, n + 11).map((u) => u * 12);
      const x64 = tg.tensor(v, { dtype: 'float64' });
      const got = data(f(x64));
      expectRelClose(got, Array.from(v, r), 1e-14);
      const x32 = tg.tensor(v, { dtype: 'float32' });
      const y32 = f(x32);
      expect(y32.dtype).toBe('float32');
      expectRelClose(data(y32), Array.from(data(x32), r), 4e-6);
    }
  });

  test.each(CASES)('%s: special values (NaN, +-inf, -0, overflow) as PyTorch', (_name, f, r) => {
    const x = tg.tensor(SPECIAL, { dtype: 'float64' });
    // PyTorch's formulas give NaN for gelu, silu and mish at -inf (-inf * 0).
    const want = SPECIAL.map(r);
    const got = data(f(x));
    expectRelClose(got, want, 1e-13);
  });

  test('PyTorch 1.13 special cases: -inf through gelu/silu/mish is NaN, softplus threshold, min > max', () => {
    const ninf = tg.tensor([-Infinity]);
    expect(ninf.gelu().item()).toBeNaN();
    expect(ninf.silu().item()).toBeNaN();
    expect(ninf.mish().item()).toBeNaN();
    expect(ninf.softplus().item()).toBe(0);
    expect(ninf.elu().item()).toBe(-1);
    expect(ninf.logSigmoid().item()).toBe(-Infinity);
    // above the threshold softplus is x itself, bit for bit
    expect(tg.tensor([20.5], { dtype: 'float64' }).softplus().item()).toBe(20.5);
    expect(tg.tensor([1], { dtype: 'float64' }).softplus({ beta: 0 }).item()).toBe(Infinity);
    expect(data(tg.tensor([-3, 0, 3]).hardtanh({ minVal: 2, maxVal: 1 }))).toEqual([1, 1, 1]);
    expect(Object.is(tg.tensor([-0]).leakyRelu().item(), -0)).toBe(true);
    expect(Object.is(tg.tensor([-0]).hardtanh().item(), -0)).toBe(true);
    // relu6(-0) is -0 in PyTorch (the bound 0 loses the tie), for short and long tensors
    for (const n of [1, 40]) expect(data(tg.tensor(new Array<number>(n).fill(-0)).relu6()).every((v) => Object.is(v, -0))).toBe(true);
  });

  test('non-contiguous inputs', () => {
    const base = tg.tensor(values(12, 5), { shape: [3, 4], dtype: 'float64' });
    for (const [, f, r] of CASES) {
      const t = base.t();
      expect(f(t).shape).toEqual([4, 3]);
      expectRelClose(data(f(t)), data(t).map(r), 1e-14);
      const e = tg.tensor([0.5, -2], { dtype: 'float64' }).expand(3, 2);
      expectRelClose(data(f(e)), [0.5, -2, 0.5, -2, 0.5, -2].map(r), 1e-14);
    }
  });

  test('0-d and empty inputs', () => {
    for (const [, f, r] of CASES) {
      const y = f(tg.tensor(-0.75, { dtype: 'float64' }));
      expect(y.shape).toEqual([]);
      expectRelClose([y.item()], [r(-0.75)], 1e-14);
      expect(f(tg.zeros([0, 3])).shape).toEqual([0, 3]);
    }
  });

  test('large float32 tensors (threaded native path) match the formula', () => {
    // 40,000 elements: more than one 16,384-element chunk of the native driver
    const v = values(40000, 9).map((u) => u * 10);
    const x = tg.tensor(v, { dtype: 'float32' });
    const xs = x.dataSync() as Float32Array;
    for (const [, f, r] of CASES) expectRelClose(f(x).dataSync(), Float64Array.from(xs, r), 4e-6);
  });

  test('hardtanh and relu6 keep integer dtypes', () => {
    const i = tg.tensor([-5, 0, 3, 9], { dtype: 'int32' });
    expect(i.hardtanh().dtype).toBe('int32');
    expect(data(i.hardtanh())).toEqual([-1, 0, 1, 1]);
    expect(data(i.relu6())).toEqual([0, 0, 3, 6]);
    // fractional bounds are truncated for integer tensors, as PyTorch's
    expect(data(i.hardtanh({ minVal: -1.5, maxVal: 1.5 }))).toEqual([-1, 0, 1, 1]);
    expect(i.hardtanh({ minVal: -1.5, maxVal: 1.5 }).dtype).toBe('int32');
  });

  test('node names', () => {
    const x = tg.tensor([0.5, -1], { requiresGrad: true });
    expect(x.gelu().gradFn!.name).toBe('GeluBackward0');
    expect(x.silu().gradFn!.name).toBe('SiluBackward0');
    expect(x.mish().gradFn!.name).toBe('MishBackward0');
    expect(x.logSigmoid().gradFn!.name).toBe('LogSigmoidBackward0');
    expect(x.softplus().gradFn!.name).toBe('SoftplusBackward0');
    expect(x.elu().gradFn!.name).toBe('EluBackward0');
    expect(x.leakyRelu().gradFn!.name).toBe('LeakyReluBackward0');
    expect(x.hardtanh().gradFn!.name).toBe('HardtanhBackward0');
    expect(x.relu6().gradFn!.name).toBe('HardtanhBackward0');
    const [g] = tg.autograd.grad(x.gelu().sum(), x, { createGraph: true });
    expect(g!.gradFn!.name).toBe('GeluBackwardBackward0');
  });

  test('gradients at the kinks follow PyTorch: elu at 0 is alpha, leakyRelu at 0 is slope, hardtanh at a bound is 0', () => {
    const x = tg.tensor([0, -1, 1], { dtype: 'float64', requiresGrad: true });
    const [ge] = tg.autograd.grad(x.elu(0.5).sum(), x);
    expect(data(ge!)).toEqual([0.5, 0.5 * Math.exp(-1), 1]);
    const [gl] = tg.autograd.grad(x.leakyRelu(0.1).sum(), x);
    expect(data(gl!)).toEqual([0.1, 0.1, 1]);
    const [gh] = tg.autograd.grad(x.hardtanh().sum(), x);
    expect(data(gh!)).toEqual([1, 0, 0]);
  });

  test('errors', () => {
    const i = tg.tensor([1, 2], { dtype: 'int32' });
    const b = tg.tensor([true]);
    const kernels: [string, (x: tg.Tensor) => tg.Tensor][] = [
      ['GeluKernelImpl', (x) => x.gelu()],
      ['silu_cpu', (x) => x.silu()],
      ['mish_cpu', (x) => x.mish()],
      ['log_sigmoid_cpu', (x) => x.logSigmoid()],
      ['softplus_cpu', (x) => x.softplus()],
      ['elu_cpu', (x) => x.elu()],
      ['leaky_relu_cpu', (x) => x.leakyRelu()],
    ];
    for (const [kernel, f] of kernels) {
      expectTensorError(() => f(i), 'DTYPE', `"${kernel}" not implemented for 'Int'`);
      expectTensorError(() => f(b), 'DTYPE', `"${kernel}" not implemented for 'Bool'`);
    }
    expectTensorError(() => b.hardtanh(), 'DTYPE', /Bool inputs not supported for hardtanh/);
    expectTensorError(() => b.relu6(), 'DTYPE', /Bool inputs not supported for hardtanh/);
    const x = tg.tensor([1, 2]);
    expectTensorError(() => x.gelu({ approximate: 'erf' as 'none' }), 'ARGUMENT', /approximate argument must be either none or tanh/);
    expectTensorError(() => x.elu('1' as unknown as number), 'ARGUMENT', /alpha/);
    expectTensorError(() => x.leakyRelu(null as unknown as number), 'ARGUMENT', /slope/);
    expectTensorError(() => x.softplus({ beta: '2' as unknown as number }), 'ARGUMENT', /beta/);
    expectTensorError(() => x.hardtanh({ maxVal: '2' as unknown as number }), 'ARGUMENT', /maxVal/);
    expectTensorError(() => tg.silu(undefined as unknown as tg.Tensor), 'ARGUMENT');
    expectTensorError(() => x.gelu('tanh' as unknown as tg.GeluOptions), 'ARGUMENT', /options must be an object/);
    expectTensorError(() => x.softplus(null as unknown as tg.SoftplusOptions), 'ARGUMENT', /options must be an object/);
    expectTensorError(() => tg.hardtanh(x, 2 as unknown as tg.HardtanhOptions), 'ARGUMENT', /options must be an object/);
  });
});

// The nn surface as a PyTorch user meets it: MaxPool1d's [values, indices], option objects for
// the modules whose arguments PyTorch makes optional, reprs, and errors, against numbers and
// messages recorded from PyTorch 1.13 (values and gradients are in fixtures/parity/nn_functional.json).
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';

const nn = tg.nn;
const F = tg.nn.functional;

test('MaxPool1d({returnIndices: true}) gives [values, int64 indices] as PyTorch; without it a tensor', () => {
  const x = tg.tensor([[[4, 1, 0, 7, 7, 2]]], { dtype: 'float64' }).requiresGrad_();
  const m = new nn.MaxPool1d(2, { stride: 2, padding: 1, returnIndices: true });
  const [v, i] = m.call(x);
  // torch.nn.MaxPool1d(2, 2, 1, return_indices=True)(x): values [4, 1, 7, 2], indices [0, 1, 3, 5]
  expect([flat(v), flat(i), i.dtype, v.gradFn?.name, i.requiresGrad]).toEqual([[4, 1, 7, 2], [0, 1, 3, 5], 'int64', 'SqueezeBackward1', false]);
  const y: tg.Tensor = new nn.MaxPool1d(2).call(x);
  expect(flat(y)).toEqual([4, 7, 7]);
  const [fv, fi] = F.maxPool1d(x.select(0, 0), 3, { returnIndices: true });
  expect([fv.shape, flat(fi)]).toEqual([
    [1, 2],
    [0, 3],
  ]);
  expect(m.toString()).toBe('MaxPool1d(kernel_size=2, stride=2, padding=1, dilation=1, ceil_mode=False)');
});

test('pooling errors name PyTorch kernels; an empty batch pools to an empty batch', () => {
  expectTensorError(() => new nn.MaxPool1d(2).call(tg.ones([1, 2, 5], { dtype: 'int64' })), 'DTYPE', `"max_pool1d_impl" not implemented for 'Long'`);
  expectTensorError(() => new nn.MaxPool1d(2, { stride: 0 }).call(tg.ones([1, 2, 5])), 'ARGUMENT', 'stride must be greater than zero, but got 0');
  expect(new nn.MaxPool1d(2).call(tg.zeros([0, 2, 5])).shape).toEqual([0, 2, 2]);
  expect(new nn.AvgPool1d(2).call(tg.zeros([0, 2, 5])).shape).toEqual([0, 2, 2]);
});

test('Softplus, Hardtanh and PReLU take an options object (PyTorch optional arguments) or positional numbers', () => {
  const x = tg.tensor([1, 3], { dtype: 'float64' });
  // nn.Softplus(2, 5)(x)
  expectClose(flat(new nn.Softplus({ beta: 2, threshold: 5 }).call(x)), [1.0634640055214863, 3.0], 1e-15);
  expect(flat(new nn.Softplus(2, 5).call(x))).toEqual(flat(new nn.Softplus({ beta: 2, threshold: 5 }).call(x)));
  expect(new nn.Softplus({ beta: 2 }).toString()).toBe('Softplus(beta=2, threshold=20)');
  expect(flat(new nn.Hardtanh({ minVal: -2, maxVal: 3 }).call(tg.tensor([-5, 0.5, 4])))).toEqual([-2, 0.5, 3]);
  // nn.Hardtanh(-2.0, 3.0): bounds print as floats
  expect(new nn.Hardtanh(-2, 3).toString()).toBe('Hardtanh(min_val=-2.0, max_val=3.0)');
  expect(new nn.Hardtanh({ minVal: -2.5, maxVal: 3.5 }).toString()).toBe('Hardtanh(min_val=-2.5, max_val=3.5)');
  expect(new nn.Hardtanh().toString()).toBe('Hardtanh(min_val=-1.0, max_val=1.0)');
  expectTensorError(() => new nn.Hardtanh({ minVal: 2, maxVal: 1 }), 'ARGUMENT');
  const p = new nn.PReLU({ numParameters: 3, init: 0.1 });
  expect(p.toString()).toBe('PReLU(num_parameters=3)');
  // nn.PReLU(3, 0.1)(torch.tensor([[-1., 2, -3]]))
  expectClose(flat(p.call(tg.tensor([[-1, 2, -3]]))), [-0.10000000149011612, 2.0, -0.30000001192092896], 0);
  expect(p.call(tg.tensor([[-1, 2, -3]])).gradFn?.name).toBe('PreluBackward0');
  expect(new nn.PReLU(2).weight.shape).toEqual([2]);
});

test('Flatten of a 0-d tensor checks its dims as a 1-D tensor, as PyTorch', () => {
  expectTensorError(() => new nn.Flatten().call(tg.tensor(1)), 'INDEX', 'Dimension out of range (expected to be in range of [-1, 0], but got 1)');
  expect(new nn.Flatten(0).call(tg.tensor(1)).shape).toEqual([1]);
  expect(tg.tensor(1).flatten().shape).toEqual([1]);
});

test('mse_loss broadcasts its operands as PyTorch (MseLossBackward0, gradients summed back)', () => {
  const a = tg.ones([2, 3], { dtype: 'float64' }).requiresGrad_();
  const t = tg.tensor([0, 1, 3], { dtype: 'float64' }).requiresGrad_();
  const loss = F.mseLoss(a, t);
  // torch: mse_loss(ones(2, 3), [0, 1, 3]) = (1 + 0 + 4) * 2 / 6
  expect([loss.item(), loss.gradFn?.name]).toEqual([10 / 6, 'MseLossBackward0']);
  const [ga, gt] = tg.autograd.grad(loss, [a, t]);
  expectClose(flat(ga!), [1 / 3, 0, -2 / 3, 1 / 3, 0, -2 / 3], 1e-15);
  expectClose(flat(gt!), [-2 / 3, 0, 4 / 3], 1e-15);
  expectTensorError(() => F.mseLoss(tg.ones([2, 3]), tg.ones([2])), 'SHAPE');
  expectTensorError(() => F.mseLoss(tg.ones([2]), tg.ones([2]), { reduction: 'avg' as 'mean' }), 'ARGUMENT', 'avg is not a valid value for reduction');
});

test('mse_loss runs on the promoted dtype, which must be floating, as ATen mse_cpu', () => {
  // torch: mse_loss(int32 [1, 2, 3], float32 [1, 2, 4]) = tensor(0.3333) (float32); sum 1; none [0, 0, 1]
  const i = tg.tensor([1, 2, 3], { dtype: 'int32' });
  const f = tg.tensor([1, 2, 4]);
  const mean = F.mseLoss(i, f);
  expect([mean.dtype, mean.item()]).toEqual(['float32', Math.fround(1 / 3)]);
  expect(F.mseLoss(i, f, { reduction: 'sum' }).item()).toBe(1);
  expect(flat(F.mseLoss(f, i.to('int64'), { reduction: 'none' }))).toEqual([0, 0, 1]);
  expect(F.mseLoss(f.to('float64'), f).dtype).toBe('float64');
  for (const reduction of ['mean', 'sum', 'none'] as const) {
    expectTensorError(() => F.mseLoss(i.to('int64'), i.to('int64'), { reduction }), 'DTYPE', `"mse_cpu" not implemented for 'Long'`);
  }
  expectTensorError(() => F.mseLoss(i, i), 'DTYPE', `"mse_cpu" not implemented for 'Int'`);
});

test('the single-node activations refuse integer inputs with PyTorch kernel names; threshold takes integers', () => {
  const ints = tg.tensor([-1, 2], { dtype: 'int64' });
  expectTensorError(() => F.hardswish(ints), 'DTYPE', `"hardswish_cpu" not implemented for 'Long'`);
  expectTensorError(() => F.hardsigmoid(ints), 'DTYPE', `"hardsigmoid_cpu" not implemented for 'Long'`);
  expectTensorError(() => F.celu(ints), 'DTYPE', `"elu_cpu" not implemented for 'Long'`);
  // nn.Threshold(0.5, 9)(tensor([-1, 2])) = [9, 2], int64
  const y = new nn.Threshold(0.5, 9).call(ints);
  expect([flat(y), y.dtype]).toEqual([[9, 2], 'int64']);
  expectTensorError(() => F.glu(tg.ones([2, 3])), 'SHAPE', 'Halving dimension must be even, but dimension 1 is size 3');
  expectTensorError(() => F.prelu(tg.tensor([-1, 2, 3]), tg.ones([3])), 'SHAPE', 'Found parameter numbers = 3 and channel size = 1.');
});

test('Linear on a contiguous 3-D input is addmm on its 2-D view (ViewBackward0), as ATen; other shapes add the bias', () => {
  const m = new nn.Linear(3, 2).to('float64');
  // torch.manual_seed(0); nn.Linear(3, 2)'s parameters
  m.loadStateDict({
    weight: tg.tensor([-0.004322517663240433, 0.3097158372402191, -0.4751853346824646, -0.4248946011066437, -0.2223689705133438, 0.15482072532176971], {
      shape: [2, 3],
      dtype: 'float64',
    }),
    bias: tg.tensor([-0.011439144611358643, 0.45777493715286255], { dtype: 'float64' }),
  });
  const x = tg.arange(12, { dtype: 'float64' }).reshape([2, 2, 3]).sin().requiresGrad_();
  const y = m.call(x);
  expect(y.gradFn?.name).toBe('ViewBackward0');
  const expected = [
    -0.1829070561302947, 0.4114359876986519, 0.20922389559232704, 0.41764184765165363, -0.27688074124980505, 0.5835768015502552, 0.29346819310036365,
    0.24882222303054075,
  ];
  expectClose(flat(y), expected, 1e-15);
  expect(m.call(x.transpose(0, 1)).gradFn?.name).toBe('AddBackward0');
  expect(m.call(x.reshape([1, 2, 2, 3])).gradFn?.name).toBe('AddBackward0');
});

// Conv1d, MaxPool1d and AvgPool1d beyond the PyTorch fixture (layers_parity.test.ts): a float64
// naive-loop reference, node names, reprs, and every error with its code and PyTorch's message.
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';

const { nn } = tg;
const F = nn.functional;

/** The definition of a grouped, strided, dilated, zero-padded 1-D cross-correlation. */
function naiveConv(x: number[][][], w: number[][][], stride: number, pad: number, dil: number, groups: number): number[] {
  const [n, c, l] = [x.length, x[0].length, x[0][0].length];
  const [o, cg, k] = [w.length, w[0].length, w[0][0].length];
  const lout = Math.floor((l + 2 * pad - dil * (k - 1) - 1) / stride) + 1;
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let oc = 0; oc < o; oc++)
      for (let j = 0; j < lout; j++) {
        let s = 0;
        const g = Math.floor(oc / (o / groups));
        for (let ic = 0; ic < cg; ic++)
          for (let t = 0; t < k; t++) {
            const p = j * stride - pad + t * dil;
            if (p >= 0 && p < l) s += x[b][g * cg + ic][p] * w[oc][ic][t];
          }
        out.push(s);
      }
  void c;
  return out;
}

test('conv1d equals the naive loop for a grid of geometries, and its node is ConvolutionBackward0', () => {
  const gen = new tg.Generator().manualSeed(7);
  for (const [stride, pad, dil, groups] of [
    [1, 0, 1, 1],
    [2, 1, 1, 1],
    [3, 2, 2, 3],
    [1, 3, 3, 6],
    [2, 0, 1, 2],
  ]) {
    const x = tg.randn([2, 6, 11], { generator: gen, dtype: 'float64' });
    const w = tg.randn([6, 6 / groups, 3], { generator: gen, dtype: 'float64' }).requiresGrad_();
    const y = F.conv1d(x, w, null, { stride, padding: pad, dilation: dil, groups });
    expectClose(flat(y), naiveConv(x.toArray() as number[][][], w.toArray() as number[][][], stride, pad, dil, groups), 1e-12);
    expect(y.gradFn?.name).toBe('ConvolutionBackward0');
  }
});

test('a transposed (non-contiguous) input and an expanded weight give the same result as contiguous ones', () => {
  const x = tg.randn([2, 9, 3], { dtype: 'float64' });
  const w = tg.randn([1, 3, 2], { dtype: 'float64' }).expand([4, 3, 2]);
  expectClose(flat(F.conv1d(x.transpose(1, 2), w)), flat(F.conv1d(x.transpose(1, 2).contiguous(), w.contiguous())), 1e-14);
});

test('float32 works and mixed dtypes are a DTYPE error', () => {
  const c = new nn.Conv1d(2, 3, 2);
  expect(c.forward(tg.ones([1, 2, 4])).dtype).toBe('float32');
  expectTensorError(() => c.forward(tg.ones([1, 2, 4], { dtype: 'float64' })), 'DTYPE');
  expectTensorError(() => c.forward(tg.ones([1, 2, 4], { dtype: 'int32' })), 'DTYPE');
});

test('reprs are PyTorch’s', () => {
  expect(new nn.Conv1d(4, 6, 3).toString()).toBe('Conv1d(4, 6, kernel_size=(3,), stride=(1,))');
  expect(new nn.Conv1d(4, 6, 3, { stride: 2, padding: 1, dilation: 2, groups: 2, bias: false, paddingMode: 'reflect' }).toString()).toBe(
    'Conv1d(4, 6, kernel_size=(3,), stride=(2,), padding=(1,), dilation=(2,), groups=2, bias=False, padding_mode=reflect)',
  );
  expect(new nn.Conv1d(4, 6, 3, { padding: 'same' }).toString()).toBe('Conv1d(4, 6, kernel_size=(3,), stride=(1,), padding=same)');
  expect(new nn.MaxPool1d(3).toString()).toBe('MaxPool1d(kernel_size=3, stride=3, padding=0, dilation=1, ceil_mode=False)');
  expect(new nn.AvgPool1d(3, { stride: 2, padding: 1 }).toString()).toBe('AvgPool1d(kernel_size=(3,), stride=(2,), padding=(1,))');
});

test('Conv1d construction errors', () => {
  expectTensorError(() => new nn.Conv1d(4, 6, 3, { groups: 3 }), 'ARGUMENT', 'in_channels must be divisible by groups');
  expectTensorError(() => new nn.Conv1d(6, 4, 3, { groups: 3 }), 'ARGUMENT', 'out_channels must be divisible by groups');
  expectTensorError(() => new nn.Conv1d(6, 6, 3, { groups: 0 }), 'ARGUMENT', 'groups must be a positive integer');
  expectTensorError(() => new nn.Conv1d(6, 6, 3, { padding: 'same', stride: 2 }), 'ARGUMENT', "padding='same' is not supported for strided convolutions");
  expectTensorError(() => new nn.Conv1d(6, 6, 3, { padding: 'foo' as never }), 'ARGUMENT', "Invalid padding string 'foo'");
  expectTensorError(() => new nn.Conv1d(6, 6, 3, { paddingMode: 'foo' as never }), 'ARGUMENT', "but got padding_mode='foo'");
  expectTensorError(() => new nn.Conv1d(6, 6, 0), 'ARGUMENT', 'kernel_size');
  expectTensorError(() => new nn.Conv1d(6, 6, 2.5), 'ARGUMENT', 'kernel_size');
  expectTensorError(() => new nn.Conv1d(6, 6, 3, { padding: -1 }), 'ARGUMENT');
});

test('conv1d forward errors', () => {
  const x = tg.zeros([2, 4, 5]);
  expectTensorError(
    () => new nn.Conv1d(5, 6, 3).forward(x),
    'SHAPE',
    'Given groups=1, weight of size [6, 5, 3], expected input[2, 4, 5] to have 5 channels, but got 4 channels instead',
  );
  expectTensorError(
    () => new nn.Conv1d(4, 6, 7).forward(x),
    'SHAPE',
    "Calculated padded input size per channel: (5). Kernel size: (7). Kernel size can't be greater than actual input size",
  );
  expectTensorError(
    () => new nn.Conv1d(4, 6, 3).forward(tg.zeros([2, 3, 4, 5])),
    'SHAPE',
    'Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [2, 3, 4, 5]',
  );
  expectTensorError(() => F.conv1d(x, tg.zeros([6, 4, 3]), null, { stride: 0 }), 'ARGUMENT', 'non-positive stride is not supported');
  expectTensorError(() => F.conv1d(x, tg.zeros([6, 4, 3]), null, { dilation: 0 }), 'ARGUMENT', 'non-positive dilation is not supported');
  expectTensorError(() => F.conv1d(x, tg.zeros([6, 4, 3]), null, { padding: -1 }), 'ARGUMENT', 'negative padding is not supported');
  expectTensorError(() => F.conv1d(x, tg.zeros([6, 4, 3]), tg.zeros([5])), 'SHAPE', 'expected bias to be 1-dimensional with 6 elements');
  expectTensorError(() => F.conv1d(x, tg.zeros([5, 2, 3]), null, { groups: 2 }), 'SHAPE', 'divisible by 2');
});

test('pooling errors', () => {
  const x = tg.zeros([2, 4, 5]);
  expectTensorError(
    () => F.maxPool1d(x, 3, { padding: 2 }),
    'ARGUMENT',
    'max_pool1d() padding should be at most half of kernel size, but got padding=2 and kernel_size=3',
  );
  expectTensorError(() => F.avgPool1d(x, 3, { padding: 2 }), 'ARGUMENT', 'pad should be at most half of kernel size, but got pad=2 and kernel_size=3');
  expectTensorError(() => F.avgPool1d(x, 7), 'SHAPE', 'Given input size: (4x1x5). Calculated output size: (4x1x0). Output size is too small');
  expectTensorError(() => F.maxPool1d(x, 0), 'ARGUMENT', 'max_pool1d() kernel_size must be greater than zero, but got 0');
  expectTensorError(() => F.maxPool1d(x, 2, { stride: 0 }), 'ARGUMENT', 'max_pool1d() stride must be greater than zero, but got 0');
  expectTensorError(
    () => F.maxPool1d(tg.zeros([2, 3, 4, 5]), 2),
    'SHAPE',
    'max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:[2, 3, 4, 5]',
  );
  expectTensorError(() => F.avgPool1d(tg.zeros([2, 3, 4, 5]), 2), 'SHAPE', 'Expected 2 to 3 dimensions, but got 4-dimensional tensor');
  expectTensorError(() => new nn.MaxPool1d(0), 'ARGUMENT');
});

test('max pooling sends the gradient to the (first) maximum; avg pooling spreads it over the window', () => {
  const x = tg.tensor([[[1, 3, 3, 0, 2]]], { dtype: 'float64' }).requiresGrad_();
  F.maxPool1d(x, 2, { stride: 1 }).sum().backward();
  expect(flat(x.grad!)).toEqual([0, 2, 1, 0, 1]);
  const [v, i] = new nn.MaxPool1d(2, { returnIndices: true }).call(tg.tensor([[4, 1, 0, 7]]));
  expect([flat(v), flat(i), i.dtype]).toEqual([[4, 7], [0, 3], 'int64']);
  const y = tg.tensor([[[2, 4, 6]]], { dtype: 'float64' }).requiresGrad_();
  F.avgPool1d(y, 2, { stride: 1, padding: 1, countIncludePad: false }).sum().backward();
  expect(flat(F.avgPool1d(y.detach(), 2, { stride: 1, padding: 1, countIncludePad: false }))).toEqual([2, 3, 5, 6]);
  expect(flat(y.grad!)).toEqual([1.5, 1, 1.5]);
});

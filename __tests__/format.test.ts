// Printing against PyTorch's output (torch/_tensor_str.py with default print options:
// precision 4, linewidth 80, threshold 1000, edgeitems 3). Every expected string below was
// checked against repr() in PyTorch 1.13 (Debian's python3-torch); the printing rules are the
// same in PyTorch 2.x.
import { inspect } from 'util';
import * as tg from '../lib';

const CASES: [string, () => tg.Tensor, string][] = [
  ['integers in float', () => tg.tensor([1, 2, 3]), 'tensor([1., 2., 3.])'],
  ['fixed point', () => tg.tensor([1.5, 2.25]), 'tensor([1.5000, 2.2500])'],
  ['aligned signs', () => tg.tensor([1, -2.5]), 'tensor([ 1.0000, -2.5000])'],
  ['scientific when the range is wide', () => tg.tensor([1e-5, 1]), 'tensor([1.0000e-05, 1.0000e+00])'],
  ['scientific for large integers', () => tg.tensor([1e10]), 'tensor([1.0000e+10])'],
  ['round half to even', () => tg.tensor([0.03125]), 'tensor([0.0312])'],
  ['float32 digits', () => tg.tensor([123456.7]), 'tensor([123456.7031])'],
  ['all zeros', () => tg.zeros([2]), 'tensor([0., 0.])'],
  ['nan and inf', () => tg.tensor([NaN, Infinity, 1]), 'tensor([nan, inf, 1.])'],
  ['negative infinity', () => tg.tensor([-Infinity, 0.5]), 'tensor([  -inf, 0.5000])'],
  ['0-d', () => tg.tensor(0.1), 'tensor(0.1000)'],
  ['0-d integer value', () => tg.tensor(3), 'tensor(3.)'],
  ['int32 suffix', () => tg.tensor([1, 20, 3], { dtype: 'int32' }), 'tensor([ 1, 20,  3], dtype=torch.int32)'],
  ['float64 suffix', () => tg.tensor([1.5, 2], { dtype: 'float64' }), 'tensor([1.5000, 2.0000], dtype=torch.float64)'],
  ['bool', () => tg.tensor([true, false]), 'tensor([ True, False])'],
  ['empty', () => tg.tensor([]), 'tensor([])'],
  ['empty 2-D', () => tg.zeros([0, 3]), 'tensor([], size=(0, 3))'],
  [
    'line wrapping',
    () => tg.arange(30),
    'tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n' +
      '        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,\n' +
      '        28., 29.])',
  ],
  ['summarised vector', () => tg.arange(2000), 'tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])'],
  [
    'summarised matrix',
    () => tg.zeros([100, 100]),
    'tensor([[0., 0., 0.,  ..., 0., 0., 0.],\n' +
      '        [0., 0., 0.,  ..., 0., 0., 0.],\n' +
      '        [0., 0., 0.,  ..., 0., 0., 0.],\n' +
      '        ...,\n' +
      '        [0., 0., 0.,  ..., 0., 0., 0.],\n' +
      '        [0., 0., 0.,  ..., 0., 0., 0.],\n' +
      '        [0., 0., 0.,  ..., 0., 0., 0.]])',
  ],
  ['3-D', () => tg.ones([2, 2, 2]), 'tensor([[[1., 1.],\n         [1., 1.]],\n\n        [[1., 1.],\n         [1., 1.]]])'],
  ['requires_grad', () => tg.tensor([1, 2], { dtype: 'float64', requiresGrad: true }), 'tensor([1., 2.], dtype=torch.float64, requires_grad=True)'],
  ['grad_fn', () => tg.ones([2], { requiresGrad: true }).mul(2), 'tensor([2., 2.], grad_fn=<MulBackward0>)'],
  ['a strided view prints its own elements', () => tg.arange(6).reshape(2, 3).t(), 'tensor([[0., 3.],\n        [1., 4.],\n        [2., 5.]])'],
];

describe('printing matches PyTorch', () => {
  test.each(CASES)('%s', (_name, make, expected) => {
    const t = make();
    expect(t.toString()).toBe(expected);
    expect(inspect(t)).toBe(expected);
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- what String(t) gives is the point
    expect(`${t}`).toBe(expected);
  });

  test('a suffix that does not fit the line goes on the next one', () => {
    const t = tg.tensor([0.1234, 0.2345, 0.3456, 0.4567, 0.5678, 0.6789, 0.789, 0.8901], { dtype: 'float64', requiresGrad: true });
    expect(t.toString()).toBe('tensor([0.1234, 0.2345, 0.3456, 0.4567, 0.5678, 0.6789, 0.7890, 0.8901],\n       dtype=torch.float64, requires_grad=True)');
  });
});

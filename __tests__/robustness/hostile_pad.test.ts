// F.pad's circular mode with a negative pad on one side and a positive one on the other: the
// positive side wraps around what cropping left of the input, more than once when it is wider.
// Expected values are PyTorch 1.13's where it computes them (it reads uninitialised memory in
// the cases a left pad is wider than what is left, where these are the circular definition).
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';

const F = tg.nn.functional;
const x = (): tg.Tensor => tg.arange(8).float().reshape([1, 2, 4]);
const pad = (p: number[], mode: 'circular' | 'reflect' | 'replicate'): unknown => F.pad(x(), p, { mode }).tolist();

test.each<[number[], number[][][]]>([
  // PyTorch 1.13
  [
    [-3, 2],
    [
      [
        [3, 3, 3],
        [7, 7, 7],
      ],
    ],
  ],
  [
    [-2, 3],
    [
      [
        [2, 3, 2, 3, 2],
        [6, 7, 6, 7, 6],
      ],
    ],
  ],
  [
    [-2, 4],
    [
      [
        [2, 3, 2, 3, 2, 3],
        [6, 7, 6, 7, 6, 7],
      ],
    ],
  ],
  [
    [-1, 4],
    [
      [
        [1, 2, 3, 1, 2, 3, 1],
        [5, 6, 7, 5, 6, 7, 5],
      ],
    ],
  ],
  [[-5, 1], [[[], []]]],
  // the circular definition, out[i] = kept[(i - left) mod kept.length]
  [
    [3, -2],
    [
      [
        [1, 0, 1, 0, 1],
        [5, 4, 5, 4, 5],
      ],
    ],
  ],
  [
    [4, -1],
    [
      [
        [2, 0, 1, 2, 0, 1, 2],
        [6, 4, 5, 6, 4, 5, 6],
      ],
    ],
  ],
  [
    [2, -3],
    [
      [
        [0, 0, 0],
        [4, 4, 4],
      ],
    ],
  ],
])('circular %j', (p, expected) => {
  expect(pad(p, 'circular')).toEqual(expected);
});

test('circular padding that crops every element yet pads is ARGUMENT; reflect/replicate to size 0 too, as in PyTorch', () => {
  expectTensorError(() => pad([-4, 1], 'circular'), 'ARGUMENT', /crops every element/);
  expectTensorError(() => pad([2, -4], 'circular'), 'ARGUMENT', /crops every element/);
  expectTensorError(() => pad([-2, -2], 'reflect'), 'ARGUMENT', /reflect padding of dimension 2/);
  expectTensorError(() => pad([0, -4], 'replicate'), 'ARGUMENT', /replicate padding of dimension 2/);
});

test('the gradient of a wrapped circular pad sums every copy', () => {
  const a = tg.arange(4).float().reshape([1, 1, 4]).requiresGrad_();
  F.pad(a, [-2, 3], { mode: 'circular' }).sum().backward();
  // output [2,3,2,3,2]: element 2 three times, element 3 twice
  expect(Array.from(a.grad!.dataSync())).toEqual([0, 0, 3, 2]);
});

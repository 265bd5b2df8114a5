// Argument validation at the public entry points: shapes, sizes, fill values, dtypes of matrix
// products. Each case here was accepted (or crashed the process) before its check existed.
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';

describe('shapes: an array or spread numbers, nothing else', () => {
  test.each([
    ['an empty object', {}],
    ['a Map', new Map()],
    ['a string', '23'],
    ['an array with a hole', [, 2]], // eslint-disable-line no-sparse-arrays
    ['a fraction', [2.5]],
    ['a negative size', [-1]],
    ['an unsafe integer', [2 ** 60]],
    ['a nested array', [[2, 3]]],
  ])('zeros(%s) is an ARGUMENT error', (_what, arg) => {
    expectTensorError(() => tg.zeros(arg as never), 'ARGUMENT', /^zeros: /);
    expectTensorError(() => tg.ones(arg as never), 'ARGUMENT', /^ones: /);
  });

  test('no size at all is an error (PyTorch: missing the size), [] is 0-d', () => {
    expectTensorError(() => tg.zeros(), 'ARGUMENT', 'zeros: missing the size');
    expectTensorError(() => tg.ones({ dtype: 'int32' }), 'ARGUMENT', 'ones: missing the size');
    expect(tg.zeros([]).shape).toEqual([]);
    expect(tg.zeros([], { dtype: 'int32' }).dtype).toBe('int32');
  });

  test('spread sizes are read as PyTorch reads *size, for rand and randn too', () => {
    expect(tg.zeros(2, 3).shape).toEqual([2, 3]);
    expect(tg.ones(2, 3, { dtype: 'float64' }).dtype).toBe('float64');
    expect(tg.randn(2, 3).shape).toEqual([2, 3]);
    expect(tg.rand(2, 3, { dtype: 'float64' }).shape).toEqual([2, 3]);
    expect(tg.rand([4], { dtype: 'float64' }).dtype).toBe('float64');
    tg.manualSeed(7);
    const a = tg.randn(2, 3).toArray();
    tg.manualSeed(7);
    expect(tg.randn([2, 3]).toArray()).toEqual(a);
  });

  test('where the API takes an array, a number is not silently misread', () => {
    expectTensorError(() => tg.full(2 as never, 3), 'ARGUMENT', 'full: size must be an array');
    expectTensorError(() => tg.normal(0, 1, 2 as never, 3 as never), 'ARGUMENT', /^normal: /);
    expectTensorError(() => tg.normal(0, 1, [2], 3 as never), 'ARGUMENT', 'normal: options must be an object');
    expectTensorError(() => tg.randint(0, 5, 2 as never), 'ARGUMENT', /^randint: /);
  });

  test('element counts are bounded: overflowing strides and oversized allocations are ARGUMENT errors', () => {
    expectTensorError(() => tg.zeros([2 ** 27, 2 ** 27, 2]), 'ARGUMENT', 'zeros: Storage size calculation overflowed with sizes=[134217728, 134217728, 2]');
    expectTensorError(() => tg.zeros([2 ** 33]), 'ARGUMENT', /^zeros: cannot allocate 8589934592 elements/);
    expectTensorError(() => tg.zeros([0]).reshape([0, 2 ** 30, 2 ** 30, 2 ** 30]), 'ARGUMENT', /^reshape: Storage size calculation overflowed/);
    expectTensorError(() => tg.ones([1]).expand([2 ** 30, 2 ** 30, 2 ** 30, 1]), 'ARGUMENT', /^expand: Storage size calculation overflowed/);
    // A view may hold more elements than one allocation (PyTorch's expand allows it too).
    expect(tg.ones([1]).expand([2 ** 20, 2 ** 20]).numel).toBe(2 ** 40);
  });

  test('tensor methods take sizes as an array or spread, checked the same way', () => {
    const x = tg.ones([2, 3]);
    expect(x.reshape(3, 2).shape).toEqual([3, 2]);
    expect(x.view([6]).shape).toEqual([6]);
    expectTensorError(() => x.reshape({} as never), 'ARGUMENT', /^reshape: /);
    expectTensorError(() => x.view([, 6] as never), 'ARGUMENT', /^view: /); // eslint-disable-line no-sparse-arrays
    expectTensorError(() => x.permute([1, 0], 1), 'ARGUMENT', /^permute: /);
  });
});

describe('expand: -1 keeps a size, other negatives are errors (PyTorch messages)', () => {
  test('a negative size other than -1 on an existing dim', () => {
    expectTensorError(() => tg.ones([1]).expand([-2]), 'ARGUMENT', 'expand: Trying to create tensor with negative dimension -2: [-2]');
    expectTensorError(() => tg.ones([1, 1]).expand(3, -5), 'ARGUMENT', /negative dimension -5/);
    expect(tg.ones([1, 2]).expand([3, -1]).shape).toEqual([3, 2]);
  });

  test('any negative size in a new leading dim', () => {
    expectTensorError(
      () => tg.ones([1]).expand([-1, 1]),
      'ARGUMENT',
      "expand: The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0",
    );
  });
});

describe('integer tensors refuse values they cannot hold', () => {
  const overflow = /value cannot be converted to type int32_t without overflow/;
  test.each([NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31) - 1, 1e10])('full, tensor and fill_ with %p', (v) => {
    expectTensorError(() => tg.full([2], v, { dtype: 'int32' }), 'ARGUMENT', overflow);
    expectTensorError(() => tg.tensor([1, v], { dtype: 'int32' }), 'ARGUMENT', overflow);
    const x = tg.zeros([2], { dtype: 'int32' });
    expectTensorError(() => x.fill_(v), 'ARGUMENT', overflow);
    expect(x.toArray()).toEqual([0, 0]); // nothing written
  });

  test('the limits themselves fit; a fraction truncates in tensor and fill_, and full refuses it (API.md)', () => {
    expect(tg.full([1], 2 ** 31 - 1, { dtype: 'int32' }).toArray()).toEqual([2 ** 31 - 1]);
    expect(tg.tensor([-(2 ** 31)], { dtype: 'int32' }).toArray()).toEqual([-(2 ** 31)]);
    expect(tg.tensor([1.5, -2.5], { dtype: 'int32' }).toArray()).toEqual([1, -2]);
    expect(tg.zeros([2], { dtype: 'int32' }).fill_(3.7).toArray()).toEqual([3, 3]);
    expectTensorError(() => tg.full([2], 1.5, { dtype: 'int32' }), 'ARGUMENT', 'full: value 1.5 cannot be converted to type int32_t');
    // Floats and bools hold anything.
    expect(tg.full([1], NaN).toArray()).toEqual([NaN]);
    expect(tg.full([1], 5, { dtype: 'bool' }).toArray()).toEqual([true]);
  });
});

describe('nested data', () => {
  test('a self-referencing array is an ARGUMENT error, not a V8 abort', () => {
    const a: unknown[] = [];
    a.push(a);
    expectTensorError(() => tg.tensor(a as never), 'ARGUMENT', 'tensor: too many dimensions (nested arrays deeper than 64)');
    const b: unknown[] = [1];
    b.push(b);
    expectTensorError(() => tg.tensor(b as never), 'SHAPE', /expected a number at dim 1/);
  });

  test('64 levels of nesting are accepted, 65 are not (PyTorch allows at most 64 dims)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 64; i++) deep = [deep];
    expect(tg.tensor(deep as never).ndim).toBe(64);
    expectTensorError(() => tg.tensor([deep] as never), 'ARGUMENT', /too many dimensions/);
  });

  test('tensor options must be an object', () => {
    expectTensorError(() => tg.tensor([1], 'int32' as never), 'ARGUMENT', 'tensor: options must be an object');
  });
});

describe('matrix products do not promote (PyTorch 2.x messages)', () => {
  const f32 = tg.ones([2, 2]);
  const f64 = tg.ones([2, 2], { dtype: 'float64' });
  const i32 = tg.ones([2, 2], { dtype: 'int32' });
  test('mm, matmul, bmm, mv, dot', () => {
    expectTensorError(() => f32.mm(f64), 'DTYPE', 'mm: expected mat1 and mat2 to have the same dtype, but got: float != double');
    expectTensorError(() => tg.matmul(f32, i32), 'DTYPE', 'matmul: expected mat1 and mat2 to have the same dtype, but got: float != int');
    expectTensorError(() => tg.matmul(f32, tg.ones([2], { dtype: 'float64' })), 'DTYPE', /^matmul: /);
    expectTensorError(() => tg.bmm(tg.ones([1, 2, 2]), tg.ones([1, 2, 2], { dtype: 'float64' })), 'DTYPE', 'bmm: expected scalar type Float but found Double');
    expectTensorError(() => tg.mv(f64, tg.ones([2])), 'DTYPE', 'mv: expected scalar type Double but found Float');
    expectTensorError(
      () => tg.dot(tg.ones([2]), tg.ones([2], { dtype: 'float64' })),
      'DTYPE',
      'dot: expected both vectors to have same dtype, but found Float and Double',
    );
    expectTensorError(() => f32.matmul(f32, { out: tg.zeros([2, 2], { dtype: 'float64' }) }), 'DTYPE', /^matmul: expected out tensor to have dtype float32/);
    expect(i32.matmul(i32).toArray()).toEqual([
      [2, 2],
      [2, 2],
    ]);
  });

  test('nn.Linear and F.linear', () => {
    const layer = new tg.nn.Linear(2, 3);
    expectTensorError(() => layer.forward(f64), 'DTYPE', 'linear: mat1 and mat2 must have the same dtype, but got Double and Float');
    expectTensorError(
      () => tg.nn.functional.linear(f32, tg.ones([3, 2]), tg.ones([3], { dtype: 'float64' })),
      'DTYPE',
      'linear: self and mat2 must have the same dtype, but got Double and Float',
    );
    expect(tg.nn.functional.linear(f64, tg.ones([3, 2], { dtype: 'float64' })).dtype).toBe('float64');
  });
});

describe('reading a tensor', () => {
  test('toJSON gives {dtype, shape, data} with nested data, not the internals', () => {
    expect(
      JSON.parse(
        JSON.stringify(
          tg.tensor([
            [1, 2],
            [3, 4],
          ]),
        ),
      ),
    ).toEqual({
      dtype: 'float32',
      shape: [2, 2],
      data: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(JSON.parse(JSON.stringify(tg.tensor([true, false])))).toEqual({ dtype: 'bool', shape: [2], data: [true, false] });
    expect(JSON.parse(JSON.stringify({ x: tg.tensor(2.5, { dtype: 'float64' }) }))).toEqual({ x: { dtype: 'float64', shape: [], data: 2.5 } });
    expect(JSON.stringify(tg.tensor([NaN]))).toBe('{"dtype":"float32","shape":[1],"data":[null]}');
  });

  test('item() of a bool tensor is a boolean, as PyTorch gives a Python bool', () => {
    expect(tg.tensor([true]).item()).toBe(true);
    expect(tg.tensor(false).item<boolean>()).toBe(false);
    expect(tg.tensor([3], { dtype: 'int32' }).item()).toBe(3);
  });
});

describe('tensor look-alikes are refused by every tensor check', () => {
  const plain = { shape: [2], strides: [1], offset: 0, numel: 2, dtype: 'float32', _storage: { data: new Float32Array(2), disposed: false, busy: 0 } };
  const proto = Object.assign(Object.create(tg.Tensor.prototype) as object, { shape: [2], strides: [1], offset: 0, numel: 2, dtype: 'float32' });
  test.each([
    ['a plain object', plain],
    ['an object on Tensor.prototype', proto],
  ])('%s', (_what, fake) => {
    expect(fake instanceof tg.Tensor).toBe(false);
    expect(tg.isTensor(fake)).toBe(false);
    expectTensorError(() => tg.add(fake as never, tg.ones([2])), 'ARGUMENT', 'add: input must be a Tensor');
    expectTensorError(() => tg.ones([2]).mul(fake as never), 'ARGUMENT', /^mul: other must be a Tensor/);
    expectTensorError(() => tg.matmul(tg.ones([2]), fake as never), 'ARGUMENT', /^matmul: other must be a Tensor/);
    expectTensorError(() => tg.tensor(fake as never), 'ARGUMENT', /^tensor: could not convert/);
    expect(Object.prototype.toString.call(proto)).toBe('[object Object]');
    expect((proto as { toString(): string }).toString()).toBe('[object Object]');
  });
});

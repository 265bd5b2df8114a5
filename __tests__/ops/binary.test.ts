import * as tg from '../../lib';
import { expectClose, expectTensorError, flat, refBinary, values } from '../helpers';

const OPS: [string, (a: tg.Tensor, b: tg.Tensor) => tg.Tensor, (x: number, y: number) => number][] = [
  ['add', (a, b) => a.add(b), (x, y) => x + y],
  ['sub', (a, b) => a.sub(b), (x, y) => x - y],
  ['mul', (a, b) => a.mul(b), (x, y) => x * y],
  ['div', (a, b) => a.div(b), (x, y) => x / y],
  ['pow', (a, b) => a.abs().pow(b), (x, y) => Math.pow(Math.abs(x), y)],
];

const SHAPES: [number[], number[]][] = [
  [[37], [37]],
  [[3, 4], [4]],
  [
    [2, 1, 3],
    [4, 1],
  ],
  [
    [5, 1],
    [1, 6],
  ],
  [[5], []],
  [[], [7]],
  [
    [2, 3, 70],
    [2, 3, 70],
  ],
  [
    [1, 33],
    [17, 1],
  ],
];

describe.each(['float32', 'float64'] as const)('binary ops in %s', (dtype) => {
  const tol = dtype === 'float32' ? 1e-5 : 1e-12;
  test.each(OPS)('%s matches a float64 reference with broadcasting', (_name, op, ref) => {
    SHAPES.forEach(([sa, sb], i) => {
      const na = sa.reduce((p, s) => p * s, 1);
      const nb = sb.reduce((p, s) => p * s, 1);
      const va = values(na, 11 + i);
      const vb = values(nb, 97 + i).map((v) => v + 2.5); // away from 0 for div
      const a = tg.tensor(dtype === 'float32' ? Float32Array.from(va) : va, { shape: sa });
      const b = tg.tensor(dtype === 'float32' ? Float32Array.from(vb) : vb, { shape: sb });
      const out = op(a, b);
      const expected = refBinary(a.dataSync(), sa, b.dataSync(), sb, ref);
      expect(out.shape).toEqual(expected.shape);
      expect(out.dtype).toBe(dtype);
      expectClose(flat(out), expected.data, tol);
    });
  });

  test('non-contiguous operands (transposed and narrowed views)', () => {
    const a = tg.tensor(values(6 * 9, 3), { shape: [6, 9], dtype });
    const b = tg.tensor(values(9 * 6, 4), { shape: [9, 6], dtype });
    const at = a.t(); // [9, 6], strides [1, 9]
    const out = at.mul(b).add(b.narrow(1, 2, 1));
    const bn = b.narrow(1, 2, 1).contiguous();
    const prod = refBinary(at.contiguous().dataSync(), [9, 6], b.dataSync(), [9, 6], (x, y) => x * y);
    const expected = refBinary(prod.data, [9, 6], bn.dataSync(), [9, 1], (x, y) => x + y);
    expectClose(flat(out), expected.data, tol);
  });
});

describe('numbers as operands and type promotion', () => {
  test('repeated number operands (reused 0-d tensors) keep -0, NaN and the dtype apart', () => {
    const x = tg.tensor([1, -2]);
    for (let rep = 0; rep < 2; rep++) {
      expect(Object.is(flat(x.mul(-0))[0], -0)).toBe(true); // 1 * -0, as PyTorch
      expect(Object.is(flat(tg.full([1], -0))[0], -0)).toBe(true);
      expect(Object.is(flat(x.mul(0))[0], 0)).toBe(true);
      expect(flat(x.add(NaN)).every(Number.isNaN)).toBe(true);
      expect(flat(x.mul(0.1))).toEqual([Math.fround(0.1), Math.fround(-2 * Math.fround(0.1))]);
      // 0.1 as a float64 operand is not the float32 one.
      expect(flat(x.to('float64').mul(0.1))).toEqual([0.1, -0.2]);
      expect(flat(tg.tensor([3], { dtype: 'int32' }).mul(2))).toEqual([6]);
    }
  });

  test('x + 2 keeps float32; int32 * 2 stays int32; int32 * 2.5 gives float32', () => {
    expect(tg.ones([2]).add(2).dtype).toBe('float32');
    const i = tg.tensor([1, 2, 3], { dtype: 'int32' });
    const twice = i.mul(2);
    expect(twice.dtype).toBe('int32');
    expect(flat(twice)).toEqual([2, 4, 6]);
    const f = i.mul(2.5);
    expect(f.dtype).toBe('float32');
    expect(flat(f)).toEqual([2.5, 5, 7.5]);
  });

  test('int32 / int32 is true division in float32, as in PyTorch', () => {
    const a = tg.tensor([7, -7], { dtype: 'int32' });
    const out = a.div(tg.tensor([2, 2], { dtype: 'int32' }));
    expect(out.dtype).toBe('float32');
    expect(flat(out)).toEqual([3.5, -3.5]);
  });

  test('float32 with float64 promotes to float64; a 0-d tensor does not widen its category', () => {
    const a = tg.ones([2]);
    expect(a.add(tg.ones([2], { dtype: 'float64' })).dtype).toBe('float64');
    expect(a.add(tg.tensor(new Float64Array([1]), { shape: [] })).dtype).toBe('float32');
    expect(tg.ones([2], { dtype: 'int32' }).add(tg.tensor(new Float64Array([1.5]), { shape: [] })).dtype).toBe('float64');
  });

  test('int32 overflow wraps around as in PyTorch (no undefined behaviour)', () => {
    const big = tg.tensor([2147483647, -2147483648, 65536], { dtype: 'int32' });
    expect(flat(big.add(1))).toEqual([-2147483648, -2147483647, 65537]);
    expect(flat(big.mul(tg.tensor([2, 1, 65536], { dtype: 'int32' })))).toEqual([-2, -2147483648, 0]);
    const long = tg.full([40], 2147483647, { dtype: 'int32' });
    expect(flat(long.add(long))).toEqual(new Array(40).fill(-2));
    // PyTorch sums int32 in int64: no wrap.
    expect([long.sum().dtype, long.sum().item()]).toEqual(['int64', 2147483647 * 40]);
    const many = tg.full([10000], 1000000, { dtype: 'int32' });
    expect(many.sum().item()).toBe(1e10);
  });

  test('int32 pow stays integer', () => {
    const out = tg.tensor([2, 3, -2], { dtype: 'int32' }).pow(3);
    expect(out.dtype).toBe('int32');
    expect(flat(out)).toEqual([8, 27, -8]);
  });

  test('pow(2) is the correctly rounded square, as the general pow kernel gives', () => {
    const v = [1.1, -3.7, 1e-20, 3e19, 0.1, -0, NaN, Infinity];
    const x32 = tg.tensor(v);
    const x64 = tg.tensor(v, { dtype: 'float64' });
    expect(flat(x32.pow(2))).toEqual(v.map((e) => Math.fround(Math.fround(e) * Math.fround(e))));
    expect(flat(x64.pow(2))).toEqual(v.map((e) => e * e));
    // The same values through the tensor-exponent kernel (std::pow).
    expect(flat(x32.pow(tg.full([8], 2)))).toEqual(flat(x32.pow(2)));
    expect(flat(x64.pow(tg.full([8], 2, { dtype: 'float64' })))).toEqual(flat(x64.pow(2)));
  });

  test('sub and add take alpha', () => {
    const a = tg.tensor([1, 2]);
    expect(flat(a.add(tg.tensor([1, 1]), 3))).toEqual([4, 5]);
    expect(flat(a.sub(tg.tensor([1, 1]), 0.5))).toEqual([0.5, 1.5]);
  });

  test('tg.add and friends as functions', () => {
    expect(flat(tg.add(tg.tensor([1]), 2))).toEqual([3]);
    expect(flat(tg.mul(tg.tensor([3]), tg.tensor([4])))).toEqual([12]);
  });
});

describe('errors', () => {
  test('shapes that do not broadcast name the op and both shapes', () => {
    expectTensorError(() => tg.ones([2, 3]).add(tg.ones([4])), 'SHAPE', 'add: shapes [2, 3] and [4] cannot be broadcast');
  });
  test('a non-tensor operand is an ARGUMENT error', () => {
    expectTensorError(() => tg.ones([2]).mul('x' as never), 'ARGUMENT', 'mul: other must be a Tensor');
  });
  test("bool subtraction is refused with PyTorch's message", () => {
    expectTensorError(() => tg.tensor([true, false]).sub(tg.tensor([true, true])), 'DTYPE', 'Subtraction, the `-` operator');
  });
});

describe('backward formulas follow PyTorch exactly', () => {
  test('a broadcast operand gets its gradient summed back to its own shape', () => {
    // ((a + b) * c + d).sum() for a [2, 3], b [3] (leading dim added), c [2, 1] and d [1, 3]
    // (size-1 dims stretched), e [3, 1] against [2, 3, 4] (both at once). Hand-derived:
    // grad a = c, grad b[j] = c0 + c1, grad c[i] = sum_j (a[i, j] + b[j]), grad d = 2, grad e = 8.
    const a = tg.tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    const b = tg.tensor([10, 20, 30], { dtype: 'float64', requiresGrad: true });
    const c = tg.tensor([[2], [3]], { dtype: 'float64', requiresGrad: true });
    const d = tg.tensor([[1, 1, 1]], { dtype: 'float64', requiresGrad: true });
    a.add(b).mul(c).add(d).sum().backward();
    expect(a.grad!.toArray()).toEqual([
      [2, 2, 2],
      [3, 3, 3],
    ]);
    expect(b.grad!.shape).toEqual([3]);
    expect(flat(b.grad!)).toEqual([5, 5, 5]);
    expect(c.grad!.toArray()).toEqual([[66], [75]]);
    expect(d.grad!.toArray()).toEqual([[2, 2, 2]]);
    const e = tg.tensor([[1], [2], [3]], { requiresGrad: true });
    tg.ones([2, 3, 4]).mul(e).sum().backward();
    expect(e.grad!.toArray()).toEqual([[8], [8], [8]]);
  });

  const f = Math.fround;

  test('pow with a tensor exponent: zero, not NaN, where PyTorch masks', () => {
    // PyTorch 1.13 gives a.grad [0, 0, 12, -3] and b.grad [0, 0, 8 ln 2, nan]: the base's gradient
    // is 0 where the exponent is 0, the exponent's is 0 where the base is 0 and exponent >= 0.
    const a = tg.tensor([0, 0, 2, -1.5], { requiresGrad: true });
    const b = tg.tensor([2, 0, 3, 2], { requiresGrad: true });
    a.pow(b).sum().backward();
    expect(flat(a.grad!)).toEqual([0, 0, 12, -3]);
    const gb = flat(b.grad!);
    expect(gb.slice(0, 3)).toEqual([0, 0, f(8 * f(Math.log(2)))]);
    expect(gb[3]).toBeNaN(); // log of a negative base, as in PyTorch
  });

  test("div's gradient for the divisor is -grad * ((self / other) / other)", () => {
    const xs = [0.3, -1.7, 2.9, 1e-30];
    const ys = [0.7, 3.1, -0.9, 1e-30];
    const x = tg.tensor(xs, { requiresGrad: true });
    const y = tg.tensor(ys, { requiresGrad: true });
    x.div(y).sum().backward();
    // In this order nothing overflows for 1e-30 / 1e-30 (other * other would underflow to 0).
    expect(flat(y.grad!)).toEqual(xs.map((v, i) => -f(f(f(v) / f(ys[i])) / f(ys[i]))));
    expect(flat(x.grad!)).toEqual(ys.map((v) => f(1 / f(v))));
  });

  test('pow with a number exponent: grad * (exponent * self.pow(exponent - 1))', () => {
    const zs = [0.5, 1.75, 3, 1.375];
    const gs = [0.1, 0.7, 1.3, 0.3];
    const z = tg.tensor(zs, { requiresGrad: true });
    z.pow(3).backward(tg.tensor(gs));
    // self.pow(2) is exact for these values, so this reference is exact; the old order,
    // (grad * self^2) * 3, differs in the last bit for some of them.
    expect(flat(z.grad!)).toEqual(zs.map((v, i) => f(f(gs[i]) * f(3 * v * v))));
  });
});

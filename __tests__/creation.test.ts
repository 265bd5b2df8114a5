import * as tg from '../lib';
import { expectTensorError, flat } from './helpers';

describe('creation', () => {
  test('tensor from numbers, nested arrays, booleans and typed arrays', () => {
    expect(tg.tensor(4).shape).toEqual([]);
    expect(tg.tensor(4).dtype).toBe('float32');
    expect(
      tg.tensor([
        [1, 2],
        [3, 4],
      ]).shape,
    ).toEqual([2, 2]);
    expect(tg.tensor([true, false]).dtype).toBe('bool');
    expect(tg.tensor([true, false]).toArray()).toEqual([true, false]);
    expect(tg.tensor(new Float64Array([1, 2])).dtype).toBe('float64');
    expect(tg.tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tg.tensor(new Uint8Array([1, 0])).dtype).toBe('bool');
    expect(tg.tensor(new Float32Array(6), { shape: [2, 3] }).shape).toEqual([2, 3]);
    expect(flat(tg.tensor([1.9, -1.9], { dtype: 'int32' }))).toEqual([1, -1]);
  });

  test('tensor copies its input', () => {
    const src = new Float32Array([1, 2]);
    const t = tg.tensor(src);
    src[0] = 5;
    expect(flat(t)).toEqual([1, 2]);
  });

  test('shape arrays passed in are copied: mutating them later changes no tensor', () => {
    // Tensors keep their shape array as is (no freeze), so every entry point must copy.
    const s = [2, 3];
    const made = [
      tg.zeros(s),
      tg.full(s, 1),
      tg.randn(s),
      tg.tensor([1, 2, 3, 4, 5, 6], { shape: s }),
      tg.arange(6).reshape(s),
      tg.arange(6).view(s),
      tg.ones([1, 3]).expand(s),
    ];
    const dims = [1, 0];
    const p = tg.zeros([3, 2]).permute(dims);
    s[0] = 7;
    dims[0] = 0;
    for (const t of made) expect(t.shape).toEqual([2, 3]);
    expect(p.shape).toEqual([2, 3]);
  });

  test('constants and ranges', () => {
    expect(flat(tg.zeros(2, 2))).toEqual([0, 0, 0, 0]);
    expect(tg.ones([2, 3], { dtype: 'float64' }).dtype).toBe('float64');
    expect(flat(tg.full([2], 7))).toEqual([7, 7]);
    expect(tg.zerosLike(tg.ones([3], { dtype: 'int32' })).dtype).toBe('int32');
    expect(flat(tg.onesLike(tg.zeros([2])))).toEqual([1, 1]);
    expect(flat(tg.arange(5))).toEqual([0, 1, 2, 3, 4]);
    expect(tg.arange(5).dtype).toBe('float32');
    expect(flat(tg.arange(1, 2, 0.25))).toEqual([1, 1.25, 1.5, 1.75]);
    expect(flat(tg.arange(5, 0, -2))).toEqual([5, 3, 1]);
    expect(flat(tg.linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(tg.eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });

  test('linspace and arange match PyTorch 1.13 bit for bit in float32', () => {
    // torch.linspace(-3.3, 7.1, 11).tolist() and torch.arange(-1, 1, 0.3).tolist()
    expect(tg.linspace(-3.3, 7.1, 11).toArray()).toEqual([
      -3.299999952316284, -2.259999990463257, -1.2200000286102295, -0.18000006675720215, 0.8599998950958252, 1.9000000953674316, 2.940000057220459,
      3.9800000190734863, 5.019999980926514, 6.059999942779541, 7.099999904632568,
    ]);
    expect(tg.linspace(0, 1, 7).toArray()).toEqual([0, 0.1666666716337204, 0.3333333432674408, 0.5, 0.6666666269302368, 0.8333333134651184, 1]);
    expect(tg.arange(-1, 1, 0.3).toArray()).toEqual([
      -1, -0.699999988079071, -0.4000000059604645, -0.10000000149011612, 0.20000000298023224, 0.5, 0.800000011920929,
    ]);
  });

  test('errors', () => {
    expectTensorError(() => tg.tensor([[1, 2], [3]]), 'SHAPE', 'expected sequence of length 2 at dim 1 (got 1)');
    expectTensorError(() => tg.tensor(['a'] as never), 'ARGUMENT');
    expectTensorError(() => tg.tensor(new Float32Array(5), { shape: [2, 3] }), 'SHAPE');
    expectTensorError(() => tg.zeros([2], { dtype: 'float16' as never }), 'DTYPE');
    expectTensorError(() => tg.arange(0, 1, 0), 'ARGUMENT');
    expectTensorError(() => tg.zeros(-1), 'ARGUMENT');
    expectTensorError(() => tg.ones([2]).item(), 'ARGUMENT', 'a Tensor with 2 elements cannot be converted to Scalar');
  });
});

// Small tensors share slabs (lib/dtype.ts allocate): they must start zeroed, never overlap, keep
// float64 alignment, and work with every native op through their non-zero byte offsets.
import * as tg from '../lib';
import { flat } from './helpers';

// First in the file: the pool's very first request may be an empty one.
test('empty tensors of every dtype, first or after others', () => {
  for (const dtype of ['float64', 'float32', 'int32', 'bool'] as const) {
    expect(tg.zeros([0], { dtype }).numel).toBe(0);
    expect(tg.zeros([3], { dtype }).add(tg.zeros([0, 3], { dtype })).shape).toEqual([0, 3]);
  }
});

test('small tensors carved from shared slabs are zeroed, aligned and independent', () => {
  const dtypes = ['float32', 'float64', 'int32', 'bool'] as const;
  const made: { t: tg.Tensor; fill: number }[] = [];
  for (let i = 0; i < 3000; i++) {
    const dtype = dtypes[i % 4];
    const n = 1 + ((i * 37) % 1100);
    const t = tg.zeros([n], { dtype });
    expect(flat(t).every((v) => v === 0)).toBe(true);
    const data = t._storage.data; // the pooled view itself (dataSync would be a fresh copy)
    expect(data.byteOffset % data.BYTES_PER_ELEMENT).toBe(0);
    const fill = dtype === 'bool' ? 1 : (i % 100) + 1;
    t.fill_(fill);
    made.push({ t, fill });
  }
  // Writing every tensor left all the others intact.
  for (const { t, fill } of made) expect(flat(t).every((v) => Number(v) === fill)).toBe(true);
});

test('native kernels read and write pooled views at their offsets', () => {
  // Interleave allocations so operands sit at different offsets of one slab; 200 elements, above
  // the sizes that binary ops handle in JS, so the addon does the arithmetic.
  const n = 200;
  const a = tg.arange(1, n + 1);
  const spacer = tg.zeros([3]);
  const b = tg.full([n], 2);
  const sum = a.add(b).mul(a).sum().item(); // sum((i + 2) * i) for i = 1..n, exact in float32
  let ref = 0;
  for (let i = 1; i <= n; i++) ref += (i + 2) * i;
  expect(sum).toBe(ref);
  expect(flat(spacer)).toEqual([0, 0, 0]);
  const m = tg.tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { dtype: 'float64' },
  );
  expect(flat(m.matmul(m))).toEqual([7, 10, 15, 22]);
});

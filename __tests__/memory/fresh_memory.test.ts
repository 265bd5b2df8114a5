// Large fresh buffers are faulted in by one madvise call (native/core/fresh_memory.h): the call
// must never change what the memory holds, and the tensors over such buffers read as before.
import * as tg from '../../lib';
import { addon } from '../../lib/backend/native';
import { expectTensorError } from '../helpers';

describe('fresh large buffers', () => {
  test('prepareFreshBuffer keeps the contents of every byte, at any alignment and length', () => {
    const buf = new ArrayBuffer(5 * 1024 * 1024 + 123);
    const bytes = new Uint8Array(buf);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const copy = bytes.slice();
    addon.prepareFreshBuffer!(buf);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(copy))).toBe(0);
    addon.prepareFreshBuffer!(new ArrayBuffer(0)); // nothing inside: no call to the kernel
  });

  test('prepareFreshBuffer refuses anything but an ArrayBuffer (ARGUMENT)', () => {
    expectTensorError(() => (addon.prepareFreshBuffer as (b: unknown) => void)(new Float32Array(4)), 'ARGUMENT', /ArrayBuffer/);
    expectTensorError(() => (addon.prepareFreshBuffer as (b: unknown) => void)(undefined), 'ARGUMENT', /ArrayBuffer/);
  });

  test('zeros, outputs and int64 results over 2 MiB read back exactly', () => {
    const n = (3 << 20) / 4 + 5; // 3 MiB of float32 and a few more elements
    const z = tg.zeros([n]);
    expect(z.sum().item()).toBe(0);
    const x = tg.arange(n, { dtype: 'float32' });
    const y = x.neg();
    const d = y.dataSync() as Float32Array;
    for (const i of [0, 1, 4095, 4096, 524288, n - 1]) expect(d[i]).toBe(-i);
    const p = tg.randperm(1 << 19); // int64: 4 MiB
    const pd = p.to('int32').dataSync() as Int32Array;
    const seen = new Uint8Array(1 << 19);
    for (const v of pd) seen[v]++;
    expect(seen.every((c) => c === 1)).toBe(true);
  });
});

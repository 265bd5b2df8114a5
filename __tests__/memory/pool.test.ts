// The caching allocator: disposed large storages return their buffer to a size-class pool that
// later storages take warm; nothing handed out aliases a live tensor; the pool keeps under its cap.
import * as tg from '../../lib';
import { sizeClass } from '../../lib/memory_pool';
import { expectTensorError, flat } from '../helpers';

const MB = 1024 * 1024;
const N = 1 << 18; // 1 MiB of float32: pooled (>= 64 KiB)

afterEach(() => {
  tg.setMemoryPoolLimit(256 * MB);
  tg.setMemoryPoolLimit(0); // empty the pool between tests
  tg.setMemoryPoolLimit(256 * MB);
});

describe('the memory pool', () => {
  test('size classes: eighths of a power of two, never smaller than asked, at most 12.5% over', () => {
    for (const bytes of [65536, 65537, 73728, 73729, 100000, 1 << 20, (1 << 20) + 1, 3 * MB + 5, 16 * MB]) {
      const c = sizeClass(bytes);
      expect(c).toBeGreaterThanOrEqual(bytes);
      expect(c / bytes).toBeLessThanOrEqual(1.125);
      const step = 2 ** (Math.floor(Math.log2(bytes)) - 3);
      expect(c % step).toBe(0);
    }
    expect(sizeClass(1 << 20)).toBe(1 << 20);
    expect(sizeClass((1 << 20) + 1)).toBe((1 << 20) + (1 << 17));
  });

  test('a disposed storage goes to the pool and the next one of its class reuses it', () => {
    const b = tg.rand([N / 2], { dtype: 'float64' });
    const m0 = tg.memory();
    expect(m0.pooledBytes).toBe(0);
    const a = tg.ones([N]);
    const live = tg.memory();
    expect(live.tensors).toBe(m0.tensors + 1);
    expect(live.bytes).toBe(m0.bytes + 4 * N);
    a.dispose();
    const after = tg.memory();
    expect(after.pooledBytes).toBe(sizeClass(4 * N));
    expect(after.tensors).toBe(m0.tensors);
    expect(after.bytes).toBe(m0.bytes);
    // An op's output of the same class (another shape, another dtype) takes it.
    const out = b.mul(2);
    expect(tg.memory().pooledBytes).toBe(0);
    expect(tg.memory().poolReuses).toBe(m0.poolReuses + 1);
    expect(out.shape).toEqual([N / 2]);
    expect(flat(out)).toEqual(flat(b).map((v) => v * 2));
  });

  test('a zeroed allocation over a reused buffer is zeroed', () => {
    tg.full([N], 7).dispose();
    const z = tg.zeros([N]);
    expect(tg.memory().pooledBytes).toBe(0);
    expect(z.sum().item()).toBe(0);
    expect(flat(z).every((v) => v === 0)).toBe(true);
    // Every dtype, int64 (a BigInt64Array) and bool included.
    for (const dtype of ['int64', 'bool', 'int32', 'float64'] as const) {
      tg.full([N], 1, { dtype }).dispose();
      const zd = tg.zeros([N], { dtype });
      expect(tg.memory().pooledBytes).toBe(0);
      expect(zd.sum().item()).toBe(0);
      tg.setMemoryPoolLimit(0);
      tg.setMemoryPoolLimit(256 * MB);
    }
  });

  test('reused memory never aliases a live tensor: writes to the new one leave kept tensors alone', () => {
    const kept = tg.full([N], 3);
    const view = kept.view(2, N / 2);
    const gone = tg.full([N], 5);
    gone.dispose();
    const fresh = tg.rand([N]);
    expect(tg.memory().pooledBytes).toBe(0); // gone's buffer
    fresh.fill_(9);
    expect(kept.sum().item()).toBe(3 * N);
    expect(view.sum().item()).toBe(3 * N);
    expect(fresh.sum().item()).toBe(9 * N);
    // Disposing the storage of a view: the base and its other views read as disposed (STATE),
    // and the buffer they shared, reused, changes none of them.
    view.dispose();
    expect(kept.isDisposed).toBe(true);
    expectTensorError(() => kept.sum(), 'STATE', 'disposed');
    expectTensorError(() => view.dataSync(), 'STATE', 'disposed');
    expectTensorError(() => kept.view(N).toArray(), 'STATE', 'disposed');
    expect(tg.memory().pooledBytes).toBe(sizeClass(4 * N));
    const next = tg.full([N], 1);
    expect(tg.memory().pooledBytes).toBe(0);
    expect(next.sum().item()).toBe(N);
    expectTensorError(() => kept.add(1), 'STATE', 'disposed');
    // Data read out before dispose is a copy: reuse does not change it.
    const copy = next.dataSync();
    next.dispose();
    tg.full([N], 4);
    expect(copy[0]).toBe(1);
  });

  test('small storages are not pooled; dispose twice is harmless', () => {
    const s = tg.ones([100]);
    s.dispose();
    s.dispose();
    expect(tg.memory().pooledBytes).toBe(0);
  });

  test('a tensor over a caller-owned array (fromArray) is never pooled', () => {
    const arr = new Float32Array(N).fill(2);
    const t = tg.fromArray(arr);
    t.dispose();
    expect(tg.memory().pooledBytes).toBe(0);
    tg.full([N], 8);
    expect(arr[0]).toBe(2);
  });

  test('the cap: the pool never holds more than its limit; lowering it releases buffers', () => {
    tg.setMemoryPoolLimit(3 * MB);
    const ts = Array.from({ length: 5 }, () => tg.ones([N]));
    for (const t of ts) t.dispose();
    expect(tg.memory().pooledBytes).toBe(3 * MB);
    expect(tg.memory().poolLimit).toBe(3 * MB);
    tg.setMemoryPoolLimit(MB);
    expect(tg.memory().pooledBytes).toBe(MB);
    tg.setMemoryPoolLimit(0);
    expect(tg.memory().pooledBytes).toBe(0);
    tg.ones([N]).dispose();
    expect(tg.memory().pooledBytes).toBe(0);
  });

  test('TENSORGRAD_MEMORY_POOL_LIMIT sets the starting limit (bytes); default 256 MiB', () => {
    const saved = process.env.TENSORGRAD_MEMORY_POOL_LIMIT;
    const limitWith = (v: string | undefined): number => {
      if (v === undefined) delete process.env.TENSORGRAD_MEMORY_POOL_LIMIT;
      else process.env.TENSORGRAD_MEMORY_POOL_LIMIT = v;
      let limit = -1;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        limit = (require('../../lib/memory_pool') as typeof import('../../lib/memory_pool')).poolStats().poolLimit;
      });
      return limit;
    };
    try {
      expect(limitWith('1048576')).toBe(MB);
      expect(limitWith('0')).toBe(0);
      expect(limitWith(undefined)).toBe(256 * MB);
      expect(limitWith('lots')).toBe(256 * MB);
    } finally {
      if (saved === undefined) delete process.env.TENSORGRAD_MEMORY_POOL_LIMIT;
      else process.env.TENSORGRAD_MEMORY_POOL_LIMIT = saved;
    }
  });

  test('setMemoryPoolLimit refuses anything but a non-negative number (ARGUMENT)', () => {
    for (const bad of [-1, NaN, Infinity, '1' as unknown as number, undefined as unknown as number]) {
      expectTensorError(() => tg.setMemoryPoolLimit(bad), 'ARGUMENT', 'setMemoryPoolLimit');
    }
  });

  test('dispose of a tensor in use by a pending async op is refused (STATE) and it stays usable', async () => {
    const a = tg.randn([256, 256]);
    const pending = tg.matmulAsync(a, a);
    expectTensorError(() => a.dispose(), 'STATE', 'pending async');
    expectTensorError(() => tg.dispose([a]), 'STATE', 'pending async');
    const r = await pending;
    expect(a.isDisposed).toBe(false);
    expect(r.shape).toEqual([256, 256]);
    a.dispose();
    expect(a.isDisposed).toBe(true);
  });

  test('Symbol.dispose (`using`) disposes the tensor', () => {
    const dispose = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('nodejs.dispose');
    const t = tg.ones([N]) as unknown as Record<symbol, () => void> & tg.Tensor;
    expect(typeof t[dispose]).toBe('function');
    t[dispose]();
    expect(t.isDisposed).toBe(true);
    expect(tg.memory().pooledBytes).toBe(sizeClass(4 * N));
  });

  test('tg.dispose walks arrays and plain objects', () => {
    const a = tg.ones([N]);
    const b = tg.ones([3]);
    const c = tg.ones([N]);
    tg.dispose({ x: [a, { y: b }], z: c, n: 3, s: null });
    expect([a, b, c].every((t) => t.isDisposed)).toBe(true);
    expect(tg.memory().pooledBytes).toBe(2 * sizeClass(4 * N));
  });
});

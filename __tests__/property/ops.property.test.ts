// Property-based tests (fast-check): random shapes, strides (views), broadcasting and dtypes for
// each op family, against float64 references in plain TS; random small graphs against finite
// differences.
import fc from 'fast-check';
import * as tg from '../../lib';
import { expectClose, flat, forEachIndex, refBinary, refMatmul } from '../helpers';

const dim = fc.integer({ min: 0, max: 4 });
const shapeArb = fc.array(dim, { minLength: 0, maxLength: 4 });
const dtypeArb = fc.constantFrom<tg.DType>('float32', 'float64', 'int32');

function filled(shape: number[], dtype: tg.DType, seed: number): tg.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    v[i] = dtype === 'int32' ? (s % 19) - 9 : ((s >>> 8) / 16777216) * 8 - 4;
  }
  return tg.tensor(v, { shape }).to(dtype);
}

/** The same values through a non-trivial view: transposed back and forth, or narrowed from a bigger tensor. */
function viewed(t: tg.Tensor, how: number): tg.Tensor {
  if (how === 1 && t.ndim >= 2)
    return t
      .transpose(0, t.ndim - 1)
      .contiguous()
      .transpose(0, t.ndim - 1);
  if (how === 2 && t.ndim >= 1) {
    const pad = tg.cat([t, t], 0);
    return pad.narrow(0, t.shape[0], t.shape[0]);
  }
  return t;
}

/** A shape that broadcasts against `s`: some dims set to 1, some leading dims dropped. */
const broadcastPartner = (s: number[]) =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }), fc.integer({ min: 0, max: s.length }))
    .map(([ones, drop]) => s.map((d, i) => (ones[i] ? 1 : d)).slice(drop));

const OPS: Record<string, [(a: tg.Tensor, b: tg.Tensor) => tg.Tensor, (x: number, y: number) => number]> = {
  add: [(a, b) => a.add(b), (x, y) => x + y],
  sub: [(a, b) => a.sub(b), (x, y) => x - y],
  mul: [(a, b) => a.mul(b), (x, y) => x * y],
  maximum: [(a, b) => tg.maximum(a, b), (x, y) => Math.max(x, y)],
};

describe('property: elementwise ops with random shapes, views, broadcasting, dtypes', () => {
  test.each(Object.keys(OPS))('%s', (name) => {
    const [op, ref] = OPS[name];
    fc.assert(
      fc.property(
        shapeArb.chain((s) => fc.tuple(fc.constant(s), broadcastPartner(s))),
        dtypeArb,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer(),
        ([sa, sb], dtype, va, vb, seed) => {
          const a = viewed(filled(sa, dtype, seed), va);
          const b = viewed(filled(sb, dtype, seed + 1), vb);
          const out = op(a, b);
          const expected = refBinary(a.dataSync(), sa, b.dataSync(), sb, ref);
          expect(out.shape).toEqual(expected.shape);
          expect(out.dtype).toBe(dtype);
          const r = dtype === 'float32' ? Array.from(expected.data, Math.fround) : Array.from(expected.data);
          expectClose(flat(out), r, dtype === 'float32' ? 1e-6 : 1e-12);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('unary ops on random views match Math', () => {
    const fns: [(t: tg.Tensor) => tg.Tensor, (x: number) => number][] = [
      [(t) => t.exp(), Math.exp],
      [(t) => t.tanh(), Math.tanh],
      [(t) => t.abs().add(0.5).log(), (x) => Math.log(Math.abs(x) + 0.5)],
      [(t) => t.relu(), (x) => Math.max(0, x)],
    ];
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.integer(), (s, f, v, seed) => {
        const x = viewed(filled(s, 'float64', seed), v);
        expectClose(flat(fns[f][0](x)), Array.from(x.dataSync(), fns[f][1]), 1e-12);
      }),
      { numRuns: 150 },
    );
  });
});

describe('property: reductions and products', () => {
  test('sum over a random subset of dims, keepdim or not', () => {
    fc.assert(
      fc.property(
        shapeArb.filter((s) => s.length > 0),
        fc.integer(),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 }),
        (s, seed, keepdim, v) => {
          const x = viewed(filled(s, 'float64', seed), v);
          const dims = s.map((_, i) => i).filter((i) => (seed >>> i) & 1);
          const out = x.sum(dims.length ? dims : null, keepdim);
          const kept = s.filter((_, i) => dims.length && !dims.includes(i));
          const ref = new Float64Array(kept.reduce((a, b) => a * b, 1));
          const data = x.dataSync();
          forEachIndex(s, (idx, k) => {
            let o = 0;
            for (let d = 0; d < s.length; d++) if (dims.length && !dims.includes(d)) o = o * s[d] + idx[d];
            ref[o] += data[k];
          });
          expect(out.numel).toBe(ref.length);
          expectClose(flat(out), ref, 1e-12);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('matmul of random (batched, transposed) shapes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.boolean(),
        fc.integer(),
        (batch, m, k, n, transposed, seed) => {
          const a = filled([batch, m, k], 'float64', seed);
          const bBase = filled([batch, n, k], 'float64', seed + 7);
          const b = transposed ? bBase.transpose(1, 2) : bBase.transpose(1, 2).contiguous();
          expectClose(flat(a.matmul(b)), refMatmul(a.dataSync(), b.contiguous().dataSync(), batch, m, k, n), 1e-12);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('property: random small graphs against finite differences', () => {
  const unary = [
    (t: tg.Tensor) => t.tanh(),
    (t: tg.Tensor) => t.sigmoid(),
    (t: tg.Tensor) => t.mul(t),
    (t: tg.Tensor) => t.exp().mul(0.1),
    (t: tg.Tensor) => t.t(),
  ];
  const binary = [(a: tg.Tensor, b: tg.Tensor) => a.add(b), (a: tg.Tensor, b: tg.Tensor) => a.mul(b), (a: tg.Tensor, b: tg.Tensor) => a.sub(b.mul(2))];
  test('gradcheck passes on random compositions', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat()), { minLength: 1, maxLength: 6 }), fc.integer(), (steps, seed) => {
        const a = filled([3, 3], 'float64', seed).mul(0.3).requiresGrad_();
        const b = filled([3, 3], 'float64', seed + 1)
          .mul(0.3)
          .requiresGrad_();
        const fn = (x: tg.Tensor, y: tg.Tensor) => {
          let h = x;
          // tanh after every step keeps values bounded, so central differences stay well conditioned.
          for (const [useBinary, i] of steps) h = (useBinary ? binary[i % binary.length](h, y) : unary[i % unary.length](h)).tanh();
          return h.matmul(y).sum(0);
        };
        expect(tg.autograd.gradcheck(fn, [a, b])).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

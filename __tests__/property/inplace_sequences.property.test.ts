// Differential property test (fast-check): random sequences of in-place ops (add_, mul_, copy_,
// fill_) on random views (narrow, transpose, select, expand) of one tensor, float32 and float64,
// against a reference model written here: a Float64Array for the storage and (offset, shape,
// strides) for each view. An in-place op whose input partially overlaps the written-to tensor must
// either be refused with PyTorch's overlap message (it must be when PyTorch refuses: both dense,
// memory shared, not the same geometry) or give what it would give on a clone of the input; a
// refused op writes nothing. Out-of-place ops (unary, binary, sum over a dim) on the final views
// are checked against the same model.
import fc from 'fast-check';
import * as tg from '../../lib';

interface Geom {
  offset: number;
  shape: number[];
  strides: number[];
}

/** Storage addresses of a view, in row-major order of its elements. */
function addresses(g: Geom): number[] {
  const out: number[] = [];
  const walk = (d: number, at: number): void => {
    if (d === g.shape.length) {
      out.push(at);
      return;
    }
    for (let i = 0; i < g.shape[d]; i++) walk(d + 1, at + i * g.strides[d]);
  };
  walk(0, g.offset);
  return out;
}

/** PyTorch's is_non_overlapping_and_dense: distinct addresses filling one contiguous span. */
function dense(g: Geom): boolean {
  const a = addresses(g);
  if (a.length === 0) return true;
  const distinct = new Set(a).size;
  return distinct === a.length && Math.max(...a) - Math.min(...a) + 1 === a.length;
}

const INTERNAL =
  /^(add_|mul_|copy_): unsupported operation: more than one element of the written-to tensor refers to a single memory location\. Please clone\(\) the tensor before performing the operation\.$/;
const PARTIAL =
  /^(add_|mul_|copy_): unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location\. Please clone\(\) the tensor before performing the operation\.$/;

/** A view step, applied alike to a tensor and to a geometry; parameters are taken modulo the sizes. */
type Step = [kind: number, a: number, b: number];

function applyStep(t: tg.Tensor, g: Geom, [kind, a, b]: Step): [tg.Tensor, Geom] {
  const nd = g.shape.length;
  if (kind === 0 && nd > 0) {
    // narrow(dim, start, length)
    const d = a % nd;
    const size = g.shape[d];
    const start = size === 0 ? 0 : b % size;
    const len = size - start === 0 ? 0 : 1 + ((a + b) % (size - start));
    const shape = g.shape.slice();
    shape[d] = len;
    return [t.narrow(d, start, len), { offset: g.offset + start * g.strides[d], shape, strides: g.strides }];
  }
  if (kind === 1 && nd >= 2) {
    const [d0, d1] = [a % nd, b % nd];
    const shape = g.shape.slice();
    const strides = g.strides.slice();
    [shape[d0], shape[d1]] = [shape[d1], shape[d0]];
    [strides[d0], strides[d1]] = [strides[d1], strides[d0]];
    return [t.transpose(d0, d1), { offset: g.offset, shape, strides }];
  }
  if (kind === 2 && nd > 0 && g.shape[a % nd] > 0) {
    const d = a % nd;
    const i = b % g.shape[d];
    return [t.select(d, i), { offset: g.offset + i * g.strides[d], shape: g.shape.filter((_, k) => k !== d), strides: g.strides.filter((_, k) => k !== d) }];
  }
  if (kind === 3 && nd < 4) {
    // unsqueeze(0) then expand that dim to 1..3: a broadcast (stride 0) dim
    const k = 1 + (a % 3);
    return [t.unsqueeze(0).expand([k, ...g.shape]), { offset: g.offset, shape: [k, ...g.shape], strides: [0, ...g.strides] }];
  }
  return [t, g];
}

function view(base: tg.Tensor, baseGeom: Geom, steps: Step[]): [tg.Tensor, Geom] {
  let t = base;
  let g = baseGeom;
  for (const s of steps) [t, g] = applyStep(t, g, s);
  return [t, g];
}

/** Elements of a tensor in row-major order, as numbers. */
const values = (t: tg.Tensor): number[] => Array.from(t.contiguous().dataSync());
const read = (mem: Float64Array, g: Geom): number[] => addresses(g).map((a) => mem[a]);

function expectSame(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  if (actual.length !== expected.length) throw new Error(`${what}: length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= 1e-9 * Math.max(1, Math.abs(expected[i])))) {
      throw new Error(
        `${what}: element ${i} is ${actual[i]}, the reference ${expected[i]} (got [${Array.from(actual).join(', ')}], expected [${Array.from(expected).join(', ')}])`,
      );
    }
  }
}

const stepArb = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat({ max: 50 }), fc.nat({ max: 50 }));
// Small binary fractions: every result stays exact in float32 through a short sequence.
const scalarArb = fc.constantFrom(-2, -1, -0.5, 0, 0.5, 1, 2, 3);

const opArb = fc.record({
  op: fc.constantFrom('add_', 'mul_', 'copy_', 'fill_'),
  // the written-to view: a shifted narrow of dim 0, then view steps
  start: fc.nat({ max: 5 }),
  steps: fc.array(stepArb, { maxLength: 3 }),
  // the input: 0 a scalar (not for copy_), 1 a fresh tensor, 2 the same steps on another shifted
  // narrow of dim 0 (partial, full or no overlap), 3 the written-to view transposed (when square)
  src: fc.nat({ max: 3 }),
  srcStart: fc.nat({ max: 5 }),
  length: fc.nat({ max: 5 }),
  scalar: scalarArb,
});

describe('property: in-place op sequences on overlapping views against a reference model', () => {
  test('float32 and float64', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<tg.DType>('float32', 'float64'),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 24, maxLength: 24 }),
        fc.array(opArb, { minLength: 1, maxLength: 6 }),
        fc.array(stepArb, { maxLength: 3 }),
        (dtype, rows, cols, init, ops, finalSteps) => {
          const n = rows * cols;
          const mem = Float64Array.from(init.slice(0, n));
          const base = tg.tensor(Array.from(mem), { dtype }).reshape([rows, cols]);
          const baseGeom: Geom = { offset: 0, shape: [rows, cols], strides: [cols, 1] };
          for (const o of ops) {
            const len = Math.min(1 + (o.length % rows), rows - (o.start % rows));
            const s1 = o.start % rows;
            const s2 = o.srcStart % (rows - len + 1);
            const [tv, tg0] = view(base.narrow(0, s1, len), { offset: s1 * cols, shape: [len, cols], strides: [cols, 1] }, o.steps);
            let src: { t: tg.Tensor | number; vals: number[]; geom: Geom | null };
            if (o.op === 'fill_' || (o.src === 0 && o.op !== 'copy_')) {
              src = { t: o.scalar, vals: addresses(tg0).map(() => o.scalar), geom: null };
            } else if (o.src === 2 || (o.src === 3 && !(tg0.shape.length === 2 && tg0.shape[0] === tg0.shape[1]))) {
              const [sv, sg] = view(base.narrow(0, s2, len), { offset: s2 * cols, shape: [len, cols], strides: [cols, 1] }, o.steps);
              src = { t: sv, vals: read(mem, sg), geom: sg };
            } else if (o.src === 3) {
              const sg = { offset: tg0.offset, shape: tg0.shape.slice().reverse(), strides: tg0.strides.slice().reverse() };
              src = { t: tv.t(), vals: read(mem, sg), geom: sg };
            } else {
              const vals = addresses(tg0).map((_, i) => ((i * 7 + o.scalar * 4) % 5) - 2);
              src = { t: tg.tensor(vals, { dtype }).reshape(tg0.shape), vals, geom: null };
            }
            // PyTorch's checks, in its order: internal overlap of the written-to tensor (fill_ is
            // exempt), then partial overlap between dense tensors sharing memory.
            const tAddr = addresses(tg0);
            const internal = o.op !== 'fill_' && tg0.shape.some((d, i) => d > 1 && tg0.strides[i] === 0);
            let partial = false;
            let shares = false;
            if (src.geom !== null && tAddr.length > 0) {
              const sAddr = new Set(addresses(src.geom));
              shares = tAddr.some((a) => sAddr.has(a));
              // the same elements in the same order: PyTorch also compares the strides of size-1 dims,
              // which tensorgrad's views (expand, unsqueeze) need not set as PyTorch's do
              const sg = src.geom;
              const same = sg.offset === tg0.offset && sg.shape.every((d, i) => d === tg0.shape[i] && (d < 2 || sg.strides[i] === tg0.strides[i]));
              partial = shares && !same && dense(tg0) && dense(src.geom);
            }
            const before = values(base);
            let error: unknown = null;
            try {
              const r =
                o.op === 'fill_' ? tv.fill_(o.scalar) : o.op === 'copy_' ? tv.copy_(src.t as tg.Tensor) : o.op === 'add_' ? tv.add_(src.t) : tv.mul_(src.t);
              expect(r).toBe(tv);
            } catch (e) {
              error = e;
            }
            const what = `${dtype} [${rows}, ${cols}] ${o.op} on ${JSON.stringify(tg0)} from ${src.geom ? JSON.stringify(src.geom) : 'a value'}`;
            if (internal || partial) {
              if (!(error instanceof tg.TensorError) || error.code !== 'ARGUMENT' || !(internal ? INTERNAL : PARTIAL).test(error.message)) {
                throw new Error(`${what}: expected PyTorch's ${internal ? 'internal' : 'partial'} overlap error, got ${String(error)}`);
              }
              expectSame(values(base), before, `${what}: refused, yet written`);
              continue;
            }
            if (error !== null) {
              // allowed only as an overlap refusal where memory really is shared
              if (!(error instanceof tg.TensorError) || !shares || !PARTIAL.test(error.message))
                throw new Error(`${what}: ${error instanceof Error ? error.message : typeof error}`);
              expectSame(values(base), before, `${what}: refused, yet written`);
              continue;
            }
            // the reference: the input read first (as from a clone), then written element by element
            tAddr.forEach((a, i) => {
              const x = mem[a];
              const y = src.vals[i];
              mem[a] = o.op === 'add_' ? x + y : o.op === 'mul_' ? x * y : y;
            });
            expectSame(values(base), mem, what);
          }
          // out-of-place ops on a final view
          const [fv, fg] = view(base, baseGeom, finalSteps);
          const ref = read(mem, fg);
          expectSame(values(fv), ref, 'view values');
          expectSame(
            values(fv.neg()),
            ref.map((v) => -v),
            'neg',
          );
          expectSame(values(fv.abs()), ref.map(Math.abs), 'abs');
          expectSame(
            values(fv.mul(fv).add(fv)),
            ref.map((v) => v * v + v),
            'mul/add',
          );
          if (fg.shape.length > 0) {
            // sum over dim 0: element j of the result adds the j-th elements of each slice
            const inner = ref.length / Math.max(fg.shape[0], 1);
            const sums = Array.from({ length: fg.shape[0] === 0 ? fg.shape.slice(1).reduce((p, q) => p * q, 1) : inner }, (_, j) => {
              let s = 0;
              for (let i = 0; i < fg.shape[0]; i++) s += ref[i * inner + j];
              return s;
            });
            expectSame(values(fv.sum(0)), sums, 'sum(0)');
          }
          expect(fv.sum().item()).toBeCloseTo(
            ref.reduce((p, q) => p + q, 0),
            6,
          );
        },
      ),
      { numRuns: 300, seed: 18 },
    );
  });
});

// View geometry and the in-place overlap rule against PyTorch 1.13 (fixture written by
// scripts/pytorch_views.py). Strides of size-1 dims are compared too: PyTorch's full-overlap test
// compares whole stride lists, so `w.add_(w.t())` on a [1, 1] view of a larger tensor is refused
// (strides [4, 1] against [1, 4]) while on a [1, 1] tensor of its own it is allowed ([1, 1] both).
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../../lib';

type Step = [string, unknown[]];
interface ViewCase {
  base: number[];
  chain: Step[];
  shape: number[];
  strides: number[];
  offset: number;
}
interface OverlapCase {
  base: number[];
  self: Step[];
  other: Step[];
  op: 'add_' | 'copy_';
  names: [string, string];
  result?: number[];
  error?: string;
}
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'pytorch_views.json'), 'utf8')) as {
  views: ViewCase[];
  overlap: OverlapCase[];
};

function apply(x: tg.Tensor, [op, args]: Step): tg.Tensor {
  if (op === 'mT' || op === 'T') return x[op];
  if (op === 'unbind') return x.unbind(args[0] as number)[0];
  if (op === 'split') return x.split(args[0] as number, args[1] as number)[0];
  if (op === 'slice') {
    const [d, s, e, st] = args as [number, number | null, number | null, number];
    return x.slice(d, s, e, st);
  }
  if (op === 'squeeze' && args.length === 0) return x.squeeze();
  if (op === 'flatten') return x.flatten();
  return (x as unknown as Record<string, (...a: unknown[]) => tg.Tensor>)[op](...args);
}

const label = (chain: Step[]): string => chain.map(([op, args]) => `${op}(${JSON.stringify(args).slice(1, -1)})`).join('.');

describe('view geometry equals PyTorch 1.13 (shape, strides with size-1 dims, offset)', () => {
  test.each(fixture.views.map((c) => [`[${c.base.join(', ')}].${label(c.chain)}`, c] as const))('%s', (_name, c) => {
    let x = tg.zeros(c.base);
    for (const step of c.chain) x = apply(x, step);
    expect({ shape: [...x.shape], strides: [...x.strides], offset: x.offset }).toEqual({ shape: c.shape, strides: c.strides, offset: c.offset });
  });
});

describe('in-place ops between views of one tensor: refused or allowed as in PyTorch 1.13', () => {
  const cases = fixture.overlap.map((c) => [`${c.op} ${c.names[0]} <- ${c.names[1]} (base [${c.base.join(', ')}])`, c] as const);
  test.each(cases)('%s', (_name, c) => {
    const numel = c.base.reduce((a, b) => a * b, 1);
    const x = tg.arange(1, numel + 1, { dtype: 'float32' }).reshape(c.base);
    let self = x;
    for (const step of c.self) self = apply(self, step);
    let other = x;
    for (const step of c.other) other = apply(other, step);
    const before = x.flatten().toArray();
    let caught: unknown = null;
    try {
      self[c.op](other);
    } catch (e) {
      caught = e;
    }
    if (c.error !== undefined) {
      expect(caught).toBeInstanceOf(tg.TensorError);
      // The overlap and output-shape messages are PyTorch's; a broadcast mismatch has our own wording.
      if (/^(unsupported operation|output with shape)/.test(c.error)) expect((caught as Error).message).toContain(c.error);
      else expect((caught as tg.TensorError).code).toBe('SHAPE');
      expect(x.flatten().toArray()).toEqual(before); // nothing written before the checks pass
    } else {
      expect(caught).toBeNull();
      expect(x.flatten().toArray()).toEqual(c.result);
    }
  });

  test('the cases cover full, partial and no overlap, internal overlap, size-1 dims and empty views', () => {
    const errors = fixture.overlap.map((c) => c.error ?? 'ok');
    expect(errors.some((e) => e.startsWith('unsupported operation: some elements'))).toBe(true);
    expect(errors.some((e) => e.startsWith('unsupported operation: more than one element'))).toBe(true);
    const ok = (a: string, b: string): boolean => fixture.overlap.some((c) => c.names[0] === a && c.names[1] === b && c.error === undefined);
    expect(ok('id11', 't11') && ok('n00', 'n00') && ok('empty0', 'empty1') && ok('row0', 'flat4')).toBe(true);
    expect(ok('n00', 'n00t') || ok('row0u', 'r01')).toBe(false);
  });
});

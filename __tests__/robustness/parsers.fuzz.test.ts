// Mutation fuzzing of the file parsers (safetensors, .npy) with fast-check: flipped, truncated,
// extended and overwritten bytes of valid files must load or fail with a TensorError, nothing else.
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../../lib';

const seeds: [string, Buffer][] = [
  ['safetensors', tg.io.serialize({ w: tg.randn([3, 2]), i: tg.tensor([1, 2], { dtype: 'int32' }), m: tg.tensor([true]) }, { k: 'v' })],
  ['npy f32', fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'npy', 'f32_2x3.npy'))],
  ['npy fortran', fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'npy', 'f64_fortran_2x3.npy'))],
  ['npy bool', fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'npy', 'bool_2x2.npy'))],
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('grow' as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({
    kind: fc.constant('text' as const),
    at: fc.nat(),
    text: fc.constantFrom('-1', '99999999999', '"F16"', '[]', '{', ')', 'True', '<i8', 'null', '1e308'),
  }),
);

function mutate(buf: Buffer, muts: { kind: string; at?: number; byte?: number; bytes?: Uint8Array; text?: string }[]): Buffer {
  let b = Buffer.from(buf);
  for (const m of muts) {
    if (b.length === 0) break;
    const at = (m.at ?? 0) % b.length;
    if (m.kind === 'set') b[at] = m.byte!;
    else if (m.kind === 'cut') b = b.subarray(0, at);
    else if (m.kind === 'grow') b = Buffer.concat([b, Buffer.from(m.bytes!)]);
    else b = Buffer.concat([b.subarray(0, at), Buffer.from(m.text!), b.subarray(at + m.text!.length)]);
  }
  return b;
}

test.each(seeds)('%s: mutated files load or throw a TensorError', (name, seed) => {
  const parse = name === 'safetensors' ? (b: Buffer) => tg.io.deserialize(b) : (b: Buffer) => tg.io.parseNpy(b);
  let rejected = 0;
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
      try {
        parse(mutate(seed, muts));
      } catch (e) {
        if (!(e instanceof tg.TensorError)) throw e;
        rejected++;
      }
    }),
    { numRuns: 1500 },
  );
  expect(rejected).toBeGreaterThan(0);
});

// safetensors: hand-checked byte layouts (the format's spec: u64 LE header length, compact JSON
// header padded with spaces to 8 bytes, little-endian data), round trips, and hostile files.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

const tmp = (name: string) => path.join(os.tmpdir(), `tg-st-${process.pid}-${name}`);

function handBuilt(header: object, data: Buffer): Buffer {
  let json = Buffer.from(JSON.stringify(header));
  json = Buffer.concat([json, Buffer.alloc((8 - (json.length % 8)) % 8, 0x20)]);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([len, json, data]);
}

describe('safetensors', () => {
  test('the exact bytes for a small state dict', () => {
    const bytes = tg.io.serialize({ b: tg.tensor([1, 2], { dtype: 'int32' }), a: tg.tensor([0.5]) });
    // F32 sorts before I32 (the safetensors crate orders by dtype, largest first, then name).
    const header = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"I32","shape":[2],"data_offsets":[4,12]}}';
    const padded = header + ' '.repeat((8 - (header.length % 8)) % 8);
    const expected = Buffer.concat([
      Buffer.from([padded.length, 0, 0, 0, 0, 0, 0, 0]),
      Buffer.from(padded),
      Buffer.from([0x00, 0x00, 0x00, 0x3f]), // 0.5f
      Buffer.from([1, 0, 0, 0, 2, 0, 0, 0]),
    ]);
    expect(bytes.equals(expected)).toBe(true);
  });

  test('a hand-built file with metadata, unaligned offsets and converted dtypes loads', () => {
    const f64 = Buffer.alloc(16);
    f64.writeDoubleLE(1.5, 0);
    f64.writeDoubleLE(-2, 8);
    const i64 = Buffer.alloc(16);
    i64.writeBigInt64LE(5n, 0);
    i64.writeBigInt64LE(-7n, 8);
    const f16 = Buffer.from([0x00, 0x3c, 0x00, 0xc0]); // 1.0, -2.0 in IEEE half
    const bf16 = Buffer.from([0x80, 0x3f]); // 1.0 in bfloat16
    const data = Buffer.concat([Buffer.from([1, 0, 1]), f64, i64, f16, bf16]);
    const file = tmp('hand.safetensors');
    fs.writeFileSync(
      file,
      handBuilt(
        {
          __metadata__: { format: 'pt' },
          mask: { dtype: 'BOOL', shape: [3], data_offsets: [0, 3] },
          w: { dtype: 'F64', shape: [2, 1], data_offsets: [3, 19] },
          idx: { dtype: 'I64', shape: [2], data_offsets: [19, 35] },
          h: { dtype: 'F16', shape: [2], data_offsets: [35, 39] },
          bf: { dtype: 'BF16', shape: [1], data_offsets: [39, 41] },
        },
        data,
      ),
    );
    const { tensors, metadata } = tg.io.loadWithMetadata(file);
    expect(metadata).toEqual({ format: 'pt' });
    expect(tensors.mask.toArray()).toEqual([true, false, true]);
    expect([tensors.w.dtype, tensors.w.toArray()]).toEqual(['float64', [[1.5], [-2]]]);
    expect([tensors.idx.dtype, tensors.idx.dataSync<BigInt64Array>()]).toEqual(['int64', BigInt64Array.from([5n, -7n])]);
    expect(flat(tensors.h)).toEqual([1, -2]);
    expect(flat(tensors.bf)).toEqual([1]);
    fs.unlinkSync(file);
  });

  test('save -> load round trip of a model state dict, byte-identical on re-save', () => {
    const model = new tg.nn.Sequential(new tg.nn.Linear(3, 4), new tg.nn.ReLU(), new tg.nn.Linear(4, 2));
    const file = tmp('model.safetensors');
    tg.save(model.stateDict(), file, { metadata: { note: 'test' } });
    const loaded = tg.load(file);
    expect(Object.keys(loaded).sort()).toEqual(['0.bias', '0.weight', '2.bias', '2.weight']);
    const other = new tg.nn.Sequential(new tg.nn.Linear(3, 4), new tg.nn.ReLU(), new tg.nn.Linear(4, 2));
    other.loadStateDict(loaded);
    const x = tg.randn([5, 3]);
    expect(flat(other.forward(x))).toEqual(flat(model.forward(x)));
    const file2 = tmp('model2.safetensors');
    tg.save(loaded, file2, { metadata: { note: 'test' } });
    expect(fs.readFileSync(file2).equals(fs.readFileSync(file))).toBe(true);
    fs.unlinkSync(file);
    fs.unlinkSync(file2);
  });

  test('hostile files are IO errors', () => {
    const cases: [string, Buffer, RegExp][] = [
      ['short', Buffer.from([1, 2, 3]), /too short/],
      ['huge header length', Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]), Buffer.alloc(8)]), /invalid header length/],
      ['bad json', handBuilt({}, Buffer.alloc(0)).fill(0x7b, 8), /invalid JSON header/],
      ['offsets past the end', handBuilt({ a: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, Buffer.alloc(8)), /outside the data section/],
      ['size mismatch', handBuilt({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, Buffer.alloc(8)), /holds 8 bytes/],
      ['negative shape', handBuilt({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 0] } }, Buffer.alloc(0)), /invalid dtype or shape/],
      ['unknown dtype', handBuilt({ a: { dtype: 'C64', shape: [1], data_offsets: [0, 8] } }, Buffer.alloc(8)), /does not support/],
      // Found by the parser fuzz test: an entry that is not an object.
      ['null entry', handBuilt({ a: null }, Buffer.alloc(0)), /entry a is not an object/],
      ['array entry', handBuilt({ a: [1] }, Buffer.alloc(0)), /entry a is not an object/],
      ['number metadata', handBuilt({ __metadata__: 5 }, Buffer.alloc(0)), /__metadata__ is not a map of strings/],
      ['null metadata', handBuilt({ __metadata__: null }, Buffer.alloc(0)), /__metadata__ is not a map of strings/],
      ['non-string metadata', handBuilt({ __metadata__: { k: 1 } }, Buffer.alloc(0)), /__metadata__ is not a map of strings/],
    ];
    for (const [name, bytes, pattern] of cases) {
      const file = tmp(`bad-${name.replace(/ /g, '_')}`);
      fs.writeFileSync(file, bytes);
      expectTensorError(() => tg.load(file), 'IO', pattern);
      fs.unlinkSync(file);
    }
    expectTensorError(() => tg.load(tmp('does-not-exist')), 'IO', 'cannot read');
    expectTensorError(() => tg.save({ a: 1 as never }, tmp('x')), 'ARGUMENT');
  });
  test('names such as __proto__ and constructor round-trip as own entries', () => {
    const state: Record<string, tg.Tensor> = {};
    for (const [i, name] of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'weight'].entries()) {
      Object.defineProperty(state, name, { value: tg.tensor([i, i + 0.5]), enumerable: true });
    }
    const file = tmp('proto');
    tg.save(state, file, { metadata: { __proto__x: 'a' } });
    const back = tg.load(file);
    expect(Object.keys(back).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'weight']);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype); // still a plain object
    for (const [i, name] of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'weight'].entries()) {
      expect(Object.hasOwn(back, name)).toBe(true);
      const t = Object.getOwnPropertyDescriptor(back, name)!.value as tg.Tensor;
      expect(t).toBeInstanceOf(tg.Tensor);
      expect(flat(t)).toEqual([i, i + 0.5]);
    }
    // The header that save wrote holds the entry (it was dropped by the __proto__ setter before).
    const bytes = tg.io.serialize(state);
    const header = JSON.parse(bytes.subarray(8, 8 + Number(bytes.readBigUInt64LE(0))).toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(header)).toContain('__proto__');
    // A file written by another writer with such names loads them too.
    const raw = handBuilt(
      JSON.parse('{"__proto__": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}') as object,
      Buffer.from(new Float32Array([7]).buffer),
    );
    const { tensors } = tg.io.deserialize(raw);
    expect(Object.keys(tensors)).toEqual(['__proto__']);
    expect(flat(Object.getOwnPropertyDescriptor(tensors, '__proto__')!.value as tg.Tensor)).toEqual([7]);
    fs.unlinkSync(file);
  });

  test('dtype names that are Object.prototype keys are unsupported dtypes, not crashes', () => {
    for (const dtype of ['constructor', '__proto__', 'toString']) {
      const raw = handBuilt({ a: { dtype, shape: [1], data_offsets: [0, 4] } }, Buffer.alloc(4));
      expectTensorError(() => tg.io.deserialize(raw), 'IO', /does not support/);
    }
  });
});

// Hostile safetensors files: shapes no tensor can have (holding no bytes, so the size check let
// them through), entries that overlap or leave holes (the format forbids both), and save() given
// a Map or an array (written as an empty file before).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-hostile-st-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let serial = 0;
function file(header: unknown, data: Buffer = Buffer.alloc(0)): string {
  const json = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(json.length));
  const p = path.join(dir, `f${serial++}.safetensors`);
  fs.writeFileSync(p, Buffer.concat([size, json, data]));
  return p;
}
const f32 = Buffer.from(new Float32Array([1, 2, 3, 4]).buffer);

describe('load refuses', () => {
  test.each<[string, number[]]>([
    ['a size past 2^53 with no elements', [1e300, 0]],
    ['a size of 2^60 with no elements', [2 ** 60, 0]],
    ['sizes whose strides pass 2^53', [2 ** 27, 2 ** 27, 0]],
    ['more than 64 dims', [...new Array<number>(100).fill(1), 0]],
  ])('%s (IO, naming the entry)', (_, shape) => {
    const p = file({ a: { dtype: 'F32', shape, data_offsets: [0, 0] } });
    expectTensorError(() => tg.load(p), 'IO', /entry a has shape/);
  });

  test('entries that overlap, leave a hole, or leave bytes over (IO)', () => {
    const overlap = file({ a: { dtype: 'F32', shape: [4], data_offsets: [0, 16] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } }, f32);
    expectTensorError(() => tg.load(overlap), 'IO', 'entry b has data_offsets [4, 12], expected it to start at byte 16');
    const hole = file({ b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] } }, f32);
    expectTensorError(() => tg.load(hole), 'IO', /entry b .* expected it to start at byte 0/);
    const over = file({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, f32);
    expectTensorError(() => tg.load(over), 'IO', 'the data section has 16 bytes, the entries cover 8');
  });

  test('a well-formed file in any entry order still loads', () => {
    const p = file(
      {
        b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] },
        a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
        e: { dtype: 'F32', shape: [0, 3], data_offsets: [16, 16] },
      },
      f32,
    );
    const t = tg.load(p);
    expect(Array.from(t.a.dataSync())).toEqual([1, 2]);
    expect(Array.from(t.b.dataSync())).toEqual([3, 4]);
    expect(t.e.shape).toEqual([0, 3]);
  });
});

describe('save refuses', () => {
  test('a Map, an array, or options that are not an object (ARGUMENT), writing nothing', () => {
    const p = path.join(dir, 'never.safetensors');
    expectTensorError(() => tg.save(new Map([['a', tg.ones([1])]]) as never, p), 'ARGUMENT', /save: expected a plain object/);
    expectTensorError(() => tg.save([tg.ones([1])] as never, p), 'ARGUMENT', /save: expected a plain object/);
    expectTensorError(() => tg.save({ a: tg.ones([1]) }, p, 'x' as never), 'ARGUMENT', 'save: options must be an object, got x');
    expect(fs.existsSync(p)).toBe(false);
  });
});

describe('readNpy refuses shapes no tensor can have', () => {
  function npy(shape: string): string {
    let h = Buffer.from(`{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`);
    const pad = (64 - ((10 + h.length + 1) % 64)) % 64;
    h = Buffer.concat([h, Buffer.alloc(pad, 0x20), Buffer.from('\n')]);
    const len = Buffer.alloc(2);
    len.writeUInt16LE(h.length);
    const p = path.join(dir, `n${serial++}.npy`);
    fs.writeFileSync(p, Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]), len, h]));
    return p;
  }
  test.each(['(1000000000000000000000, 0)', '(1152921504606846976, 0)', `(${'1, '.repeat(70)}0)`])('%s (IO)', (shape) => {
    expectTensorError(() => tg.io.readNpy(npy(shape)), 'IO', /readNpy: .* has shape/);
  });
  test('an empty array of a normal shape still reads', () => {
    expect(tg.io.readNpy(npy('(0, 3)')).shape).toEqual([0, 3]);
  });
});

// .npy files written by NumPy 1.24 (scripts in the fixture folder's history: np.save) read
// back, and tensorgrad's writer reproducing NumPy's bytes exactly.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

const dir = path.join(__dirname, '..', 'fixtures', 'npy');
const file = (name: string) => path.join(dir, name);

describe('readNpy on files written by NumPy', () => {
  test('dtypes, shapes and values', () => {
    const a = tg.io.readNpy(file('f32_2x3.npy'));
    expect([a.dtype, a.shape]).toEqual(['float32', [2, 3]]);
    expect(flat(a)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
    const b = tg.io.readNpy(file('f64_5.npy'));
    expect([b.dtype, flat(b)]).toEqual(['float64', [-1, -0.5, 0, 0.5, 1]]);
    const c = tg.io.readNpy(file('i32_scalar.npy'));
    expect([c.dtype, c.shape, c.item()]).toEqual(['int32', [], 7]);
    expect(tg.io.readNpy(file('bool_2x2.npy')).toArray()).toEqual([
      [true, false],
      [false, true],
    ]);
    const d = tg.io.readNpy(file('i64_3.npy'));
    expect([d.dtype, d.dataSync<BigInt64Array>()]).toEqual(['int64', BigInt64Array.from([1n, -2n, 3n])]);
    expect(tg.io.readNpy(file('f64_fortran_2x3.npy')).toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(tg.io.readNpy(file('f32_empty_0x4.npy')).shape).toEqual([0, 4]);
  });

  test('unsupported or broken files give IO errors', () => {
    expectTensorError(() => tg.io.readNpy(file('f32_big_endian.npy')), 'IO', "dtype '>f4'");
    expectTensorError(() => tg.io.readNpy(file('missing.npy')), 'IO', 'cannot read');
    const tmp = path.join(os.tmpdir(), `tg-trunc-${process.pid}.npy`);
    fs.writeFileSync(tmp, fs.readFileSync(file('f64_5.npy')).subarray(0, 140));
    expectTensorError(() => tg.io.readNpy(tmp), 'IO', 'expected 40');
    fs.writeFileSync(tmp, Buffer.from('not numpy at all'));
    expectTensorError(() => tg.io.readNpy(tmp), 'IO', 'not a .npy file');
    fs.unlinkSync(tmp);
  });
});

describe('writeNpy', () => {
  test('reproduces NumPy bytes exactly', () => {
    const cases: [string, tg.Tensor][] = [
      ['f32_2x3.npy', tg.arange(6).reshape(2, 3).div(4)],
      ['f64_5.npy', tg.linspace(-1, 1, 5, { dtype: 'float64' })],
      ['i32_scalar.npy', tg.tensor(7, { dtype: 'int32' })],
      [
        'bool_2x2.npy',
        tg.tensor([
          [true, false],
          [false, true],
        ]),
      ],
      ['f32_empty_0x4.npy', tg.zeros([0, 4])],
    ];
    for (const [name, t] of cases) expect(tg.io.npyBytes(t).equals(fs.readFileSync(file(name)))).toBe(true);
  });

  test('round trip through a file, non-contiguous input written in C order', () => {
    const tmp = path.join(os.tmpdir(), `tg-rt-${process.pid}.npy`);
    const t = tg.arange(12, { dtype: 'float64' }).reshape(3, 4).t();
    tg.io.writeNpy(tmp, t);
    const back = tg.io.readNpy(tmp);
    expect(back.toArray()).toEqual(t.toArray());
    fs.unlinkSync(tmp);
  });
});

test('a descr that is an Object.prototype key is an unsupported dtype (IO), not a TypeError', () => {
  for (const descr of ['constructor', '__proto__', 'toString']) {
    let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (1,), }`;
    header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
    const len = Buffer.alloc(2);
    len.writeUInt16LE(header.length);
    const bytes = Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]), len, Buffer.from(header, 'latin1'), Buffer.alloc(8)]);
    expectTensorError(() => tg.io.parseNpy(bytes), 'IO', `has dtype '${descr}'`);
  }
});

// readCsv is strict: decimal numbers only, RFC 4180 quotes checked, errors at file:line:column.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';
import { flat } from '../helpers';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-csv-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let count = 0;
function csv(text: string): string {
  const file = path.join(dir, `t${count++}.csv`);
  fs.writeFileSync(file, text);
  return file;
}

describe('readCsv numbers', () => {
  test('decimal and scientific notation, signs, quoted cells, spaces around cells', async () => {
    const file = csv('\uFEFFa, b ,"c"\n3,-2.5,+3\n.5,5.,1e-3\n"2.5E+10", -0 ,  7\n\n');
    const { columns, values } = await tg.data.readCsv(file, { dtype: 'float64' });
    expect(columns).toEqual(['a', 'b', 'c']);
    expect(flat(values)).toEqual([3, -2.5, 3, 0.5, 5, 0.001, 2.5e10, -0, 7]);
  });

  test.each([
    ['0x10', 'hex'],
    ['0b11', 'binary'],
    ['0o7', 'octal'],
    ['1_000', 'underscores'],
    ['nan', 'nan'],
    ['NaN', 'NaN'],
    ['inf', 'inf'],
    ['Infinity', 'Infinity'],
    ['-Infinity', '-Infinity'],
    ['1e400', 'overflow'],
    ['', 'an empty cell'],
    ['1.2.3', 'two points'],
    ['e5', 'an exponent alone'],
    ['1e', 'an empty exponent'],
    ['+', 'a sign alone'],
    ['.', 'a point alone'],
    ['1 2', 'inner space'],
  ])('%s (%s) is refused with file:line:column and the column name', async (cell) => {
    const file = csv(`a,b\n1,2\n4,${cell}\n`);
    await expect(tg.data.readCsv(file)).rejects.toMatchObject({
      code: 'IO',
      message: `${file}:3:3: column 'b' is not a number: '${cell}'`,
    });
  });

  test('quotes: unterminated, stray, or followed by text are errors at their column', async () => {
    const unterminated = csv('a\n"5\n');
    await expect(tg.data.readCsv(unterminated)).rejects.toMatchObject({ code: 'IO', message: `${unterminated}:2:1: unterminated quoted field` });
    const unterminated2 = csv('a,b\n1,"2,3\n');
    await expect(tg.data.readCsv(unterminated2)).rejects.toMatchObject({ code: 'IO', message: `${unterminated2}:2:3: unterminated quoted field` });
    const stray = csv('a,b\n1,2"3\n');
    await expect(tg.data.readCsv(stray)).rejects.toMatchObject({ code: 'IO', message: `${stray}:2:4: a quote inside an unquoted field` });
    const after = csv('a,b\n"1"2,3\n');
    await expect(tg.data.readCsv(after)).rejects.toMatchObject({ code: 'IO', message: `${after}:2:4: unexpected character after a closing quote` });
    const header = csv('"a,b\n1,2\n');
    await expect(tg.data.readCsv(header)).rejects.toMatchObject({ code: 'IO', message: `${header}:1:1: unterminated quoted field` });
  });

  test('rows of the wrong length, empty files and headers alone name the file', async () => {
    const short = csv('a,b\n1,2\n3\n');
    await expect(tg.data.readCsv(short)).rejects.toMatchObject({ code: 'IO', message: `${short}:3: expected 2 fields, found 1` });
    const empty = csv('');
    await expect(tg.data.readCsv(empty)).rejects.toMatchObject({ code: 'IO', message: `readCsv: ${empty} is empty` });
    const headerOnly = csv('a,b\n');
    await expect(tg.data.readCsv(headerOnly)).rejects.toMatchObject({ code: 'IO', message: `readCsv: ${headerOnly} has a header but no data rows` });
  });

  test('a directory rejects with an IO error naming it, not a raw EISDIR', async () => {
    await expect(tg.data.readCsv(dir)).rejects.toMatchObject({ code: 'IO', message: `readCsv: cannot read ${dir}: a directory, not a regular file` });
    await expect(tg.data.readCsv(dir)).rejects.toBeInstanceOf(tg.TensorError);
  });

  test('lines across read chunks, CRLF, and a multi-byte character split between chunks', async () => {
    const rows = ['x,ü'];
    for (let i = 0; i < 200000; i++) rows.push(`${i},${i / 4}`);
    const file = csv(rows.join('\r\n'));
    const { columns, values } = await tg.data.readCsv(file, { dtype: 'float64' });
    expect(columns).toEqual(['x', 'ü']);
    expect(values.shape).toEqual([200000, 2]);
    expect(flat(values.narrow(0, 199999, 1))).toEqual([199999, 49999.75]);
    // 'ü' (2 bytes in UTF-8) straddling the first 1 MiB chunk boundary
    const pad = 'p'.repeat(2 ** 20 - 1);
    const split = csv(`${pad}ü\n1\n`);
    expect((await tg.data.readCsv(split)).columns).toEqual([`${pad}ü`]);
  });

  test('bad options are ARGUMENT errors, as rejections', async () => {
    const file = csv('a\n1\n');
    await expect(tg.data.readCsv(file, { dtype: 'int32' as 'float32' })).rejects.toMatchObject({ code: 'ARGUMENT' });
    await expect(tg.data.readCsv(42 as unknown as string)).rejects.toMatchObject({ code: 'ARGUMENT' });
  });
});

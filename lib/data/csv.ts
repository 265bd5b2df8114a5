// Numeric CSV tables read as a stream (line by line, never the whole file in memory at once):
// a header row, then rows of numbers.
import * as fs from 'fs';
import * as readline from 'readline';
import { ioError } from '../errors';
import { tensor } from '../creation';
import type { Tensor } from '../tensor';

export interface CsvTable {
  columns: string[];
  /** [rows, columns] float32 (or float64 with {dtype: 'float64'}). */
  values: Tensor;
}

/** Splits one CSV line; double quotes may enclose fields and "" escapes a quote. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** Reads a numeric CSV file into a tensor, streaming it. Bad cells name the line and column. */
export async function readCsv(file: string, opts: { dtype?: 'float32' | 'float64' } = {}): Promise<CsvTable> {
  if (typeof file !== 'string') throw ioError('readCsv: the file name must be a string');
  opts = opts ?? {};
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    stream = fs.createReadStream(file, { encoding: 'utf8' });
  } catch (e) {
    throw ioError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let columns: string[] | null = null;
  let values = new Float64Array(1024);
  let n = 0;
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    if (raw.trim() === '') continue;
    const cells = splitCsvLine(columns === null ? raw.replace(/^\uFEFF/, '') : raw);
    if (columns === null) {
      columns = cells;
      continue;
    }
    if (cells.length !== columns.length) throw ioError(`${file}:${lineNo}: expected ${columns.length} fields, found ${cells.length}`);
    if (n + cells.length > values.length) {
      const grown = new Float64Array(values.length * 2 + cells.length);
      grown.set(values.subarray(0, n));
      values = grown;
    }
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c] === '' ? NaN : Number(cells[c]);
      if (!Number.isFinite(v)) throw ioError(`${file}:${lineNo}: column '${columns[c]}' is not a number: '${cells[c]}'`);
      values[n++] = v;
    }
  }
  if (columns === null) throw ioError(`${file} is empty`);
  const rows = n / columns.length;
  if (rows === 0) throw ioError(`${file} has a header but no data rows`);
  const data = values.subarray(0, n);
  const dtype = opts.dtype ?? 'float32';
  return { columns, values: tensor(dtype === 'float64' ? data.slice() : Float32Array.from(data), { shape: [rows, columns.length] }) };
}

// Numeric CSV tables read in chunks (never the whole file in memory as text): a header row,
// then rows of decimal numbers. Strict, as a numeric reader must be: a cell that is not a
// decimal number, a stray or unterminated quote, or a row of the wrong length is an IO error
// naming the file, the line and the column.
import { StringDecoder } from 'string_decoder';
import { argumentError, ioError } from '../errors';
import { tensor } from '../creation';
import { openRegularFile } from '../io/files';
import { show } from '../shape';
import type { Tensor } from '../tensor';

export interface CsvTable {
  columns: string[];
  /** [rows, columns] float32 (or float64 with {dtype: 'float64'}). */
  values: Tensor;
}

/** The longest line readCsv accepts, in characters (16 Mi). */
export const MAX_CSV_LINE = 1 << 24;
const CHUNK = 1 << 20;

// Decimal numbers: an optional sign, digits with an optional fraction (or a fraction alone),
// and an optional exponent. No hex, octal, binary, underscores, 'Infinity' or 'NaN'.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface CsvField {
  text: string;
  /** 1-based column (character position in the line) where the field starts. */
  col: number;
}

const isSpace = (c: string) => c === ' ' || c === '\t';

/**
 * Splits one CSV line (RFC 4180 quoting: a field may be enclosed in double quotes, and "" in
 * it is a quote; spaces around a field are dropped). A quote inside an unquoted field, text
 * after a closing quote, or an unterminated quote throws an IO error at `where:col`.
 */
export function splitCsvLine(line: string, where = 'line'): CsvField[] {
  const out: CsvField[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && isSpace(line[i])) i++;
    const col = i + 1;
    let text = '';
    if (line[i] === '"') {
      const open = i;
      i++;
      for (;;) {
        if (i >= line.length) throw ioError(`${where}:${open + 1}: unterminated quoted field`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += line[i++];
      }
      while (i < line.length && isSpace(line[i])) i++;
      if (i < line.length && line[i] !== ',') throw ioError(`${where}:${i + 1}: unexpected character after a closing quote`);
    } else {
      const start = i;
      while (i < line.length && line[i] !== ',') {
        if (line[i] === '"') throw ioError(`${where}:${i + 1}: a quote inside an unquoted field`);
        i++;
      }
      text = line.slice(start, i).trim();
    }
    out.push({ text, col });
    if (i >= line.length) return out;
    i++; // the comma
  }
}

/**
 * Reads a numeric CSV file into a tensor: a header row of column names, then one row of
 * numbers per line (blank lines are skipped; `\n` or `\r\n` line ends; a UTF-8 byte order mark
 * is ignored). A cell is a decimal number, optionally quoted: an optional sign, digits with an
 * optional fraction or a fraction alone, an optional exponent (`3`, `-2.5`, `+3`, `.5`, `5.`,
 * `1e-3`, `2.5E+10`). Anything else is refused rather than guessed at: empty cells, `0x10`,
 * `1_000`, `nan`, `inf`, `Infinity`, and values that overflow to infinity. The file must be a
 * regular file of at most 2 GiB - 1 bytes with lines of at most 16 Mi characters.
 *
 * Rejects with an IO TensorError naming the file (and the line and column, as
 * `file:line:column`) for an unreadable file, a bad cell, a stray or unterminated quote, or a
 * row whose length differs from the header's; with an ARGUMENT TensorError for bad options.
 */
export async function readCsv(file: string, opts: { dtype?: 'float32' | 'float64' } = {}): Promise<CsvTable> {
  if (typeof file !== 'string') throw argumentError(`readCsv: the file name must be a string, got ${show(file)}`);
  if (opts !== undefined && opts !== null && typeof opts !== 'object') throw argumentError('readCsv: options must be an object');
  const dtype = opts?.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') throw argumentError(`readCsv: dtype must be 'float32' or 'float64', got ${show(dtype)}`);
  const { handle, size } = await openRegularFile('readCsv', file);
  let columns: string[] | null = null;
  let values: Float64Array = new Float64Array(1024);
  let n = 0;
  let lineNo = 0;

  const row = (raw: string) => {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const at = `${file}:${lineNo}`;
    const cells = splitCsvLine(columns === null ? line.replace(/^\uFEFF/, '') : line, at);
    if (columns === null) {
      columns = cells.map((c) => c.text);
      return;
    }
    if (cells.length !== columns.length) throw ioError(`${at}: expected ${columns.length} fields, found ${cells.length}`);
    if (n + cells.length > values.length) {
      let grown: Float64Array;
      try {
        grown = new Float64Array(values.length * 2 + cells.length);
      } catch {
        throw ioError(`readCsv: ${file} holds more values than fit in memory (${n} read by line ${lineNo})`);
      }
      grown.set(values.subarray(0, n));
      values = grown;
    }
    for (let c = 0; c < cells.length; c++) {
      const { text, col } = cells[c];
      const v = NUMBER.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(v)) throw ioError(`${at}:${col}: column '${columns[c]}' is not a number: '${text.length > 40 ? text.slice(0, 40) + '...' : text}'`);
      values[n++] = v;
    }
  };

  try {
    const decoder = new StringDecoder('utf8');
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(size, 1)));
    let pending = '';
    let read = 0;
    while (read < size) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buf, 0, Math.min(buf.length, size - read), read));
      } catch (e) {
        throw ioError(`readCsv: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      if (bytesRead === 0) break;
      read += bytesRead;
      const text = pending + decoder.write(buf.subarray(0, bytesRead));
      const lines = text.split('\n');
      pending = lines.pop()!;
      for (const l of lines) row(l);
      if (pending.length > MAX_CSV_LINE) throw ioError(`${file}:${lineNo + 1}: a line longer than ${MAX_CSV_LINE} characters`);
    }
    pending += decoder.end();
    if (pending !== '') row(pending);
  } finally {
    await handle.close();
  }
  if (columns === null) throw ioError(`readCsv: ${file} is empty`);
  const width = (columns as string[]).length;
  const rows = n / width;
  if (rows === 0) throw ioError(`readCsv: ${file} has a header but no data rows`);
  const data = values.subarray(0, n);
  return { columns, values: tensor(dtype === 'float64' ? data.slice() : Float32Array.from(data), { shape: [rows, width] }) };
}

// A small reader for numeric CSV tables: a header row, then rows of numbers.
import * as fs from 'fs';
import { ioError } from '../errors';

export interface NumericTable {
  columns: string[];
  /** Row-major values, rows.length = rowCount * columns.length. */
  values: Float64Array;
  rowCount: number;
}

function splitLine(line: string): string[] {
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

export function readNumericCsv(file: string): NumericTable {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw ioError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw ioError(`${file} is empty`);
  const columns = splitLine(lines[0].replace(/^\uFEFF/, ''));
  const rows = lines.length - 1;
  if (rows === 0) throw ioError(`${file} has a header but no data rows`);
  const values = new Float64Array(rows * columns.length);
  for (let r = 0; r < rows; r++) {
    const cells = splitLine(lines[r + 1]);
    if (cells.length !== columns.length) {
      throw ioError(`${file}:${r + 2}: expected ${columns.length} fields, found ${cells.length}`);
    }
    cells.forEach((cell, c) => {
      const v = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(v)) throw ioError(`${file}:${r + 2}: column '${columns[c]}' is not a number: '${cell}'`);
      values[r * columns.length + c] = v;
    });
  }
  return { columns, values, rowCount: rows };
}

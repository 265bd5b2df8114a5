// CSV tables for the model commands: numeric feature columns (as strict as readCsv: decimal
// numbers only) and, for a classifier, a label column whose cells may be any text.
import { splitCsvLine } from '../data/csv';
import { ioError } from '../errors';
import { openRegularFile } from '../io/files';

export interface Table {
  columns: string[];
  rows: number;
  /** Cell text by column, row-major per column. */
  cells: string[][];
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The whole file as text cells: a header row, then rows of the header's length (blank lines skipped). */
export async function readTable(file: string): Promise<Table> {
  const { handle } = await openRegularFile('--csv', file);
  let text: string;
  try {
    text = await handle.readFile('utf8');
  } catch (e) {
    throw ioError(`--csv: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    await handle.close();
  }
  let columns: string[] | null = null;
  const cells: string[][] = [];
  let rows = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const at = `${file}:${i + 1}`;
    const fields = splitCsvLine(columns === null ? line.replace(/^\uFEFF/, '') : line, at);
    if (columns === null) {
      columns = fields.map((f) => f.text);
      columns.forEach(() => cells.push([]));
      return;
    }
    if (fields.length !== columns.length) throw ioError(`${at}: expected ${columns.length} fields, found ${fields.length}`);
    fields.forEach((f, c) => cells[c].push(f.text));
    rows++;
  });
  if (columns === null) throw ioError(`--csv: ${file} is empty`);
  if (rows === 0) throw ioError(`--csv: ${file} has a header but no data rows`);
  return { columns, rows, cells };
}

/** The numbers of one column, or an IO error naming the first cell that is not a decimal number. */
export function numericColumn(t: Table, c: number, file: string): Float64Array {
  const out = new Float64Array(t.rows);
  t.cells[c].forEach((text, r) => {
    const v = NUMBER.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(v)) {
      throw ioError(`${file}: data row ${r + 1}: column '${t.columns[c]}' is not a number: '${text.length > 40 ? text.slice(0, 40) + '...' : text}'`);
    }
    out[r] = v;
  });
  return out;
}

/** Distinct labels sorted (numerically when every cell is a number, else as strings) and each row's index. */
export function encodeLabels(cells: readonly string[]): { labels: string[]; codes: Int32Array } {
  const numeric = cells.every((c) => NUMBER.test(c) && Number.isFinite(Number(c)));
  const keys = numeric ? cells.map((c) => String(Number(c))) : cells.slice();
  const labels = [...new Set(keys)];
  if (numeric) labels.sort((a, b) => Number(a) - Number(b));
  else labels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(labels.map((l, i) => [l, i]));
  return { labels, codes: Int32Array.from(keys, (k) => index.get(k)!) };
}

/** A CSV field, quoted when it holds a comma, quote or line break. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

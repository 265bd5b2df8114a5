// PyTorch's tensor printing (torch/_tensor_str.py, default print options: precision 4,
// linewidth 80, threshold 1000, edgeitems 3), reproduced rule for rule.
import { isFloating, torchName, type DType, type TypedArray } from './dtype';

const PRECISION = 4;
const LINEWIDTH = 80;
const THRESHOLD = 1000;
const EDGEITEMS = 3;

/** Rounds a digit string (no sign, no point) to `keep` digits, half to even; returns [digits, carry]. */
function roundDigits(digits: string, keep: number): [string, boolean] {
  const head = digits.slice(0, keep);
  const rest = digits.slice(keep);
  let up = false;
  if (rest.length > 0 && rest[0] >= '5') {
    const tie = rest[0] === '5' && /^0*$/.test(rest.slice(1));
    const last = keep > 0 ? Number(head[keep - 1]) : 0;
    up = !tie || last % 2 === 1;
  }
  if (!up) return [head, false];
  const arr = head.split('').map(Number);
  let i = arr.length - 1;
  while (i >= 0 && arr[i] === 9) arr[i--] = 0;
  if (i < 0) return ['1' + arr.join(''), true];
  arr[i] += 1;
  return [arr.join(''), false];
}

/** Python's '{:.pf}' (round half to even on the exact binary value). */
export function formatFixed(x: number, p: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const neg = x < 0 || Object.is(x, -0);
  const exact = Math.abs(x).toFixed(Math.min(100, p + 30));
  const [intPart, fracPart] = exact.split('.');
  const [digits] = roundDigits(intPart + fracPart, intPart.length + p);
  const whole = digits.slice(0, digits.length - p) || '0';
  const frac = digits.slice(digits.length - p);
  return (neg ? '-' : '') + whole + (p > 0 ? '.' + frac : '');
}

/** Python's '{:.pe}'. */
export function formatSci(x: number, p: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const neg = x < 0 || Object.is(x, -0);
  const [mant, expStr] = Math.abs(x)
    .toExponential(Math.min(100, p + 30))
    .split('e');
  let exp = Number(expStr);
  let [digits, carry] = roundDigits(mant.replace('.', ''), p + 1);
  if (carry) {
    exp += 1;
    digits = digits.slice(0, p + 1);
  }
  const e = Math.abs(exp).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${digits[0]}${p > 0 ? '.' + digits.slice(1) : ''}e${exp < 0 ? '-' : '+'}${e}`;
}

class Formatter {
  private intMode = true;
  private sciMode = false;
  private maxWidth = 1;

  constructor(
    private readonly floating: boolean,
    private readonly isBool: boolean,
    values: ArrayLike<number | bigint>,
  ) {
    if (!floating) {
      for (let i = 0; i < values.length; i++) this.maxWidth = Math.max(this.maxWidth, this.plain(values[i]).length);
      return;
    }
    const finite: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const v = Number(values[i]);
      if (Number.isFinite(v) && v !== 0) finite.push(v);
    }
    if (finite.length === 0) return;
    let min = Infinity;
    let max = 0;
    for (const v of finite) {
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
      if (v !== Math.ceil(v)) this.intMode = false;
    }
    if (this.intMode) {
      if (max / min > 1000 || max > 1e8) {
        this.sciMode = true;
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatSci(v, PRECISION).length);
      } else {
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatFixed(v, 0).length + 1);
      }
    } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
      this.sciMode = true;
      for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatSci(v, PRECISION).length);
    } else {
      for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatFixed(v, PRECISION).length);
    }
  }

  // Integers print in full (an int64 as its exact bigint digits), bools as Python's.
  private plain(v: number | bigint): string {
    return this.isBool ? (v ? 'True' : 'False') : String(v);
  }

  width(): number {
    return this.maxWidth;
  }

  format(e: number | bigint): string {
    let s: string;
    const v = Number(e);
    if (!this.floating) s = this.plain(e);
    else if (this.sciMode) s = formatSci(v, PRECISION);
    else if (this.intMode) s = formatFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
    else s = formatFixed(v, PRECISION);
    return s.padStart(this.maxWidth);
  }
}

interface Nd {
  shape: readonly number[];
  data: TypedArray;
  start: number;
  strides: readonly number[];
}

function sub(t: Nd, i: number): Nd {
  return { shape: t.shape.slice(1), data: t.data, start: t.start + i * t.strides[0], strides: t.strides.slice(1) };
}

/** The elements that get printed (edge items only when summarising), for the formatter's widths. */
function summarizedValues(t: Nd, summarize: boolean, out: (number | bigint)[]): void {
  if (t.shape.length === 0) {
    out.push(t.data[t.start]);
    return;
  }
  const n = t.shape[0];
  const idx = summarize && n > 2 * EDGEITEMS ? [...range(0, EDGEITEMS), ...range(n - EDGEITEMS, n)] : range(0, n);
  for (const i of idx) summarizedValues(sub(t, i), summarize, out);
}

function range(a: number, b: number): number[] {
  const r: number[] = [];
  for (let i = a; i < b; i++) r.push(i);
  return r;
}

function vectorStr(t: Nd, indent: number, summarize: boolean, f: Formatter): string {
  const elementLength = f.width() + 2;
  const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / elementLength));
  const n = t.shape[0];
  const val = (i: number) => f.format(t.data[t.start + i * t.strides[0]]);
  const data = summarize && n > 2 * EDGEITEMS ? [...range(0, EDGEITEMS).map(val), ' ...', ...range(n - EDGEITEMS, n).map(val)] : range(0, n).map(val);
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function tensorStr(t: Nd, indent: number, summarize: boolean, f: Formatter): string {
  const dim = t.shape.length;
  if (dim === 0) return f.format(t.data[t.start]);
  if (dim === 1) return vectorStr(t, indent, summarize, f);
  const n = t.shape[0];
  const part = (i: number) => tensorStr(sub(t, i), indent + 1, summarize, f);
  const slices = summarize && n > 2 * EDGEITEMS ? [...range(0, EDGEITEMS).map(part), '...', ...range(n - EDGEITEMS, n).map(part)] : range(0, n).map(part);
  return '[' + slices.join(',' + '\n'.repeat(dim - 1) + ' '.repeat(indent + 1)) + ']';
}

function addSuffixes(body: string, suffixes: string[], indent: number): string {
  const parts = [body];
  let lastLineLen = body.length - body.lastIndexOf('\n') + 1;
  for (const s of suffixes) {
    if (lastLineLen + s.length + 2 > LINEWIDTH) {
      parts.push(',\n' + ' '.repeat(indent) + s);
      lastLineLen = indent + s.length;
    } else {
      parts.push(', ' + s);
      lastLineLen += s.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** What printing reads of a tensor (a structural type, so this file needs nothing from tensor.ts). */
export interface Printable {
  readonly _storage: { readonly disposed: boolean; readonly data: TypedArray };
  readonly _shape: readonly number[];
  readonly _strides: readonly number[];
  readonly offset: number;
  readonly numel: number;
  readonly ndim: number;
  readonly dtype: DType;
  readonly gradFn: { readonly name: string } | null;
  readonly requiresGrad: boolean;
}

export function formatTensor(t: Printable): string {
  if (t._storage.disposed) return `tensor(<disposed>, shape=[${t._shape.join(', ')}])`;
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  let body: string;
  if (t.numel === 0) {
    body = '[]';
    if (t.ndim !== 1) suffixes.push(`size=(${t._shape.join(', ')}${t.ndim === 1 ? ',' : ''})`);
    // PyTorch: no element shows an empty tensor's dtype, so every dtype but the default float is named.
    if (t.dtype !== 'float32') suffixes.push(`dtype=${torchName(t.dtype)}`);
  } else {
    const nd: Nd = { shape: t._shape, data: t._storage.data, start: t.offset, strides: t._strides };
    const summarize = t.numel > THRESHOLD;
    const shown: (number | bigint)[] = [];
    summarizedValues(nd, summarize, shown);
    const f = new Formatter(isFloating(t.dtype), t.dtype === 'bool', shown);
    body = tensorStr(nd, indent, summarize, f);
    // PyTorch's has_default_dtype: float32, int64 and bool print without their dtype.
    if (t.dtype !== 'float32' && t.dtype !== 'int64' && t.dtype !== 'bool') suffixes.push(`dtype=${torchName(t.dtype)}`);
  }
  if (t.gradFn !== null) suffixes.push(`grad_fn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) suffixes.push('requires_grad=True');
  return addSuffixes(prefix + body, suffixes, indent);
}

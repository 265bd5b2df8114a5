// PyTorch's Module.__repr__: `Name(extra)` for a leaf, children one per line, indented by two.

interface Reprable {
  toString(): string;
}

/** Indents every line after the first by two spaces (PyTorch's _addindent). */
function addIndent(s: string): string {
  return s.replace(/\n/g, '\n  ');
}

export function moduleRepr(name: string, extra: string, children: [string, Reprable][]): string {
  const lines = extra === '' ? [] : extra.split('\n');
  for (const [key, child] of children) lines.push(`(${key}): ${addIndent(child.toString())}`);
  if (lines.length === 0) return `${name}()`;
  if (children.length === 0 && lines.length === 1) return `${name}(${lines[0]})`;
  return `${name}(\n  ${lines.join('\n  ')}\n)`;
}

/** A Python literal for repr values: True/False/None, numbers as Python prints them, tuples. */
export function py(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) && Math.abs(v) < 1e16 && String(v).indexOf('e') < 0 ? String(v) : pyFloat(v);
  if (Array.isArray(v)) return v.length === 1 ? `(${py(v[0])},)` : `(${v.map(py).join(', ')})`;
  if (typeof v === 'string') return `'${v}'`;
  return JSON.stringify(v) ?? 'None';
}

/** Python's repr of a float: shortest round-trip digits, with '.0' on integers and Python's exponent form. */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Object.is(v, -0)) return '-0.0';
  const abs = Math.abs(v);
  if (abs >= 1e16 || (abs !== 0 && abs < 1e-4)) {
    const [m, e] = v.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(v);
  return Number.isInteger(v) ? `${s}.0` : s;
}

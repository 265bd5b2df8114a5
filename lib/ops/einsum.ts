// torch.einsum as a composite of public ops (as PyTorch's, whose gradFn is its last op's): each
// operand's repeated subscripts become diagonals, operands are aligned on one dim order (output
// dims, then contracted dims by label), multiplied left to right (bmm where dims contract, mul
// otherwise), and the remaining contracted dims summed. 'bij,bjk->bik' is one bmm of views.
import { argumentError, shapeError } from '../errors';
import { checkTensor } from '../backend/operand';
import type { Tensor } from '../tensor';
import { INDEX_DTYPE } from '../dtype';
import { tensor } from '../creation';

const ELL = '.';

/** A term's subscripts: letters, and ELL once for an ellipsis. */
function parseTerm(term: string, offset: number, operand: number | null): string[] {
  const out: string[] = [];
  let ell = false;
  for (let i = 0; i < term.length; i++) {
    const c = term[i];
    if (c === '.') {
      if (ell) {
        throw argumentError(
          operand === null
            ? "einsum(): found '.' for output but an ellipsis (...) was already found"
            : `einsum(): found '.' for operand ${operand} for which an ellipsis was already found`,
        );
      }
      if (term.slice(i, i + 3) !== '...') {
        throw argumentError(
          operand === null
            ? "einsum(): found '.' for output that is not part of any ellipsis (...)"
            : `einsum(): found '.' for operand ${operand} that is not part of any ellipsis`,
        );
      }
      ell = true;
      out.push(ELL);
      i += 2;
    } else if (/[a-zA-Z]/.test(c)) {
      out.push(c);
    } else {
      throw argumentError(`einsum(): invalid subscript given at index ${offset + i} in the equation string, subscripts must be in [a-zA-Z]`);
    }
  }
  return out;
}

/** PyTorch's label order: A-Z before a-z. */
const labelRank = (c: string): number => (c < 'a' ? c.charCodeAt(0) - 65 : c.charCodeAt(0) - 97 + 26);

/** The diagonal over every repeated label of one operand (dims listed per label). */
function diagonals(x: Tensor, labels: string[], operand: number): [Tensor, string[]] {
  let t = x;
  let ls = labels;
  for (;;) {
    const rep = ls.find((l, i) => l !== ELL && ls.indexOf(l) !== i);
    if (rep === undefined) return [t, ls];
    const dims = ls.flatMap((l, i) => (l === rep ? [i] : []));
    const n = t._shape[dims[0]];
    for (const d of dims) {
      if (t._shape[d] !== n)
        throw shapeError(`einsum(): subscript ${rep} is repeated for operand ${operand} but the sizes don't match, ${t._shape[d]} != ${n}`);
    }
    const rest = ls.map((_, i) => i).filter((i) => !dims.includes(i));
    let step = 0;
    for (let j = 0; j < dims.length; j++) step = step * n + 1;
    const idx = tensor(
      Array.from({ length: n }, (_, i) => i * step),
      { dtype: INDEX_DTYPE },
    );
    const moved = t.permute([...rest, ...dims]).reshape([...rest.map((i) => t._shape[i]), n ** dims.length]);
    t = moved.indexSelect(rest.length, idx);
    ls = [...rest.map((i) => ls[i]), rep];
  }
}

/** a * b summed over `sum` dims (both aligned to one dim order; size-1 dims broadcast). */
function sumProductPair(a: Tensor, b: Tensor, sum: ReadonlySet<number>): Tensor {
  const nd = a.ndim;
  for (const d of sum) {
    if (a._shape[d] > 1 && b._shape[d] === 1) a = a.sum(d, true);
    else if (b._shape[d] > 1 && a._shape[d] === 1) b = b.sum(d, true);
  }
  const contract = [...sum].filter((d) => a._shape[d] > 1 || b._shape[d] > 1).sort((x, y) => x - y);
  if (contract.length === 0) return a.mul(b);
  const lro: number[] = [];
  const lo: number[] = [];
  const ro: number[] = [];
  for (let d = 0; d < nd; d++) {
    if (contract.includes(d)) continue;
    if (a._shape[d] > 1 && b._shape[d] > 1) lro.push(d);
    else if (a._shape[d] > 1) lo.push(d);
    else ro.push(d); // b's, or size 1 in both
  }
  const size = (t: Tensor, ds: number[]) => ds.reduce((p, d) => p * t._shape[d], 1);
  const a3 = a.permute([...lro, ...lo, ...contract, ...ro]).reshape([size(a, lro), size(a, lo), size(a, contract)]);
  const b3 = b.permute([...lro, ...contract, ...ro, ...lo]).reshape([size(b, lro), size(b, contract), size(b, ro)]);
  const prod = a3.bmm(b3);
  const order = [...lro, ...lo, ...ro, ...contract];
  const shape = order.map((d) => (contract.includes(d) ? 1 : lo.includes(d) ? a._shape[d] : b._shape[d]));
  const r = prod.reshape(shape);
  const inv = order.map((_, i) => order.indexOf(i));
  return inv.every((v, i) => v === i) ? r : r.permute(inv);
}

/** torch.einsum(equation, ...operands): sums of products over the subscripts, NumPy's notation with '...' and '->'. */
export function einsum(equation: string, ...operands: (Tensor | Tensor[])[]): Tensor {
  if (typeof equation !== 'string') throw argumentError('einsum(): the equation must be a string');
  const ops = (operands.length === 1 && Array.isArray(operands[0]) ? operands[0] : operands) as Tensor[];
  ops.forEach((t, i) => checkTensor('einsum', t, `operand ${i}`));
  const eq = equation.replace(/\s/g, '');
  const arrow = eq.indexOf('->');
  const lhs = arrow < 0 ? eq : eq.slice(0, arrow);
  const terms = lhs.split(',');
  if (terms.length > ops.length) throw argumentError('einsum(): fewer operands were provided than specified in the equation');
  if (terms.length < ops.length) throw argumentError('einsum(): more operands were provided than specified in the equation');
  let offset = 0;
  const inLabels = terms.map((term, i) => {
    const ls = parseTerm(term, offset, i);
    offset += term.length + 1;
    return ls;
  });
  // Ellipsis dims per operand, aligned right across operands.
  let ellDims = 0;
  inLabels.forEach((ls, i) => {
    const named = ls.filter((l) => l !== ELL).length;
    const nd = ops[i].ndim;
    if (!ls.includes(ELL) && named !== nd) {
      throw shapeError(
        `einsum(): the number of subscripts in the equation (${named}) does not match the number of dimensions (${nd}) for operand ${i} and no ellipsis was given`,
      );
    }
    if (named > nd) {
      throw shapeError(`einsum(): the number of subscripts in the equation (${named}) is more than the number of dimensions (${nd}) for operand ${i}`);
    }
    if (ls.includes(ELL)) ellDims = Math.max(ellDims, nd - named);
  });
  const ellNames = Array.from({ length: ellDims }, (_, k) => `${ELL}${k}`);
  // Expand each operand's ellipsis into named dims (right-aligned).
  const expanded = inLabels.map((ls, i) => {
    const named = ls.filter((l) => l !== ELL).length;
    const own = ops[i].ndim - named;
    return ls.flatMap((l) => (l === ELL ? ellNames.slice(ellDims - own) : [l]));
  });
  const counts = new Map<string, number>();
  for (const ls of inLabels) for (const l of ls) if (l !== ELL) counts.set(l, (counts.get(l) ?? 0) + 1);
  let outLabels: string[];
  if (arrow >= 0) {
    const parsed = parseTerm(eq.slice(arrow + 2), arrow + 2, null);
    const seen = new Set<string>();
    for (const l of parsed) {
      if (l === ELL) continue;
      if (!counts.has(l)) throw argumentError(`einsum(): output subscript ${l} does not appear in the equation for any input operand`);
      if (seen.has(l)) throw argumentError(`einsum(): output subscript ${l} appears more than once in the output`);
      seen.add(l);
    }
    outLabels = parsed.flatMap((l) => (l === ELL ? ellNames : [l]));
  } else {
    const once = [...counts].filter(([, c]) => c === 1).map(([l]) => l);
    outLabels = [...ellNames, ...once.sort((x, y) => labelRank(x) - labelRank(y))];
  }
  const contracted = [...new Set(expanded.flat())]
    .filter((l) => !outLabels.includes(l))
    .sort((x, y) => (x[0] === ELL || y[0] === ELL ? (x < y ? -1 : 1) : labelRank(x) - labelRank(y)));
  const order = [...outLabels, ...contracted];
  // Align every operand to `order`, with sizes checked against the first seen.
  const sizes = new Map<string, number>();
  const aligned = ops.map((x, i) => {
    const [t, ls] = diagonals(x, expanded[i], i);
    ls.forEach((l, d) => {
      const s = t._shape[d];
      const prev = sizes.get(l);
      if (prev === undefined || prev === 1) sizes.set(l, s);
      else if (s !== prev && s !== 1) {
        throw shapeError(
          `einsum(): subscript ${l[0] === ELL ? '...' : l} has size ${s} for operand ${i} which does not broadcast with previously seen size ${prev}`,
        );
      }
    });
    const perm = order.filter((l) => ls.includes(l)).map((l) => ls.indexOf(l));
    const p = t.permute(perm);
    const shape = order.map((l) => (ls.includes(l) ? t._shape[ls.indexOf(l)] : 1));
    return shape.length === p.ndim ? p : p.reshape(shape);
  });
  // Multiply left to right, summing each contracted dim once no later operand has it.
  const lastUse = (d: number) => aligned.reduce((last, t, i) => (t._shape[d] > 1 ? i : last), -1);
  let result = aligned[0];
  for (let i = 1; i < aligned.length; i++) {
    const sum = new Set<number>();
    for (let d = outLabels.length; d < order.length; d++) if (lastUse(d) <= i) sum.add(d);
    result = sumProductPair(result, aligned[i], sum);
  }
  const rest: number[] = [];
  for (let d = outLabels.length; d < order.length; d++) if (result._shape[d] !== 1) rest.push(d);
  if (rest.length > 0) result = result.sum(rest);
  const final = result._shape.slice(0, outLabels.length);
  return final.length === result.ndim ? result : result.reshape(final);
}

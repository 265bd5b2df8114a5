// Fused multiply-add in JS, one rounding, as PyTorch's AVX2 kernels compute add(alpha) and
// addcmul (and as the addon's optimizer steps call std::fma). Inlined error-free transforms, no
// allocation: these run once per element per optimizer step.

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for doubles

/** fma(a, b, c) in float32: a*b is exact in a double, and so is the sum unless it rounded; a tie that rounding made is resolved by the lost bits. */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  const d = s - r;
  if (d === 0) return r;
  const bb = s - p;
  const e = p - (s - bb) + (c - bb); // s + e == p + c exactly
  if (e === 0) return r;
  const other = r + 2 * d;
  // s sits exactly between two float32 values (r and other): the true sum lies on e's side
  if (Math.fround(other) === other) return Math.sign(e) === Math.sign(d) ? other : r;
  return r;
}

/** fma(a, b, c) in float64: the exact product (Dekker) plus c, with a two-term correction. */
export function fma64(a: number, b: number, c: number): number {
  // An infinite (or NaN) c is the result whatever the finite product, even one that overflows p.
  if (!Number.isFinite(c) && Number.isFinite(a) && Number.isFinite(b)) return c;
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pe = ah * bh - p + ah * bl + al * bh + al * bl;
  if (!Number.isFinite(pe)) return p + c;
  const s = p + c;
  // An infinite or NaN sum is IEEE's; a zero correction keeps the sign of a zero sum.
  if (!Number.isFinite(s)) return s;
  const bb = s - p;
  const e = p - (s - bb) + (c - bb);
  const corr = e + pe;
  return corr === 0 ? s : s + corr;
}

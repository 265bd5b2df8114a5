// Fused multiply-add in JS, one rounding, as PyTorch's AVX2 kernels compute add(alpha) and
// addcmul (and as the addon's optimizer steps call std::fma).

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for doubles

/** Exact product a*b as hi + lo (Dekker); for the magnitudes an optimizer meets. */
function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** Exact sum a+b as hi + lo (Knuth). */
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

/** fma(a, b, c) in float32, one rounding: the double sum is exact unless it rounded; a tie it made is resolved by the lost bits. */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b; // exact: 24 + 24 bits
  const [s, e] = twoSum(p, c);
  const r = Math.fround(s);
  if (e === 0) return r;
  const d = s - r;
  const other = r + 2 * d;
  // s is a float32 midpoint (the only case double rounding can break): the lost bits pick the side
  if (d !== 0 && Math.fround(other) === other && Math.fround(s) === r && Math.abs(d) * 2 === Math.abs(other - r)) {
    return Math.sign(e) === Math.sign(d) ? other : r;
  }
  return r;
}

/** fma(a, b, c) in float64 (exact product, then a two-term correction). */
export function fma64(a: number, b: number, c: number): number {
  const [p, pe] = twoProd(a, b);
  if (!Number.isFinite(p) || !Number.isFinite(pe)) return a * b + c;
  const [s, e] = twoSum(p, c);
  return s + (e + pe);
}

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

// Dekker's split overflows above 2^996 and his product error is inexact once the product is
// near the subnormal range (or has overflowed): those operands take exactFma64.
const SPLIT_MAX = 2 ** 995;
const PRODUCT_MIN = 2 ** -969;

/** fma(a, b, c) in float64: the exact product (Dekker) plus c, with a two-term correction. */
export function fma64(a: number, b: number, c: number): number {
  // An infinite (or NaN) c is the result whatever the finite product, even one that overflows p.
  if (!Number.isFinite(c) && Number.isFinite(a) && Number.isFinite(b)) return c;
  const p = a * b;
  const ap = Math.abs(p);
  if (Math.abs(a) > SPLIT_MAX || Math.abs(b) > SPLIT_MAX || (ap < PRODUCT_MIN && a !== 0 && b !== 0) || ap === Infinity) {
    if (Number.isFinite(a) && Number.isFinite(b)) return exactFma64(a, b, c);
  }
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

// A finite double as m * 2^e with m an integer (53 bits at most).
const VIEW = new DataView(new ArrayBuffer(8));
function decompose(x: number): [bigint, number] {
  VIEW.setFloat64(0, x);
  const hi = VIEW.getUint32(0);
  const lo = VIEW.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) m |= 1n << 52n;
  if (hi >>> 31) m = -m;
  return [m, (biased === 0 ? 1 : biased) - 1075];
}

/**
 * fma(a, b, c) for finite a, b, c by exact integer arithmetic, rounded once to the nearest double
 * (ties to even), subnormal and overflowing results included: the rare operands fma64's
 * error-free transforms cannot take.
 */
export function exactFma64(a: number, b: number, c: number): number {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const n = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
  // An exact zero is -0 only when both addends are zeros of that sign, as IEEE's sum.
  if (n === 0n) return Object.is(a * b, -0) && Object.is(c, -0) ? -0 : 0;
  const neg = n < 0n;
  const mag = neg ? -n : n;
  // Keep 53 significant bits, or fewer where the result is subnormal (its last bit is 2^-1074).
  const shift = Math.max(mag.toString(2).length - 53, -1074 - e);
  let q = mag;
  if (shift > 0) {
    const s = BigInt(shift);
    q = mag >> s;
    const rest = mag - (q << s);
    const half = 1n << (s - 1n);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  } else if (shift < 0) {
    q = mag << BigInt(-shift);
  }
  // q has at most 54 bits, so Number(q) is exact; the power of two is exact or overflows.
  const r = Number(q) * 2 ** (e + shift);
  return neg ? -r : r;
}

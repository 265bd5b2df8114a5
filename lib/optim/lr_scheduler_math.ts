// cos, pow and log for the schedulers, rounded correctly (to the double nearest the exact value).
// PyTorch's schedulers run these through CPython's math.cos / ** / math.log, i.e. glibc's libm,
// whose results are the correctly rounded ones in all but rare cases (it promises < 1 ulp);
// V8's Math.cos/Math.pow/Math.log (fdlibm ports) differ from them in the last bit several times
// in a hundred, which breaks bit-for-bit lr sequences. Double-double arithmetic (~106 bits) makes
// the rounding exact except within ~2^-50 ulp of a midpoint.

type DD = [number, number];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)
function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [s2, e2] = twoSum(s, e + t);
  return twoSum(s2, e2 + f);
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return twoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  const r = add(a, neg(mul(b, [q1, 0])));
  const q2 = r[0] / b[0];
  const r2 = add(r, neg(mul(b, [q2, 0])));
  const q3 = r2[0] / b[0];
  return add(twoSum(q1, q2), [q3, 0]);
}

const neg = (a: DD): DD => [-a[0], -a[1]];

// pi/2 as a sum of three doubles (~160 bits) and ln 2 as two (~107 bits) plus a third
const PIO2: number[] = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33];
const LN2: number[] = [0.6931471805599453, 2.3190468138462996e-17, 5.707708438416212e-34];

/** sin(r) and cos(r) of a double-double |r| <= pi/4, by their Taylor series. */
function sinCos(r: DD): [DD, DD] {
  const r2 = mul(r, r);
  let term: DD = [1, 0];
  let c: DD = [1, 0];
  let s: DD = r;
  let st: DD = r;
  for (let n = 1; n < 16; n++) {
    term = div(mul(term, neg(r2)), [(2 * n - 1) * (2 * n), 0]);
    c = add(c, term);
    st = div(mul(st, neg(r2)), [2 * n * (2 * n + 1), 0]);
    s = add(s, st);
  }
  return [s, c];
}

/** cos(x), correctly rounded (glibc's cos, which CPython's math.cos calls). */
export function pyCos(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) > 1e9) return Math.cos(x);
  const k = Math.round(x / PIO2[0]);
  // r = x - k pi/2 in double-double: each k * part exactly, then summed
  let r: DD = [x, 0];
  for (const p of PIO2) r = add(r, neg(twoProd(k, p)));
  const [s, c] = sinCos(r);
  const q = ((k % 4) + 4) % 4;
  const v = q === 0 ? c : q === 1 ? neg(s) : q === 2 ? neg(c) : s;
  return v[0] + v[1];
}

/** log(x) of a positive finite double, in double-double. */
function logDD(x: number): DD {
  let e = 0;
  let m = x;
  while (m < 1) {
    m *= 2; // exact scaling (no subnormal inputs reach here in practice; it stays exact anyway)
    e--;
  }
  while (m >= 2) {
    m /= 2;
    e++;
  }
  if (m > Math.SQRT2) {
    m /= 2;
    e++;
  }
  // log m = 2 atanh(s), s = (m - 1) / (m + 1)
  const s = div([m - 1, 0], twoSum(m, 1)); // m - 1 is exact (Sterbenz), m + 1 kept exact
  const s2 = mul(s, s);
  let pw = s;
  let sum = s;
  for (let n = 3; n < 60; n += 2) {
    pw = mul(pw, s2);
    const t = div(pw, [n, 0]);
    sum = add(sum, t);
    if (Math.abs(t[0]) < 1e-40) break;
  }
  let out = add(sum, sum);
  for (const p of LN2) out = add(out, twoProd(e, p));
  return out;
}

/** exp of a double-double z (|z| < 709), in double-double. */
function expDD(z: DD): DD {
  const k = Math.round(z[0] / LN2[0]);
  let r = z;
  for (const p of LN2) r = add(r, neg(twoProd(k, p)));
  let term: DD = [1, 0];
  let sum: DD = [1, 0];
  for (let n = 1; n < 40; n++) {
    term = div(mul(term, r), [n, 0]);
    sum = add(sum, term);
    if (Math.abs(term[0]) < 1e-40) break;
  }
  // 2^k in two steps so that neither factor overflows
  const h = Math.trunc(k / 2);
  return [sum[0] * 2 ** h * 2 ** (k - h), sum[1] * 2 ** h * 2 ** (k - h)];
}

/** log(x), correctly rounded (glibc's log). */
export function pyLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x) || x < 2.2250738585072014e-308) return Math.log(x);
  const v = logDD(x);
  return v[0] + v[1];
}

/** x ** y, correctly rounded (glibc's pow, which CPython's float ** calls). */
export function pyPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0 || Number.isNaN(x) || Math.abs(x) < 2.2250738585072014e-308) return x ** y;
  if (y === 1) return x;
  let sign = 1;
  if (x < 0) {
    if (!Number.isInteger(y)) return NaN;
    if (Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1) sign = -1;
    x = -x;
  }
  const z = mul(logDD(x), [y, 0]);
  if (z[0] > 709 || z[0] < -708) return sign * x ** y; // overflow / underflow ranges: V8's own
  const v = expDD(z);
  return sign * (v[0] + v[1]);
}

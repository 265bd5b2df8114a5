// The scalar arithmetic the optimizer loops rely on: FMA with one rounding (where a double
// rounding would land on a tie and round the wrong way) and Python's `**` (glibc's pow, values
// printed by /usr/bin/python3, where V8's Math.pow differs).
import { fma32, fma64, pyPow } from '../../lib/optim/float_ops';

describe('fma', () => {
  test('float32: the exact sum is just below a tie that the double sum lands on', () => {
    const a = 1 + 2 ** -23;
    const b = 2 ** -24 * (1 - 2 ** -23);
    const c = 1 + 2 ** -23;
    // exact: 1 + 2^-23 + 2^-24 - 2^-70, below the midpoint of 1 + 2^-23 and 1 + 2^-22
    expect(Math.fround(a * b + c)).toBe(1 + 2 ** -22); // double rounding goes wrong
    expect(fma32(a, b, c)).toBe(1 + 2 ** -23);
    expect(fma32(-a, b, -c)).toBe(-(1 + 2 ** -23));
    expect(fma32(0.5, 3, 0.25)).toBe(1.75);
  });

  test('float64: the product is not rounded before the sum', () => {
    const a = 1 + 2 ** -52;
    const b = 1 - 2 ** -52;
    expect(a * b - 1).toBe(0);
    expect(fma64(a, b, -1)).toBe(-(2 ** -104));
    // 0.1 * 10 is 1 + 2^-54 exactly (0.1 is above a tenth), which a double product loses
    expect(0.1 * 10 - 1).toBe(0);
    expect(fma64(0.1, 10, -1)).toBe(2 ** -54);
  });

  test('float64: operands past the split range and products near the subnormals, rounded once', () => {
    // references: Python's exact fractions, float(Fraction(a) * Fraction(b) + Fraction(c))
    expect(fma64(1.7e300, 3.1, -5.27e300)).toBe(1.8073066951857696e284); // a naive a * b + c gives 0
    expect(fma64(1.3283911057137432e-158, 1.3283911057137432e-158, 0)).toBe(1.76462294e-316);
    expect(fma64(1.3283911057137432e-158, 1.3283911057137432e-158, 1e-320)).toBe(1.76472294e-316);
    expect(fma64(3e-160, -7e-160, 1e-310)).toBe(9.999999979e-311);
    expect(fma64(1.5 * 2 ** 1020, 1.25, -1.7976931348623157e308)).toBe(-1.587025970620638e308);
    expect(fma64(1.7976931348623157e308, 2, -1.7976931348623157e308)).toBe(1.7976931348623157e308); // the product alone overflows
    expect(fma64(2 ** 1000, 2 ** 23, -(2 ** 1023))).toBe(0);
    expect(Object.is(fma64(-1e-200, 1e-200, 0), -0)).toBe(true); // a negative result that underflows
    expect(Object.is(fma64(1e-200, 1e-200, -0), 0)).toBe(true);
  });

  test('float64: infinities and signed zeros as IEEE fma', () => {
    expect(fma64(0.5, 0.1, Infinity)).toBe(Infinity);
    expect(fma64(-0.5, 0.1, -Infinity)).toBe(-Infinity);
    expect(fma64(1e308, 10, -Infinity)).toBe(-Infinity); // the exact product is finite
    expect(fma64(1e308, 10, 1)).toBe(Infinity);
    expect(fma64(Infinity, 2, 1)).toBe(Infinity);
    expect(fma64(Infinity, 0, 1)).toBeNaN();
    expect(fma64(Infinity, 1, -Infinity)).toBeNaN();
    expect(Object.is(fma64(-0, 1, -0), -0)).toBe(true);
    expect(Object.is(fma64(0.5, -0, -0), -0)).toBe(true);
    expect(Object.is(fma64(1, 1, -1), 0)).toBe(true);
    expect(Object.is(fma32(-0, 1, -0), -0)).toBe(true);
    expect(fma32(0.5, 0.1, -Infinity)).toBe(-Infinity);
  });
});

describe("Python's **", () => {
  test.each([
    [0.9, 4, 0.6561],
    [0.999, 2904, 0.05472399672737824],
    [0.9, 23, 0.08862938119652507],
    [0.96, 0.004, 0.9998367253526753],
    [0.96, 12 * 0.01, 0.9951133394234063],
  ])('%p ** %p', (x, y, want) => {
    expect(pyPow(x, y)).toBe(want);
  });
});

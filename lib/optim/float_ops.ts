// The arithmetic PyTorch's optimizer steps do, reproduced bit for bit in JS: float32/float64 tensor
// ops that round once each (its AVX2 kernels fuse `add(alpha)` and `addcmul` into one FMA), and
// Python's `x ** y` on doubles (glibc's pow, which V8's Math.pow is not: 0.9 ** 4 is 0.6561 in
// Python and 0.6561000000000001 in V8; glibc is not always correctly rounded either).
import { binaryRaw } from '../backend/elementwise';
import { BinaryCode } from '../backend/codes';
import { tensor } from '../creation';

export { fma32, fma64 } from '../backend/fma';

/** Python's `x ** y` on doubles: glibc's pow, through the addon's float64 pow kernel (std::pow). */
export function pyPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  const out = binaryRaw(BinaryCode.Pow, tensor([x], { dtype: 'float64' }), tensor([y], { dtype: 'float64' }), 'pow');
  return (out._storage.data as Float64Array)[out.offset];
}

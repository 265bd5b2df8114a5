// The reductions' addon exports refuse bad geometry with a TensorError (never a crash, never a
// write outside the output); every export also gets the garbage of __tests__/native/robustness.test.ts.
import { native } from '../../lib/backend/entries';
import { expectTensorError } from '../helpers';

const f32 = (n: number) => new Float32Array(n);
const i32 = (n: number) => new Int32Array(n);

test.each([
  ['varMean: input past the end', () => native.varMean(2, 3, 1, f32(5), 0, 1, f32(2), f32(2)), 'ARGUMENT'],
  ['varMean: offset past the end', () => native.varMean(1, 4, 1, f32(4), 1, 1, f32(1), f32(1)), 'ARGUMENT'],
  ['varMean: output too short', () => native.varMean(2, 2, 1, f32(4), 0, 1, f32(1), f32(2)), 'ARGUMENT'],
  ['varMean: overflowing sizes', () => native.varMean(2 ** 40, 2 ** 40, 1, f32(4), 0, 1, f32(1), f32(1)), 'ARGUMENT'],
  ['varMean: integer input', () => native.varMean(1, 2, 1, i32(2), 0, 1, i32(1), i32(1)), 'DTYPE'],
  ['varMean: dtypes differ', () => native.varMean(1, 2, 1, f32(2), 0, 1, new Float64Array(1), f32(1)), 'DTYPE'],
  ['cumulative: unknown kind', () => native.cumulative(7, 1, 2, 1, f32(2), 0, f32(2)), 'ARGUMENT'],
  ['cumulative: output too short', () => native.cumulative(0, 2, 2, 1, f32(4), 0, f32(3)), 'ARGUMENT'],
  ['cumulative: negative size', () => native.cumulative(0, -1, 2, 1, f32(4), 0, f32(4)), 'ARGUMENT'],
  ['cumulative: bool', () => native.cumulative(0, 1, 2, 1, new Uint8Array(2), 0, new Uint8Array(2)), 'DTYPE'],
  ['sort: indices too short', () => native.sort(2, 2, 1, f32(4), 0, false, false, f32(4), i32(3)), 'ARGUMENT'],
  ['sort: float indices', () => native.sort(1, 2, 1, f32(2), 0, false, false, f32(2), f32(2)), 'DTYPE'],
  ['topk: k above the size', () => native.topk(1, 2, 1, f32(2), 0, 3, true, true, f32(3), i32(3)), 'INDEX'],
  ['topk: negative k', () => native.topk(1, 2, 1, f32(2), 0, -1, true, true, f32(2), i32(2)), 'INDEX'],
  ['topk: values too short', () => native.topk(2, 4, 1, f32(8), 0, 2, true, true, f32(3), i32(4)), 'ARGUMENT'],
] as const)('%s', (_name, call, code) => {
  expectTensorError(call, code);
});

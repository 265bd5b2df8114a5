// The addon's activation and softmax exports refuse bad arguments with a TensorError, never a crash.
import { native } from '../../lib/backend/entries';
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';

const f32 = (n: number) => new Float32Array(n);

describe('native activation and softmax entries', () => {
  test.each([
    ['activation: unknown op', () => native.activation(99, 2, f32(2), 0, f32(2), 0, 0, 0), 'ARGUMENT'],
    ['activation: negative op', () => native.activation(-1, 2, f32(2), 0, f32(2), 0, 0, 0), 'ARGUMENT'],
    ['activation: int32', () => native.activation(0, 2, new Int32Array(2), 0, new Int32Array(2), 0, 0, 0), 'DTYPE'],
    ['activation: dtypes differ', () => native.activation(0, 2, f32(2), 0, new Float64Array(2), 0, 0, 0), 'DTYPE'],
    ['activation: input too short', () => native.activation(0, 4, f32(2), 0, f32(4), 0, 0, 0), 'INDEX'],
    ['activation: output too short', () => native.activation(0, 4, f32(4), 0, f32(2), 0, 0, 0), 'INDEX'],
    ['activation: negative count', () => native.activation(0, -1, f32(4), 0, f32(4), 0, 0, 0), 'ARGUMENT'],
    ['activation: offset past the end', () => native.activation(0, 2, f32(4), 3, f32(4), 0, 0, 0), 'INDEX'],
    ['softmax: dim out of range', () => native.softmax(false, [2, 2], 2, f32(4), 0, f32(4), 0), 'INDEX'],
    ['softmax: negative dim', () => native.softmax(false, [2, 2], -1, f32(4), 0, f32(4), 0), 'INDEX'],
    ['softmax: input too short', () => native.softmax(true, [2, 3], 1, f32(4), 0, f32(6), 0), 'INDEX'],
    ['softmax: output too short', () => native.softmax(false, [2, 3], 0, f32(6), 0, f32(5), 0), 'INDEX'],
    ['softmax: bool', () => native.softmax(false, [2], 0, new Uint8Array(2), 0, new Uint8Array(2), 0), 'DTYPE'],
    ['softmax: huge shape', () => native.softmax(false, [2 ** 40, 2 ** 40], 1, f32(4), 0, f32(4), 0), undefined],
  ] as [string, () => void, tg.ErrorCode | undefined][])('%s', (_name, call, code) => {
    let caught: unknown;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(tg.TensorError);
    if (code !== undefined) expect((caught as tg.TensorError).code).toBe(code);
  });

  test('softmax of an empty dim writes nothing; a 0-d input is one row of one', () => {
    const out = f32(1).fill(7);
    native.softmax(false, [0], 0, f32(0), 0, out, 0);
    expect(out[0]).toBe(7);
    native.softmax(true, [], 0, Float32Array.of(5), 0, out, 0);
    expect(out[0]).toBe(0);
    expectTensorError(() => native.softmax(false, [], 1, f32(1), 0, f32(1), 0), 'INDEX');
  });
});

// The fixture of scripts/pytorch_user.py (PyTorch 1.13's numbers) and helpers to read it.
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../../lib';

export type Num = number | 'nan' | 'inf' | '-inf';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const fixture: Json = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'pytorch_user.json'), 'utf8'));

/** The fixture's numbers with the non-finite ones decoded. */
export function nums(v: readonly Num[]): number[] {
  return v.map((x) => (x === 'nan' ? NaN : x === 'inf' ? Infinity : x === '-inf' ? -Infinity : x));
}

export function f64(v: readonly Num[], shape: number[]): tg.Tensor {
  return tg.tensor(Float64Array.from(nums(v)), { shape });
}

export function f32(v: readonly Num[], shape: number[]): tg.Tensor {
  return tg.tensor(Float32Array.from(nums(v)), { shape });
}

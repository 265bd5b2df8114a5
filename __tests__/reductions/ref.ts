// Naive float64 references for the reduction tests: reduce or scan the lines of a row-major
// array along dims, element by element.
import * as tg from '../../lib';
import { forEachIndex, values } from '../helpers';

export const numbers = (t: tg.Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number | bigint>, Number);

export function f64(shape: number[], seed: number, shift = 0): tg.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tg.tensor(
    values(n, seed).map((v) => v + shift),
    { shape, dtype: 'float64' },
  );
}

/** fn over the elements of each output position (dims reduced, in row-major order). */
export function reduceRef(x: tg.Tensor, dims: number[], fn: (line: number[]) => number): { shape: number[]; out: number[] } {
  const data = numbers(x);
  const shape = x.shape.slice();
  const flags = shape.map((_, i) => dims.includes(i));
  const outShape = shape.filter((_, i) => !flags[i]);
  const lines = new Map<number, number[]>();
  forEachIndex(shape, (idx, k) => {
    let o = 0;
    for (let i = 0; i < shape.length; i++) if (!flags[i]) o = o * shape[i] + idx[i];
    const line = lines.get(o) ?? [];
    line.push(data[k]);
    lines.set(o, line);
  });
  const n = outShape.reduce((a, b) => a * b, 1);
  return { shape: outShape, out: Array.from({ length: n }, (_, o) => fn(lines.get(o) ?? [])) };
}

/** The lines along `dim`: [outer * inner] arrays of length shape[dim], with their flat offsets. */
export function linesRef(x: tg.Tensor, dim: number): { line: number[]; at: number[] }[] {
  const data = numbers(x);
  const shape = x.shape;
  let inner = 1;
  for (let i = dim + 1; i < shape.length; i++) inner *= shape[i];
  const n = shape[dim];
  const outer = data.length / Math.max(1, n * inner);
  const out: { line: number[]; at: number[] }[] = [];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const at = Array.from({ length: n }, (_, j) => o * n * inner + j * inner + i);
      out.push({ line: at.map((k) => data[k]), at });
    }
  }
  return out;
}

export function varRef(line: number[], correction: number): number {
  const m = line.reduce((a, b) => a + b, 0) / line.length;
  const ss = line.reduce((a, b) => a + (b - m) * (b - m), 0);
  return ss / Math.max(0, line.length - correction);
}

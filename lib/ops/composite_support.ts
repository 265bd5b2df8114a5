// Gradient helpers built from public ops, so they are recorded under createGraph.
import { sameShape, type Shape } from '../shape';
import type { Tensor } from '../tensor';

/** Sums a broadcast gradient back down to `shape` (the reverse of broadcasting). */
export function sumTo(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g._shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g._shape[i] !== 1)) dims.push(i);
  }
  // Without keepdim: when only leading dims go (a bias's [n, out] -> [out]) that is `shape`
  // already, one op instead of sum then reshape.
  const summed = dims.length === 0 ? g : g.sum(dims);
  return sameShape(summed._shape, shape) ? summed : summed.reshape(shape);
}

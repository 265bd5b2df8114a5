// The {values, indices} result of max/min/topk/sort/median along a dim, also an iterable pair
// as PyTorch's named tuples: `const [values, indices] = x.max(1)`.
import type { Tensor } from '../tensor';

export class ValuesIndices {
  constructor(
    readonly values: Tensor,
    readonly indices: Tensor,
  ) {}

  *[Symbol.iterator](): Iterator<Tensor> {
    yield this.values;
    yield this.indices;
  }
}

export function valuesIndices(values: Tensor, indices: Tensor): ValuesIndices {
  return new ValuesIndices(values, indices);
}

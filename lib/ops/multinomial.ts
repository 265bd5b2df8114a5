// torch.multinomial with PyTorch's CPU algorithms, so the same generator state gives the same
// indices. Without replacement (or for one sample): q ~ Exp(1) per weight (exponential_), then
// the indices of the largest p / q, as in PyTorch's Gumbel-max fast path. With replacement:
// each row's cumulative sums normalised in the input's dtype, one double uniform per sample, and
// a binary search (its multinomial_with_replacement kernel).
import { isFloating } from '../dtype';
import { argumentError, dtypeError } from '../errors';
import { exponentialArray, generatorOf } from '../random';
import { optionsArg, show } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { indexResultRaw } from '../backend/raw';
import type { Generator } from '../generator';

export interface MultinomialOptions {
  replacement?: boolean;
  generator?: Generator;
}

/** Rows of `numSamples` category indices drawn from each row of weights `input` (1-D or 2-D). */
export function multinomial(input: Tensor, numSamples: number, opts?: MultinomialOptions): Tensor {
  checkTensor('multinomial', input);
  const o = optionsArg<MultinomialOptions>('multinomial', opts);
  const replacement = o?.replacement ?? false;
  if (typeof replacement !== 'boolean') throw argumentError(`multinomial: replacement must be a boolean, got ${show(replacement)}`);
  if (!isFloating(input.dtype)) throw dtypeError(`multinomial only supports floating-point dtypes for input, got: ${input.dtype}`);
  if (input.ndim !== 1 && input.ndim !== 2) throw argumentError(`prob_dist must be 1 or 2 dim`);
  if (!Number.isSafeInteger(numSamples)) throw argumentError(`multinomial: numSamples must be an integer, got ${show(numSamples)}`);
  if (numSamples <= 0) throw argumentError('cannot sample n_sample <= 0 samples');
  const categories = input._shape[input.ndim - 1];
  if (!replacement && numSamples > categories) throw argumentError('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  if (categories > 1 << 24) throw argumentError('number of categories cannot exceed 2^24');
  const g = generatorOf(o);
  const rows = input.ndim === 2 ? input._shape[0] : 1;
  const p = input.detach().contiguous().dataSync() as Float32Array | Float64Array;
  const single = input.dtype === 'float32';
  const out = new Int32Array(rows * numSamples); // categories <= 2^24; int64 at the end
  if (!replacement || numSamples === 1) {
    for (const v of p) if (!(v >= 0 && v < Infinity)) throw argumentError('probability tensor contains either `inf`, `nan` or element < 0');
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let c = 0; c < categories; c++) sum += p[r * categories + c];
      if (!(sum > 0)) throw argumentError('invalid multinomial distribution (sum of probabilities <= 0)');
    }
    const q = exponentialArray(input.dtype as 'float32' | 'float64', p.length, 1, g);
    for (let i = 0; i < q.length; i++) q[i] = single ? Math.fround(p[i] / q[i]) : p[i] / q[i];
    for (let r = 0; r < rows; r++) {
      // topk(numSamples): largest first; equal keys keep the lower index first.
      const idx = Array.from({ length: categories }, (_, c) => c);
      const base = r * categories;
      idx.sort((a, b) => q[base + b] - q[base + a] || a - b);
      for (let s = 0; s < numSamples; s++) out[r * numSamples + s] = idx[s];
    }
  } else {
    const cum = single ? new Float32Array(categories) : new Float64Array(categories);
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let c = 0; c < categories; c++) {
        const v = p[r * categories + c];
        if (!(v >= 0)) throw argumentError('invalid multinomial distribution (encountering probability entry < 0)');
        if (!Number.isFinite(v)) throw argumentError('invalid multinomial distribution (encountering probability entry = infinity or NaN)');
        sum = single ? Math.fround(sum + v) : sum + v;
        cum[c] = sum;
      }
      if (!(sum > 0)) throw argumentError('invalid multinomial distribution (sum of probabilities <= 0)');
      for (let c = 0; c < categories; c++) cum[c] /= sum; // rounds to the row's dtype as it is stored
      cum[categories - 1] = 1;
      for (let s = 0; s < numSamples; s++) {
        const u = g.nextDouble();
        let left = 0;
        let right = categories;
        while (right > left) {
          const mid = left + ((right - left) >> 1);
          if (cum[mid] < u) left = mid + 1;
          else right = mid;
        }
        out[r * numSamples + s] = left;
      }
    }
  }
  return indexResultRaw(out, input.ndim === 2 ? [rows, numSamples] : [numSamples]);
}

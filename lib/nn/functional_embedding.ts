// torch.nn.functional.embedding, embedding_bag and pad.
import { noGradSync } from '../autograd/grad_mode';
import { isIntegral } from '../dtype';
import { argumentError, dtypeError, indexError, shapeError } from '../errors';
import { fmt, show, optionsBag } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { indexValues } from '../ops/indexing';
import { embeddingBagOp, embeddingOp, int32Tensor, type BagMode, type BagPlan } from '../ops/embedding';
import { circularPad, constantPadOp, indexPadOp, type PadPlan } from '../ops/pad';

const TORCH_TYPE: Record<string, string> = { float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', bool: 'torch.BoolTensor' };

function indicesOf(op: string, indices: Tensor): Int32Array {
  checkTensor(op, indices, 'indices');
  if (!isIntegral(indices.dtype)) {
    throw dtypeError(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${TORCH_TYPE[indices.dtype] ?? indices.dtype} instead (while checking arguments for ${op})`,
    );
  }
  return indexValues(op, indices);
}

function checkWeight(op: string, weight: Tensor): void {
  checkTensor(op, weight, 'weight');
  if (weight.ndim !== 2) throw shapeError(`${op}: 'weight' must be 2-D, got ${fmt(weight.shape)}`);
}

/** padding_idx in [-n, n), made non-negative; null stays null. */
export function paddingIndex(paddingIdx: number | null | undefined, n: number): number | null {
  if (paddingIdx === null || paddingIdx === undefined) return null;
  if (!Number.isInteger(paddingIdx) || paddingIdx >= n || paddingIdx < -n)
    throw argumentError(`Padding_idx must be within num_embeddings (padding_idx ${show(paddingIdx)}, ${n} embeddings)`);
  return paddingIdx < 0 ? paddingIdx + n : paddingIdx;
}

/**
 * Rescales, in place and without recording, the rows of weight that `indices` names whose
 * normType-norm exceeds maxNorm, to norm maxNorm (torch.embedding_renorm_: scale = maxNorm / (norm + 1e-7)).
 */
export function embeddingRenorm_(weight: Tensor, indices: Tensor, maxNorm: number, normType = 2): Tensor {
  checkWeight('embedding_renorm_', weight);
  const index = indicesOf('embedding_renorm_', indices);
  const rows = [...new Set(index)].sort((a, b) => a - b);
  for (const r of rows)
    if (r < 0 || r >= weight.shape[0]) throw indexError(`embedding_renorm_: index out of range in self (index ${r}, ${weight.shape[0]} embeddings)`);
  noGradSync(() => {
    for (const r of rows) {
      const row = weight.select(0, r);
      const norm = Number(row.norm(normType).item());
      if (norm > maxNorm) row.copy_(row.mul(maxNorm / (norm + 1e-7)));
    }
  });
  return weight;
}

export interface EmbeddingOptions {
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
}

/** Rows of weight picked by integer indices of any shape: [...indices.shape, dim] (torch.nn.functional.embedding). */
export function embedding(indices: Tensor, weight: Tensor, opts: EmbeddingOptions = {}): Tensor {
  opts = optionsBag('embedding', opts) ?? {};
  checkWeight('embedding', weight);
  const index = indicesOf('embedding', indices);
  const n = weight.shape[0];
  for (const i of index) if (i < 0 || i >= n) throw indexError(`embedding: index out of range in self (index ${i}, ${n} embeddings)`);
  const pad = paddingIndex(opts.paddingIdx, n);
  if (opts.maxNorm !== null && opts.maxNorm !== undefined) embeddingRenorm_(weight, indices, opts.maxNorm, opts.normType ?? 2);
  return embeddingOp([weight], index, indices.shape.slice(), pad, opts.scaleGradByFreq === true);
}

export interface EmbeddingBagOptions {
  /** Start of each bag in a 1-D input. */
  offsets?: Tensor | null;
  mode?: BagMode;
  /** Per-index weights, the input's shape (mode 'sum' only). */
  perSampleWeights?: Tensor | null;
  /** offsets has one more entry, the end of the last bag (CSR style). */
  includeLastOffset?: boolean;
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
}

function bagPlan(index: Int32Array, input: Tensor, offsets: Tensor | null, mode: BagMode, includeLast: boolean, pad: number | null, weight: Tensor): BagPlan {
  const L = index.length;
  let starts: number[];
  let bags: number;
  if (input.ndim === 2) {
    if (offsets !== null) {
      throw argumentError(
        'embedding_bag: if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type Tensor',
      );
    }
    bags = input.shape[0];
    starts = Array.from({ length: bags + 1 }, (_, b) => b * input.shape[1]);
  } else if (input.ndim === 1) {
    if (offsets === null) throw argumentError('embedding_bag: offsets has to be a 1D Tensor but got None');
    checkTensor('embedding_bag', offsets, 'offsets');
    if (offsets.ndim !== 1) throw shapeError(`embedding_bag: offsets has to be a 1D Tensor, got ${fmt(offsets.shape)}`);
    starts = Array.from(indicesOf('embedding_bag', offsets));
    bags = includeLast ? Math.max(starts.length - 1, 0) : starts.length;
    if (!includeLast) starts.push(L);
    if (starts.length > 1 && starts[0] !== 0) {
      throw argumentError(
        `embedding_bag: offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got ${starts[0]}`,
      );
    }
    const last = starts[includeLast ? starts.length - 1 : starts.length - 2] ?? 0;
    if (last > L) throw argumentError(`embedding_bag: offsets[-1] can not be greater than input's length ${L} but got offsets[-1] of ${last}`);
    for (let b = 1; b < starts.length; b++) {
      if (starts[b] < starts[b - 1]) throw argumentError(`embedding_bag: offsets must be non-decreasing, got ${starts[b]} after ${starts[b - 1]}`);
    }
  } else throw shapeError(`embedding_bag: input has to be 1D or 2D Tensor, but got Tensor of dimension ${input.ndim}`);
  const n = weight.shape[0];
  const idx: number[] = [];
  const bag: number[] = [];
  const position: number[] = [];
  const count = new Int32Array(bags);
  for (let b = 0; b < bags; b++) {
    for (let k = starts[b]; k < Math.min(starts[b + 1], L); k++) {
      const i = index[k];
      if (i < 0 || i >= n) throw indexError(`embedding_bag: index ${i} is out of range for ${n} embeddings`);
      if (i === pad) continue;
      idx.push(i);
      bag.push(b);
      position.push(k);
      count[b]++;
    }
  }
  return {
    mode,
    bags,
    rows: n,
    dim: weight.shape[1],
    index: Int32Array.from(idx),
    bag: Int32Array.from(bag),
    position: Int32Array.from(position),
    inputLength: L,
    count,
  };
}

/**
 * Sums, means or maxima of bags of embeddings (torch.nn.functional.embedding_bag): a 2-D input is
 * one bag per row; a 1-D input is split at `offsets`. Indices equal to paddingIdx are left out.
 */
export function embeddingBag(input: Tensor, weight: Tensor, opts: EmbeddingBagOptions = {}): Tensor {
  opts = optionsBag('embeddingBag', opts) ?? {};
  checkWeight('embedding_bag', weight);
  const index = indicesOf('embedding_bag', input);
  const mode = opts.mode ?? 'mean';
  if (mode !== 'sum' && mode !== 'mean' && mode !== 'max') throw argumentError(`embedding_bag: mode has to be one of sum, mean or max, got ${show(mode)}`);
  const psw = opts.perSampleWeights ?? null;
  if (psw !== null) {
    checkTensor('embedding_bag', psw, 'per_sample_weights');
    if (mode !== 'sum') {
      throw argumentError(
        `embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${mode}'). Please open a feature request on GitHub.`,
      );
    }
    if (psw.shape.length !== input.shape.length || psw.shape.some((s, i) => s !== input.shape[i])) {
      throw shapeError(
        `embedding_bag: If per_sample_weights (${fmt(psw.shape)}) is not None, then it must have the same shape as the input (${fmt(input.shape)})`,
      );
    }
    if (psw.dtype !== weight.dtype) throw dtypeError(`embedding_bag: expected per_sample_weights to have dtype ${weight.dtype}, got ${psw.dtype}`);
  }
  const pad = paddingIndex(opts.paddingIdx, weight.shape[0]);
  const plan = bagPlan(index, input, opts.offsets ?? null, mode, opts.includeLastOffset === true, pad, weight);
  if (opts.maxNorm !== null && opts.maxNorm !== undefined) embeddingRenorm_(weight, int32Tensor(plan.index), opts.maxNorm, opts.normType ?? 2);
  return embeddingBagOp(psw === null ? [weight] : [weight, psw.reshape([-1])], plan);
}

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

export interface PadOptions {
  mode?: PadMode;
  value?: number;
}

/**
 * Pads the last pads.length / 2 dims: pads = [lastBefore, lastAfter, secondLastBefore, ...]
 * (torch.nn.functional.pad). Negative amounts crop. Non-constant modes pad 1 to 3 dims of a
 * batched or unbatched input.
 */
export function pad(x: Tensor, pads: readonly number[], opts: PadOptions = {}): Tensor {
  opts = optionsBag('pad', opts) ?? {};
  checkTensor('pad', x);
  const mode = opts.mode ?? 'constant';
  if (!Array.isArray(pads) || !pads.every((p) => Number.isInteger(p))) throw argumentError(`pad: pad must be a list of integers, got ${show(pads)}`);
  if (pads.length % 2 !== 0) throw argumentError('Padding length must be divisible by 2');
  const k = pads.length / 2;
  if (k > x.ndim) throw argumentError('Padding length too large');
  const amounts: readonly number[] = pads;
  const plan: PadPlan = Array.from({ length: k }, (_, i): [number, number, number] => [x.ndim - 1 - i, amounts[2 * i], amounts[2 * i + 1]]);
  if (mode === 'constant') {
    for (const [d, before, after] of plan) {
      if (x.shape[d] + before + after < 0) {
        throw argumentError(
          `The input size ${x.shape[d]}, plus negative padding ${before} and ${after} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`,
        );
      }
    }
    return constantPadOp([x], plan, opts.value ?? 0);
  }
  if (mode !== 'reflect' && mode !== 'replicate' && mode !== 'circular') throw argumentError(`Unrecognised padding mode ${String(mode)}`);
  if (opts.value !== undefined && opts.value !== 0) throw argumentError(`Padding mode "${mode}" doesn't take in value argument`);
  if (k < 1 || k > 3 || (x.ndim !== k + 1 && x.ndim !== k + 2)) {
    throw argumentError(`pad: ${mode} padding of ${k} dims needs a ${k + 1}-D or ${k + 2}-D input, got ${fmt(x.shape)}`);
  }
  for (const [d, before, after] of plan) {
    const size = x.shape[d];
    if (mode === 'reflect' && (before >= size || after >= size)) {
      throw argumentError(
        `Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${d} of input ${fmt(x.shape)}`,
      );
    }
    if (mode === 'circular' && (before > size || after > size)) throw argumentError('Padding value causes wrapping around more than once.');
    // cropping keeps no element, yet a pad needs one to wrap (PyTorch 1.13 reads uninitialised memory)
    if (mode === 'circular' && size + before + after > 0 && size + Math.min(before, 0) + Math.min(after, 0) <= 0)
      throw argumentError(
        `pad: circular padding of dimension ${d} of input ${fmt(x.shape)} by (${before}, ${after}) crops every element, leaving none to wrap`,
      );
    // reflect/replicate of an empty dimension, or to one (PyTorch: "input is too small")
    if (size === 0 || size + before + after < 0 || (mode !== 'circular' && size + before + after === 0))
      throw argumentError(`pad: ${mode} padding of dimension ${d} of input ${fmt(x.shape)} by (${before}, ${after}) is invalid`);
  }
  return mode === 'circular' ? circularPad(x, plan) : indexPadOp([x], plan, mode);
}

// scaled dot-product attention (torch.nn.functional.scaled_dot_product_attention) and the
// attention step of MultiheadAttention: softmax(q k^T / sqrt(E) + mask) v.
import { optionsBag } from '../shape';
import { noGradSync } from '../autograd/grad_mode';
import type { Tensor } from '../tensor';
import { argumentError, shapeError } from '../errors';
import { checkTensor } from '../backend/operand';
import { tensor, zeros } from '../creation';
import type { Generator } from '../generator';
import { bernoulliMask } from '../ops/random_fill';

export interface SdpaOptions {
  attnMask?: Tensor | null;
  dropoutP?: number;
  isCausal?: boolean;
  generator?: Generator;
}

function dropout(x: Tensor, p: number, generator: Generator | undefined): Tensor {
  if (p === 1) return x.mul(0);
  return x.mul(noGradSync(() => bernoulliMask(x, 1 - p, { generator }).div(1 - p)));
}

/** True above the diagonal: the positions a causal mask hides. */
function causalBoolMask(l: number, s: number): Tensor {
  return tensor(Array.from({ length: l }, (_, i) => Array.from({ length: s }, (_, j) => j > i)));
}

/** A bool mask as an additive one: 0 where allowed, -inf where true. */
export function additive(mask: Tensor, dtype: Tensor['dtype']): Tensor {
  return mask.dtype === 'bool' ? zeros(mask.shape, { dtype }).maskedFill(mask, -Infinity) : mask;
}

/**
 * softmax(q k^T / sqrt(E) + mask) v over the last two dims, with dropout on the weights
 * (torch.nn.functional.scaled_dot_product_attention); a bool mask marks allowed positions (true).
 */
export function scaledDotProductAttention(q: Tensor, k: Tensor, v: Tensor, opts: SdpaOptions = {}): Tensor {
  opts = optionsBag('scaledDotProductAttention', opts) ?? {};
  const op = 'scaled_dot_product_attention';
  checkTensor(op, q, 'query');
  checkTensor(op, k, 'key');
  checkTensor(op, v, 'value');
  if (opts === null || typeof opts !== 'object') throw argumentError(`${op}: options must be an object`);
  if (opts.attnMask !== undefined && opts.attnMask !== null) checkTensor(op, opts.attnMask, 'attn_mask');
  const p = opts.dropoutP ?? 0;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw argumentError(`${op}: dropout_p must be in [0, 1], got ${String(p)}`);
  for (const [name, t] of [
    ['query', q],
    ['key', k],
    ['value', v],
  ] as const) {
    if (t.ndim < 2) throw shapeError(`${op}: ${name} must have at least 2 dims, got [${t.shape.join(', ')}]`);
  }
  return attend(q, k, v, opts)[0];
}

export function attend(q: Tensor, k: Tensor, v: Tensor, opts: SdpaOptions & { training?: boolean }): [Tensor, Tensor] {
  const e = q.shape[q.ndim - 1];
  let scores = q.div(Math.sqrt(e)).matmul(k.transpose(-2, -1));
  let mask = opts.attnMask ?? null;
  if (opts.isCausal) {
    if (mask !== null) throw argumentError('scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True');
    const [l, s] = [q.shape[q.ndim - 2], k.shape[k.ndim - 2]];
    mask = zeros([l, s], { dtype: q.dtype }).maskedFill(causalBoolMask(l, s), -Infinity);
  } else if (mask !== null && mask.dtype === 'bool') mask = additive(mask.logicalNot(), q.dtype);
  if (mask !== null) scores = scores.add(mask);
  let w = scores.softmax(-1);
  const p = opts.dropoutP ?? 0;
  if (p > 0 && (opts.training ?? true)) w = dropout(w, p, opts.generator);
  return [w.matmul(v), w];
}

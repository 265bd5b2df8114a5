// torch.nn.MultiheadAttention and scaled dot-product attention, as PyTorch 1.13's
// multi_head_attention_forward computes them (in-projection, masks merged into one additive
// mask, softmax(q k^T / sqrt(d) + mask) v per head, out-projection), with its init order.
import { argumentError, dtypeError, shapeError } from '../errors';
import { fmt, show, optionsBag } from '../shape';
import type { Tensor } from '../tensor';
import { zeros } from '../creation';
import { additive, attend } from './attention_functional';
import type { Generator } from '../generator';
import { cat } from '../ops/join';
import { addmmDTypes } from '../ops/linalg';
import { constant_, xavierNormal_, xavierUniform_ } from './init';
import { Linear } from './layers';
import { Module, Parameter } from './module';

/** PyTorch's out_proj class: a Linear under another name (it shows in the repr). */
export class NonDynamicallyQuantizableLinear extends Linear {}

export interface MultiheadAttentionOptions {
  dropout?: number;
  bias?: boolean;
  addBiasKv?: boolean;
  kdim?: number;
  vdim?: number;
  batchFirst?: boolean;
  generator?: Generator;
}

export interface AttentionForwardOptions {
  /** [N, S] (or [S] unbatched): true (or -inf) marks keys to ignore. */
  keyPaddingMask?: Tensor | null;
  needWeights?: boolean;
  /** [L, S] or [N * numHeads, L, S]: bool (true = not allowed) or added to the scores. */
  attnMask?: Tensor | null;
  averageAttnWeights?: boolean;
}

// Spelled here: functional.ts's linear, which imports layers.ts' floor mates.
function linear(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  addmmDTypes('linear', b, x, w);
  const y = x.matmul(w.t());
  return b === null ? y : y.add(b);
}

/**
 * Multi-head attention (torch.nn.MultiheadAttention): parameters inProjWeight [3E, E] (or
 * q/k/v projections when kdim/vdim differ), inProjBias, outProj (a Linear), biasK/biasV, drawn
 * in PyTorch's order (outProj's Linear init, then xavier_uniform_ of the in-projection, zero
 * biases, xavier_normal_ of biasK/biasV) so a seeded module equals PyTorch's. forward returns
 * [output, weights | null].
 */
export class MultiheadAttention extends Module<[Tensor, Tensor, Tensor, AttentionForwardOptions?], [Tensor, Tensor | null]> {
  readonly inProjWeight: Tensor | null = null;
  readonly qProjWeight: Tensor | null = null;
  readonly kProjWeight: Tensor | null = null;
  readonly vProjWeight: Tensor | null = null;
  readonly inProjBias: Tensor | null = null;
  readonly biasK: Tensor | null = null;
  readonly biasV: Tensor | null = null;
  readonly outProj: NonDynamicallyQuantizableLinear;
  readonly headDim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  private readonly generator: Generator | undefined;

  constructor(
    readonly embedDim: number,
    readonly numHeads: number,
    opts: MultiheadAttentionOptions = {},
  ) {
    super();
    opts = optionsBag('MultiheadAttention', opts) ?? {};
    for (const [n, v] of [
      ['embed_dim', embedDim],
      ['num_heads', numHeads],
    ] as const) {
      if (!Number.isInteger(v) || v <= 0) throw argumentError(`MultiheadAttention: ${n} must be a positive integer, got ${show(v)}`);
    }
    this.kdim = opts.kdim ?? embedDim;
    this.vdim = opts.vdim ?? embedDim;
    this.dropout = opts.dropout ?? 0;
    if (typeof this.dropout !== 'number' || !(this.dropout >= 0 && this.dropout <= 1))
      throw argumentError(`dropout probability has to be between 0 and 1, but got ${show(this.dropout)}`);
    this.batchFirst = opts.batchFirst ?? false;
    this.headDim = Math.floor(embedDim / numHeads);
    if (this.headDim * numHeads !== embedDim) throw argumentError('embed_dim must be divisible by num_heads');
    const g = { generator: opts.generator };
    this.generator = opts.generator;
    const e = embedDim;
    const same = this.kdim === e && this.vdim === e;
    const bias = opts.bias ?? true;
    // PyTorch's __init__: empty parameters, then out_proj's Linear (which draws), then _reset_parameters.
    if (same) this.inProjWeight = Parameter(zeros([3 * e, e]));
    else {
      this.qProjWeight = Parameter(zeros([e, e]));
      this.kProjWeight = Parameter(zeros([e, this.kdim]));
      this.vProjWeight = Parameter(zeros([e, this.vdim]));
    }
    if (bias) this.inProjBias = Parameter(zeros([3 * e]));
    this.outProj = new NonDynamicallyQuantizableLinear(e, e, { bias, generator: opts.generator });
    if (opts.addBiasKv) {
      this.biasK = Parameter(zeros([1, 1, e]));
      this.biasV = Parameter(zeros([1, 1, e]));
    }
    if (same) xavierUniform_(this.inProjWeight!, 1, g);
    else for (const w of [this.qProjWeight!, this.kProjWeight!, this.vProjWeight!]) xavierUniform_(w, 1, g);
    if (bias) {
      constant_(this.inProjBias!, 0);
      constant_(this.outProj.bias!, 0);
    }
    if (this.biasK !== null) xavierNormal_(this.biasK, 1, g);
    if (this.biasV !== null) xavierNormal_(this.biasV, 1, g);
  }

  override forward(query: Tensor, key: Tensor, value: Tensor, opts: AttentionForwardOptions = {}): [Tensor, Tensor | null] {
    return attentionForward(this, query, key, value, opts ?? {});
  }

  /** Runs the forward hooks around forward, as `module(q, k, v)`; returns [output, weights | null]. */
  override call(query: Tensor, key: Tensor, value: Tensor, opts?: AttentionForwardOptions): [Tensor, Tensor | null] {
    // Options go to the hooks only when given, as PyTorch's keyword arguments never reach them.
    const args: unknown[] = opts === undefined ? [query, key, value] : [query, key, value, opts];
    return (super.call as (...a: unknown[]) => unknown)(...args) as [Tensor, Tensor | null];
  }

  /** The generator dropout draws from (the constructor's). */
  get dropoutGenerator(): Generator | undefined {
    return this.generator;
  }
}

function attentionForward(m: MultiheadAttention, query: Tensor, key: Tensor, value: Tensor, o: AttentionForwardOptions): [Tensor, Tensor | null] {
  const e = m.embedDim;
  const h = m.numHeads;
  for (const [n, t] of [
    ['query', query],
    ['key', key],
    ['value', value],
  ] as const) {
    if (t === null || typeof t !== 'object' || !('shape' in t)) throw argumentError(`MultiheadAttention: ${n} must be a Tensor, got ${show(t)}`);
  }
  const batched = query.ndim === 3;
  if (batched) {
    if (key.ndim !== 3 || value.ndim !== 3) {
      throw shapeError(
        `For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${key.ndim}-D and ${value.ndim}-D tensors respectively`,
      );
    }
  } else if (query.ndim === 2) {
    if (key.ndim !== 2 || value.ndim !== 2) {
      throw shapeError(
        `For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${key.ndim}-D and ${value.ndim}-D tensors respectively`,
      );
    }
  } else throw shapeError(`query should be unbatched 2D or batched 3D tensor but received ${query.ndim}-D query tensor`);
  let q = batched ? query : query.unsqueeze(1);
  let k = batched ? key : key.unsqueeze(1);
  let v = batched ? value : value.unsqueeze(1);
  if (batched && m.batchFirst) [q, k, v] = [q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1)];
  const [l, n, qe] = q.shape;
  if (qe !== e) throw shapeError(`was expecting embedding dimension of ${e}, but got ${qe}`);
  if (k.shape[0] !== v.shape[0] || k.shape[1] !== v.shape[1]) throw shapeError(`key shape ${fmt(key.shape)} does not match value shape ${fmt(value.shape)}`);
  if (k.shape[1] !== n) throw shapeError(`key's batch size ${k.shape[1]} does not match query's ${n}`);
  const b = m.inProjBias;
  const part = (i: number) => (b === null ? null : b.narrow(0, i * e, e));
  let qp: Tensor;
  let kp: Tensor;
  let vp: Tensor;
  if (m.inProjWeight !== null) {
    const w = m.inProjWeight;
    qp = linear(q, w.narrow(0, 0, e), part(0));
    kp = linear(k, w.narrow(0, e, e), part(1));
    vp = linear(v, w.narrow(0, 2 * e, e), part(2));
  } else {
    qp = linear(q, m.qProjWeight!, part(0));
    kp = linear(k, m.kProjWeight!, part(1));
    vp = linear(v, m.vProjWeight!, part(2));
  }
  let mask = o.attnMask ?? null;
  if (mask !== null) {
    if (mask.dtype !== 'bool' && mask.dtype !== 'float32' && mask.dtype !== 'float64')
      throw dtypeError(`Only float and bool types are supported for attn_mask, not ${mask.dtype}`);
    const s = k.shape[0];
    if (mask.ndim === 2) {
      if (mask.shape[0] !== l || mask.shape[1] !== s) throw shapeError(`The shape of the 2D attn_mask is ${fmt(mask.shape)}, but should be ${fmt([l, s])}.`);
      mask = mask.unsqueeze(0);
    } else if (mask.ndim === 3) {
      if (mask.shape[0] !== n * h || mask.shape[1] !== l || mask.shape[2] !== s)
        throw shapeError(`The shape of the 3D attn_mask is ${fmt(mask.shape)}, but should be ${fmt([n * h, l, s])}.`);
    } else throw shapeError(`attn_mask's dimension ${mask.ndim} is not supported`);
  }
  let kpm = o.keyPaddingMask ?? null;
  if (kpm !== null && !batched) kpm = kpm.unsqueeze(0);
  if (m.biasK !== null && m.biasV !== null) {
    kp = cat([kp, m.biasK.expand([1, n, e])], 0);
    vp = cat([vp, m.biasV.expand([1, n, e])], 0);
    if (mask !== null) mask = cat([mask, zeros([...mask.shape.slice(0, -1), 1], { dtype: mask.dtype })], -1);
    if (kpm !== null) kpm = cat([kpm, zeros([kpm.shape[0], 1], { dtype: kpm.dtype })], -1);
  }
  const s = kp.shape[0];
  const hd = m.headDim;
  const heads = (t: Tensor, len: number) =>
    t
      .contiguous()
      .view([len, n * h, hd])
      .transpose(0, 1);
  if (kpm !== null) {
    if (kpm.shape.length !== 2 || kpm.shape[0] !== n || kpm.shape[1] !== s)
      throw shapeError(`expecting key_padding_mask shape of ${fmt([n, s])}, but got ${fmt(kpm.shape)}`);
    const kpm3 = kpm
      .view([n, 1, 1, s])
      .expand([n, h, 1, s])
      .reshape([n * h, 1, s]);
    if (mask === null) mask = kpm3;
    else if (mask.dtype === 'bool' && kpm3.dtype === 'bool') mask = mask.logicalOr(kpm3);
    else mask = additive(mask, qp.dtype).add(additive(kpm3, qp.dtype));
  }
  const additiveMask = mask === null ? null : additive(mask, qp.dtype);
  const p = m.training ? m.dropout : 0;
  const [att, weights] = attend(heads(qp, l), heads(kp, s), heads(vp, s), {
    attnMask: additiveMask,
    dropoutP: p,
    training: m.training,
    generator: m.dropoutGenerator,
  });
  let out = att
    .transpose(0, 1)
    .contiguous()
    .view([l * n, e]);
  out = linear(out, m.outProj.weight, m.outProj.bias).view([l, n, e]);
  let w: Tensor | null = null;
  if (o.needWeights ?? true) {
    w = weights.view([n, h, l, s]);
    if (o.averageAttnWeights ?? true) w = w.sum(1).div(h);
    if (!batched) w = w.squeeze(0);
  }
  if (!batched) return [out.squeeze(1), w];
  return [m.batchFirst ? out.transpose(0, 1) : out, w];
}

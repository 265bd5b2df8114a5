// Embedding and EmbeddingBag: lookup tables with PyTorch's N(0, 1) init from its random stream.
import { noGradSync } from '../autograd/grad_mode';
import { zeros } from '../creation';
import { argumentError, shapeError } from '../errors';
import type { Generator } from '../generator';
import { fmt, show, optionsBag } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import type { BagMode } from '../ops/embedding';
import { Module, Parameter } from './module';
import { embedding, embeddingBag, paddingIndex } from './functional_embedding';
import { pyFloat } from './repr';

function checkSizes(op: string, n: number, dim: number): void {
  for (const [name, v] of [
    ['num_embeddings', n],
    ['embedding_dim', dim],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw argumentError(`${op}: ${name} must be a non-negative integer, got ${show(v)}`);
  }
}

/** A float32 [n, dim] weight drawn as reset_parameters draws it: normal_(0, 1), then the padding row zeroed. */
function initWeight(n: number, dim: number, pad: number | null, generator?: Generator): Tensor {
  const w = zeros([n, dim]);
  noGradSync(() => {
    w.normal_(0, 1, { generator });
    if (pad !== null) w.select(0, pad).fill_(0);
  });
  return w;
}

export interface EmbeddingOptions {
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  generator?: Generator;
  /** An initial weight [n, dim] to use instead of drawing one (PyTorch's _weight). */
  weight?: Tensor;
}

export interface FromPretrainedOptions extends Omit<EmbeddingOptions, 'weight' | 'generator'> {
  /** Keep the weight fixed (requiresGrad false); true by default. */
  freeze?: boolean;
}

/** A lookup table of n embeddings of size dim (torch.nn.Embedding); the row paddingIdx starts at zero and gets no gradient. */
export class Embedding extends Module {
  readonly paddingIdx: number | null;
  readonly maxNorm: number | null;
  readonly normType: number;
  readonly scaleGradByFreq: boolean;
  readonly weight: Tensor;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    opts: EmbeddingOptions = {},
  ) {
    super();
    opts = optionsBag('Embedding', opts) ?? {};
    checkSizes('Embedding', numEmbeddings, embeddingDim);
    this.paddingIdx = paddingIndex(opts.paddingIdx, numEmbeddings);
    this.maxNorm = opts.maxNorm ?? null;
    this.normType = opts.normType ?? 2;
    this.scaleGradByFreq = opts.scaleGradByFreq ?? false;
    if (opts.weight !== undefined) {
      checkTensor('Embedding', opts.weight, 'weight');
      if (opts.weight.ndim !== 2 || opts.weight.shape[0] !== numEmbeddings || opts.weight.shape[1] !== embeddingDim) {
        throw shapeError(`Shape of weight does not match num_embeddings and embedding_dim: ${fmt(opts.weight.shape)} vs [${numEmbeddings}, ${embeddingDim}]`);
      }
      // A new tensor on the same storage, as nn.Parameter(_weight): the caller's tensor keeps its own requiresGrad.
      this.weight = Parameter(opts.weight.detach());
    } else {
      this.weight = Parameter(initWeight(numEmbeddings, embeddingDim, this.paddingIdx, opts.generator));
    }
  }

  /** An Embedding holding `weights` [n, dim] (its storage, shared), frozen unless freeze is false (Embedding.from_pretrained). */
  static fromPretrained(weights: Tensor, opts: FromPretrainedOptions = {}): Embedding {
    return fromPretrained('Embedding', weights, opts, (n, dim, o) => new Embedding(n, dim, o));
  }

  forward(indices: Tensor): Tensor {
    return embedding(indices, this.weight, {
      paddingIdx: this.paddingIdx,
      maxNorm: this.maxNorm,
      normType: this.normType,
      scaleGradByFreq: this.scaleGradByFreq,
    });
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    if (this.maxNorm !== null) s += `, max_norm=${pyFloat(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${pyFloat(this.normType)}`;
    if (this.scaleGradByFreq) s += ', scale_grad_by_freq=True';
    return s;
  }
}

export interface EmbeddingBagOptions {
  mode?: BagMode;
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  /** offsets carry the end of the last bag as a final entry. */
  includeLastOffset?: boolean;
  generator?: Generator;
  weight?: Tensor;
}

/** Sums, means or maxima over bags of embeddings without materialising them (torch.nn.EmbeddingBag). */
export class EmbeddingBag extends Module {
  readonly mode: BagMode;
  readonly paddingIdx: number | null;
  readonly maxNorm: number | null;
  readonly normType: number;
  readonly includeLastOffset: boolean;
  readonly weight: Tensor;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    opts: EmbeddingBagOptions = {},
  ) {
    super();
    opts = optionsBag('EmbeddingBag', opts) ?? {};
    checkSizes('EmbeddingBag', numEmbeddings, embeddingDim);
    this.mode = opts.mode ?? 'mean';
    if (this.mode !== 'sum' && this.mode !== 'mean' && this.mode !== 'max')
      throw argumentError(`EmbeddingBag: mode has to be one of sum, mean or max, got ${show(this.mode)}`);
    this.paddingIdx = paddingIndex(opts.paddingIdx, numEmbeddings);
    this.maxNorm = opts.maxNorm ?? null;
    this.normType = opts.normType ?? 2;
    this.includeLastOffset = opts.includeLastOffset ?? false;
    if (opts.weight !== undefined) {
      checkTensor('EmbeddingBag', opts.weight, 'weight');
      if (opts.weight.ndim !== 2 || opts.weight.shape[0] !== numEmbeddings || opts.weight.shape[1] !== embeddingDim) {
        throw shapeError(`Shape of weight does not match num_embeddings and embedding_dim: ${fmt(opts.weight.shape)} vs [${numEmbeddings}, ${embeddingDim}]`);
      }
      // A new tensor on the same storage, as nn.Parameter(_weight): the caller's tensor keeps its own requiresGrad.
      this.weight = Parameter(opts.weight.detach());
    } else {
      this.weight = Parameter(initWeight(numEmbeddings, embeddingDim, this.paddingIdx, opts.generator));
    }
  }

  /** An EmbeddingBag holding `weights` [n, dim] (its storage, shared), frozen unless freeze is false (EmbeddingBag.from_pretrained). */
  static fromPretrained(weights: Tensor, opts: Omit<EmbeddingBagOptions, 'weight' | 'generator'> & { freeze?: boolean } = {}): EmbeddingBag {
    return fromPretrained('EmbeddingBag', weights, opts, (n, dim, o) => new EmbeddingBag(n, dim, o));
  }

  /** input: [B, L] (B bags of L) or [L] split at offsets; perSampleWeights (mode 'sum') scale each looked-up row. */
  forward(input: Tensor, offsets?: Tensor | null, perSampleWeights?: Tensor | null): Tensor {
    return embeddingBag(input, this.weight, {
      offsets: offsets ?? null,
      perSampleWeights: perSampleWeights ?? null,
      mode: this.mode,
      paddingIdx: this.paddingIdx,
      maxNorm: this.maxNorm,
      normType: this.normType,
      includeLastOffset: this.includeLastOffset,
    });
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.maxNorm !== null) s += `, max_norm=${pyFloat(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${pyFloat(this.normType)}`;
    s += `, mode=${this.mode}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    return s;
  }
}

/** from_pretrained of Embedding and EmbeddingBag: a module over `weights` [n, dim] (its storage, shared), frozen unless freeze is false. */
function fromPretrained<M extends { weight: Tensor }, O extends { freeze?: boolean }>(
  name: string,
  weights: Tensor,
  opts: O | null | undefined,
  make: (n: number, dim: number, o: Omit<O, 'freeze'> & { weight: Tensor }) => M,
): M {
  checkTensor(`${name}.from_pretrained`, weights, 'embeddings');
  if (weights.ndim !== 2) throw shapeError('Embeddings parameter is expected to be 2-dimensional');
  const { freeze, ...rest } = opts ?? ({} as O);
  const m = make(weights.shape[0], weights.shape[1], { ...rest, weight: weights });
  m.weight.requiresGrad = !(freeze ?? true);
  return m;
}

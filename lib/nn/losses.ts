// The loss modules of 0.2 (torch.nn.NLLLoss, BCELoss, HuberLoss, ...): each keeps its options as
// PyTorch's module attributes (camelCase) and calls its functional in forward.
import { optionsBag } from '../shape';
import type { Tensor } from '../tensor';
import * as L from './functional_loss';
import { Module } from './module';

type Reduction = L.Reduction;

abstract class Loss extends Module {
  readonly reduction: Reduction;
  constructor(reduction: Reduction | undefined) {
    super();
    this.reduction = reduction ?? 'mean';
  }
}

/** torch.nn.NLLLoss({weight, ignoreIndex = -100, reduction}): forward(logProbs, classIndices). */
export class NLLLoss extends Loss {
  /** A buffer, as PyTorch registers it (in stateDict() when given). */
  declare readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  constructor(opts: L.NLLLossOptions = {}) {
    super(opts?.reduction);
    opts = optionsBag('NLLLoss', opts) ?? {};
    this.registerBuffer('weight', opts?.weight ?? null);
    this.ignoreIndex = opts?.ignoreIndex ?? -100;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return L.nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}

/** torch.nn.BCELoss({weight, reduction}): forward(probabilities, targets). */
export class BCELoss extends Loss {
  /** A buffer, as PyTorch registers it (in stateDict() when given). */
  declare readonly weight: Tensor | null;
  constructor(opts: L.BCELossOptions = {}) {
    super(opts?.reduction);
    opts = optionsBag('BCELoss', opts) ?? {};
    this.registerBuffer('weight', opts?.weight ?? null);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return L.binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction });
  }
}

/** torch.nn.HuberLoss(delta = 1, {reduction}) (also `new HuberLoss({delta, reduction})`). */
export class HuberLoss extends Loss {
  readonly delta: number;
  constructor(delta?: number | L.HuberLossOptions, opts: { reduction?: Reduction } = {}) {
    opts = optionsBag('HuberLoss', opts) ?? {};
    const o = typeof delta === 'object' && delta !== null ? delta : { ...opts, delta };
    super(o.reduction);
    this.delta = o.delta ?? 1;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return L.huberLoss(input, target, { delta: this.delta, reduction: this.reduction });
  }
}

/** torch.nn.SmoothL1Loss(beta = 1, {reduction}) (also `new SmoothL1Loss({beta, reduction})`). */
export class SmoothL1Loss extends Loss {
  readonly beta: number;
  constructor(beta?: number | L.SmoothL1LossOptions, opts: { reduction?: Reduction } = {}) {
    opts = optionsBag('SmoothL1Loss', opts) ?? {};
    const o = typeof beta === 'object' && beta !== null ? beta : { ...opts, beta };
    super(o.reduction);
    this.beta = o.beta ?? 1;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return L.smoothL1Loss(input, target, { beta: this.beta, reduction: this.reduction });
  }
}

/** torch.nn.KLDivLoss({reduction = 'mean', logTarget = false}): forward(logProbs, target). */
export class KLDivLoss extends Module {
  readonly reduction: Reduction | 'batchmean';
  readonly logTarget: boolean;
  constructor(opts: L.KLDivOptions = {}) {
    super();
    opts = optionsBag('KLDivLoss', opts) ?? {};
    this.reduction = opts?.reduction ?? 'mean';
    this.logTarget = opts?.logTarget ?? false;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return L.klDiv(input, target, { reduction: this.reduction, logTarget: this.logTarget });
  }
}

/** torch.nn.CosineEmbeddingLoss({margin = 0, reduction}): forward(input1, input2, target). */
export class CosineEmbeddingLoss extends Loss {
  readonly margin: number;
  constructor(opts: L.MarginOptions = {}) {
    super(opts?.reduction);
    opts = optionsBag('CosineEmbeddingLoss', opts) ?? {};
    this.margin = opts?.margin ?? 0;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return L.cosineEmbeddingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

/** torch.nn.MarginRankingLoss({margin = 0, reduction}): forward(input1, input2, target). */
export class MarginRankingLoss extends Loss {
  readonly margin: number;
  constructor(opts: L.MarginOptions = {}) {
    super(opts?.reduction);
    opts = optionsBag('MarginRankingLoss', opts) ?? {};
    this.margin = opts?.margin ?? 0;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return L.marginRankingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

/** torch.nn.TripletMarginLoss({margin = 1, p = 2, eps = 1e-6, swap = false, reduction}). */
export class TripletMarginLoss extends Loss {
  readonly margin: number;
  readonly p: number;
  readonly eps: number;
  readonly swap: boolean;
  constructor(opts: L.TripletMarginOptions = {}) {
    super(opts?.reduction);
    opts = optionsBag('TripletMarginLoss', opts) ?? {};
    this.margin = opts?.margin ?? 1;
    this.p = opts?.p ?? 2;
    this.eps = opts?.eps ?? 1e-6;
    this.swap = opts?.swap ?? false;
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return L.tripletMarginLoss(anchor, positive, negative, { margin: this.margin, p: this.p, eps: this.eps, swap: this.swap, reduction: this.reduction });
  }
}

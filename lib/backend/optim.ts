// Raw fused optimizer steps: one pass per parameter, in JS for tiny ones (js_paths.ts).
import type { Tensor } from '../tensor';
import { native } from './entries';
import { smallSgdStep, type SgdHyper } from './js_paths';

/** One SGD step of contiguous `p` with gradient `g` and momentum buffer `buf` (none without momentum). */
export function sgdStepRaw(p: Tensor, g: Tensor, buf: Tensor | undefined, h: SgdHyper): void {
  if (smallSgdStep(p, g, buf, h)) return;
  const b = buf ?? p; // unread without momentum
  native.sgdStep(p.numel, p._storage.data, p.offset, g._storage.data, g.offset, b._storage.data, b.offset, h);
}

export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  /** AdamW's decoupled weight decay. */
  decoupled: boolean;
  step: number;
}

/** One Adam/AdamW step of contiguous `p`; the moment buffers are contiguous from offset 0 (maxExpAvgSq: amsgrad's, else any). */
export function adamStepRaw(p: Tensor, g: Tensor, expAvg: Tensor, expAvgSq: Tensor, maxExpAvgSq: Tensor, h: AdamHyper): void {
  native.adamStep(
    p.numel,
    [p._storage.data, g._storage.data, expAvg._storage.data, expAvgSq._storage.data, maxExpAvgSq._storage.data],
    [p.offset, g.offset, 0, 0, 0],
    h,
  );
}

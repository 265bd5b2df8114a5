// Raw fused optimizer steps: one pass per parameter, in JS for tiny ones (js_paths.ts).
import type { Tensor } from '../tensor';
import { optimNative } from './entries_optim';
import { smallSgdStep, type SgdHyper } from './js_paths';
import type { OptimCode } from './codes';
import { smallOptimStep, type OptimStepHyper } from './js_optim';

/** One SGD step of contiguous `p` with gradient `g` and momentum buffer `buf` (none without momentum). */
export function sgdStepRaw(p: Tensor, g: Tensor, buf: Tensor | undefined, h: SgdHyper): void {
  if (smallSgdStep(p, g, buf, h)) return;
  const b = buf ?? p; // unread without momentum
  optimNative.sgdStep(p.numel, p._storage.data, p.offset, g._storage.data, g.offset, b._storage.data, b.offset, h);
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
  optimNative.adamStep(
    p.numel,
    [p._storage.data, g._storage.data, expAvg._storage.data, expAvgSq._storage.data, maxExpAvgSq._storage.data],
    [p.offset, g.offset, 0, 0, 0],
    h,
  );
}

/**
 * One RMSprop/Adagrad/Adamax/NAdam/RAdam step of contiguous `p` with gradient `g` and the op's
 * contiguous state buffers (undefined where the options leave one out), in JS for tiny parameters.
 */
export function optimStepRaw(op: OptimCode, p: Tensor, g: Tensor, state: readonly (Tensor | undefined)[], h: OptimStepHyper): void {
  if (smallOptimStep(op, p, g, state, h)) return;
  const s = [0, 1, 2].map((k) => state[k] ?? p); // unread where absent
  optimNative.optimStep(
    op,
    p.numel,
    [p._storage.data, g._storage.data, s[0]._storage.data, s[1]._storage.data, s[2]._storage.data],
    [p.offset, g.offset, s[0].offset, s[1].offset, s[2].offset],
    [0, 1, 2].map((k) => state[k] !== undefined),
    h.maximize,
    h.rectify === true,
    h.c,
  );
}

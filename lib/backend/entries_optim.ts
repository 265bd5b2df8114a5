// Typed entries of the fused optimizer steps (native/napi/exports_optim.cc): each writes the
// metadata in the order its export reads it and invokes it (lib/backend/optim.ts calls these).
import type { TypedArray } from '../dtype';
import { beginMeta, invoke, jobs, putNum } from './native';

/** The scalars optimStep passes (native/kernels/table.h kOptimScalars). */
export const OPTIM_SCALARS = 10;

export const optimNative = {
  /** One SGD step over n contiguous elements (native/optim/optim.cc). */
  sgdStep(
    n: number,
    param: TypedArray,
    paramOffset: number,
    grad: TypedArray,
    gradOffset: number,
    buf: TypedArray,
    bufOffset: number,
    h: { lr: number; momentum: number; dampening: number; weightDecay: number; nesterov: boolean; first: boolean },
  ): void {
    beginMeta();
    for (const v of [n, paramOffset, gradOffset, bufOffset, h.lr, h.momentum, h.dampening, h.weightDecay, +h.nesterov, +h.first]) putNum(v);
    invoke(jobs.sgdStep, param, grad, buf);
  },

  /** One Adam/AdamW step over n contiguous elements; buffers are [param, grad, expAvg, expAvgSq, maxExpAvgSq]. */
  adamStep(
    n: number,
    bufs: readonly TypedArray[],
    offsets: readonly number[],
    h: { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number; amsgrad: boolean; decoupled: boolean; step: number },
  ): void {
    beginMeta();
    putNum(n);
    for (const o of offsets) putNum(o);
    for (const v of [h.lr, h.beta1, h.beta2, h.eps, h.weightDecay, +h.amsgrad, +h.decoupled, h.step]) putNum(v);
    invoke(jobs.adamStep, bufs[0], bufs[1], bufs[2], bufs[3], bufs[4]);
  },

  /**
   * One RMSprop/Adagrad/Adamax/NAdam/RAdam step (OptimCode) over n contiguous elements: buffers are
   * [param, grad, state0, state1, state2] (an absent state any array, has[k] false), c the op's
   * scalars (native/kernels/body/optim_body.h).
   */
  optimStep(
    op: number,
    n: number,
    bufs: readonly TypedArray[],
    offsets: readonly number[],
    has: readonly boolean[],
    maximize: boolean,
    rectify: boolean,
    c: readonly number[],
  ): void {
    beginMeta();
    putNum(op);
    putNum(n);
    for (const o of offsets) putNum(o);
    for (const h of has) putNum(+h);
    putNum(+maximize);
    putNum(+rectify);
    for (let k = 0; k < OPTIM_SCALARS; k++) putNum(c[k] ?? 0);
    invoke(jobs.optimStep, bufs[0], bufs[1], bufs[2], bufs[3], bufs[4]);
  },
};

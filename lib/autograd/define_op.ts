// The op registry: one entry per op with its checks, forward and backward together. Everything
// common is done here once: deciding whether to record, building the node, wiring edges.
import { Tensor } from '../tensor';
import { isGradEnabled } from './grad_mode';
import { GradFn, OpContext, gradientEdge, type BackwardFn, type Edge, type InputMeta } from './node';

export interface OpSpec<P extends unknown[], S> {
  /** Registry key, e.g. 'add'. */
  op: string;
  /** PyTorch's node name, or a function of the params when overloads differ (SumBackward0/1). */
  nodeName: string | ((...params: P) => string);
  /** Computes the output from raw kernels; never calls recorded ops. Returns a new Tensor object. */
  forward(ctx: OpContext<S>, inputs: readonly Tensor[], ...params: P): Tensor;
  /** One gradient per tensor input (null where none flows); runs under noGrad unless createGraph. */
  backward?: (ctx: OpContext<S>, grad: Tensor) => readonly (Tensor | null | undefined)[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const registry = new Map<string, OpSpec<any, any>>();

const IDLE = new OpContext<never>([], false);

export type Op<P extends unknown[]> = (inputs: readonly Tensor[], ...params: P) => Tensor;

export function defineOp<P extends unknown[], S = unknown>(spec: OpSpec<P, S>): Op<P> {
  if (registry.has(spec.op)) throw new Error(`op ${spec.op} defined twice`);
  registry.set(spec.op, spec);
  return (inputs, ...params) => {
    let record = false;
    if (spec.backward !== undefined && isGradEnabled()) {
      for (let i = 0; i < inputs.length; i++) {
        if (inputs[i].requiresGrad) {
          record = true;
          break;
        }
      }
    }
    if (!record) return spec.forward(IDLE, inputs, ...params);
    const n = inputs.length;
    const needs = new Array<boolean>(n);
    const edges = new Array<Edge>(n);
    const metas = new Array<InputMeta>(n);
    for (let i = 0; i < n; i++) {
      const t = inputs[i];
      needs[i] = t.requiresGrad;
      edges[i] = gradientEdge(t);
      metas[i] = { shape: t._shape, dtype: t.dtype };
    }
    const ctx = new OpContext<S>(needs, true);
    const out = spec.forward(ctx, inputs, ...params);
    const name = typeof spec.nodeName === 'string' ? spec.nodeName : spec.nodeName(...params);
    const node = new GradFn(name, edges, ctx, spec.backward as unknown as BackwardFn, metas);
    ctx.node = node;
    out.gradFn = node;
    out._outputNr = 0;
    return out;
  };
}

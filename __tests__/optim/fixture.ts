// PyTorch 1.13's optimizer trajectories (scripts/pytorch_optim.py) and a way to replay them here.
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../../lib';

export interface OptimCase {
  optimizer: string;
  options: Record<string, unknown>;
  emulateMaximize: boolean;
  shapes: number[][];
  dtypes: ('float32' | 'float64')[];
  init: number[][];
  grads: number[][][];
  params: number[][][];
  state: Record<string, Record<string, number | number[] | number[][] | null>>;
  stateKeys: Record<string, string[]>;
  groupKeys: string[];
}

export interface GroupsCase {
  optimizer: string;
  options: Record<string, unknown>;
  groups: ({ params: number[] } & Record<string, unknown>)[];
  later: ({ params: number[] } & Record<string, unknown>) | null;
  laterStep: number;
  lrAt: number;
  lrs: number[];
  shapes: number[][];
  dtypes: ('float32' | 'float64')[];
  init: number[][];
  grads: number[][][];
  params: number[][][];
  paramGroups: Record<string, unknown>[];
}

export interface OptimFixture {
  torch: string;
  cases: OptimCase[];
  groups: GroupsCase[];
  duplicate: string;
  invalid: { optimizer: string; options: Record<string, unknown>; message: string }[];
}

export const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'pytorch_optim.json'), 'utf8')) as OptimFixture;

const camel = (k: string): string => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** PyTorch's keyword arguments as this library's options (snake_case to camelCase). */
export function jsOptions(opts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(opts).map(([k, v]) => [camel(k), v]));
}

type Ctor = new (params: tg.optim.Params, opts: never) => tg.optim.Optimizer;

export function make(name: string, params: tg.optim.Params, opts: Record<string, unknown>): tg.optim.Optimizer {
  const ctor = (tg.optim as unknown as Record<string, Ctor>)[name];
  return new ctor(params, opts as never);
}

/** The case's initial parameters as leaves. */
export function initParams(c: Pick<OptimCase, 'init' | 'dtypes' | 'shapes'>): tg.Tensor[] {
  return c.init.map((v, i) => tg.tensor(v, { dtype: c.dtypes[i] }).reshape(c.shapes[i]).contiguous().requiresGrad_());
}

/** Sets the gradients PyTorch was fed at `step`. */
export function feed(c: Pick<OptimCase, 'grads' | 'dtypes' | 'shapes'>, params: tg.Tensor[], step: number): void {
  params.forEach((p, i) => {
    p.grad = tg.tensor(c.grads[step][i], { dtype: c.dtypes[i] }).reshape(c.shapes[i]);
  });
}

/** Max distance in units in the last place of the dtype between two flat arrays. */
export function maxUlp(a: number[], b: number[], dtype: 'float32' | 'float64'): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (Object.is(a[i], b[i])) continue;
    const ulp = dtype === 'float32' ? 2 ** (Math.floor(Math.log2(Math.abs(b[i]))) - 23) : 2 ** (Math.floor(Math.log2(Math.abs(b[i]))) - 52);
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / ulp);
  }
  return worst;
}

/** float32 values are stored in their shortest decimal form. */
export const as = (dtype: string, v: number[]): number[] => (dtype === 'float32' ? v.map(Math.fround) : v);

// Builds optimizers and schedulers from the cases of scripts/pytorch_lr_scheduler.py (PyTorch's
// names), and runs them as the script ran PyTorch.
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../../lib';

const S = tg.optim.lrScheduler;

/** Any of the schedulers, as the cases drive them. */
export interface Sched {
  step(arg?: unknown): void;
  getLastLr(): number[];
  stateDict(): Record<string, unknown>;
  loadStateDict(sd: Record<string, unknown>): void;
  lastEpoch?: number;
}
type Ctor = new (...args: unknown[]) => Sched;

export interface Case {
  name: string;
  optimizer: { type: 'SGD' | 'Adam'; groups: Record<string, unknown>[]; kwargs: Record<string, unknown> };
  scheduler: { cls: string; kwargs: Record<string, unknown> };
  steps: number;
  state_at?: number;
  metrics?: number[];
  epochs?: number[];
  set_lr?: { step: number; group: number; lr: number }[];
  expected: { lr: number[][]; momentum?: number[][]; beta1?: number[][]; state: Record<string, unknown>; groups: Record<string, unknown>[] };
}

export const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'pytorch_lr_scheduler.json'), 'utf8')) as { cases: Case[] };

// the same functions as the script's LAMBDAS
export const LAMBDAS: Record<string, (e: number) => number> = {
  inv: (e) => 1.0 / (e + 1),
  saw: (e) => (e % 3 ? 0.9 : 1.05),
  lin: (e) => 1.0 - e / 40,
};

const SPECIAL: Record<string, string> = { T_max: 'TMax', T_0: 'T0', T_mult: 'TMult' };
export const camel = (k: string): string => SPECIAL[k] ?? k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const camelKeys = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));

/** 'inf' / '-inf' strings back to numbers. */
export function decode<T = unknown>(v: unknown): T {
  if (v === 'inf') return Infinity as T;
  if (v === '-inf') return -Infinity as T;
  if (Array.isArray(v)) return v.map((x) => decode(x)) as T;
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)])) as T;
  return v as T;
}

export function makeOpt(spec: Case['optimizer']): tg.optim.Optimizer {
  const groups = spec.groups.map((g) => ({ ...camelKeys(g), params: [tg.zeros([2], { requiresGrad: true })] }));
  const kw = camelKeys(spec.kwargs);
  return spec.type === 'SGD' ? new tg.optim.SGD(groups, { lr: 0.1, ...kw }) : new tg.optim.Adam(groups, kw);
}

export function makeSched(opt: tg.optim.Optimizer, spec: Case['scheduler']): Sched {
  const kw = camelKeys(spec.kwargs);
  const ctor = (S as unknown as Record<string, Ctor>)[spec.cls];
  if (spec.cls === 'LambdaLR' || spec.cls === 'MultiplicativeLR') {
    const lam = kw.lrLambda as string | string[];
    return new ctor(opt, Array.isArray(lam) ? lam.map((n) => LAMBDAS[n]) : LAMBDAS[lam], kw);
  }
  if (spec.cls === 'SequentialLR') return new ctor(opt, { ...kw, schedulers: (kw.schedulers as Case['scheduler'][]).map((s) => makeSched(opt, s)) });
  if (spec.cls === 'ChainedScheduler') return new ctor((kw.schedulers as Case['scheduler'][]).map((s) => makeSched(opt, s)));
  return new ctor(opt, kw);
}

export interface Trace {
  lr: number[][];
  momentum: number[][];
  beta1: number[][];
}

export function snapshot(opt: tg.optim.Optimizer, sched: Sched, t: Trace, lr = sched.getLastLr()): void {
  t.lr.push(lr);
  t.momentum.push(opt.paramGroups.map((g) => g.momentum as number));
  t.beta1.push(opt.paramGroups.map((g) => (g.betas as number[] | undefined)?.[0] as number));
}

/** Steps `sched` for steps [from, to) of the case, as the script does (opt.step() first). */
export function run(c: Case, opt: tg.optim.Optimizer, sched: Sched, from: number, to: number, t: Trace, onStep?: (i: number) => void): void {
  for (let i = from; i < to; i++) {
    for (const s of c.set_lr ?? []) if (s.step === i) opt.paramGroups[s.group].lr = s.lr;
    opt.step();
    if (c.metrics) sched.step(c.metrics[i]);
    else if (c.epochs) sched.step(c.epochs[i]);
    else sched.step();
    snapshot(opt, sched, t);
    onStep?.(i + 1);
  }
}

export const stateAt = (c: Case): number => c.state_at ?? 10;

/** PyTorch 1.13's state_dict as ours spells it (PyTorch 2.x's choices where 1.13's is a function). */
export function expectedState(
  c: Case,
  sd: Record<string, unknown> = c.expected.state,
  cls = c.scheduler.cls,
  kwargs = c.scheduler.kwargs,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(decode<Record<string, unknown>>(sd))) {
    if (k === 'anneal_func') out._anneal_func_type = v === '_annealing_cos' ? 'cos' : 'linear';
    else if (k === '_schedulers') {
      const subs = kwargs.schedulers as Case['scheduler'][];
      out[k] = (v as Record<string, unknown>[]).map((s, i) => expectedState(c, s, subs[i].cls, subs[i].kwargs));
    } else if (k === 'base_momentums' && cls === 'CyclicLR') {
      out.use_beta1 = false; // PyTorch 2.x's flag (1.13 cycles SGD momentum only)
      out[k] = v;
    } else out[k] = v;
  }
  return out;
}

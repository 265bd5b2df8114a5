// Optimizer trajectories, losses and their gradients against numbers recorded from PyTorch
// (scripts/pytorch_training.py with Debian's python3-torch; the version is in the fixture).
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../../lib';
import { expectClose, flat } from '../helpers';

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'pytorch_training.json'), 'utf8'));
const T = fixture.trajectories;

type Opts = Record<string, number | boolean | number[]>;

function make(name: string, params: tg.Tensor[], o: Opts): tg.optim.Optimizer {
  if (name === 'SGD') {
    return new tg.optim.SGD(params, {
      lr: o.lr as number,
      momentum: o.momentum as number | undefined,
      dampening: o.dampening as number | undefined,
      weightDecay: o.weight_decay as number | undefined,
      nesterov: o.nesterov as boolean | undefined,
    });
  }
  const opts = {
    lr: o.lr as number | undefined,
    betas: o.betas as [number, number] | undefined,
    eps: o.eps as number | undefined,
    weightDecay: o.weight_decay as number | undefined,
    amsgrad: o.amsgrad as boolean | undefined,
  };
  return name === 'Adam' ? new tg.optim.Adam(params, opts) : new tg.optim.AdamW(params, opts);
}

describe(`optimizers follow PyTorch ${fixture.pytorch} step by step`, () => {
  type Run = { optimizer: string; options: Opts; dtype: string; steps: { w: number[]; b: number[] }[] };
  test.each((T.runs as Run[]).map((r) => [`${r.optimizer} ${JSON.stringify(r.options)} ${r.dtype}`, r] as [string, Run]))('%s', (_name, run) => {
    const dtype = run.dtype as tg.DType;
    const x = tg.tensor(Float32Array.from(T.x), { shape: [8, 3] }).to(dtype);
    const y = tg.tensor(Float32Array.from(T.y), { shape: [8, 2] }).to(dtype);
    const w = tg
      .tensor(Float32Array.from(T.w0), { shape: [2, 3] })
      .to(dtype)
      .requiresGrad_();
    const b = tg
      .tensor(Float32Array.from(T.b0), { shape: [2] })
      .to(dtype)
      .requiresGrad_();
    const opt = make(run.optimizer, [w, b], run.options);
    // float32 updates round like PyTorch's but not always in the same order (fused multiply-adds).
    const tol = dtype === 'float32' ? 2e-5 : 1e-11;
    for (const expected of run.steps) {
      opt.zeroGrad();
      tg.nn.functional.mseLoss(x.matmul(w.t()).add(b), y).backward();
      opt.step();
      expectClose(flat(w), expected.w, tol);
      expectClose(flat(b), expected.b, tol);
    }
  });
});

describe(`losses and their gradients match PyTorch ${fixture.pytorch}`, () => {
  const L = fixture.losses;
  const F = tg.nn.functional;
  type LossCase = { loss: string; reduction: string; value: number[]; shape: number[]; grad: number[] };
  test.each((L.cases as LossCase[]).map((c) => [`${c.loss} (${c.reduction})`, c] as [string, LossCase]))('%s', (_name, c) => {
    const inp = tg.tensor(Float64Array.from(L.input), { shape: [4, 3], requiresGrad: true });
    const target = tg.tensor(Float64Array.from(L.target), { shape: [4, 3] });
    const binary = tg.tensor(Float64Array.from(L.binary), { shape: [4, 3] });
    const classes = tg.tensor(Int32Array.from(L.classes));
    const probs = tg.tensor(Float64Array.from(L.probs), { shape: [4, 3] });
    const posWeight = tg.tensor(Float64Array.from(L.pos_weight));
    const reduction = c.reduction as tg.nn.functional.Reduction;
    const fns: Record<string, () => tg.Tensor> = {
      mse: () => new tg.nn.MSELoss({ reduction }).forward(inp, target),
      l1: () => new tg.nn.L1Loss({ reduction }).forward(inp, target),
      bce_logits: () => new tg.nn.BCEWithLogitsLoss({ reduction }).forward(inp.mul(3), binary),
      bce_logits_pos_weight: () => F.binaryCrossEntropyWithLogits(inp.mul(3), binary, { reduction, posWeight }),
      cross_entropy_indices: () => new tg.nn.CrossEntropyLoss({ reduction }).forward(inp, classes),
      cross_entropy_probs: () => F.crossEntropy(inp, probs, { reduction }),
    };
    const value = fns[c.loss]();
    expect(value.shape).toEqual(c.shape);
    expectClose(flat(value), c.value, 1e-12);
    const n = value.numel;
    const w = tg.linspace(0.5, 1.5, n, { dtype: 'float64' }).reshape(c.shape);
    const [g] = tg.autograd.grad(value.mul(w).sum(), inp);
    expectClose(flat(g!), c.grad, 1e-12);
  });
});

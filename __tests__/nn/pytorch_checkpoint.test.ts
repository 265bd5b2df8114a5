// The checkpoint round trip of #22 against PyTorch (scripts/pytorch_checkpoint.py): a model of
// Embedding -> LayerNorm -> Linear -> GELU -> Dropout -> BatchNorm1d -> Linear trained in PyTorch
// with AdamW + OneCycleLR and saved as safetensors loads here (strict) and gives PyTorch's eval
// outputs; built here from the same seed it starts from PyTorch's parameters and follows its
// training (losses, learning rates, final parameters and running statistics); and what tensorgrad
// saves holds PyTorch's keys, dtypes and values.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';
import { expectClose } from '../helpers';

const fixtures = path.join(__dirname, '..', 'fixtures');
const fx = JSON.parse(fs.readFileSync(path.join(fixtures, 'pytorch_checkpoint.json'), 'utf8')) as {
  x: number[];
  y: number[];
  steps: number;
  keys: string[];
  dtypes: Record<string, string>;
  init: Record<string, number[]>;
  losses: number[];
  lrs: number[];
  final: Record<string, number[]>;
  eval_output: number[];
};

function model(): tg.nn.Sequential {
  const { nn } = tg;
  return new nn.Sequential(
    new nn.Embedding(20, 8, { paddingIdx: 0 }),
    new nn.LayerNorm(8),
    new nn.Linear(8, 16),
    new nn.GELU(),
    new nn.Dropout(0.1),
    new nn.BatchNorm1d(16),
    new nn.Linear(16, 3),
  );
}
const numbers = (t: tg.Tensor): number[] => Array.from(t.contiguous().dataSync() as ArrayLike<number | bigint>, Number);
const x = () => tg.tensor(fx.x, { dtype: 'int64' });

test('a PyTorch checkpoint loads strict and gives PyTorch eval outputs', () => {
  const m = model();
  expect(m.loadStateDict(tg.load(path.join(fixtures, 'pytorch_checkpoint.safetensors')))).toEqual({ missingKeys: [], unexpectedKeys: [] });
  const sd = m.stateDict();
  expect(Object.keys(sd)).toEqual(fx.keys);
  for (const k of fx.keys) expect(sd[k].dtype).toBe(fx.dtypes[k]);
  m.eval();
  expectClose(numbers(m.call(x())), fx.eval_output, 1e-5);
});

test('built from the same seed and trained with AdamW + OneCycleLR, it follows PyTorch', () => {
  tg.manualSeed(7);
  const m = model();
  const sd0 = m.stateDict();
  for (const k of fx.keys) expect(numbers(sd0[k])).toEqual(fx.init[k]); // the same draws, bit for bit
  const opt = new tg.optim.AdamW(m.parameters(), { lr: 1e-3, weightDecay: 0.01 });
  const sched = new tg.optim.lrScheduler.OneCycleLR(opt, { maxLr: 0.05, totalSteps: fx.steps });
  const lossFn = new tg.nn.CrossEntropyLoss();
  const y = tg.tensor(fx.y, { dtype: 'int64' });
  m.train();
  for (let i = 0; i < fx.steps; i++) {
    opt.zeroGrad();
    const loss = lossFn.forward(m.call(x()), y);
    loss.backward();
    opt.step();
    expect(sched.getLastLr()[0]).toBe(fx.lrs[i]);
    sched.step();
    expect(Math.abs(Number(loss.item()) - fx.losses[i])).toBeLessThan(1e-5);
  }
  const sd = m.stateDict();
  for (const k of fx.keys) expectClose(numbers(sd[k]), fx.final[k], 1e-4);
  m.eval();
  expectClose(numbers(m.call(x())), fx.eval_output, 1e-4);
  if (process.env.TG_KEEP_TRAINED) tg.save(sd, process.env.TG_KEEP_TRAINED); // for scripts/pytorch_checkpoint.py --verify
});

test('what tensorgrad saves is PyTorch state: keys, dtypes and values survive the file', () => {
  const m = model();
  m.loadStateDict(tg.load(path.join(fixtures, 'pytorch_checkpoint.safetensors')));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tg-ckpt-')), 'model.safetensors');
  tg.save(m.stateDict(), file);
  if (process.env.TG_KEEP_CHECKPOINT) fs.copyFileSync(file, process.env.TG_KEEP_CHECKPOINT); // for scripts/pytorch_checkpoint.py --verify
  const back = tg.load(file);
  expect(Object.keys(back).sort()).toEqual([...fx.keys].sort()); // a file's entries are in safetensors' order
  for (const k of fx.keys) {
    expect(back[k].dtype).toBe(fx.dtypes[k]);
    expect(numbers(back[k])).toEqual(fx.final[k]);
  }
});

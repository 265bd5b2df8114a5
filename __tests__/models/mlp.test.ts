// tg.models.MLP against PyTorch's nn.Sequential (scripts/pytorch_models.py): init bit for bit,
// outputs, dropout masks, training trajectories; its options, errors and save/load.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';

interface InitCase {
  seed: number;
  sizes: number[];
  activation: tg.models.MLPActivation;
  dropout: number;
  x: number[];
  state: Record<string, number[]>;
  eval: number[];
  train: number[];
}
interface FitCase {
  model: 'logreg' | 'mlp';
  sizes: number[];
  task: tg.models.MLPTask;
  activation: tg.models.MLPActivation;
  dropout?: number;
  n: number;
  optimizer: 'sgd' | 'adam';
  lr: number;
  epochs: number;
  batch: number;
  shuffle: number | null;
  seed: number;
  x: number[];
  y: number[];
  losses: number[];
  state: Record<string, number[]>;
  proba?: number[];
  pred?: number[];
}
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/models/models.json'), 'utf8')) as { init: InitCase[]; fit: FitCase[] };

const f32 = (v: number[], shape: number[]) => tg.tensor(Float32Array.from(v), { shape });

describe('MLP: PyTorch init and forward', () => {
  test.each(fixture.init.map((c) => [`${c.sizes.join('-')} ${c.activation} dropout ${c.dropout}`, c] as const))('%s', (_, c) => {
    const model = new tg.models.MLP(c.sizes, { activation: c.activation, dropout: c.dropout, generator: new tg.Generator().manualSeed(c.seed) });
    const state = model.stateDict();
    expect(Object.keys(state)).toEqual(Object.keys(c.state));
    // Bit for bit: the same float32 draws as torch.manual_seed + nn.Linear.
    for (const [k, v] of Object.entries(c.state)) expect(Array.from(state[k].dataSync() as Float32Array)).toEqual(Array.from(Float32Array.from(v)));
    const x = f32(c.x, [7, c.sizes[0]]);
    // Training mode (the default): dropout masks continue the init's stream, as PyTorch's global one.
    expectClose(flat(tg.noGrad(() => model.forward(x))), c.train, 2e-6);
    expectClose(flat(model.predict(x)), c.eval, 2e-6);
  });

  test('the global generator by default, as PyTorch', () => {
    const c = fixture.init[0];
    tg.manualSeed(c.seed);
    const model = new tg.models.MLP(c.sizes);
    expect(Array.from(model.stateDict()['4.weight'].dataSync() as Float32Array)).toEqual(Array.from(Float32Array.from(c.state['4.weight'])));
  });
});

describe('MLP: training trajectories as PyTorch', () => {
  const cases = fixture.fit.filter((c) => c.model === 'mlp');
  test.each(cases.map((c) => [`${c.task} ${c.sizes.join('-')} ${c.optimizer} shuffle ${c.shuffle}`, c] as const))('%s', async (_, c) => {
    const reg = c.task === 'regression';
    const out = c.sizes[c.sizes.length - 1];
    const x = f32(c.x, [c.n, c.sizes[0]]);
    const y = reg ? f32(c.y, [c.n, out]) : tg.tensor(Int32Array.from(c.y)).to('int64');
    const run = async (useAsync: boolean) => {
      const model = new tg.models.MLP(c.sizes, {
        activation: c.activation,
        dropout: c.dropout ?? 0,
        task: c.task,
        generator: new tg.Generator().manualSeed(c.seed),
      });
      const opts = {
        epochs: c.epochs,
        batchSize: c.batch,
        lr: c.lr,
        optimizer: c.optimizer,
        shuffle: c.shuffle !== null,
        generator: new tg.Generator().manualSeed(c.shuffle ?? 0),
      };
      const { losses } = useAsync ? await model.fitAsync(x, y, opts) : model.fit(x, y, opts);
      return { model, losses };
    };
    for (const useAsync of [false, true]) {
      const { model, losses } = await run(useAsync);
      expectClose(losses, c.losses, 1e-5);
      const state = model.stateDict();
      for (const [k, v] of Object.entries(c.state)) expectClose(flat(state[k]), v, 1e-5);
      if (reg) expectClose(flat(model.predict(x)), c.pred!, 1e-5);
      else {
        expectClose(flat(model.predictProba(x)), c.proba!, 1e-5);
        const proba = model.predictProba(x);
        expect(flat(model.predict(x))).toEqual(flat(proba.argmax(1)));
      }
    }
  });
});

describe('MLP: scores, modes and options', () => {
  test('classification: int64 labels, probabilities summing to 1, score = accuracy', () => {
    const model = new tg.models.MLP([3, 4, 3], { task: 'classification', generator: new tg.Generator().manualSeed(1) });
    const x = tg.randn([10, 3], { generator: new tg.Generator().manualSeed(2) });
    const pred = model.predict(x);
    expect(pred.dtype).toBe('int64');
    expect(pred.shape).toEqual([10]);
    const p = model.predictProba(x);
    expect(p.shape).toEqual([10, 3]);
    expectClose(flat(p.sum(1)), new Array(10).fill(1), 1e-6);
    const y = tg.tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
    const labels = flat(pred);
    const want = labels.filter((v, i) => v === [0, 1, 2, 0, 1, 2, 0, 1, 2, 0][i]).length / 10;
    expect(model.score(x, y)).toBeCloseTo(want, 12);
    // Float labels holding whole numbers count as classes, as scikit-learn's.
    expect(model.score(x, y.to('float32').reshape([10, 1]))).toBeCloseTo(want, 12);
  });

  test('regression: R^2 as scikit-learn (1 for a perfect fit, averaged over outputs)', () => {
    const model = new tg.models.MLP([2, 3, 2], { generator: new tg.Generator().manualSeed(4) });
    const x = tg.randn([12, 2], { generator: new tg.Generator().manualSeed(5) });
    const pred = model.predict(x);
    expect(pred.shape).toEqual([12, 2]);
    expect(model.score(x, pred)).toBeCloseTo(1, 10);
    // Hand-computed R^2 of each column against a shifted target, averaged.
    const target = pred.add(tg.tensor([[0.5, -0.25]]));
    const p = flat(pred);
    const t = flat(target);
    let sum = 0;
    for (let j = 0; j < 2; j++) {
      const col = (a: number[]) => a.filter((_, i) => i % 2 === j);
      const tc = col(t);
      const m = tc.reduce((a, b) => a + b, 0) / tc.length;
      const res = col(p).reduce((a, v, i) => a + (v - tc[i]) ** 2, 0);
      const tot = tc.reduce((a, v) => a + (v - m) ** 2, 0);
      sum += 1 - res / tot;
    }
    expect(model.score(x, target)).toBeCloseTo(sum / 2, 5);
    expectTensorError(() => model.predictProba(x), 'ARGUMENT', /regression/);
  });

  test('predict runs in eval mode and restores the mode; fit leaves eval mode', () => {
    const model = new tg.models.MLP([3, 16, 1], { dropout: 0.5, generator: new tg.Generator().manualSeed(1) });
    const x = tg.randn([5, 3], { generator: new tg.Generator().manualSeed(2) });
    expect(model.training).toBe(true);
    expect(flat(model.predict(x))).toEqual(flat(model.predict(x)));
    expect(model.training).toBe(true);
    model.fit(x, tg.zeros([5]), { epochs: 1 });
    expect(model.training).toBe(false);
  });

  test('save/load round trip keeps the architecture and the outputs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-mlp-'));
    const file = path.join(dir, 'm.safetensors');
    const model = new tg.models.MLP([4, 5, 3], { activation: 'gelu', dropout: 0.1, task: 'classification', generator: new tg.Generator().manualSeed(3) });
    model.save(file, { metadata: { note: 'x' } });
    const back = tg.models.MLP.load(file);
    expect([back.sizes, back.activation, back.dropout, back.task]).toEqual([[4, 5, 3], 'gelu', 0.1, 'classification']);
    const x = tg.randn([6, 4]);
    expect(flat(back.predictProba(x))).toEqual(flat(model.predictProba(x)));
    expect(tg.io.loadWithMetadata(file).metadata).toMatchObject({ note: 'x', model: 'MLP' });
    tg.io.save({ w: tg.zeros([2]) }, file);
    expectTensorError(() => tg.models.MLP.load(file), 'ARGUMENT', /not written by MLP\.save/);
    fs.rmSync(dir, { recursive: true });
  });

  test('bad arguments', () => {
    expectTensorError(() => new tg.models.MLP([3] as never), 'ARGUMENT', /at least two/);
    expectTensorError(() => new tg.models.MLP([3, 0, 1]), 'ARGUMENT', /positive integer/);
    expectTensorError(() => new tg.models.MLP([3, 1.5, 1]), 'ARGUMENT', /positive integer/);
    expectTensorError(() => new tg.models.MLP([3, 1], { activation: 'swish' as never }), 'ARGUMENT', /unknown activation/);
    expectTensorError(() => new tg.models.MLP([3, 1], { dropout: 1 }), 'ARGUMENT', /dropout/);
    expectTensorError(() => new tg.models.MLP([3, 1], { task: 'ranking' as never }), 'ARGUMENT', /task/);
    expectTensorError(() => new tg.models.MLP([3, 1], { task: 'classification' }), 'ARGUMENT', /at least 2 outputs/);
    expectTensorError(() => new tg.models.MLP([3, 1], { generator: 42 as never }), 'ARGUMENT', /generator/);
    const model = new tg.models.MLP([3, 2], { task: 'classification' });
    expectTensorError(() => model.predict(tg.zeros([2, 4])), 'SHAPE', /\[n, 3\]/);
    expectTensorError(() => model.fit(tg.zeros([2, 3]), tg.tensor([0, 2])), 'INDEX', /Target 2 is out of bounds/);
    expectTensorError(() => model.fit(tg.zeros([2, 3]), tg.tensor([0, 0.5])), 'ARGUMENT', /whole numbers/);
    expectTensorError(() => model.fit(tg.zeros([2, 3]), tg.tensor([0, 1, 1])), 'SHAPE');
    expectTensorError(() => model.fit(tg.zeros([2, 3]), tg.tensor([0, 1]), { lr: -1 }), 'ARGUMENT', /lr/);
    const reg = new tg.models.MLP([3, 2]);
    expectTensorError(() => reg.fit(tg.zeros([2, 3]), tg.zeros([2])), 'SHAPE', /\[2, 2\]/);
  });
});

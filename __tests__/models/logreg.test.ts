// tg.models.LogisticRegression: PyTorch's nn.Linear(d, K) + CrossEntropyLoss with zero init
// (trajectories from scripts/pytorch_models.py), scikit-learn's predict/predict_proba/score
// properties, options, errors, save/load.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';

interface FitCase {
  model: string;
  n: number;
  d: number;
  k: number;
  optimizer: 'sgd' | 'adam';
  lr: number;
  epochs: number;
  batch: number;
  shuffle: number | null;
  x: number[];
  y: number[];
  losses: number[];
  state: { weight: number[]; bias: number[] };
  proba: number[];
}
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/models/models.json'), 'utf8')) as { fit: FitCase[] };
const cases = fixture.fit.filter((c) => c.model === 'logreg');

describe('LogisticRegression against PyTorch', () => {
  test.each(cases.map((c) => [`${c.k} classes, ${c.optimizer}, shuffle ${c.shuffle}`, c] as const))('%s', async (_, c) => {
    const x = tg.tensor(Float32Array.from(c.x), { shape: [c.n, c.d] });
    const y = tg.tensor(Int32Array.from(c.y));
    for (const useAsync of [false, true]) {
      const model = new tg.models.LogisticRegression(c.d, { classes: c.k });
      const opts = {
        epochs: c.epochs,
        batchSize: c.batch,
        lr: c.lr,
        optimizer: c.optimizer,
        shuffle: c.shuffle !== null,
        generator: new tg.Generator().manualSeed(c.shuffle ?? 0),
      };
      const epochs: number[] = [];
      const { losses } = useAsync
        ? await model.fitAsync(x, y, { ...opts, onEpoch: (e) => epochs.push(e) })
        : model.fit(x, y, { ...opts, onEpoch: (e) => epochs.push(e) });
      expect(epochs).toEqual(Array.from({ length: c.epochs }, (_, i) => i + 1));
      expectClose(losses, c.losses, 1e-5);
      expectClose(flat(model.weight), c.state.weight, 1e-5);
      expectClose(flat(model.bias), c.state.bias, 1e-5);
      expectClose(flat(model.predictProba(x)), c.proba, 1e-5);
      expect(model.loss(x, y)).toBeCloseTo(c.losses[c.losses.length - 1], 5);
    }
  });
});

describe('LogisticRegression as scikit-learn', () => {
  const gen = () => new tg.Generator().manualSeed(7);
  // Two separable blobs around (+-2, +-2).
  const x = tg
    .randn([40, 2], { generator: gen() })
    .mul(0.5)
    .add(tg.tensor([[2, 2]]).mul(tg.arange(40).lt(20).to('float32').mul(2).sub(1).reshape([40, 1])));
  const y = tg.arange(40).lt(20).to('int64');

  test('zero init: uniform probabilities, class 0 predicted (argmax takes the first)', () => {
    const model = new tg.models.LogisticRegression(2, { classes: 4 });
    expect(model.weight.shape).toEqual([4, 2]);
    expect(flat(model.weight)).toEqual(new Array(8).fill(0));
    expectClose(flat(model.predictProba(x)), new Array(160).fill(0.25), 0);
    expect(flat(model.predict(x))).toEqual(new Array(40).fill(0));
  });

  test('binary: predict_proba [n, 2], column 1 = sigmoid(z1 - z0), predict = argmax, score = accuracy', () => {
    const model = new tg.models.LogisticRegression(2);
    model.fit(x, y, { epochs: 30, batchSize: 8, lr: 0.1, generator: gen() });
    const p = model.predictProba(x);
    expect(p.shape).toEqual([40, 2]);
    expectClose(flat(p.sum(1)), new Array(40).fill(1), 1e-6);
    const z = flat(tg.noGrad(() => model.forward(x)));
    const p1 = flat(p).filter((_, i) => i % 2 === 1);
    expectClose(
      p1,
      p1.map((_, i) => 1 / (1 + Math.exp(-(z[2 * i + 1] - z[2 * i])))),
      1e-6,
    );
    const pred = model.predict(x);
    expect(pred.dtype).toBe('int64');
    expect(flat(pred)).toEqual(p1.map((v) => (v > 0.5 ? 1 : 0)));
    // Separable data: every training point right.
    expect(model.score(x, y)).toBe(1);
    const wrong = y.logicalNot().to('int64');
    expect(model.score(x, wrong)).toBe(0);
  });

  test('labels may be any integer or whole-float dtype, [n] or [n, 1]; float64 x is accepted', () => {
    const model = new tg.models.LogisticRegression(2);
    model.fit(x.to('float64'), y.to('float32').reshape([40, 1]), { epochs: 2, shuffle: false });
    const other = new tg.models.LogisticRegression(2);
    other.fit(x, y.to('int32'), { epochs: 2, shuffle: false });
    expect(flat(model.weight)).toEqual(flat(other.weight));
  });

  test('fitAsync aborts with STATE and reports batches', async () => {
    const model = new tg.models.LogisticRegression(2);
    const controller = new AbortController();
    let batches = 0;
    await expect(
      model.fitAsync(x, y, {
        epochs: 5,
        batchSize: 4,
        signal: controller.signal,
        onProgress: (p) => {
          batches++;
          expect(p.batches).toBe(10);
          if (p.batch === 3) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'STATE' });
    expect(batches).toBe(3);
  });

  test('save/load round trip, and a PyTorch nn.Linear state_dict loads too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-logreg-'));
    const file = path.join(dir, 'm.safetensors');
    const model = new tg.models.LogisticRegression(2, { classes: 3 });
    model.fit(x, y, { epochs: 2, generator: gen() });
    model.save(file);
    const back = tg.models.LogisticRegression.load(file);
    expect([back.nFeatures, back.classes]).toEqual([2, 3]);
    expect(flat(back.weight)).toEqual(flat(model.weight));
    expect(flat(back.predictProba(x))).toEqual(flat(model.predictProba(x)));
    expect(tg.io.loadWithMetadata(file).metadata).toEqual({ model: 'LogisticRegression', nFeatures: '2', classes: '3' });
    tg.io.save({ weight: tg.ones([2, 5]), bias: tg.zeros([2]) }, file);
    expect(tg.models.LogisticRegression.load(file).nFeatures).toBe(5);
    tg.io.save({ weight: tg.ones([2, 5]), bias: tg.zeros([3]) }, file);
    expectTensorError(() => tg.models.LogisticRegression.load(file), 'SHAPE', /bias/);
    tg.io.save({ w: tg.ones([2, 5]) }, file);
    expectTensorError(() => tg.models.LogisticRegression.load(file), 'ARGUMENT', /no weight/);
    fs.rmSync(dir, { recursive: true });
  });

  test('bad arguments and options', async () => {
    expectTensorError(() => new tg.models.LogisticRegression(0), 'ARGUMENT', /nFeatures/);
    expectTensorError(() => new tg.models.LogisticRegression(2, { classes: 1 }), 'ARGUMENT', /classes/);
    expectTensorError(() => new tg.models.LogisticRegression(2, { classes: 2.5 }), 'ARGUMENT', /classes/);
    const model = new tg.models.LogisticRegression(2);
    expectTensorError(() => model.predict(tg.zeros([3])), 'SHAPE', /\[n, 2\]/);
    expectTensorError(() => model.predict('x' as never), 'ARGUMENT');
    expectTensorError(() => model.fit(x, tg.zeros([39])), 'SHAPE');
    expectTensorError(() => model.fit(x, y.add(1)), 'INDEX', /Target 2 is out of bounds/);
    expectTensorError(() => model.fit(x, y.neg()), 'INDEX', /Target -1/);
    expectTensorError(() => model.fit(x, y, { optimizer: 'lbfgs' as never }), 'ARGUMENT', /optimizer/);
    expectTensorError(() => model.fit(x, y, { batchSize: 0 }), 'ARGUMENT', /batchSize/);
    expectTensorError(() => model.save(path.join(os.tmpdir(), 'x.safetensors'), { metadata: { a: 1 as never } }), 'ARGUMENT', /metadata/);
    await expect(model.fitAsync(x, y, { epochs: -1 })).rejects.toMatchObject({ code: 'ARGUMENT' });
  });
});

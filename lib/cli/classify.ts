// `tensorgrad classify` and `tensorgrad mlp`: a seeded train/validation split of a CSV file,
// features standardised with the training part's mean and std, a LogisticRegression or MLP
// trained with progress per epoch, and its accuracy (or R^2) on the held-out part. The recipe
// is scripts/pytorch_classify.py's, step for step, so PyTorch reaches the same accuracy.
import { tensor } from '../creation';
import { INDEX_DTYPE } from '../dtype';
import { formatFixed } from '../format';
import { LogisticRegression } from '../models/logistic_regression';
import { MLP, type MLPActivation } from '../models/mlp';
import { Generator, randperm } from '../random';
import type { Tensor } from '../tensor';
import { CliError, type Ui } from './linreg';
import { terminalChart, writeSvgChart } from './plot';
import { encodeLabels, numericColumn, readTable } from './table';

export interface ModelSettings {
  command: 'classify' | 'mlp';
  csv: string;
  target: string;
  model: 'logreg' | 'mlp';
  task: 'classification' | 'regression';
  hidden: number[];
  activation: MLPActivation;
  dropout: number;
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer: 'sgd' | 'adam';
  seed: number;
  valFraction: number;
  save?: string;
  plot?: string;
}

/** Mean and population std (0 counts as 1, as scikit-learn's StandardScaler) of the rows `rows` of x [n, d]. */
export function standardiser(x: Float64Array, d: number, rows: readonly number[]): { mean: number[]; std: number[] } {
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += x[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= rows.length;
  for (const r of rows) for (let j = 0; j < d; j++) std[j] += (x[r * d + j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j] / rows.length) || 1;
  return { mean, std };
}

/** (x - mean) / std in float64, as a float32 tensor [n, d]. */
export function standardise(x: Float64Array, d: number, mean: readonly number[], std: readonly number[]): Tensor {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i] - mean[i % d]) / std[i % d];
  return tensor(out, { shape: [x.length / d, d] });
}

/** The feature matrix of the named columns, row-major float64. */
export function featureMatrix(table: Awaited<ReturnType<typeof readTable>>, cols: readonly number[], file: string): Float64Array {
  const d = cols.length;
  const x = new Float64Array(table.rows * d);
  cols.forEach((c, j) => numericColumn(table, c, file).forEach((v, r) => (x[r * d + j] = v)));
  return x;
}

export async function runModel(s: ModelSettings, ui: Ui): Promise<void> {
  const table = await readTable(s.csv);
  const t = table.columns.indexOf(s.target);
  if (t < 0) throw new CliError(`--target: no column '${s.target}' in ${s.csv} (columns: ${table.columns.join(', ')})`);
  const cols = table.columns.map((_, i) => i).filter((i) => i !== t);
  if (cols.length === 0) throw new CliError(`${s.csv} has no feature columns besides '${s.target}'`);
  const names = cols.map((c) => table.columns[c]);
  const d = cols.length;
  const n = table.rows;
  const raw = featureMatrix(table, cols, s.csv);
  const classify = s.task === 'classification';
  let labels: string[] = [];
  let y: Tensor;
  if (classify) {
    const enc = encodeLabels(table.cells[t]);
    labels = enc.labels;
    if (labels.length < 2) throw new CliError(`--target: column '${s.target}' holds a single class (${labels[0]}); a classifier needs at least two`);
    y = tensor(enc.codes).to(INDEX_DTYPE);
  } else {
    y = tensor(Float32Array.from(numericColumn(table, t, s.csv)), { shape: [n, 1] });
  }

  const gen = new Generator().manualSeed(s.seed);
  const perm = randperm(n, { generator: gen });
  const nVal = Math.floor(n * s.valFraction + 0.5);
  const nTrain = n - nVal;
  if (nTrain < 1) throw new CliError(`--val-fraction ${s.valFraction} leaves no training rows out of ${n}`);
  const order = Array.from(perm.toArray() as (number | bigint)[], Number);
  const { mean, std } = standardiser(raw, d, order.slice(0, nTrain));
  const x = standardise(raw, d, mean, std);
  const trainIdx = perm.narrow(0, 0, nTrain);
  const valIdx = perm.narrow(0, nTrain, nVal);
  const xTrain = x.indexSelect(0, trainIdx);
  const yTrain = y.indexSelect(0, trainIdx);
  const xVal = x.indexSelect(0, valIdx);
  const yVal = y.indexSelect(0, valIdx);

  const outputs = classify ? labels.length : 1;
  const model =
    s.model === 'logreg'
      ? new LogisticRegression(d, { classes: outputs })
      : new MLP([d, ...s.hidden, outputs], { activation: s.activation, dropout: s.dropout, task: s.task, generator: new Generator().manualSeed(s.seed) });
  const what =
    s.model === 'logreg'
      ? `logistic regression (${outputs} classes)`
      : `MLP ${[d, ...s.hidden, outputs].join('-')} (${s.activation}${s.dropout > 0 ? `, dropout ${s.dropout}` : ''}, ${s.task})`;
  ui.out(
    `${what} of '${s.target}' on ${d} features: ${nTrain} training rows, ${nVal} held out, ${s.epochs} epochs, batch ${s.batchSize}, lr ${s.lr}, ${s.optimizer}, seed ${s.seed}`,
  );
  if (classify) ui.out(`classes: ${labels.map((l, i) => `${i}=${l}`).join(', ')}`);

  const metric = classify ? 'accuracy' : 'R^2';
  const heldOut = () => (nVal > 0 ? `, held-out ${metric} ${formatFixed(model.score(xVal, yVal), 4)}` : '');
  const lines: string[] = [];
  ui.progress?.start(s.epochs);
  let losses: number[];
  try {
    ({ losses } = model.fit(xTrain, yTrain, {
      epochs: s.epochs,
      batchSize: s.batchSize,
      lr: s.lr,
      optimizer: s.optimizer,
      generator: gen,
      onEpoch: (epoch, loss) => {
        if (!Number.isFinite(loss)) throw new CliError(`training diverged at epoch ${epoch} (loss ${loss}); try a smaller --lr`);
        const line = `epoch ${epoch}, loss ${formatFixed(loss, 6)}${heldOut()}`;
        if (ui.progress) {
          ui.progress.update(epoch, loss);
          lines.push(line);
        } else ui.out(line);
      },
    }));
  } finally {
    ui.progress?.stop();
  }
  lines.forEach((l) => ui.out(l));
  if (losses.length >= 2) {
    ui.out('');
    ui.out('loss per epoch:');
    for (const line of terminalChart(losses).split('\n')) ui.out(line);
  }
  ui.out('');
  ui.out(`training ${metric}: ${formatFixed(model.score(xTrain, yTrain), 4)}`);
  if (nVal === 0) ui.out('held-out: none (--val-fraction 0)');
  else if (classify) {
    const correct = Math.round(model.score(xVal, yVal) * nVal);
    ui.out(`held-out accuracy: ${formatFixed(correct / nVal, 4)} (${correct}/${nVal})`);
  } else ui.out(`held-out R^2: ${formatFixed(model.score(xVal, yVal), 4)}`);
  if (s.save !== undefined) {
    const metadata: Record<string, string> = { features: JSON.stringify(names), target: s.target, mean: JSON.stringify(mean), std: JSON.stringify(std) };
    if (classify) metadata.labels = JSON.stringify(labels);
    model.save(s.save, { metadata });
    ui.out(`saved the model to ${s.save}`);
  }
  if (s.plot !== undefined) {
    await writeSvgChart(losses, s.plot, `tensorgrad ${s.command}: loss per epoch`);
    ui.out(`wrote the loss curve to ${s.plot}`);
  }
}

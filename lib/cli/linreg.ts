// `tensorgrad linreg`: the tutorial's linear regression end to end, or a fit of a CSV file.
import { tensor } from '../creation';
import { readCsv } from '../data/csv';
import { formatFixed } from '../format';
import { LinearRegression } from '../models/linear_regression';
import { Generator, normal } from '../random';
import type { Tensor } from '../tensor';
import { terminalChart, writeSvgChart } from './plot';

export interface LinregSettings {
  seed: number;
  samples: number;
  features: number;
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer: 'sgd' | 'adam';
  closedForm: boolean;
  csv?: string;
  target?: string;
  save?: string;
  plot?: string;
}

export interface Ui {
  out(line: string): void;
  /** A progress display over epochs on a terminal; null prints plain lines instead. */
  progress: null | { start(total: number): void; update(epoch: number, loss: number): void; stop(): void };
}

export class CliError extends Error {}

const f6 = (v: number) => formatFixed(v, 6);
const list = (t: Tensor) => `[${Array.from(t.toArray() as number[], (v) => formatFixed(v, 4)).join(', ')}]`;

function train(model: LinearRegression, x: Tensor, y: Tensor, s: LinregSettings, gen: Generator, ui: Ui): number[] {
  ui.progress?.start(s.epochs);
  let losses: number[];
  try {
    ({ losses } = model.fit(x, y, {
      epochs: s.epochs,
      batchSize: s.batchSize,
      lr: s.lr,
      optimizer: s.optimizer,
      generator: gen,
      onEpoch: (epoch, loss) => {
        if (!Number.isFinite(loss)) throw new CliError(`training diverged at epoch ${epoch} (loss ${loss}); try a smaller --lr`);
        if (ui.progress) ui.progress.update(epoch, loss);
        else ui.out(`epoch ${epoch}, loss ${f6(loss)}`);
      },
    }));
  } finally {
    ui.progress?.stop();
  }
  if (ui.progress) losses.forEach((l, i) => ui.out(`epoch ${i + 1}, loss ${f6(l)}`));
  return losses;
}

async function finish(model: LinearRegression, losses: number[], s: LinregSettings, ui: Ui, metadata?: Record<string, string>): Promise<void> {
  if (losses.length >= 2) {
    ui.out('');
    ui.out('loss per epoch:');
    for (const line of terminalChart(losses).split('\n')) ui.out(line);
  }
  if (s.save !== undefined) {
    model.save(s.save, { metadata });
    ui.out(`saved the model to ${s.save}`);
  }
  if (s.plot !== undefined) {
    await writeSvgChart(losses, s.plot, 'tensorgrad linreg: loss per epoch');
    ui.out(`wrote the loss curve to ${s.plot}`);
  }
}

/** The tutorial: synthetic data from y = Xw + 4.2 + noise with w ~ N(0, 1). */
export async function runSynthetic(s: LinregSettings, ui: Ui): Promise<void> {
  const gen = new Generator().manualSeed(s.seed);
  const trueW = normal(0, 1, [s.features, 1], { generator: gen });
  const trueB = 4.2;
  const x = normal(0, 1, [s.samples, s.features], { generator: gen });
  const y = x
    .matmul(trueW)
    .add(trueB)
    .add(normal(0, 0.01, [s.samples, 1], { generator: gen }));
  const model = new LinearRegression(s.features, { generator: gen });
  ui.out(
    `linear regression: ${s.samples} samples, ${s.features} features, ${s.epochs} epochs, batch ${s.batchSize}, lr ${s.lr}, ${s.optimizer}, seed ${s.seed}`,
  );
  const losses = train(model, x, y, s, gen, ui);
  const w = model.weight.reshape([-1]).detach();
  const b = model.bias!.detach();
  ui.out('');
  ui.out(`learned w: ${list(w)}`);
  ui.out(`true w:    ${list(trueW.reshape([-1]))}`);
  ui.out(`learned b: ${formatFixed(b.item(), 4)}`);
  ui.out(`true b:    ${formatFixed(trueB, 4)}`);
  ui.out(`error in estimating w: ${list(trueW.reshape([-1]).sub(w))}`);
  ui.out(`error in estimating b: ${formatFixed(trueB - b.item(), 4)}`);
  if (s.closedForm) {
    const exact = new LinearRegression(s.features, { generator: gen }).fitClosedForm(x, y);
    ui.out(`least squares: w ${list(exact.weight.reshape([-1]))}, b ${formatFixed(exact.bias!.item(), 4)}`);
  }
  await finish(model, losses, s, ui);
}

/** Fits `target` from the other columns of a numeric CSV file. */
export async function runCsv(s: LinregSettings, ui: Ui): Promise<void> {
  const table = await readCsv(s.csv!);
  const t = table.columns.indexOf(s.target!);
  if (t < 0) throw new CliError(`--target: no column '${s.target}' in ${s.csv} (columns: ${table.columns.join(', ')})`);
  const features = table.columns.filter((_, i) => i !== t);
  if (features.length === 0) throw new CliError(`${s.csv} has no feature columns besides '${s.target}'`);
  const keep = tensor(Int32Array.from(table.columns.map((_, i) => i).filter((i) => i !== t)));
  const x = table.values.indexSelect(1, keep).contiguous();
  const y = table.values.narrow(1, t, 1).contiguous();
  const n = x._shape[0];
  const gen = new Generator().manualSeed(s.seed);
  const model = new LinearRegression(features.length, { generator: gen });
  ui.out(`linear regression of '${s.target}' on ${features.join(', ')}: ${n} rows, ${s.epochs} epochs, batch ${s.batchSize}, lr ${s.lr}, ${s.optimizer}`);
  const losses = train(model, x, y, s, gen, ui);
  const width = Math.max(...features.map((f) => f.length), 4);
  const report = (m: LinearRegression, title: string) => {
    ui.out('');
    ui.out(title);
    const w = m.weight.reshape([-1]).toArray() as number[];
    features.forEach((f, i) => ui.out(`${f.padEnd(width)}  ${formatFixed(w[i], 6)}`));
    ui.out(`${'bias'.padEnd(width)}  ${formatFixed(m.bias!.item(), 6)}`);
    ui.out(`R^2: ${formatFixed(m.score(x, y), 6)}`);
  };
  report(model, `${s.optimizer} after ${s.epochs} epochs:`);
  if (s.closedForm) report(new LinearRegression(features.length).fitClosedForm(x, y), 'least squares (closed form):');
  // The feature names let `tensorgrad predict` pick the columns of another CSV file.
  await finish(model, losses, s, ui, { features: JSON.stringify(features), target: s.target! });
}

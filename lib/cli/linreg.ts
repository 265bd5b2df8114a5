// `tensorgrad linreg`: the tutorial's linear regression end to end, or a fit of a CSV file.
import { tensor } from '../creation';
import { formatFixed } from '../format';
import { LinearRegression } from '../models/linear_regression';
import { Generator, normal } from '../random';
import type { Tensor } from '../tensor';
import { readNumericCsv } from './csv';

export interface LinregSettings {
  seed: number;
  samples: number;
  features: number;
  epochs: number;
  batchSize: number;
  lr: number;
  csv?: string;
  target?: string;
}

export class CliError extends Error {}

const f6 = (v: number) => formatFixed(v, 6);
const list = (t: Tensor) => `[${Array.from(t.dataSync(), (v) => formatFixed(v, 4)).join(', ')}]`;

function train(model: LinearRegression, x: Tensor, y: Tensor, s: LinregSettings, gen: Generator, out: (line: string) => void): void {
  model.fit(x, y, {
    epochs: s.epochs,
    batchSize: s.batchSize,
    lr: s.lr,
    generator: gen,
    onEpoch: (epoch, loss) => {
      if (!Number.isFinite(loss)) throw new CliError(`training diverged at epoch ${epoch} (loss ${loss}); try a smaller --lr`);
      out(`epoch ${epoch}, loss ${f6(loss)}`);
    },
  });
}

/** The tutorial: synthetic data from y = Xw + 4.2 + noise with w ~ N(0, 1). */
export function runSynthetic(s: LinregSettings, out: (line: string) => void): void {
  const gen = new Generator().manualSeed(s.seed);
  const trueW = normal(0, 1, [s.features, 1], { generator: gen });
  const trueB = 4.2;
  const x = normal(0, 1, [s.samples, s.features], { generator: gen });
  const y = x.matmul(trueW).add(trueB).add(normal(0, 0.01, [s.samples, 1], { generator: gen }));
  const model = new LinearRegression(s.features, { generator: gen });
  out(`linear regression: ${s.samples} samples, ${s.features} features, ${s.epochs} epochs, batch ${s.batchSize}, lr ${s.lr}, seed ${s.seed}`);
  train(model, x, y, s, gen, out);
  const w = model.weight.reshape([-1]).detach();
  const b = model.bias!.detach();
  out('');
  out(`learned w: ${list(w)}`);
  out(`true w:    ${list(trueW.reshape([-1]))}`);
  out(`learned b: ${formatFixed(b.item(), 4)}`);
  out(`true b:    ${formatFixed(trueB, 4)}`);
  out(`error in estimating w: ${list(trueW.reshape([-1]).sub(w))}`);
  out(`error in estimating b: ${formatFixed(trueB - b.item(), 4)}`);
}

/** Fits `target` from the other columns of a numeric CSV file. */
export function runCsv(s: LinregSettings, out: (line: string) => void): void {
  const table = readNumericCsv(s.csv!);
  const t = table.columns.indexOf(s.target!);
  if (t < 0) throw new CliError(`--target: no column '${s.target}' in ${s.csv} (columns: ${table.columns.join(', ')})`);
  const features = table.columns.filter((_, i) => i !== t);
  if (features.length === 0) throw new CliError(`${s.csv} has no feature columns besides '${s.target}'`);
  const n = table.rowCount;
  const k = table.columns.length;
  const xs = new Float32Array(n * features.length);
  const ys = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    let j = 0;
    for (let c = 0; c < k; c++) {
      if (c === t) ys[r] = table.values[r * k + c];
      else xs[r * features.length + j++] = table.values[r * k + c];
    }
  }
  const x = tensor(xs, { shape: [n, features.length] });
  const y = tensor(ys, { shape: [n, 1] });
  const gen = new Generator().manualSeed(s.seed);
  const model = new LinearRegression(features.length, { generator: gen });
  out(`linear regression of '${s.target}' on ${features.join(', ')}: ${n} rows, ${s.epochs} epochs, batch ${s.batchSize}, lr ${s.lr}`);
  train(model, x, y, s, gen, out);
  out('');
  const w = model.weight.reshape([-1]).dataSync();
  const width = Math.max(...features.map((f) => f.length), 4);
  features.forEach((f, i) => out(`${f.padEnd(width)}  ${formatFixed(w[i], 6)}`));
  out(`${'bias'.padEnd(width)}  ${formatFixed(model.bias!.item(), 6)}`);
  out(`R^2: ${formatFixed(model.score(x, y), 6)}`);
}

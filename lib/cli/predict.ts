// `tensorgrad predict --model FILE --csv FILE [--out FILE]`: applies a model saved by linreg,
// classify or mlp (its standardisation and class labels come from the file's metadata) to the
// rows of a CSV file and writes the predictions as CSV.
import * as fs from 'fs';
import { noGradSync } from '../autograd/grad_mode';
import { tensor } from '../creation';
import { writeFileOrThrow } from '../io/files';
import { loadWithMetadata } from '../io/safetensors';
import { LinearRegression } from '../models/linear_regression';
import { LogisticRegression } from '../models/logistic_regression';
import { MLP } from '../models/mlp';
import { featureMatrix, standardise } from './classify';
import { CliError } from './linreg';
import { csvField, readTable } from './table';

export interface PredictSettings {
  model: string;
  csv: string;
  out?: string;
}

type Model = LinearRegression | LogisticRegression | MLP;

function loadModel(file: string): { model: Model; meta: Record<string, string> } {
  if (!fs.existsSync(file)) throw new CliError(`--model: no such file ${file}`);
  const { metadata } = loadWithMetadata(file);
  const meta = metadata ?? {};
  switch (meta.model) {
    case 'LinearRegression':
      return { model: LinearRegression.load(file), meta };
    case 'LogisticRegression':
      return { model: LogisticRegression.load(file), meta };
    case 'MLP':
      return { model: MLP.load(file), meta };
    default:
      throw new CliError(`--model: ${file} is not a model saved by tensorgrad linreg, classify or mlp (no model name in its metadata)`);
  }
}

function jsonArray<K extends 'string' | 'number'>(
  meta: Record<string, string>,
  key: string,
  file: string,
  kind: K,
): (K extends 'string' ? string : number)[] | undefined {
  if (meta[key] === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(meta[key]);
  } catch {
    v = undefined;
  }
  if (!Array.isArray(v) || !v.every((e) => typeof e === kind)) throw new CliError(`--model: ${file} has unreadable metadata '${key}'`);
  return v as (K extends 'string' ? string : number)[];
}

/** Six significant digits, without trailing zeros. */
const num = (v: number) => String(Number(v.toPrecision(6)));

export async function runPredict(s: PredictSettings, lines: (line: string) => void): Promise<void> {
  const { model, meta } = loadModel(s.model);
  const table = await readTable(s.csv);
  const names = jsonArray(meta, 'features', s.model, 'string');
  let cols: number[];
  if (names !== undefined) {
    cols = names.map((name) => {
      const c = table.columns.indexOf(name);
      if (c < 0) throw new CliError(`--csv: ${s.csv} has no column '${name}' (the model was trained on ${names.join(', ')})`);
      return c;
    });
  } else {
    cols = table.columns.map((_, i) => i).filter((i) => table.columns[i] !== meta.target);
  }
  if (cols.length !== model.nFeatures) {
    throw new CliError(`--csv: ${s.csv} has ${cols.length} feature columns, the model takes ${model.nFeatures}`);
  }
  const raw = featureMatrix(table, cols, s.csv);
  const mean = jsonArray(meta, 'mean', s.model, 'number');
  const std = jsonArray(meta, 'std', s.model, 'number');
  if ((mean && mean.length !== cols.length) || (std && std.length !== cols.length))
    throw new CliError(`--model: ${s.model} has a standardisation of the wrong length`);
  const x = mean && std ? standardise(raw, cols.length, mean, std) : tensor(Float32Array.from(raw), { shape: [table.rows, cols.length] });
  const labels = jsonArray(meta, 'labels', s.model, 'string');
  const target = meta.target ?? 'prediction';
  const rows: string[] = [];
  noGradSync(() => {
    const classifier = model instanceof LogisticRegression || (model instanceof MLP && model.task === 'classification');
    if (classifier) {
      const k = model instanceof LogisticRegression ? model.classes : model.outputs;
      if (labels && labels.length !== k) throw new CliError(`--model: ${s.model} names ${labels.length} labels for ${k} classes`);
      const names = labels ?? Array.from({ length: k }, (_, i) => String(i));
      const pred = Array.from(model.predict(x).toArray() as (number | bigint)[], Number);
      const proba = model.predictProba(x).toArray() as number[][];
      rows.push([target, ...names.map((l) => `p(${l})`)].map(csvField).join(','));
      pred.forEach((p, i) => rows.push([csvField(names[p]), ...proba[i].map(num)].join(',')));
    } else {
      const out = model.predict(x).toArray() as number[][];
      const heads = out[0]?.length > 1 ? out[0].map((_, j) => `${target}_${j}`) : [target];
      rows.push(heads.map(csvField).join(','));
      for (const r of out) rows.push(r.map(num).join(','));
    }
  });
  if (s.out !== undefined) {
    writeFileOrThrow('--out', s.out, Buffer.from(rows.join('\n') + '\n', 'utf8'));
    lines(`wrote ${rows.length - 1} predictions to ${s.out}`);
  } else rows.forEach((r) => lines(r));
}

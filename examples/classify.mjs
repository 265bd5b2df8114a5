// Tabular classification on scikit-learn's breast cancer data (569 tumours, 30 features;
// exported by scripts/export_sklearn_data.py): a seeded train/held-out split, features
// standardised with the training part's statistics, then a logistic regression and an MLP.
// Run: node examples/classify.mjs [file.csv] [target column]
// The CLI does the same in one line: npx tensorgrad classify --csv FILE --target target
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tg from 'tensorgrad';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.argv[2] ?? path.join(here, 'data', 'breast_cancer.csv');
const target = process.argv[3] ?? 'target';

const { columns, values } = await tg.data.readCsv(file);
const t = columns.indexOf(target);
if (t < 0) throw new Error(`no column ${target} in ${file}`);
const x = values.indexSelect(
  1,
  columns.map((_, i) => i).filter((i) => i !== t),
);
const y = values.select(1, t).to('int64');

// 80% to train on, 20% held out, in a seeded random order.
const gen = new tg.Generator().manualSeed(42);
const n = x.shape[0];
const nVal = Math.round(n * 0.2);
const perm = tg.randperm(n, { generator: gen });
const [trainIdx, valIdx] = [perm.narrow(0, 0, n - nVal), perm.narrow(0, n - nVal, nVal)];

// Standardise with the training rows' mean and std (as scikit-learn's StandardScaler).
const mean = x.indexSelect(0, trainIdx).mean(0, true);
const std = x.indexSelect(0, trainIdx).sub(mean).pow(2).mean(0, true).sqrt();
const xs = x.sub(mean).div(std);
const [xTrain, yTrain, xVal, yVal] = [xs.indexSelect(0, trainIdx), y.indexSelect(0, trainIdx), xs.indexSelect(0, valIdx), y.indexSelect(0, valIdx)];

const logreg = new tg.models.LogisticRegression(x.shape[1], { classes: 2 });
logreg.fit(xTrain, yTrain, { epochs: 20, batchSize: 32, lr: 0.05, generator: gen });
console.log(`logistic regression: held-out accuracy ${logreg.score(xVal, yVal).toFixed(4)}`);

const mlp = new tg.models.MLP([x.shape[1], 32, 16, 2], { task: 'classification', dropout: 0.1, generator: new tg.Generator().manualSeed(42) });
const { losses } = await mlp.fitAsync(xTrain, yTrain, { epochs: 15, batchSize: 32, lr: 0.01, optimizer: 'adam', generator: gen });
console.log(`MLP 30-32-16-2: final training loss ${losses.at(-1).toFixed(4)}, held-out accuracy ${mlp.score(xVal, yVal).toFixed(4)}`);

// Probabilities of the first held-out tumours (columns: malignant, benign).
const proba = mlp.predictProba(xVal.narrow(0, 0, 3));
console.log('P(malignant), P(benign) of three held-out tumours:');
console.log(proba.toString());

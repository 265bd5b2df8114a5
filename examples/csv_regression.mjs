// Fits a linear model to a CSV file with a header row and numeric columns, and compares SGD with
// the exact least-squares fit. Run: node examples/csv_regression.mjs [file.csv] [target column]
// (defaults: examples/data/advertising.csv and its "sales" column).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tg from 'tensorgrad';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.argv[2] ?? path.join(here, 'data', 'advertising.csv');
const target = process.argv[3] ?? 'sales';

const { columns, values } = await tg.data.readCsv(file);
const t = columns.indexOf(target);
if (t < 0) throw new Error(`no column ${target} in ${file}`);
const featureIdx = columns.map((_, i) => i).filter((i) => i !== t);
let x = values.indexSelect(1, featureIdx).contiguous();
const y = values.narrow(1, t, 1).contiguous();

// Standardise the features so one learning rate suits every column.
const mean = x.mean(0, true);
const std = x.sub(mean).pow(2).mean(0, true).sqrt();
x = x.sub(mean).div(std);

const model = new tg.models.LinearRegression(featureIdx.length, { generator: new tg.Generator().manualSeed(1) });
const { losses } = model.fit(x, y, { epochs: 200, batchSize: 32, lr: 0.05, optimizer: 'adam' });
const exact = new tg.models.LinearRegression(featureIdx.length).fitClosedForm(x, y);
console.log(`${file}: ${values.shape[0]} rows; predicting ${target} from ${featureIdx.map((i) => columns[i]).join(', ')}`);
console.log(`final loss ${losses.at(-1).toFixed(4)}`);
console.log(`R^2 adam ${model.score(x, y).toFixed(4)}, least squares ${exact.score(x, y).toFixed(4)}`);

// The `tensorgrad` command. Bad flags or files: one line on stderr, exit code 2.
// First: the modules below load through the code cache (compile_cache.ts).
import '../compile_cache';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import '../tensor_methods';
import { TensorError } from '../errors';
import { CliError, runCsv, runSynthetic, type LinregSettings, type Ui } from './linreg';
import { terminalProgress } from './progress';
import { runModel } from './classify';
import { runPredict } from './predict';
import { FLAGS, checkFlags, integer, modelSettings, predictSettings } from './settings';

const HELP = `usage: tensorgrad linreg [options]
       tensorgrad classify --csv FILE --target COLUMN [options]
       tensorgrad mlp --csv FILE --target COLUMN [options]
       tensorgrad predict --model FILE --csv FILE [--out FILE]
       tensorgrad build      build the native addon from source (when no prebuilt one fits)

linreg trains the tutorial's linear regression (y = Xw + 4.2 + noise, w ~ N(0, 1)) with
minibatch SGD and prints the loss per epoch and the learned w and b next to the true ones.

options:
  --seed N              random seed (default 42)
  --samples N           number of synthetic samples (default 1000)
  --features N          number of features (default 2)
  --epochs N            training epochs (default 10)
  --batch-size N        minibatch size (default 100)
  --lr X                learning rate (default 0.05)
  --optimizer NAME      sgd (default) or adam
  --closed-form         also solve least squares exactly and print it for comparison
  --csv FILE            fit a CSV file instead (header row, numeric columns)
  --target COLUMN       the CSV column to predict (required with --csv)
  --save FILE           write the trained model as .safetensors
  --plot FILE           draw the loss curve as SVG (needs the optional packages vega, vega-lite)
  -h, --help            show this help
  -v, --version         print the package's version

classify trains a classifier on a CSV file (numeric feature columns; the target column's
labels may be numbers or text): a seeded train/validation split, features standardised with
the training part's mean and std, progress per epoch, and the accuracy on the held-out part.
mlp does the same with an MLP, for regression (default: MSE, R^2) or classification.

options of classify and mlp (besides --csv, --target, --seed, --save, --plot):
  --model NAME          classify: logreg (default) or mlp
  --task NAME           mlp: regression (default) or classification
  --hidden 64,32        hidden layer sizes of the MLP (default 64)
  --activation NAME     relu (default), gelu, tanh, sigmoid, silu, leakyRelu, elu
  --dropout P           dropout after each hidden layer (default 0)
  --epochs N            training epochs (default 20)
  --batch-size N        minibatch size (default 32)
  --lr X                learning rate (default 0.05)
  --optimizer NAME      sgd (default) or adam
  --val-fraction F      the held-out share of the rows, in [0, 1) (default 0.2)

predict applies a model saved with --save by linreg, classify or mlp (with its
standardisation and class labels) to the rows of a CSV file and prints CSV predictions;
--out FILE writes them to FILE instead.`;

/** The version in tensorgrad's package.json, found upward from this file (lib/cli or dist/cjs/cli). */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tensorgrad' && pkg.version !== undefined) return pkg.version;
    }
    if (path.dirname(dir) === dir) throw new CliError('cannot find the package.json of tensorgrad');
  }
}

function settings(values: Record<string, string | boolean | undefined>): LinregSettings {
  const str = (k: string) => values[k] as string | undefined;
  const lrText = str('lr');
  const lr = lrText === undefined ? 0.05 : Number(lrText);
  if (!(lr > 0) || !Number.isFinite(lr)) throw new CliError(`--lr must be a positive number, got '${lrText}'`);
  const optimizer = str('optimizer') ?? 'sgd';
  if (optimizer !== 'sgd' && optimizer !== 'adam') throw new CliError(`--optimizer must be sgd or adam, got '${optimizer}'`);
  const s: LinregSettings = {
    seed: integer('seed', str('seed'), 42, -Number.MAX_SAFE_INTEGER),
    samples: integer('samples', str('samples'), 1000, 1),
    features: integer('features', str('features'), 2, 1),
    epochs: integer('epochs', str('epochs'), 10, 0),
    batchSize: integer('batch-size', str('batch-size'), 100, 1),
    lr,
    optimizer,
    closedForm: values['closed-form'] === true,
    csv: str('csv'),
    target: str('target'),
    save: str('save'),
    plot: str('plot'),
  };
  if (s.csv !== undefined && s.target === undefined) throw new CliError('--csv needs --target COLUMN');
  if (s.target !== undefined && s.csv === undefined) throw new CliError('--target needs --csv FILE');
  return s;
}

export interface MainIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Show a progress bar (default: when stdout is a terminal). */
  tty?: boolean;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: MainIo = {}): Promise<number> {
  const out = io.out ?? ((l: string) => console.log(l));
  const err = io.err ?? ((l: string) => console.error(l));
  try {
    const { values, positionals } = parseArgs({
      args: argv.slice(),
      allowPositionals: true,
      strict: true,
      options: {
        seed: { type: 'string' },
        samples: { type: 'string' },
        features: { type: 'string' },
        epochs: { type: 'string' },
        'batch-size': { type: 'string' },
        lr: { type: 'string' },
        optimizer: { type: 'string' },
        'closed-form': { type: 'boolean' },
        csv: { type: 'string' },
        target: { type: 'string' },
        save: { type: 'string' },
        plot: { type: 'string' },
        model: { type: 'string' },
        task: { type: 'string' },
        hidden: { type: 'string' },
        activation: { type: 'string' },
        dropout: { type: 'string' },
        'val-fraction': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    if (values.help) {
      out(HELP);
      return 0;
    }
    if (values.version) {
      out(packageVersion());
      return 0;
    }
    const [command, ...rest] = positionals;
    if (command === undefined) throw new CliError("missing command (try 'tensorgrad linreg' or 'tensorgrad --help')");
    if (!Object.hasOwn(FLAGS, command)) throw new CliError(`unknown command '${command}' (try 'tensorgrad --help')`);
    if (rest.length > 0) throw new CliError(`unexpected argument '${rest[0]}'`);
    checkFlags(command as keyof typeof FLAGS, values);
    const ui: Ui = { out, progress: (io.tty ?? process.stdout.isTTY === true) ? terminalProgress() : null };
    if (command === 'predict') {
      await runPredict(predictSettings(values), out);
      return 0;
    }
    if (command === 'classify' || command === 'mlp') {
      await runModel(modelSettings(command, values), ui);
      return 0;
    }
    const s = settings(values);
    if (s.csv !== undefined) await runCsv(s, ui);
    else await runSynthetic(s, ui);
    return 0;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (e instanceof CliError || e instanceof TensorError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      // One line, even for util.parseArgs' messages that carry a hint on a second line.
      err(`tensorgrad: ${(e as Error).message.trim().replace(/\s*\n\s*/g, ' ')}`);
      return 2;
    }
    throw e;
  }
}

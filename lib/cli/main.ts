// The `tensorgrad` command. Bad flags or files: one line on stderr, exit code 2.
import { parseArgs } from 'util';
import '../tensor_methods';
import { TensorError } from '../errors';
import { CliError, runCsv, runSynthetic, type LinregSettings } from './linreg';

const HELP = `usage: tensorgrad linreg [options]
       tensorgrad build      build the native addon from source (when no prebuilt one fits)

Trains the tutorial's linear regression (y = Xw + 4.2 + noise, w ~ N(0, 1)) with minibatch SGD
and prints the loss per epoch and the learned w and b next to the true ones.

options:
  --seed N          random seed (default 42)
  --samples N       number of synthetic samples (default 1000)
  --features N      number of features (default 2)
  --epochs N        training epochs (default 10)
  --batch-size N    minibatch size (default 100)
  --lr X            learning rate (default 0.05)
  --csv FILE        fit a CSV file instead (header row, numeric columns)
  --target COLUMN   the CSV column to predict (required with --csv)
  -h, --help        show this help`;

function positiveInt(name: string, v: string | undefined, fallback: number, allowZero = false): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || (!allowZero && n === 0)) {
    throw new CliError(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got '${v}'`);
  }
  return n;
}

function settings(values: Record<string, string | boolean | undefined>): LinregSettings {
  const str = (k: string) => values[k] as string | undefined;
  const lrText = str('lr');
  const lr = lrText === undefined ? 0.05 : Number(lrText);
  if (!(lr > 0) || !Number.isFinite(lr)) throw new CliError(`--lr must be a positive number, got '${lrText}'`);
  const seedText = str('seed');
  if (seedText !== undefined && !/^-?\d+$/.test(seedText.trim())) throw new CliError(`--seed must be an integer, got '${seedText}'`);
  const s: LinregSettings = {
    seed: seedText === undefined ? 42 : Number(seedText),
    samples: positiveInt('samples', str('samples'), 1000),
    features: positiveInt('features', str('features'), 2),
    epochs: positiveInt('epochs', str('epochs'), 10, true),
    batchSize: positiveInt('batch-size', str('batch-size'), 100),
    lr,
    csv: str('csv'),
    target: str('target'),
  };
  if (s.csv !== undefined && s.target === undefined) throw new CliError('--csv needs --target COLUMN');
  if (s.target !== undefined && s.csv === undefined) throw new CliError('--target needs --csv FILE');
  return s;
}

/** Runs the CLI; returns the exit code. */
export function main(argv: readonly string[], out = (l: string) => console.log(l), err = (l: string) => console.error(l)): number {
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
        csv: { type: 'string' },
        target: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      out(HELP);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (command === undefined) throw new CliError("missing command (try 'tensorgrad linreg' or 'tensorgrad --help')");
    if (command !== 'linreg') throw new CliError(`unknown command '${command}' (try 'tensorgrad --help')`);
    if (rest.length > 0) throw new CliError(`unexpected argument '${rest[0]}'`);
    const s = settings(values);
    if (s.csv !== undefined) runCsv(s, out);
    else runSynthetic(s, out);
    return 0;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (e instanceof CliError || e instanceof TensorError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      err(`tensorgrad: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}

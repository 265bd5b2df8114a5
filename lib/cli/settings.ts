// Flag parsing for the commands: which flags each command takes, and the checked settings of
// classify, mlp and predict (a bad value is a CliError: one line on stderr, exit code 2).
import type { MLPActivation } from '../models/mlp';
import type { ModelSettings } from './classify';
import { CliError } from './linreg';
import type { PredictSettings } from './predict';

type Values = Record<string, string | boolean | undefined>;

const TRAIN = ['seed', 'epochs', 'batch-size', 'lr', 'optimizer', 'csv', 'target', 'save', 'plot'];
const NET = ['hidden', 'activation', 'dropout', 'val-fraction'];

/** The flags of each command (besides --help and --version). */
export const FLAGS = {
  linreg: [...TRAIN, 'samples', 'features', 'closed-form'],
  classify: [...TRAIN, ...NET, 'model'],
  mlp: [...TRAIN, ...NET, 'task'],
  predict: ['model', 'csv', 'out'],
};

export function checkFlags(command: keyof typeof FLAGS, values: Values): void {
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined && k !== 'help' && k !== 'version' && !FLAGS[command].includes(k)) throw new CliError(`--${k} is not an option of ${command}`);
  }
}

export function integer(name: string, v: string | undefined, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new CliError(`--${name} must be ${min === 0 ? 'a non-negative' : min === 1 ? 'a positive' : 'an'} integer, got '${v}'`);
  }
  return n;
}

/** A number in [0, 1). */
function fraction(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const x = v.trim() === '' ? NaN : Number(v);
  if (!(x >= 0 && x < 1)) throw new CliError(`--${name} must be a number in [0, 1), got '${v}'`);
  return x;
}

function oneOf<T extends string>(name: string, v: string | undefined, choices: readonly T[]): T {
  if (v === undefined) return choices[0];
  if (!(choices as readonly string[]).includes(v))
    throw new CliError(`--${name} must be ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}, got '${v}'`);
  return v as T;
}

const ACTIVATIONS: readonly MLPActivation[] = ['relu', 'gelu', 'tanh', 'sigmoid', 'silu', 'leakyRelu', 'elu'];

export function modelSettings(command: 'classify' | 'mlp', values: Values): ModelSettings {
  const str = (k: string) => values[k] as string | undefined;
  const csv = str('csv');
  const target = str('target');
  if (csv === undefined) throw new CliError(`${command} needs --csv FILE`);
  if (target === undefined) throw new CliError(`${command} needs --target COLUMN`);
  const lrText = str('lr');
  const lr = lrText === undefined ? 0.05 : Number(lrText);
  if (!(lr > 0) || !Number.isFinite(lr)) throw new CliError(`--lr must be a positive number, got '${lrText}'`);
  const hiddenText = str('hidden') ?? '64';
  const hidden = hiddenText.split(',').map((h) => Number(h.trim()));
  if (!hiddenText.split(',').every((h) => /^\d+$/.test(h.trim())) || hidden.some((h) => !Number.isSafeInteger(h) || h < 1)) {
    throw new CliError(`--hidden must be a comma-separated list of positive integers, got '${hiddenText}'`);
  }
  const model = command === 'mlp' ? 'mlp' : oneOf('model', str('model'), ['logreg', 'mlp'] as const);
  return {
    command,
    csv,
    target,
    model,
    task: command === 'classify' ? 'classification' : oneOf('task', str('task'), ['regression', 'classification'] as const),
    hidden,
    activation: oneOf('activation', str('activation'), ACTIVATIONS),
    dropout: fraction('dropout', str('dropout'), 0),
    epochs: integer('epochs', str('epochs'), 20, 0),
    batchSize: integer('batch-size', str('batch-size'), 32, 1),
    lr,
    optimizer: oneOf('optimizer', str('optimizer'), ['sgd', 'adam'] as const),
    seed: integer('seed', str('seed'), 42, -Number.MAX_SAFE_INTEGER),
    valFraction: fraction('val-fraction', str('val-fraction'), 0.2),
    save: str('save'),
    plot: str('plot'),
  };
}

export function predictSettings(values: Values): PredictSettings {
  const model = values.model as string | undefined;
  const csv = values.csv as string | undefined;
  if (model === undefined) throw new CliError('predict needs --model FILE (a model saved with --save)');
  if (csv === undefined) throw new CliError('predict needs --csv FILE');
  return { model, csv, out: values.out as string | undefined };
}

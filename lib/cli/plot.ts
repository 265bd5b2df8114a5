// Loss curves: in the terminal with asciichart, and as SVG with Vega-Lite (an optional
// dependency, loaded only here and only for --plot).
import { stateError } from '../errors';
import { writeFileOrThrow } from '../io/files';

export function terminalChart(losses: readonly number[]): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const asciichart = require('asciichart') as { plot(series: number[], cfg?: { height?: number; format?: (x: number) => string }): string };
  return asciichart.plot(losses.slice(), { height: 8, format: (v) => v.toExponential(2).padStart(10) });
}

// A native import() that TypeScript's CommonJS output leaves alone (vega is ESM-only).
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a dynamic import() that the CommonJS build must not rewrite
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Record<string, unknown>>;

export async function writeSvgChart(losses: readonly number[], file: string, title: string): Promise<void> {
  let vega: { parse(spec: unknown): unknown; View: new (runtime: unknown, opts: { renderer: string }) => { toSVG(): Promise<string> } };
  let vegaLite: { compile(spec: unknown): { spec: unknown } };
  try {
    vega = (await importEsm('vega')) as unknown as typeof vega;
    vegaLite = (await importEsm('vega-lite')) as unknown as typeof vegaLite;
  } catch (e) {
    throw stateError(`--plot needs the optional packages vega and vega-lite (npm install vega vega-lite): ${(e as Error).message}`);
  }
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 480,
    height: 240,
    data: { values: losses.map((loss, i) => ({ epoch: i + 1, loss })) },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1 } },
      y: { field: 'loss', type: 'quantitative', scale: { type: losses.every((l) => l > 0) ? 'log' : 'linear' } },
    },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  writeFileOrThrow('--plot', file, Buffer.from(svg, 'utf8'));
}

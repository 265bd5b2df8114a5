// tensorgrad's random streams against PyTorch's (scripts/pytorch_rng.py records them with
// Debian's python3-torch): after the same seed, the same calls give the same bits. Large
// results are compared through the SHA-256 of their bytes, integers as int64.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as tg from '../../lib';

interface Result {
  dtype: string;
  shape: number[];
  values?: number[];
  sha256?: string;
  head?: number[];
}
interface Case {
  name: string;
  seed: string | null;
  js: string;
  results: Result[];
}
interface State {
  seed: number;
  state_sha256: string;
  state_head: number[];
  state_tail: number[];
  continued: Result;
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'pytorch_rng.json'), 'utf8')) as {
  pytorch: string;
  cases: Case[];
  states: State[];
};

function loaderOrder(n: number, batch: number): tg.Tensor[] {
  const loader = new tg.data.DataLoader(new tg.data.TensorDataset(tg.arange(n, { dtype: 'int64' })), { batchSize: batch, shuffle: true });
  return [...loader].map((b) => b[0]);
}

function bytesOf(t: tg.Tensor): Uint8Array {
  const d = t.contiguous().dataSync();
  const wide = d instanceof Float32Array || d instanceof Float64Array ? d : BigInt64Array.from(Array.from(d as ArrayLike<number | bigint>, (v) => BigInt(v)));
  return new Uint8Array(wide.buffer, wide.byteOffset, wide.byteLength);
}

function expectResult(t: tg.Tensor, r: Result): void {
  expect(t.dtype).toBe(r.dtype);
  expect(t.shape).toEqual(r.shape);
  const values = Array.from(t.contiguous().dataSync() as ArrayLike<number | bigint>, Number);
  if (r.values !== undefined) {
    expect(values).toEqual(r.values);
  } else {
    expect(values.slice(0, 8)).toEqual(r.head);
    expect(createHash('sha256').update(bytesOf(t)).digest('hex')).toBe(r.sha256);
  }
}

describe(`random streams equal PyTorch ${fixture.pytorch}'s`, () => {
  test.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if (c.seed !== null) tg.manualSeed(BigInt(c.seed));
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the fixture's calls, written as JS by scripts/pytorch_rng.py
    const run = new Function('tg', 'loaderOrder', `return ${c.js};`) as (...args: unknown[]) => tg.Tensor[];
    const results = run(tg, loaderOrder);
    expect(results.length).toBe(c.results.length);
    results.forEach((t, i) => expectResult(t, c.results[i]));
  });

  test.each(fixture.states.map((s) => [s.seed, s] as const))(
    'getRngState after seed %s and randn(3) is PyTorch state, and setRngState continues it',
    (_seed, s) => {
      tg.manualSeed(s.seed);
      tg.randn(3);
      const state = tg.getRngState();
      expect(state.length).toBe(5056);
      expect(Array.from(state.subarray(0, 40))).toEqual(s.state_head);
      expect(Array.from(state.subarray(state.length - 48))).toEqual(s.state_tail);
      expect(createHash('sha256').update(state).digest('hex')).toBe(s.state_sha256);
      tg.manualSeed(12345); // elsewhere
      tg.randn(7);
      tg.setRngState(state);
      expectResult(tg.randn(5), s.continued);
    },
  );
});

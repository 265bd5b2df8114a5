// Nothing a worker or a transfer does to pending async ops may crash the process. Each case runs
// in a child process, so a crash fails the test instead of the runner: workers that die (terminate,
// process.exit) with async ops queued or running, with and without the parent holding the addon;
// and a transfer of a pending op's input buffer, collected while the op runs.
import { spawn } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const dist = path.join(root, 'dist', 'cjs', 'index.js');

interface Child {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function node(args: string[]): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, TENSORGRAD_DIST: dist } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function lastJson(c: Child): Record<string, unknown> {
  expect({ code: c.code, signal: c.signal, stderr: c.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
  return JSON.parse(c.stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
}

const churn = path.join(root, 'bench', 'worker_churn.js');

// Worker start-up dominates (0.15-0.3 s each on a 2-core runner); the 1,000-cycle soak is
// `node bench/worker_churn.js 1000`.
test.concurrent.each([
  ['terminate', 'shared', 40],
  ['exit', 'shared', 20],
  ['terminate', 'workers-only', 10],
])(
  'workers that %s with async ops in flight (%s addon) leave the parent running and its tensors intact',
  async (mode, shared, cycles) => {
    const out = lastJson(await node([churn, String(cycles), mode, shared]));
    expect(out).toMatchObject({ cycles, mode, shared: shared === 'shared' });
    if (shared === 'shared') expect(out.theirs).toBe(out.expected);
    if (shared === 'shared') expect(out.mineSum).toBe((4095 * 4096) / 2);
  },
  120000,
);

// The input's buffer is transferred away while its op is queued, the receiving copy dropped and
// collected. Defined outcomes only: the right result or a STATE TensorError, never a crash.
const transfer = `
  const { MessageChannel } = require('worker_threads');
  const tg = require(process.env.TENSORGRAD_DIST);
  const how = process.argv[1];
  const n = 1024;
  (async () => {
    const outcomes = [];
    for (let round = 0; round < 4; round++) {
      const arr = new Float32Array(n * n).fill(1);
      const a = tg.fromArray(arr, { shape: [n, n] });
      const b = tg.ones([n, n]);
      const pending = [tg.matmulAsync(b, b), tg.matmulAsync(a, b), tg.sumAsync(a)];
      let threw = null;
      try {
        if (how === 'structuredClone') structuredClone(arr.buffer, { transfer: [arr.buffer] });
        // ArrayBuffer.prototype.transfer (Node 21+; test_node_versions.sh runs this suite on Node 26)
        // detaches the source as a transfer list does: where it is missing, that equivalent runs.
        else if (how === 'transfer' || how === 'transferToFixedLength') {
          if (typeof arr.buffer[how] === 'function') arr.buffer[how]();
          else structuredClone(arr.buffer, { transfer: [arr.buffer] });
        } else {
          const { port1, port2 } = new MessageChannel();
          port1.postMessage(arr.buffer, [arr.buffer]);
          port1.close();
          port2.close();
        }
      } catch (e) {
        threw = e.name;
      }
      global.gc();
      const settled = await Promise.allSettled(pending);
      outcomes.push({ threw, res: settled.slice(1).map((s) => (s.status === 'fulfilled' ? s.value.sum().item() : s.reason.code)) });
    }
    console.log(JSON.stringify({ outcomes }));
  })();
`;

test.concurrent.each(['structuredClone', 'postMessage', 'transfer', 'transferToFixedLength'])(
  'a %s transfer of a pending op input buffer, then GC: no crash, a defined outcome',
  async (how) => {
    const out = lastJson(await node(['--expose-gc', '-e', transfer, how]));
    const outcomes = out.outcomes as { threw: string | null; res: (number | string)[] }[];
    expect(outcomes).toHaveLength(4);
    for (const { threw, res } of outcomes) {
      // Node 20 copies a marked buffer, 21+ refuses it (a TypeError from transfer(): V8's detach key)
      expect([null, 'DataCloneError', 'TypeError']).toContain(threw);
      expect([1024 ** 3, 'STATE']).toContain(res[0]);
      expect([1024 ** 2, 'STATE']).toContain(res[1]);
    }
  },
  120000,
);

// resize() is no transfer: the untransferable mark does not stop a resizable ArrayBuffer from
// shrinking (freeing its pages) under a queued job, so fromArray refuses one.
const resize = `
  const tg = require(process.env.TENSORGRAD_DIST);
  const n = 600;
  (async () => {
    const ab = new ArrayBuffer(n * n * 4, { maxByteLength: n * n * 8 });
    let a;
    try {
      a = tg.fromArray(new Float32Array(ab).fill(1), { shape: [n, n] });
    } catch (e) {
      console.log(JSON.stringify({ refused: e.code }));
      return;
    }
    const p = tg.matmulAsync(a, a);
    ab.resize(0);
    const r = await p.then((c) => c.sum().item(), (e) => e.code);
    console.log(JSON.stringify({ result: r }));
  })();
`;

test('a resizable ArrayBuffer shrunk under a pending op: no crash (fromArray refuses it)', async () => {
  expect(lastJson(await node(['-e', resize]))).toEqual({ refused: 'ARGUMENT' });
}, 60000);

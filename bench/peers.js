'use strict';
// The peers `npm run bench` measures beside tensorgrad: TensorFlow.js (WebAssembly and plain-JS
// CPU backends) and onnxruntime-node, from bench/'s own package.json (installed by bench/run.js
// on first use), and PyTorch through bench/torch_bench.py when python3 can import torch.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** Installs bench/'s dependencies if they are missing; false if that fails (peers left out). */
function ensureInstalled() {
  if (fs.existsSync(path.join(__dirname, 'node_modules', 'onnxruntime-node'))) return true;
  try {
    console.log('bench: installing the peers (bench/package.json)...');
    // onnxruntime-node's install script would fetch GPU files; its CPU library ships in the package.
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: __dirname,
      stdio: 'inherit',
      env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
    });
    return true;
  } catch (e) {
    console.log(`bench: peers not installed (${e.message.split('\n')[0]}); their columns are left out`);
    return false;
  }
}

/** A protobuf field: tag, then a varint or a length-delimited payload. */
function varint(n) {
  const out = [];
  for (n = BigInt(n); n >= 0x80n; n >>= 7n) out.push(Number(n & 0x7fn) | 0x80);
  out.push(Number(n));
  return Buffer.from(out);
}
const field = (num, payload) =>
  typeof payload === 'number'
    ? Buffer.concat([varint(num << 3), varint(payload)])
    : Buffer.concat([varint((num << 3) | 2), varint(payload.length), Buffer.from(payload)]);

/** An ONNX model computing C = A @ B for float32 A [M, K] and B [K, N] of any size. */
function matmulModel() {
  const valueInfo = (name, d0, d1) => {
    const dim = (p) => field(1, field(2, p)); // Dimension.dim_param
    const tensorType = Buffer.concat([field(1, 1), field(2, Buffer.concat([dim(d0), dim(d1)]))]); // FLOAT, shape
    return Buffer.concat([field(1, name), field(2, field(1, tensorType))]);
  };
  const node = Buffer.concat([field(1, 'A'), field(1, 'B'), field(2, 'C'), field(4, 'MatMul')]);
  const graph = Buffer.concat([
    field(1, node),
    field(2, 'matmul'),
    field(11, valueInfo('A', 'M', 'K')),
    field(11, valueInfo('B', 'K', 'N')),
    field(12, valueInfo('C', 'M', 'N')),
  ]);
  return new Uint8Array(Buffer.concat([field(1, 8), field(8, Buffer.concat([field(1, ''), field(2, 13)])), field(7, graph)]));
}

async function loadTf() {
  const tf = require(path.join(__dirname, 'node_modules', '@tensorflow', 'tfjs'));
  require(path.join(__dirname, 'node_modules', '@tensorflow', 'tfjs-backend-wasm'));
  return tf;
}

/** { version, sessions[threads] } for onnxruntime-node's CPU provider. */
async function loadOrt() {
  const ort = require(path.join(__dirname, 'node_modules', 'onnxruntime-node'));
  const model = matmulModel();
  const sessions = {};
  for (const threads of [1, 2]) {
    sessions[threads] = await ort.InferenceSession.create(model, {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
    });
  }
  const version = require(path.join(__dirname, 'node_modules', 'onnxruntime-node', 'package.json')).version;
  return { ort, sessions, version };
}

/** PyTorch's numbers: matmul with 1 thread, then the named groups with 2; null without torch. */
function torchNumbers(groups) {
  const one = torchRun(['matmul'], 1);
  const two = one && torchRun(groups, 2);
  return two && { ...one, ...two };
}

/** One run of bench/torch_bench.py with `threads` threads: its numbers, or null without torch. */
function torchRun(groups, threads) {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      const env = { ...process.env, TORCH_BENCH_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
      // Set on this machine for other tools; it halves OpenBLAS's speed.
      delete env.OPENBLAS_CORETYPE;
      const out = execFileSync(python, [path.join(__dirname, 'torch_bench.py'), ...groups], {
        encoding: 'utf8',
        env,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return JSON.parse(out.trim().split('\n').pop());
    } catch {
      // try the next interpreter
    }
  }
  return null;
}

module.exports = { ensureInstalled, loadTf, loadOrt, torchNumbers, torchRun };

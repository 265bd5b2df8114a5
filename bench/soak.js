'use strict';
// Soak: the tutorial's training step, STEPS times (default 1,000,000); reports RSS growth after
// warm-up and whether tg.memory() returns to its starting point. Needs --expose-gc.
// Prints one JSON line. The test suite runs a short version (__tests__/server/soak.test.ts).
const tg = require('..');

const steps = Number(process.argv[2] ?? 1_000_000);
if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
// Finalizers run on later turns of the event loop: collect, let them run, collect again.
async function settle() {
  for (let i = 0; i < 4; i++) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const gen = new tg.Generator().manualSeed(0);
const features = tg.normal(0, 1, [1000, 2], { generator: gen });
const labels = features.matmul(tg.tensor([[2], [-3.4]])).add(4.2);
const w = tg.normal(0, 0.01, [2, 1], { requiresGrad: true, generator: gen });
const b = tg.zeros([1], { requiresGrad: true });
const opt = new tg.optim.SGD([w, b], { lr: 0.03 });

function run(n) {
  let done = 0;
  while (done < n) {
    for (const [X, Y] of tg.data.dataIter(features, labels, 10, { generator: gen })) {
      X.matmul(w).add(b).sub(Y).pow(2).div(2).mean().backward();
      opt.step();
      opt.zeroGrad();
      if (++done >= n) break;
    }
  }
}

async function main() {
  const warmup = Math.min(5000, Math.floor(steps / 10));
  run(warmup);
  await settle();
  const rss0 = process.memoryUsage().rss;
  const mem0 = tg.memory();
  const t0 = process.hrtime.bigint();
  // In chunks with a turn of the event loop between them, as a server would run.
  for (let left = steps - warmup; left > 0; left -= 10000) {
    run(Math.min(left, 10000));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await settle();
  const rss1 = process.memoryUsage().rss;
  const mem1 = tg.memory();
  console.log(
    JSON.stringify({
      steps,
      stepsPerSecond: Math.round((steps - warmup) / seconds),
      rssGrowthMB: +((rss1 - rss0) / 2 ** 20).toFixed(2),
      memoryBefore: mem0,
      memoryAfter: mem1,
    }),
  );
}

main();

'use strict';
// `npm run bench:server`: an HTTP server on loopback answers small requests (a prediction)
// while a 1,000,000 x 64 linear regression trains in the background. Prints the event-loop
// delay (perf_hooks.monitorEventLoopDelay) and request latency idle and during fitAsync, and
// training throughput of fit (blocking) against fitAsync, alone and while serving.
const { execFile } = require('child_process');
const http = require('http');
const path = require('path');
const { monitorEventLoopDelay } = require('perf_hooks');
const tg = require('..');

const N = Number(process.env.BENCH_ROWS ?? 1_000_000);
const F = 64;
const BATCH = 1024;

function load(url, seconds) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(__dirname, 'load.js'), url, String(seconds), '5'], (err, stdout) =>
      err ? reject(err) : resolve(JSON.parse(stdout)),
    );
  });
}

async function measure(url, seconds, work) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const [latency, result] = await Promise.all([load(url, seconds), work()]);
  h.disable();
  const ms = (v) => +(v / 1e6).toFixed(2);
  return { loop: { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) }, latency, result };
}

(async () => {
  const gen = new tg.Generator().manualSeed(0);
  const trueW = tg.normal(0, 1, [F, 1], { generator: gen });
  const x = tg.normal(0, 1, [N, F], { generator: gen });
  const y = x.matmul(trueW).add(4.2);
  const served = new tg.nn.Linear(F, 1, { generator: gen });
  const input = tg.normal(0, 1, [1, F], { generator: gen });
  const server = http.createServer((req, res) => {
    const out = tg.noGrad(() => served.forward(input).item());
    res.end(JSON.stringify({ y: out }));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/predict`;

  const fitOpts = () => ({ epochs: 1, batchSize: BATCH, lr: 0.05, generator: new tg.Generator().manualSeed(1) });
  const idle = await measure(url, 3, async () => null);
  // fit's throughput and fitAsync's with nothing else to serve, alternating (fit, fitAsync, fit,
  // ...) after a warm-up of each (the first pays for cold code and pages): medians of five.
  const fits = [];
  const alone = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    new tg.models.LinearRegression(F).fit(x, y, fitOpts());
    const t1 = performance.now();
    await new tg.models.LinearRegression(F).fitAsync(x, y, fitOpts());
    if (i > 0) {
      fits.push((t1 - t0) / 1000);
      alone.push((performance.now() - t1) / 1000);
    }
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const fitSeconds = med(fits);
  const aloneSeconds = med(alone);
  let asyncSeconds = 0;
  const during = await measure(url, 4, async () => {
    const t1 = performance.now();
    let epochs = 0;
    while (performance.now() - t1 < 3500) {
      await new tg.models.LinearRegression(F).fitAsync(x, y, fitOpts());
      epochs++;
    }
    asyncSeconds = (performance.now() - t1) / 1000 / epochs;
    return epochs;
  });
  server.close();

  const rate = (s) => Math.round(N / s);
  console.log(`tensorgrad bench:server: ${N} x ${F} linear regression, batch ${BATCH}, ${tg.getNumThreads()} threads, isa ${tg.backendInfo().isa}`);
  console.log('');
  console.log('                      event-loop delay (ms)        request latency (ms)');
  console.log('                      p50     p99     max          p50     p99     max    requests');
  for (const [name, m] of [
    ['idle', idle],
    ['while fitAsync', during],
  ]) {
    const l = m.latency;
    console.log(
      `${name.padEnd(20)}  ${[m.loop.p50, m.loop.p99, m.loop.max].map((v) => v.toFixed(2).padStart(6)).join('  ')}       ${[l.p50, l.p99, l.max].map((v) => v.toFixed(2).padStart(6)).join('  ')}   ${l.requests}`,
    );
  }
  console.log('');
  console.log(
    `training throughput: fit ${rate(fitSeconds)} samples/s (blocks the event loop), fitAsync ${rate(aloneSeconds)} samples/s alone: fitAsync/fit = ${(fitSeconds / aloneSeconds).toFixed(3)}`,
  );
  console.log(`while serving the requests above: fitAsync ${rate(asyncSeconds)} samples/s (${(fitSeconds / asyncSeconds).toFixed(3)} of fit alone)`);
})();

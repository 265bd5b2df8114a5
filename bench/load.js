'use strict';
// Load generator for bench/server.js (a separate process, so its timing is not the server's):
// GET url every `interval` ms for `seconds`, then print latency percentiles as JSON.
// Loopback only, bounded in count and time.
const http = require('http');

const [url, seconds = '3', interval = '5'] = process.argv.slice(2);
if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error('load.js only targets 127.0.0.1');
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const latencies = [];
let errors = 0;
const end = Date.now() + Number(seconds) * 1000;
const maxRequests = Math.ceil((Number(seconds) * 1000) / Number(interval)) + 1;

function one() {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          resolve();
        });
      })
      .on('error', () => {
        errors++;
        resolve();
      });
  });
}

(async () => {
  const inflight = [];
  for (let i = 0; i < maxRequests && Date.now() < end; i++) {
    inflight.push(one());
    await new Promise((r) => setTimeout(r, Number(interval)));
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  console.log(JSON.stringify({ requests: latencies.length, errors, p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? NaN }));
  agent.destroy();
})();

'use strict';
// What training costs the rest of a server: the time of 300,000 awaits in a fresh process before
// and after it runs a `fit`, a `backward`, or the public `noGrad` once. Entering an
// AsyncLocalStorage turns on Node's promise hooks for the rest of the process, which makes every
// later await slower; the library's own grad-mode scopes do not enter it, `noGrad` does (its mode
// must follow an async fn across its awaits). Medians of alternating fresh processes.
//   node bench/awaits.js [--rounds N]
const { execFileSync } = require('child_process');
const path = require('path');

const AWAITS = 300000;

if (process.argv[2] === '--child') {
  const tg = require(path.join(__dirname, '..'));
  const what = process.argv[3];
  const awaits = async (n) => {
    for (let i = 0; i < n; i++) await null;
  };
  const timed = async () => {
    await awaits(AWAITS / 3); // warms up
    const t0 = performance.now();
    await awaits(AWAITS);
    return performance.now() - t0;
  };
  (async () => {
    const x = tg.randn([1000, 2]);
    const y = x.matmul(tg.tensor([[2], [-3.4]])).add(4.2);
    const before = await timed();
    if (what === 'fit') new tg.models.LinearRegression(2).fit(x, y, { epochs: 1 });
    if (what === 'backward')
      x.matmul(tg.ones([2, 1], { requiresGrad: true }))
        .sum()
        .backward();
    if (what === 'noGrad') tg.noGrad(() => x.add(1));
    const after = await timed();
    process.stdout.write(JSON.stringify({ before, after }));
  })();
  return;
}

const at = process.argv.indexOf('--rounds');
const rounds = at >= 0 ? Number(process.argv[at + 1]) : 5;
const cases = ['nothing', 'fit', 'backward', 'noGrad'];
const samples = cases.map(() => []);
for (let r = 0; r < rounds; r++) {
  cases.forEach((c, i) => samples[i].push(JSON.parse(execFileSync(process.execPath, [__filename, '--child', c], { encoding: 'utf8' }))));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${AWAITS} awaits in a fresh process before and after running once (ms, medians of ${rounds} alternating rounds)`);
cases.forEach((c, i) => {
  const [b, a] = ['before', 'after'].map((k) => median(samples[i].map((s) => s[k])));
  console.log(`${c.padEnd(9)} before ${b.toFixed(1).padStart(6)}  after ${a.toFixed(1).padStart(6)}  (x${(a / b).toFixed(2)})`);
});

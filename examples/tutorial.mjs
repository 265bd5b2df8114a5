// The PyTorch autograd + linear regression tutorial, step by step, in tensorgrad.
// Run: node examples/tutorial.mjs
import * as tg from 'tensorgrad';

// Autograd: out = mean(3 (x + 2)^2) at x = 1 has gradient 4.5 everywhere.
const x = tg.ones([2, 2], { requiresGrad: true });
const y = x.add(2);
const z = y.mul(y).mul(3);
const out = z.mean();
console.log(`${y}\n${z}\n${out}`);
out.backward();
console.log(`x.grad = ${x.grad}`);

// noGrad cuts a branch out of the graph.
const a = tg.tensor(1.0, { requiresGrad: true });
const y2 = tg.noGrad(() => a.pow(3));
a.pow(2).add(y2).backward();
console.log(`with noGrad: a.grad = ${a.grad}`); // 2, not 5

// Linear regression from scratch: y = Xw + b + noise. tensorgrad draws PyTorch's random
// streams, so examples/tutorial.py (the same steps in PyTorch) prints the same numbers.
tg.manualSeed(0);
const trueW = tg.tensor([[2], [-3.4]]);
const trueB = 4.2;
const features = tg.normal(0, 1, [1000, 2]);
const labels = features
  .matmul(trueW)
  .add(trueB)
  .add(tg.normal(0, 0.01, [1000, 1]));

const w = tg.normal(0, 0.01, [2, 1], { requiresGrad: true });
const b = tg.zeros([1], { requiresGrad: true });
const lr = 0.03;
for (let epoch = 1; epoch <= 3; epoch++) {
  for (const [X, Y] of tg.data.dataIter(features, labels, 10)) {
    const loss = X.matmul(w).add(b).sub(Y).pow(2).div(2).mean();
    loss.backward();
    tg.noGrad(() => {
      w.sub_(w.grad.mul(lr));
      b.sub_(b.grad.mul(lr));
    });
    w.grad.zero_();
    b.grad.zero_();
  }
  const trainLoss = tg.noGrad(() => features.matmul(w).add(b).sub(labels).pow(2).div(2).mean().item());
  console.log(`epoch ${epoch}, loss ${trainLoss.toFixed(6)}`);
}
console.log(`first features: ${JSON.stringify(features.narrow(0, 0, 2).toArray())}`);
console.log(`w = ${JSON.stringify(Array.from(w.detach().dataSync()))}, b = ${b.item()}`);
console.log(`error in estimating w: ${trueW.sub(w.detach())}`);
console.log(`error in estimating b: ${(trueB - b.item()).toFixed(4)}`);

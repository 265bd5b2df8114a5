// In-place random fills as Tensor methods (ops/random_fill.ts).
import { bernoulli, bernoulliInplace, exponentialInplace, normalInplace, uniformInplace, type GeneratorOptions } from '../ops/random_fill';
import { multinomial, type MultinomialOptions } from '../ops/multinomial';
import { Tensor } from '../tensor';

declare module '../tensor' {
  interface Tensor {
    /** Fills with U(from, to) samples in place, as torch.Tensor.uniform_ (float tensors). */
    uniform_(from?: number, to?: number, opts?: GeneratorOptions): this;
    /** Fills with N(mean, std^2) samples in place, as torch.Tensor.normal_ (float tensors). */
    normal_(mean?: number, std?: number, opts?: GeneratorOptions): this;
    /** Fills with Exp(lambda) samples in place, as torch.Tensor.exponential_ (float tensors). */
    exponential_(lambda?: number, opts?: GeneratorOptions): this;
    /** Samples category indices from each row's weights (torch.multinomial). */
    multinomial(numSamples: number, opts?: MultinomialOptions): Tensor;
    /** Fills with 1 (probability p) or 0 in place, as torch.Tensor.bernoulli_(p). */
    bernoulli_(p?: number, opts?: GeneratorOptions): this;
    /** 1 with each element's probability, else 0 (torch.bernoulli(self)). */
    bernoulli(opts?: GeneratorOptions): Tensor;
  }
}

const P = Tensor.prototype;
P.uniform_ = function (from, to, opts) {
  uniformInplace(this, from, to, opts);
  return this;
};
P.normal_ = function (mean, std, opts) {
  normalInplace(this, mean, std, opts);
  return this;
};
P.exponential_ = function (lambda, opts) {
  exponentialInplace(this, lambda, opts);
  return this;
};
P.multinomial = function (numSamples, opts) {
  return multinomial(this, numSamples, opts);
};
P.bernoulli_ = function (p, opts) {
  bernoulliInplace(this, p, opts);
  return this;
};
P.bernoulli = function (opts) {
  return bernoulli(this, opts);
};

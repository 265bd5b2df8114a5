// The addon's op codes. Values match native/kernels/table.h.

export enum BinaryCode {
  Add = 0,
  Sub = 1,
  Mul = 2,
  Div = 3,
  Pow = 4,
  Maximum = 5,
  Minimum = 6,
  Atan2 = 7,
  Hypot = 8,
  Fmod = 9,
  Remainder = 10,
}

export enum UnaryCode {
  Neg = 0,
  Exp = 1,
  Log = 2,
  Sqrt = 3,
  Abs = 4,
  Relu = 5,
  Sigmoid = 6,
  Tanh = 7,
  Sign = 8,
  Sin = 9,
  Cos = 10,
  Tan = 11,
  Asin = 12,
  Acos = 13,
  Atan = 14,
  Sinh = 15,
  Cosh = 16,
  Asinh = 17,
  Acosh = 18,
  Atanh = 19,
  Floor = 20,
  Ceil = 21,
  Round = 22,
  Trunc = 23,
  Frac = 24,
  Reciprocal = 25,
  Rsqrt = 26,
  Log1p = 27,
  Expm1 = 28,
  Log2 = 29,
  Log10 = 30,
  Exp2 = 31,
  Erf = 32,
  Erfinv = 33,
}

export enum CompareCode {
  Eq = 0,
  Ne = 1,
  Lt = 2,
  Le = 3,
  Gt = 4,
  Ge = 5,
}

/** argReduce's kind: the first maximum or the first minimum along a dim. */
export enum ArgReduceKind {
  Max = 0,
  Min = 1,
}

/** The addon's float activations (native/kernels/table.h ActivationOp); p0, p1 as noted. */
export enum ActivationCode {
  Gelu = 0,
  GeluTanh = 1,
  Silu = 2,
  Mish = 3,
  LogSigmoid = 4,
  /** p0 beta, p1 threshold */
  Softplus = 5,
  /** p0 alpha */
  Elu = 6,
  /** p0 slope */
  LeakyRelu = 7,
  GeluDeriv = 8,
  GeluTanhDeriv = 9,
  VecExp = 10,
}

/** The adaptive optimizers' fused steps (native/kernels/table.h OptimOp). */
export enum OptimCode {
  RMSprop = 0,
  Adagrad = 1,
  Adamax = 2,
  NAdam = 3,
  RAdam = 4,
}

// The addon's op codes. Values match native/kernels/table.h.

export enum BinaryCode {
  Add = 0,
  Sub = 1,
  Mul = 2,
  Div = 3,
  Pow = 4,
  Maximum = 5,
  Minimum = 6,
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

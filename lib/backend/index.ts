// The backend floor: the only code that calls the addon. Ops, autograd, optimizers, random and
// creation take what they need from here.
export { BinaryCode, UnaryCode, CompareCode, ArgReduceKind } from './codes';
export { beginDeferred, endDeferred } from './deferral';
export { checkNotBusy } from './busy';
export { emptyRaw, outputRaw, fillRaw, fullRaw, onesRaw, scalarRaw, copyInto, convertArray, castRaw, cloneRaw, viewRaw, fromStorage, contiguousRaw } from './raw';
export { binaryRaw, binaryInto, addInto, axpyInto, unaryRaw, compareRaw, whereRaw } from './elementwise';
export { sumRaw, spreadDivRaw, argReduceRaw } from './reduce';
export { bmmRaw, mmRaw } from './linalg';
export { stableIndex, gatherRaw, scatterAddRaw, indexSelectRaw, indexAddRaw } from './indexing';
export { sgdStepRaw, adamStepRaw, type SgdHyper, type AdamHyper } from './optim';
export { shuffleRaw } from './random';
export { setNumThreads, getNumThreads, backendInfo } from './control';
export { checkTensor, resultType, wrapNumber, wrapOperand, asDType, checkWritable, type Operand } from './operand';

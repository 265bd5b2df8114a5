// NumPy's .npy format (format 1.0, or 2.0/3.0 when reading): magic, version, a Python dict
// literal with descr, fortran_order and shape, padded to 64 bytes, then the data. Written byte
// for byte as numpy.save writes it.
import { argumentError, ioError } from '../errors';
import type { DType, TypedArray } from '../dtype';
import { Storage } from '../storage';
import { contiguousStrides, numelOf, shapeArg } from '../shape';
import { isTensor, Tensor } from '../tensor';
import { readFileOrThrow, writeFileOrThrow } from './files';

const DESCR: Record<DType, string> = { float32: '<f4', float64: '<f8', int32: '<i4', int64: '<i8', bool: '|b1' };
const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

export function npyBytes(t: Tensor): Buffer {
  if (!isTensor(t)) throw argumentError('writeNpy: expected a Tensor');
  let header = `{'descr': '${DESCR[t.dtype]}', 'fortran_order': False, 'shape': ${shapeRepr(t._shape)}, }`;
  // numpy: pad with spaces so magic + version + length + header + '\n' is a multiple of 64.
  const pad = 64 - ((MAGIC.length + 2 + 2 + header.length + 1) % 64);
  header += ' '.repeat(pad) + '\n';
  const len = Buffer.alloc(2);
  len.writeUInt16LE(header.length);
  const data = t._contiguousData();
  return Buffer.concat([MAGIC, Buffer.from([1, 0]), len, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}

export function writeNpy(path: string, t: Tensor): void {
  if (typeof path !== 'string') throw argumentError('writeNpy: path must be a string');
  const bytes = npyBytes(t);
  writeFileOrThrow('writeNpy', path, bytes);
}

export function parseNpy(buf: Buffer, source = 'npy data'): Tensor {
  if (!Buffer.isBuffer(buf)) throw argumentError('parseNpy: expected a Buffer');
  if (buf.length < 10 || !buf.subarray(0, 6).equals(MAGIC)) throw ioError(`readNpy: ${source} is not a .npy file`);
  const major = buf[6];
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = buf.readUInt16LE(8);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (buf.length < 12) throw ioError(`readNpy: ${source} is truncated`);
    headerLen = buf.readUInt32LE(8);
    start = 12;
  } else throw ioError(`readNpy: ${source} has unsupported format version ${major}.${buf[7]}`);
  if (start + headerLen > buf.length) throw ioError(`readNpy: ${source} is truncated`);
  const header = buf.subarray(start, start + headerLen).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw ioError(`readNpy: ${source} has an unreadable header: ${header.trim()}`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (!shape.every((s) => Number.isInteger(s) && s >= 0)) throw ioError(`readNpy: ${source} has an invalid shape (${shapeText})`);
  // the limits of every tensor (64 dims, sizes below 2^53), though (1e21, 0) holds no bytes
  try {
    shapeArg('readNpy', [shape]);
  } catch (err) {
    throw ioError(`readNpy: ${source} has shape (${shapeText}) (${(err as Error).message})`);
  }
  const n = numelOf(shape);
  const body = buf.subarray(start + headerLen);
  const kinds: Record<string, [DType, number]> = {
    '<f4': ['float32', 4],
    '<f8': ['float64', 8],
    '<i4': ['int32', 4],
    '|b1': ['bool', 1],
    '<i8': ['int64', 8],
    '|u1': ['int32', 1],
  };
  const kind = Object.hasOwn(kinds, descr) ? kinds[descr] : undefined;
  if (kind === undefined) {
    throw ioError(`readNpy: ${source} has dtype '${descr}'; supported are float32, float64, int32, int64, bool (little-endian; uint8 is converted to int32)`);
  }
  const [dtype, width] = kind;
  if (body.length < n * width) throw ioError(`readNpy: ${source} holds ${body.length} data bytes, expected ${n * width}`);
  const raw = new Uint8Array(n * width);
  raw.set(body.subarray(0, n * width));
  let data: TypedArray;
  if (descr === '<f4') data = new Float32Array(raw.buffer);
  else if (descr === '<f8') data = new Float64Array(raw.buffer);
  else if (descr === '<i4') data = new Int32Array(raw.buffer);
  else if (descr === '|b1') data = raw.map((v) => (v !== 0 ? 1 : 0));
  else if (descr === '|u1') data = Int32Array.from(raw);
  else data = new BigInt64Array(raw.buffer);
  if (fortran === 'True') {
    // Column-major: read with the reversed shape, then view it transposed and copy to row-major.
    const rev = shape.slice().reverse();
    const t = new Tensor(new Storage(data), rev, contiguousStrides(rev), 0, dtype);
    return t.permute(rev.map((_, i) => rev.length - 1 - i)).contiguous();
  }
  return new Tensor(new Storage(data), shape, contiguousStrides(shape), 0, dtype);
}

/**
 * Reads a .npy file (a regular file of at most 2 GiB - 1 bytes; anything else is an IO
 * TensorError naming it).
 */
export function readNpy(path: string): Tensor {
  if (typeof path !== 'string') throw argumentError('readNpy: path must be a string');
  return parseNpy(readFileOrThrow('readNpy', path), path);
}

// The safetensors format: an 8-byte little-endian header length, a JSON header (per tensor:
// dtype, shape, data_offsets into the data section; optional "__metadata__" of strings),
// space-padded to 8 bytes, then the raw little-endian data. Written as Python's safetensors
// writes it: tensors ordered by dtype (largest first, the crate's enum order) then by name.
import { argumentError, ioError } from '../errors';
import type { DType, TypedArray } from '../dtype';
import { Storage } from '../storage';
import { contiguousStrides, isPlainObject, numelOf, optionsBag, shapeArg, show } from '../shape';
import { isTensor, Tensor } from '../tensor';
import { readFileOrThrow, writeFileOrThrow } from './files';

const ST_DTYPE: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', int64: 'I64', bool: 'BOOL' };
// The safetensors crate's Dtype enum order, which its writer sorts by (descending).
const ST_RANK: Record<string, number> = {
  BOOL: 0,
  U8: 1,
  I8: 2,
  F8_E5M2: 3,
  F8_E4M3: 4,
  I16: 5,
  U16: 6,
  F16: 7,
  BF16: 8,
  I32: 9,
  U32: 10,
  F32: 11,
  F64: 12,
  I64: 13,
  U64: 14,
};
const ELEMENT_BYTES: Record<string, number> = { BOOL: 1, U8: 1, I8: 1, I16: 2, U16: 2, F16: 2, BF16: 2, I32: 4, U32: 4, F32: 4, F64: 8, I64: 8, U64: 8 };
const MAX_HEADER = 100_000_000;

/**
 * Sets `obj[name]` as an own, enumerable property whatever the name: an assignment to
 * `obj['__proto__']` would set the prototype instead, and the entry would vanish.
 */
function ownEntry<T>(obj: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(obj, name, { value, enumerable: true, writable: true, configurable: true });
}

function bytesOf(t: Tensor): Buffer {
  const data = t._contiguousData();
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Serialises name -> tensor (and optional string metadata) to safetensors bytes. */
export function serialize(tensors: Record<string, Tensor>, metadata?: Record<string, string>): Buffer {
  // a Map or an array would be written as an empty file or with index names: refused
  if (!isPlainObject(tensors)) throw argumentError(`save: expected a plain object of name -> Tensor, got ${show(tensors)}`);
  const entries = Object.entries(tensors);
  for (const [name, t] of entries) {
    if (!isTensor(t)) throw argumentError(`save: ${name} is not a Tensor`);
    if (name === '__metadata__' || name === '') throw argumentError(`save: invalid tensor name '${name}'`);
  }
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null) throw argumentError('save: metadata must be an object of strings');
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== 'string') throw argumentError(`save: metadata value of ${k} must be a string`);
    }
  }
  entries.sort(([an, a], [bn, b]) => ST_RANK[ST_DTYPE[b.dtype]] - ST_RANK[ST_DTYPE[a.dtype]] || Buffer.compare(Buffer.from(an), Buffer.from(bn)));
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) header.__metadata__ = metadata;
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [name, t] of entries) {
    const bytes = bytesOf(t);
    ownEntry(header, name, { dtype: ST_DTYPE[t.dtype], shape: t._shape, data_offsets: [offset, offset + bytes.length] });
    chunks.push(bytes);
    offset += bytes.length;
  }
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  const pad = (8 - (json.length % 8)) % 8;
  if (pad > 0) json = Buffer.concat([json, Buffer.alloc(pad, 0x20)]);
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([size, json, ...chunks]);
}

function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Converts one tensor's raw little-endian bytes to a tensor of the closest supported dtype. */
function decode(name: string, dtype: string, shape: number[], raw: Buffer): Tensor {
  const n = numelOf(shape);
  let data: TypedArray;
  let kind: DType;
  // Copy into fresh, aligned storage: offsets in the file need not be aligned.
  const aligned = new Uint8Array(raw.length);
  aligned.set(raw);
  switch (dtype) {
    case 'F32':
      data = new Float32Array(aligned.buffer, 0, n);
      kind = 'float32';
      break;
    case 'F64':
      data = new Float64Array(aligned.buffer, 0, n);
      kind = 'float64';
      break;
    case 'I32':
      data = new Int32Array(aligned.buffer, 0, n);
      kind = 'int32';
      break;
    case 'BOOL':
      data = aligned.map((v) => (v !== 0 ? 1 : 0));
      kind = 'bool';
      break;
    case 'I64':
      data = new BigInt64Array(aligned.buffer, 0, n);
      kind = 'int64';
      break;
    case 'F16':
    case 'BF16': {
      const u16 = new Uint16Array(aligned.buffer, 0, n);
      const wide = new Float32Array(n);
      data = wide;
      const f = new Float32Array(1);
      const u = new Uint32Array(f.buffer);
      for (let i = 0; i < n; i++) {
        if (dtype === 'F16') wide[i] = half(u16[i]);
        else {
          u[0] = u16[i] << 16;
          wide[i] = f[0];
        }
      }
      kind = 'float32';
      break;
    }
    default:
      throw ioError(`load: ${name} has dtype ${dtype}, which tensorgrad does not support (F32, F64, I32, I64, BOOL; F16, BF16 are converted)`);
  }
  return new Tensor(new Storage(data), shape, contiguousStrides(shape), 0, kind);
}

/** Parses safetensors bytes; every offset and size is checked before use. */
export function deserialize(buf: Buffer, source = 'safetensors data'): { tensors: Record<string, Tensor>; metadata: Record<string, string> | null } {
  if (!Buffer.isBuffer(buf)) throw argumentError('deserialize: expected a Buffer');
  if (buf.length < 8) throw ioError(`load: ${source} is too short to be a safetensors file`);
  const headerLen = buf.readBigUInt64LE(0);
  if (headerLen > BigInt(Math.min(MAX_HEADER, buf.length - 8))) throw ioError(`load: ${source} has an invalid header length ${headerLen}`);
  const n = Number(headerLen);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(buf.subarray(8, 8 + n).toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    throw ioError(`load: ${source} has an invalid JSON header (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw ioError(`load: ${source} header is not an object`);
  const data = buf.subarray(8 + n);
  const tensors: Record<string, Tensor> = {};
  let metadata: Record<string, string> | null = null;
  const entries: { name: string; dtype: string; shape: number[]; start: number; end: number }[] = [];
  for (const [name, entry] of Object.entries(header)) {
    const isObject = typeof entry === 'object' && entry !== null && !Array.isArray(entry);
    if (name === '__metadata__') {
      // The format's metadata: string keys to string values.
      if (!isObject || !Object.values(entry).every((v) => typeof v === 'string')) throw ioError(`load: ${source}: __metadata__ is not a map of strings`);
      metadata = entry as Record<string, string>;
      continue;
    }
    if (!isObject) throw ioError(`load: ${source}: entry ${name} is not an object`);
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const shape = e.shape;
    const offsets = e.data_offsets;
    if (typeof e.dtype !== 'string' || !Array.isArray(shape) || !shape.every((s) => Number.isInteger(s) && s >= 0)) {
      throw ioError(`load: ${source}: entry ${name} has an invalid dtype or shape`);
    }
    // the shape limits of every tensor (64 dims, sizes below 2^53): [1e300, 0] holds no bytes
    // but no op could take it
    try {
      shapeArg('load', [shape]);
    } catch (err) {
      throw ioError(`load: ${source}: entry ${name} has shape ${show(shape)} (${(err as Error).message})`);
    }
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isInteger(o) && o >= 0) ||
      offsets[0] > offsets[1] ||
      offsets[1] > data.length
    ) {
      throw ioError(`load: ${source}: entry ${name} has data_offsets outside the data section`);
    }
    const width = Object.hasOwn(ELEMENT_BYTES, e.dtype) ? ELEMENT_BYTES[e.dtype] : undefined;
    if (width !== undefined && offsets[1] - offsets[0] !== numelOf(shape) * width) {
      throw ioError(`load: ${source}: entry ${name} holds ${offsets[1] - offsets[0]} bytes for shape [${shape.join(', ')}] of ${e.dtype}`);
    }
    const [start, end] = offsets as number[];
    entries.push({ name, dtype: e.dtype, shape: shape as number[], start, end });
  }
  // The format's rule: the entries tile the data section, no overlap and no hole (no polyglot
  // files), as the reference implementation checks (its InvalidOffset error).
  entries.sort((a, b) => a.start - b.start || a.end - b.end);
  let at = 0;
  for (const e of entries) {
    if (e.start !== at)
      throw ioError(
        `load: ${source}: entry ${e.name} has data_offsets [${e.start}, ${e.end}], expected it to start at byte ${at} (entries overlap or leave a hole)`,
      );
    at = e.end;
  }
  if (at !== data.length) throw ioError(`load: ${source}: the data section has ${data.length} bytes, the entries cover ${at}`);
  for (const e of entries) ownEntry(tensors, e.name, decode(e.name, e.dtype, e.shape, data.subarray(e.start, e.end)));
  return { tensors, metadata };
}

/** Writes a state dict (name -> tensor) as a .safetensors file. */
export function save(tensors: Record<string, Tensor>, path: string, opts: { metadata?: Record<string, string> } = {}): void {
  if (typeof path !== 'string') throw argumentError('save: path must be a string');
  const bytes = serialize(tensors, optionsBag<{ metadata?: Record<string, string> }>('save', opts)?.metadata);
  writeFileOrThrow('save', path, bytes);
}

/**
 * Reads a .safetensors file into name -> tensor: a plain object whose entries are own
 * properties whatever their names (`__proto__` and `constructor` included). The file must be a
 * regular file of at most 2 GiB - 1 bytes; anything else (a directory, a FIFO, a device, a
 * missing or larger file) is an IO TensorError naming it, as is a malformed file.
 */
export function load(path: string): Record<string, Tensor> {
  return loadWithMetadata(path).tensors;
}

/** load(), with the file's `__metadata__` (string -> string) or null. */
export function loadWithMetadata(path: string): { tensors: Record<string, Tensor>; metadata: Record<string, string> | null } {
  if (typeof path !== 'string') throw argumentError('load: path must be a string');
  return deserialize(readFileOrThrow('load', path), path);
}

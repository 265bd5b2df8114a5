// What the file formats share: reading and writing whole files with I/O errors that name the
// operation, and narrowing stored int64 data to int32.
import * as fs from 'fs';
import { ioError } from '../errors';

function reason(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

export function readFileOrThrow(op: string, path: string): Buffer {
  try {
    return fs.readFileSync(path);
  } catch (e) {
    throw ioError(`${op}: cannot read ${path}: ${reason(e)}`);
  }
}

export function writeFileOrThrow(op: string, path: string, bytes: Uint8Array): void {
  try {
    fs.writeFileSync(path, bytes);
  } catch (e) {
    throw ioError(`${op}: cannot write ${path}: ${reason(e)}`);
  }
}

/** The first n int64 values as int32; a value outside the int32 range is an error naming `what`. */
export function int64ToInt32(wide: BigInt64Array, n: number, what: string): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (wide[i] > 2147483647n || wide[i] < -2147483648n) throw ioError(`${what} holds an int64 value (${wide[i]}) outside the int32 range`);
    out[i] = Number(wide[i]);
  }
  return out;
}

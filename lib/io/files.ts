// What the file formats share: reading and writing whole files with I/O errors that name the
// operation and the file.
//
// Reads take regular files only, and check the size before reading: a directory, a FIFO, a
// device such as /dev/zero, a missing file or one over MAX_FILE_BYTES is an IO TensorError that
// names the file, never a blocked thread, an endless read or a raw Node error. Files are opened
// with O_NONBLOCK so that opening a FIFO (which waits for a writer otherwise) returns at once;
// the type and size are then checked on the open descriptor, so a file swapped after the check
// cannot slip through, and at most the checked size is read.
import * as fs from 'fs';
import { TensorError, ioError } from '../errors';

/** The largest file `load`, `loadWithMetadata`, `readNpy` and `readCsv` read: 2 GiB - 1 byte. */
export const MAX_FILE_BYTES = 2 ** 31 - 1;

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

function reason(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Throws the IO error for a file that is not a regular file of at most MAX_FILE_BYTES. */
export function checkRegularFile(op: string, path: string, st: fs.Stats): void {
  if (!st.isFile()) throw ioError(`${op}: cannot read ${path}: ${kindOf(st)}, not a regular file`);
  if (st.size > MAX_FILE_BYTES) throw ioError(`${op}: cannot read ${path}: ${st.size} bytes is over the limit of ${MAX_FILE_BYTES} bytes`);
}

/** Reads a whole regular file of at most MAX_FILE_BYTES. */
export function readFileOrThrow(op: string, path: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(path, OPEN_FLAGS);
  } catch (e) {
    throw ioError(`${op}: cannot read ${path}: ${reason(e)}`);
  }
  try {
    let size: number;
    try {
      const st = fs.fstatSync(fd);
      checkRegularFile(op, path, st);
      size = st.size;
    } catch (e) {
      if (e instanceof TensorError) throw e;
      throw ioError(`${op}: cannot read ${path}: ${reason(e)}`);
    }
    const buf = Buffer.allocUnsafe(size);
    let at = 0;
    try {
      while (at < size) {
        const n = fs.readSync(fd, buf, at, size - at, at);
        if (n === 0) break;
        at += n;
      }
    } catch (e) {
      throw ioError(`${op}: cannot read ${path}: ${reason(e)}`);
    }
    if (at < size) throw ioError(`${op}: cannot read ${path}: the file shrank while it was read (${at} of ${size} bytes)`);
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens a regular file of at most MAX_FILE_BYTES for reading; resolves to the handle and its size. */
export async function openRegularFile(op: string, path: string): Promise<{ handle: fs.promises.FileHandle; size: number }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(path, OPEN_FLAGS);
  } catch (e) {
    throw ioError(`${op}: cannot read ${path}: ${reason(e)}`);
  }
  try {
    let st: fs.Stats;
    try {
      st = await handle.stat();
    } catch (e) {
      throw ioError(`${op}: cannot read ${path}: ${reason(e)}`);
    }
    checkRegularFile(op, path, st);
    return { handle, size: st.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/**
 * Writes a whole file, creating or truncating it. The target must be a regular file (or not
 * exist): it is opened with O_NONBLOCK, so a FIFO without a reader fails at once instead of
 * blocking the thread, and a FIFO with one, a device or a directory is refused before writing.
 */
export function writeFileOrThrow(op: string, path: string, bytes: Uint8Array): void {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | (fs.constants.O_NONBLOCK ?? 0), 0o666);
  } catch (e) {
    throw ioError(`${op}: cannot write ${path}: ${reason(e)}`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw ioError(`${op}: cannot write ${path}: ${kindOf(st)}, not a regular file`);
    let at = 0;
    while (at < bytes.length) at += fs.writeSync(fd, bytes, at, bytes.length - at);
  } catch (e) {
    if (e instanceof TensorError) throw e;
    throw ioError(`${op}: cannot write ${path}: ${reason(e)}`);
  } finally {
    fs.closeSync(fd);
  }
}

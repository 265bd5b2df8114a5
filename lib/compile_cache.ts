// A V8 code cache for tensorgrad's own modules, kept as Python keeps its .pyc files. Without it a
// fresh process parses and compiles each function of the library on its first call: measured
// here, ~10 ms of `require('tensorgrad')` and ~5 ms of the tutorial's first 100-step train.
//
// While index.ts (or the CLI) loads, each of the package's own CommonJS files is compiled with
// vm.Script from the cache. At exit a process writes the cache when it was missing or stale, or
// (see MAX_GENERATION) to add what a longer run compiled; a cache made after running holds the
// lazily compiled functions too, and entries of modules this process did not load are carried
// over. One file per installation, V8 version, architecture and set of Node options, in a
// directory of this user's only (TENSORGRAD_COMPILE_CACHE: another absolute path, or 0 to turn
// it off). Each entry is keyed by the CRC-32 of its wrapped source, as Node's own compile cache
// keys its entries: V8 itself checks only the source's length, and a stale entry would run old
// code. (A CRC guards against accidents, not forgery; whoever can write the package's files can
// run code anyway.) Any failure (no such API, a read-only or foreign directory, a bad file) leaves
// Node's own loading in place.
import * as fs from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import * as zlib from 'zlib';

interface Entry {
  crc: number; // of the source
  data: Buffer;
}
interface Compiled {
  rel: string;
  crc: number;
  script: vm.Script;
}
type CompileFn = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;

const MAGIC = 'tensorgrad-code-cache-1\n';
// A cache written by a short process holds few of the functions a longer one compiles (a training
// loop's): a process that did more than twice the writer's work (CPU time from the package's load
// to exit) writes it again at exit, up to this many generations. Making the cache costs ~5 ms,
// which no other process pays.
const MAX_GENERATION = 4;
// Cache files kept in the directory (one per installation, Node and option set); older ones, and
// temporary files a killed writer left, are removed when a process writes its own.
const MAX_FILES = 8;
const PREFIX = 'tgcc-';

const moduleApi = Module as unknown as {
  prototype: { _compile?: CompileFn };
  wrap?: (content: string) => string;
  getCompileCacheDir?: () => string | undefined;
};

// On each hook: the function it wraps, and whether it still compiles (see finishLoading).
const LINK = Symbol.for('tensorgrad.compileCache.link');
type Link = { previous: CompileFn; active: () => boolean };
const status = { file: undefined as string | undefined, hits: 0, misses: 0 };

/** This process's cache file (undefined when off) and the modules compiled from it (hits) or not. */
export function compileCacheStatus(): Readonly<typeof status> {
  return status;
}

/**
 * The cache directory, created private to this user; undefined when the cache is off or the
 * directory unsafe. TENSORGRAD_COMPILE_CACHE: unset, empty, 1/true/on/yes for the default,
 * 0/false/off/no for none, else an absolute path (a relative one turns it off: nothing is made in
 * the working directory).
 */
function cacheDirectory(): string | undefined {
  const setting = (process.env.TENSORGRAD_COMPILE_CACHE ?? '').trim();
  if (/^(0|false|off|no)$/i.test(setting)) return undefined;
  const own = setting !== '' && !/^(1|true|on|yes)$/i.test(setting);
  if (own && !path.isAbsolute(setting)) return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = own ? setting : path.join(os.tmpdir(), `tensorgrad-compile-cache${uid === undefined ? '' : `-${uid}`}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Another user able to write here could plant code this process would run: refuse a link, a
  // directory owned by someone else, or one that group or others may write.
  const st = fs.lstatSync(dir);
  if (!st.isDirectory()) return undefined;
  if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
  return dir;
}

/** The cache file's entries by path relative to dist/cjs; empty when it is missing or unreadable. */
function readCache(file: string): { entries: Map<string, Entry>; generation: number; work: number } {
  const empty = { entries: new Map<string, Entry>(), generation: 0, work: 0 };
  let buf: Buffer;
  let fd: number | undefined;
  try {
    // Opened without blocking and read only if a regular file: a FIFO of that name would hang.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!fs.fstatSync(fd).isFile()) return empty;
    buf = fs.readFileSync(fd);
  } catch {
    return empty;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  try {
    if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return empty;
    const headerLength = buf.readUInt32LE(MAGIC.length);
    const start = MAGIC.length + 4;
    const header = JSON.parse(buf.toString('utf8', start, start + headerLength)) as {
      generation: number;
      work: number;
      files: [string, number, number, number][];
    };
    const entries = new Map<string, Entry>();
    let offset = start + headerLength;
    for (const [rel, crc, length, dataCrc] of header.files) {
      if (!(Number.isInteger(length) && length >= 0 && offset + length <= buf.length)) return empty;
      const data = buf.subarray(offset, offset + length);
      // V8 checks a blob's header, not its body: a damaged file is dropped whole.
      if (zlib.crc32(data) !== dataCrc) return empty;
      entries.set(rel, { crc, data });
      offset += length;
    }
    return { entries, generation: Number(header.generation) || 0, work: Number(header.work) || 0 };
  } catch {
    return empty;
  }
}

/**
 * Writes the scripts' code caches, with the entries of `carried` for modules not among them, to
 * `file` atomically (a private temporary file, then rename), then prunes the directory.
 */
function writeCache(file: string, compiled: readonly Compiled[], carried: ReadonlyMap<string, Entry>, generation: number, work: number): void {
  const rels = new Set(compiled.map((c) => c.rel));
  const entries: [string, number, Buffer][] = compiled.map((c) => {
    const data = c.script.createCachedData();
    // A long process may have dropped the bytecode of code that ran once (V8 flushes it after
    // enough collections): the old entry of the same source then holds more.
    const old = carried.get(c.rel);
    return [c.rel, c.crc, old !== undefined && old.crc === c.crc && old.data.length > data.length ? old.data : data];
  });
  for (const [rel, e] of carried) if (!rels.has(rel)) entries.push([rel, e.crc, e.data]);
  const files = entries.map(([rel, crc, data]) => [rel, crc, data.length, zlib.crc32(data)]);
  const header = Buffer.from(JSON.stringify({ generation, work, files }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from(MAGIC, 'latin1'), length, header, ...entries.map((e) => e[2])]), { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing written, or nothing left to remove
    }
    return;
  }
  prune(path.dirname(file), file);
}

/** Removes this module's files beyond the MAX_FILES newest, and temporary files over 10 minutes old. */
function prune(dir: string, keep: string): void {
  const now = Date.now();
  const caches: [string, number][] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(PREFIX)) continue;
    const p = path.join(dir, name);
    try {
      const st = fs.lstatSync(p);
      if (!st.isFile()) continue;
      if (name.endsWith('.tmp') && now - st.mtimeMs > 10 * 60e3) fs.rmSync(p, { force: true });
      else if (name.endsWith('.bin') && p !== keep) caches.push([p, st.mtimeMs]);
    } catch {
      // gone meanwhile (another process pruning)
    }
  }
  caches.sort((a, b) => b[1] - a[1]);
  for (const [p] of caches.slice(MAX_FILES - 1)) fs.rmSync(p, { force: true });
}

/**
 * Compiles the package's own modules through the cache until the code that required the package
 * returns (a microtask puts Node's own compile step back; a failed load too). Called when this
 * module loads, the first import of index.ts and of the CLI. Does nothing where the APIs it needs
 * are missing (a bundler, another host) or the application turned on Node's own compile cache,
 * which then covers these files too.
 */
function startLoading(): void {
  const proto = moduleApi.prototype;
  const wrap = moduleApi.wrap;
  if (typeof proto._compile !== 'function' || typeof wrap !== 'function' || typeof zlib.crc32 !== 'function') return;
  if (moduleApi.getCompileCacheDir?.()) return;
  // Coverage (c8, NODE_V8_COVERAGE) loses its block counts in code from a cache; a pkg binary
  // compiles through its own snapshot; Node's policies check integrity in the compile step.
  const options = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].filter((o) => o.startsWith('--')).map((o) => o.split('=')[0]);
  if (process.env.NODE_V8_COVERAGE || 'pkg' in process || options.some((o) => o === '--experimental-policy' || o === '--policy-integrity')) return;
  let file: string;
  try {
    const dir = cacheDirectory();
    if (dir === undefined) return;
    // One file per installation and set of Node options: two versions of the package, or runs
    // with and without a flag V8 checks (--expose-gc, say), would otherwise take turns finding
    // the other's entries stale and writing the file again. (The options' names alone, not their
    // values: `node -e <code>` or --inspect=<port> would make a file per run.)
    const key = [process.versions.v8, process.arch, zlib.crc32(__dirname).toString(16), zlib.crc32([...new Set(options)].sort().join(' ')).toString(16)];
    file = path.join(dir, `${PREFIX}${key.join('-')}.bin`);
  } catch {
    return;
  }
  const root = __dirname + path.sep;
  const cache = readCache(file);
  const compiled: Compiled[] = [];
  let stale = false;
  let active = true;
  const load = proto._compile;
  const hook = function _compile(this: Module, content: string, filename: string, ...rest: unknown[]) {
    const own = active && typeof filename === 'string' && filename.startsWith(root) && filename.endsWith('.js');
    // _compile's third argument: none before Node 20.17, then loadAsESM (a boolean), then a format.
    const commonjs = rest[0] === undefined || rest[0] === false || rest[0] === 'commonjs';
    // A module with a dynamic import() keeps Node's compile: a vm.Script made from cached data
    // loses its import callback (Node 20: "A dynamic import callback was not specified").
    if (!own || !commonjs || content.includes('import(')) return load.call(this, content, filename, ...rest);
    const rel = filename.slice(root.length);
    const source = wrap(content);
    const crc = zlib.crc32(source);
    const hit = cache.entries.get(rel);
    let script: vm.Script;
    try {
      script = new vm.Script(source, { filename, cachedData: hit && hit.crc === crc ? hit.data : undefined });
    } catch {
      return load.call(this, content, filename, ...rest);
    }
    if (!hit || hit.crc !== crc || script.cachedDataRejected) {
      stale = true;
      status.misses++;
    } else status.hits++;
    compiled.push({ rel, crc, script });
    const fn = script.runInThisContext() as (...args: unknown[]) => unknown;
    return fn.call(this.exports, this.exports, requireFor(this, filename), this, filename, path.dirname(filename));
  };
  (hook as unknown as Record<symbol, Link>)[LINK] = { previous: load, active: () => active };
  try {
    proto._compile = hook;
  } catch {
    return; // a frozen Module.prototype: Node's loading as it is
  }
  status.file = file;
  // Once the code that required the package has returned, the hook passes everything through and
  // leaves the chain.
  queueMicrotask(() => {
    active = false;
    finishLoading();
  });
  const started = process.cpuUsage(); // the process's CPU time when the package began to load
  process.once('exit', () => {
    if (compiled.length === 0) return;
    const used = process.cpuUsage(started);
    const work = (used.user + used.system) / 1e3;
    if (!stale && (cache.generation >= MAX_GENERATION || work <= 2 * cache.work)) return;
    try {
      writeCache(file, compiled, cache.entries, stale ? 1 : cache.generation + 1, work);
    } catch {
      // best effort: the next process compiles as this one did
    }
  });
}

/**
 * Puts back what each finished hook on top of the chain wrapped: Node's own compile step, unless
 * another hook was installed since (it stays; ours below it then only passes calls through, and a
 * later finishing copy of tensorgrad, loaded in the same tick from another path, unwinds both).
 */
function finishLoading(): void {
  const proto = moduleApi.prototype;
  let top = proto._compile;
  for (let link = linkOf(top); link !== undefined && !link.active(); link = linkOf(top)) top = link.previous;
  try {
    if (top !== proto._compile) proto._compile = top;
  } catch {
    // frozen since: the hooks stay, passing calls through
  }
}

function linkOf(f: CompileFn | undefined): Link | undefined {
  return f === undefined ? undefined : (f as unknown as Record<symbol, Link | undefined>)[LINK];
}

startLoading();

/** The `require` a module compiled here sees: Node's, resolved from the module itself. */
function requireFor(mod: Module, filename: string): NodeJS.Require {
  const req = function require(id: string): unknown {
    return mod.require(id);
  } as NodeJS.Require;
  // The rest from Node's own require for this file, made on first use (the package's modules use none).
  let outer: NodeJS.Require | undefined;
  const from = (): NodeJS.Require => (outer ??= Module.createRequire(filename));
  for (const key of ['resolve', 'main', 'cache'] as const) Object.defineProperty(req, key, { get: () => from()[key], enumerable: true });
  return req;
}

// The floors of lib/ (docs/ARCHITECTURE.md), checked on the import graph that TypeScript itself
// parses from the sources: type-only imports count, since they tie floors together as much.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.join(__dirname, '..', '..');
const lib = path.join(root, 'lib');

type Graph = Map<string, string[]>;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** lib-relative path ('ops/binary.ts') -> lib-relative targets of its relative imports; bare specifiers kept as is. */
function importGraph(files: readonly string[]): Graph {
  const graph: Graph = new Map();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => {
      if (!fileName.startsWith('.')) return fileName;
      const base = path.resolve(path.dirname(file), fileName);
      const resolved = fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts');
      return path.relative(lib, resolved).split(path.sep).join('/');
    });
    graph.set(path.relative(lib, file).split(path.sep).join('/'), targets);
  }
  return graph;
}

/** Edges from files under `from` (a folder 'x/' or a file) to files under `to`. */
function edges(graph: Graph, from: (f: string) => boolean, to: (t: string) => boolean): string[] {
  const out: string[] = [];
  for (const [f, targets] of graph) if (from(f)) for (const t of targets) if (to(t)) out.push(`${f} -> ${t}`);
  return out;
}

/** Every import cycle's files (strongly connected components of more than one file, or self-loops). */
function cycles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const under =
  (...dirs: string[]) =>
  (f: string) =>
    dirs.some((d) => f.startsWith(d));
const UPPER = ['ops/', 'nn/', 'optim/', 'models/', 'data/', 'io/', 'cli/', 'index.ts', 'tensor_methods.ts', 'methods/', 'async_ops.ts', 'async.ts'];

// The floors, lowest first (docs/ARCHITECTURE.md); a file is on the first floor that claims it.
const FLOORS: Array<[string, (f: string) => boolean]> = [
  ['leaves', under('errors.ts', 'dtype.ts', 'shape.ts', 'format.ts', 'inspect.ts', 'memory_pool.ts', 'compile_cache.ts')],
  ['addon', under('backend/native.ts', 'backend/deferral.ts', 'backend/entries.ts', 'backend/entries_random.ts')],
  ['tensor', under('tensor.ts', 'storage.ts', 'memory.ts')],
  ['backend', under('backend/')],
  ['autograd', under('autograd/')],
  ['runtime', under('creation.ts', 'generator.ts', 'random.ts', 'async.ts')],
  ['ops', under('ops/')],
  ['library', under('nn/', 'optim/', 'models/', 'data/', 'io/', 'cli/', 'tensor_methods.ts', 'methods/', 'async_ops.ts')],
  ['entry', under('index.ts')],
];
const floorOf = (f: string): number => FLOORS.findIndex(([, claims]) => claims(f));

describe('the floors of lib/', () => {
  const graph = importGraph(sources(lib));

  test('every file is on a floor, and every import goes to its own floor or one below', () => {
    expect([...graph.keys()].filter((f) => floorOf(f) < 0)).toEqual([]);
    const upward = edges(
      graph,
      () => true,
      (t) => t.endsWith('.ts'),
    ).filter((e) => {
      const [f, t] = e.split(' -> ');
      return floorOf(t) > floorOf(f);
    });
    expect(upward).toEqual([]);
  });

  test('the parser sees the imports it must (a check of the check)', () => {
    expect(graph.get('backend/raw.ts')).toContain('tensor.ts');
    expect(graph.get('autograd/node.ts')).toContain('tensor.ts'); // a type-only import
    expect(graph.get('backend/native.ts')).toContain('fs');
    // A planted edge and a planted cycle are found.
    const planted: Graph = new Map([...graph, ['autograd/engine.ts', [...graph.get('autograd/engine.ts')!, 'ops/binary.ts']]]);
    expect(edges(planted, under('autograd/'), under('ops/'))).toEqual(['autograd/engine.ts -> ops/binary.ts']);
    expect(floorOf('backend/reduce.ts')).toBeGreaterThan(floorOf('tensor.ts'));
    expect(floorOf('creation.ts')).toBeGreaterThan(floorOf('backend/reduce.ts'));
    const circle: Graph = new Map([...graph, ['tensor.ts', [...graph.get('tensor.ts')!, 'autograd/node.ts']]]);
    expect(cycles(circle)).toEqual([['autograd/node.ts', 'tensor.ts']]);
  });

  test('only lib/backend/ loads or imports the addon', () => {
    const loaders = [...graph].filter(([, targets]) => targets.includes('node-gyp-build')).map(([f]) => f);
    expect(loaders).toEqual(['backend/native.ts']);
    expect(
      edges(
        graph,
        (f) => !f.startsWith('backend/'),
        (t) => t === 'backend/native.ts',
      ),
    ).toEqual([]);
    // The issue's own check: no import of a module named native from outside backend/.
    const named = [...graph].filter(
      ([f, targets]) => !f.startsWith('backend/') && targets.some((t) => /(^|\/)native(\.ts)?$/.test(t) && !t.startsWith('backend/')),
    );
    expect(named).toEqual([]);
  });

  test('deferral is decided in the backend only: outside it, async.ts starts and ends it and nothing asks', () => {
    expect(
      edges(
        graph,
        (f) => !f.startsWith('backend/'),
        (t) => t === 'backend/deferral.ts',
      ),
    ).toEqual(['async.ts -> backend/deferral.ts']);
    expect(fs.readFileSync(path.join(lib, 'async.ts'), 'utf8')).toMatch(/^import \{ beginDeferred, endDeferred \} from '\.\/backend\/deferral';$/m);
    const askers = sources(lib).filter((f) => !f.includes(`${path.sep}backend${path.sep}`) && /\bdeferring\(/.test(fs.readFileSync(f, 'utf8')));
    expect(askers).toEqual([]);
  });

  test('nothing under autograd/ or backend/ imports the floors above them', () => {
    expect(edges(graph, under('autograd/'), under(...UPPER))).toEqual([]);
    expect(edges(graph, under('backend/'), under('autograd/', ...UPPER))).toEqual([]);
  });

  test('tensor.ts, storage.ts, format.ts and the helpers below them import no floor above', () => {
    const low = under('tensor.ts', 'storage.ts', 'format.ts', 'shape.ts', 'dtype.ts', 'errors.ts', 'inspect.ts');
    expect(edges(graph, low, under('autograd/', ...UPPER))).toEqual([]);
    // tensor.ts reaches the addon through the backend's typed entries only (for its own copies).
    expect(edges(graph, low, under('backend/')).filter((e) => e !== 'tensor.ts -> backend/entries.ts')).toEqual([]);
  });

  test('ops/ build on autograd and the backend, never on nn, optim, models, data, io or the CLI', () => {
    expect(edges(graph, under('ops/'), under('nn/', 'optim/', 'models/', 'data/', 'io/', 'cli/', 'index.ts'))).toEqual([]);
  });

  test('no import cycles anywhere in lib/', () => {
    expect(cycles(graph)).toEqual([]);
  });

  test('lib/index.ts only imports and re-exports', () => {
    const src = ts.createSourceFile('index.ts', fs.readFileSync(path.join(lib, 'index.ts'), 'utf8'), ts.ScriptTarget.ES2022);
    const other = src.statements.filter((s) => !ts.isImportDeclaration(s) && !ts.isExportDeclaration(s)).map((s) => s.getText(src).split('\n')[0]);
    expect(other).toEqual([]);
  });
});

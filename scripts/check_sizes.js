#!/usr/bin/env node
'use strict';
// Size gate: every source file under lib/ and native/ (.ts, .cc, .h) stays at or under
// MAX_LINES lines. Exits 1 listing the offenders, largest first; test fixtures are not source.
// Usage: node scripts/check_sizes.js [--max=N]
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const DIRS = ['lib', 'native'];
const EXTENSIONS = new Set(['.ts', '.cc', '.h']);
const SKIP_DIRS = new Set(['node_modules', 'fixtures', 'fuzz_corpus', 'build', 'dist']);

const maxArg = process.argv.slice(2).find((a) => a.startsWith('--max='));
const MAX_LINES = maxArg ? Number(maxArg.slice('--max='.length)) : 400;
if (!Number.isInteger(MAX_LINES) || MAX_LINES <= 0) {
  console.error(`check_sizes: --max must be a positive integer, got ${maxArg}`);
  process.exit(2);
}

function* sourceFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* sourceFiles(full);
    } else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name))) {
      yield full;
    }
  }
}

/** Lines as an editor numbers them: a final newline does not start another line. */
function lineCount(file) {
  const text = fs.readFileSync(file, 'utf8');
  if (text.length === 0) return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

let checked = 0;
const offenders = [];
for (const dir of DIRS) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) continue;
  for (const file of sourceFiles(abs)) {
    checked++;
    const lines = lineCount(file);
    if (lines > MAX_LINES) offenders.push({ file: path.relative(root, file).split(path.sep).join('/'), lines });
  }
}

if (offenders.length > 0) {
  offenders.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
  console.error(`check_sizes: ${offenders.length} source file(s) over ${MAX_LINES} lines (split them):`);
  for (const { file, lines } of offenders) console.error(`  ${file}: ${lines} lines`);
  process.exit(1);
}
console.log(`check_sizes: ${checked} source files under ${DIRS.join('/ and ')}/ are within ${MAX_LINES} lines`);

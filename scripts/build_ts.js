'use strict';
// Compiles lib/ to CommonJS (dist/cjs) with bundled types (dist/types), then writes the ESM
// entry (dist/esm/index.js) as a thin re-export of the CommonJS build, so `import` and `require`
// share one module instance (one default generator, one Tensor class). Its types
// (dist/esm/index.d.ts, ESM like every file under dist/esm) re-export the same declarations, so
// `import` under moduleResolution node16/nodenext/bundler gets ESM types, not CommonJS ones.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });

// Public signatures use Node's Buffer: the entry's types name Node's types so they resolve for a
// consumer (from its @types/node).
const typesIndex = path.join(root, 'dist/types/index.d.ts');
fs.writeFileSync(typesIndex, `/// <reference types="node" />\n${fs.readFileSync(typesIndex, 'utf8')}`);

const cjs = require(path.join(root, 'dist/cjs/index.js'));
const names = Object.keys(cjs).filter((n) => n !== 'default' && n !== '__esModule');
const esmDir = path.join(root, 'dist/esm');
fs.mkdirSync(esmDir, { recursive: true });
fs.writeFileSync(path.join(esmDir, 'package.json'), '{ "type": "module" }\n');
// A reserved word (tg.var) cannot be a local binding: it is bound under another name and
// exported under its own.
const bindable = (n) => {
  try {
    new Function(`const ${n} = 0;`);
    return true;
  } catch {
    return false;
  }
};
const plain = names.filter(bindable);
const reserved = names.filter((n) => !bindable(n));
const renamed = reserved.length
  ? `const { ${reserved.map((n) => `${n}: ${n}_`).join(', ')} } = cjs;\nexport { ${reserved.map((n) => `${n}_ as ${n}`).join(', ')} };\n`
  : '';
fs.writeFileSync(
  path.join(esmDir, 'index.js'),
  `import cjs from '../cjs/index.js';\n\nexport const { ${plain.join(', ')} } = cjs;\n${renamed}export default cjs;\n`,
);
fs.writeFileSync(path.join(esmDir, 'index.d.ts'), "import * as tg from '../types/index.js';\n\nexport * from '../types/index.js';\nexport default tg;\n");

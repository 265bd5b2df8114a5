#!/usr/bin/env node
'use strict';
// Checks the symbol versions a built addon needs (objdump -T): no glibc newer than the floor we
// promise, and no shared libstdc++ (it is linked statically). Usage: check_glibc.js [file.node ...]
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const GLIBC_FLOOR = [2, 28]; // Debian 10, Ubuntu 18.10, RHEL 8

function findAddons() {
  const root = path.join(__dirname, '..');
  const out = [];
  for (const dir of ['prebuilds/linux-x64', 'prebuilds/linux-arm64', 'build/Release']) {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) continue;
    for (const f of fs.readdirSync(full)) if (f.endsWith('.node')) out.push(path.join(full, f));
  }
  return out;
}

function check(file) {
  const text = execFileSync('objdump', ['-T', file], { encoding: 'utf8' });
  const problems = [];
  // A wrapped symbol left undefined would only fail when the addon loads: catch it here.
  for (const m of execFileSync('objdump', ['-t', file], { encoding: 'utf8' }).matchAll(/\*UND\*\s+\S+\s+(__wrap_\w+)/g)) {
    problems.push(`${m[1]} is undefined (glibc_compat.cc not compiled in?)`);
  }
  let newest = [0, 0];
  for (const m of text.matchAll(/\((GLIBC|GLIBCXX|CXXABI)_([0-9.]+)\)/g)) {
    const [, lib, ver] = m;
    if (lib !== 'GLIBC') {
      problems.push(`needs ${lib}_${ver}: libstdc++ must be linked statically`);
      continue;
    }
    const v = ver.split('.').map(Number);
    if (v[0] > newest[0] || (v[0] === newest[0] && (v[1] ?? 0) > newest[1])) newest = [v[0], v[1] ?? 0];
  }
  if (newest[0] > GLIBC_FLOOR[0] || (newest[0] === GLIBC_FLOOR[0] && newest[1] > GLIBC_FLOOR[1])) {
    problems.push(`needs GLIBC_${newest.join('.')}, newer than the floor ${GLIBC_FLOOR.join('.')}`);
  }
  return { newest: newest.join('.'), problems: [...new Set(problems)] };
}

const files = process.argv.length > 2 ? process.argv.slice(2) : findAddons();
if (files.length === 0) {
  console.error('check_glibc: no addon found (build one first)');
  process.exit(2);
}
let failed = false;
for (const f of files) {
  const { newest, problems } = check(f);
  console.log(`${path.relative(process.cwd(), f)}: newest GLIBC symbol ${newest} (floor ${GLIBC_FLOOR.join('.')})`);
  for (const p of problems) {
    console.error(`  ${p}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
'use strict';
// `tensorgrad build` must work before there is an addon to load, so it is handled here.
if (process.argv[2] === 'build') {
  try {
    require('../scripts/build_native.js').build();
    console.log('tensorgrad: native addon built');
  } catch (e) {
    console.error(`tensorgrad: build failed: ${e.message.split('\n')[0]}`);
    process.exitCode = 1;
  }
} else {
  let main;
  try {
    ({ main } = require('../dist/cjs/cli/main.js'));
  } catch (e) {
    console.error(e.code === 'STATE' ? e.message : `tensorgrad: ${e.message}`);
    process.exit(2);
  }
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(`tensorgrad: ${e && e.message ? e.message : e}`);
      process.exitCode = 1;
    },
  );
}

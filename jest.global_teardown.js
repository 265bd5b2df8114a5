'use strict';
// Removes the code-cache directory jest.global_setup.js made for this run.
const fs = require('fs');

module.exports = function globalTeardown() {
  const dir = process.env.TENSORGRAD_COMPILE_CACHE;
  if (dir && /tg-jest-cache-/.test(dir)) fs.rmSync(dir, { recursive: true, force: true });
};

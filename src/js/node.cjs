'use strict';
// CommonJS entry (require('activations-wasm')). Loading is asynchronous
// anyway, so it loads the ES module implementation with import() and works
// on every Node version, with or without require() of ES modules.
exports.loadActivations = (options) => import('./node.js').then((m) => m.loadActivations(options));

// simdSupported is synchronous in the ES module entries, so it must be here too,
// and require() cannot load an ES module synchronously on Node 20: the probe is
// repeated from load.js (tests/node/entries.test.mjs checks the bytes are the same).
// (module (func (result v128) (v128.const i32x4 0 0 0 0))): valid only where
// the engine has WebAssembly SIMD.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
]);

exports.simdSupported = function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
};

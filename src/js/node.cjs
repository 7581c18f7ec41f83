'use strict';
// CommonJS entry (require('activations-wasm')). Loading is asynchronous
// anyway, so it loads the ES module implementation with import() and works
// on every Node version, with or without require() of ES modules.
exports.loadActivations = (options) => import('./node.js').then((m) => m.loadActivations(options));

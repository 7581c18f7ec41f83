// Browser, worker and bundler entry: no Node modules; the glue fetches the
// .wasm next to itself (or where locateFile points, or uses wasmBinary).
import { load, simdSupported } from './load.js';

export function loadActivations(options) {
  return load(options, async () => undefined);
}

export { simdSupported };

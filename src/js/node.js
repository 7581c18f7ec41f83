// Node entry: reads the .wasm next to this file (Emscripten 3.1.6's glue would
// try fetch() on a file path, which Node cannot do).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { load, simdSupported } from './load.js';

async function readDefaultWasm(file, locateFile) {
  const here = new URL('./', import.meta.url);
  const where = locateFile ? locateFile(file, fileURLToPath(here)) : new URL(file, here);
  return readFile(where);
}

export function loadActivations(options) {
  return load(options, readDefaultWasm);
}

export { simdSupported };

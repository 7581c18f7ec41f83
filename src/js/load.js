// Picks the SIMD or baseline build, instantiates it once, and builds the API.
import { createApi } from './api.js';

// (module (func (result v128) (v128.const i32x4 0 0 0 0))): valid only where
// the engine has WebAssembly SIMD.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
]);

export function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

const OPTIONS = new Set(['simd', 'wasmBinary', 'locateFile']);
const modules = new Map(); // variant -> Promise<instantiated module>, for loads with default files

// Shared by the Node and browser entries. `readDefaultWasm(file, locateFile)`
// gives the bytes of a build when the caller passed no wasmBinary (Node reads
// the file; the browser returns undefined and lets the glue fetch it).
// Every call returns a new instance (its own arrays and scratch); calls with
// default files share one instantiated module per build.
export async function load(options, readDefaultWasm) {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError('loadActivations options must be an object');
  }
  const { simd = simdSupported(), wasmBinary, locateFile } = options ?? {};
  for (const key of Object.keys(options ?? {})) {
    if (!OPTIONS.has(key)) throw new Error(`loadActivations: unknown option "${key}"; options: simd, wasmBinary, locateFile`);
  }
  if (typeof simd !== 'boolean') throw new TypeError('loadActivations: simd must be a boolean');
  if (simd && !simdSupported()) throw new Error('loadActivations: this engine has no WebAssembly SIMD; pass { simd: false }');
  if (locateFile !== undefined && typeof locateFile !== 'function') {
    throw new TypeError('loadActivations: locateFile must be a function (file, scriptDirectory) => url');
  }
  if (wasmBinary !== undefined && !(wasmBinary instanceof ArrayBuffer || ArrayBuffer.isView(wasmBinary))) {
    throw new TypeError('loadActivations: wasmBinary must be an ArrayBuffer or a typed array of the .wasm bytes');
  }
  const variant = simd ? 'simd' : 'baseline';
  const custom = wasmBinary !== undefined || locateFile !== undefined;

  let module = custom ? undefined : modules.get(variant);
  if (!module) {
    module = instantiate(simd, variant, wasmBinary, locateFile, readDefaultWasm);
    if (!custom) {
      modules.set(variant, module);
      module.catch(() => modules.delete(variant)); // a failed load may be retried
    }
  }
  return createApi(await module, simd);
}

async function instantiate(simd, variant, wasmBinary, locateFile, readDefaultWasm) {
  // Two literal paths, so bundlers can see and copy both builds.
  const glue = simd ? await import('./activations-simd.mjs') : await import('./activations-baseline.mjs');
  const bytes = wasmBinary ?? (await readDefaultWasm(`activations-${variant}.wasm`, locateFile));
  // With the bytes in hand the glue fetches nothing; otherwise it fetches
  // the .wasm next to itself, or where locateFile says.
  const moduleOptions = bytes !== undefined ? { wasmBinary: bytes } : locateFile ? { locateFile } : {};
  return glue.default(moduleOptions);
}

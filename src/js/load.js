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
const cache = new Map(); // variant -> Promise<api>, for loads with default files

// Shared by the Node and browser entries. `readDefaultWasm(file)` gives the
// bytes of a build when the caller passed no wasmBinary (Node reads the file;
// the browser returns undefined and lets the glue fetch it).
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
  const variant = simd ? 'simd' : 'baseline';
  const custom = wasmBinary !== undefined || locateFile !== undefined;
  if (!custom && cache.has(variant)) return cache.get(variant);

  const promise = (async () => {
    const file = `activations-${variant}.wasm`;
    // Two literal paths, so bundlers can see and copy both builds.
    const glue = simd ? await import('./activations-simd.mjs') : await import('./activations-baseline.mjs');
    const createModule = glue.default;
    const bytes = wasmBinary ?? (await readDefaultWasm(file, locateFile));
    // With the bytes in hand the glue fetches nothing; otherwise it fetches
    // the .wasm next to itself, or where locateFile says.
    const moduleOptions = bytes !== undefined ? { wasmBinary: bytes } : locateFile ? { locateFile } : {};
    return createApi(await createModule(moduleOptions), simd);
  })();
  if (!custom) {
    cache.set(variant, promise);
    promise.catch(() => cache.delete(variant)); // a failed load may be retried
  }
  return promise;
}

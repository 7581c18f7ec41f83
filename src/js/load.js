// Picks the SIMD or baseline build, instantiates it once, and builds the API.
import { createApi } from './api.js';
import { readBuildTag } from './wasm-tag.js';

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

const OPTIONS = new Set(['simd', 'wasmBinary', 'locateFile', 'precision']);
// The precision tiers, in the order of act::Tier (src/core/registry.hpp).
const PRECISIONS = ['fast', 'faithful'];
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
  const { simd = simdSupported(), wasmBinary, locateFile, precision = 'fast' } = options ?? {};
  for (const key of Object.keys(options ?? {})) {
    if (!OPTIONS.has(key)) throw new Error(`loadActivations: unknown option "${key}"; options: ${[...OPTIONS].join(', ')}`);
  }
  if (!PRECISIONS.includes(precision)) {
    const got = typeof precision === 'string' ? `"${precision}"` : String(precision);
    throw new RangeError(`loadActivations: precision must be "fast" (the default: within 2, 4, 8 ULP for g, g', g'') or "faithful" (within 1 ULP), got ${got}`);
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
  // Both tiers' kernels are in every build: the tier only picks which the
  // instance calls, so one instantiated module serves both.
  return createApi(await module, simd, PRECISIONS.indexOf(precision), precision);
}

async function instantiate(simd, variant, wasmBinary, locateFile, readDefaultWasm) {
  // Two literal paths, so bundlers can see and copy both builds.
  const glue = simd ? await import('./activations-simd.mjs') : await import('./activations-baseline.mjs');
  const bytes = wasmBinary ?? (await readDefaultWasm(`activations-${variant}.wasm`, locateFile));
  if (bytes !== undefined) {
    const file = `activations-${variant}.wasm`;
    checkBytes(bytes, variant, wasmBinary !== undefined ? 'wasmBinary' : locateFile ? `the file locateFile gave for ${file}` : file);
  }
  // The glue reports failures by printing "Aborted(…)" to the console before
  // rejecting; keep what it says for our error instead, and print nothing.
  const said = [];
  const quiet = { print: () => {}, printErr: (line) => said.push(String(line)) };
  // With the bytes in hand the glue fetches nothing; otherwise it fetches
  // the .wasm next to itself, or where locateFile says.
  const moduleOptions = bytes !== undefined ? { wasmBinary: bytes } : locateFile ? { locateFile } : {};
  let module;
  try {
    module = await glue.default({ ...moduleOptions, ...quiet });
  } catch (cause) {
    // The first line the glue printed is the engine's own reason; its abort
    // message repeats it with advice about rebuilding that is no use to a user.
    const detail = (said[0] ?? String(cause?.message ?? cause)).replace(/\.? ?Build with -s ASSERTIONS=1.*$/s, '');
    throw new Error(`loadActivations: could not instantiate the ${variant} build: ${detail}`, { cause });
  }
  // Bytes were checked above; a .wasm the glue fetched itself is checked here
  // (e.g. a locateFile, or a server, that gives the other build's file).
  if (module.simdBuild() !== simd) {
    const got = simd ? 'baseline' : 'simd';
    throw new Error(
      `loadActivations: the .wasm loaded for the ${variant} build is the ${got} build` +
        `${locateFile ? ' (check locateFile)' : ''}; pass { simd: ${!simd} } or serve activations-${variant}.wasm`,
    );
  }
  return module;
}

// Before the glue sees them: the bytes must be a module this engine accepts,
// and the build asked for (the two builds export the same functions, so the
// glue would accept the other one, and act.simd would then be wrong).
function checkBytes(bytes, variant, what) {
  let valid = false;
  try {
    valid = WebAssembly.validate(bytes);
  } catch {
    // validate throws on a detached buffer: as invalid
  }
  if (!valid) {
    const hint = simdSupported() ? 'corrupt or truncated' : 'corrupt, truncated, or the SIMD build on an engine without SIMD';
    throw new Error(`loadActivations: ${what} is not a valid WebAssembly module (${bytes.byteLength} bytes; ${hint})`);
  }
  const build = readBuildTag(bytes);
  if (build === undefined) {
    throw new Error(`loadActivations: ${what} is WebAssembly but not an activations-wasm build (no "activations-wasm" section); pass the bytes of activations-${variant}.wasm`);
  }
  if (build !== variant) {
    throw new Error(
      `loadActivations: ${what} holds the ${build} build but the ${variant} build was asked for (simd: ${variant === 'simd'}); ` +
        `pass activations-${variant}.wasm, or { simd: ${build === 'simd'} } with these bytes`,
    );
  }
}

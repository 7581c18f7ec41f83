// Loading from bytes the caller supplies: corrupt bytes, the other build's
// bytes, and WebAssembly that is not ours are each a clear Error, and nothing
// reaches the console (Emscripten's glue prints "Aborted(…)" unless told not to).
// The loads run in a child process so its stdout and stderr can be checked whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { readBuildTag } from '../../dist/wasm-tag.js';

const dist = new URL('../../dist/', import.meta.url);

test('each shipped build names itself in its "activations-wasm" section', async () => {
  for (const variant of ['simd', 'baseline']) {
    assert.equal(readBuildTag(await readFile(new URL(`activations-${variant}.wasm`, dist))), variant);
  }
  assert.equal(readBuildTag(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])), undefined, 'an empty module has no tag');
  // A section header that claims more bytes than there are: no tag, no read past the end.
  assert.equal(readBuildTag(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 0, 0x7f, 1])), undefined);
});

test('bad wasmBinary: a clear Error for each case, nothing printed', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import { loadActivations } from ${JSON.stringify(new URL('node.js', dist).href)};
    const simdBytes = readFileSync(new URL('activations-simd.wasm', ${JSON.stringify(dist.href)}));
    const baseBytes = readFileSync(new URL('activations-baseline.wasm', ${JSON.stringify(dist.href)}));
    const corrupt = Uint8Array.from(baseBytes);
    corrupt[8] = 0x7f; // the first section's id: no such section (a flipped byte elsewhere may land in data and stay valid)
    const tag = (build) => [0, 1 + 16 + build.length, 16, ...Buffer.from('activations-wasm'), ...Buffer.from(build)];
    const header = [0, 97, 115, 109, 1, 0, 0, 0];
    // (module (import "env" "nope" (func))) tagged as ours: valid, but the glue cannot instantiate it.
    const foreign = new Uint8Array([...header, 1, 4, 1, 0x60, 0, 0, 2, 12, 1, 3, 0x65, 0x6e, 0x76, 4, 0x6e, 0x6f, 0x70, 0x65, 0, 0, ...tag('baseline')]);
    const cases = {
      corrupt: { simd: false, wasmBinary: corrupt },
      truncated: { simd: true, wasmBinary: simdBytes.subarray(0, simdBytes.length >> 1) },
      notWasm: { simd: false, wasmBinary: new TextEncoder().encode('<!doctype html>') },
      empty: { simd: false, wasmBinary: new ArrayBuffer(0) },
      baselineAsSimd: { simd: true, wasmBinary: baseBytes },
      simdAsBaseline: { simd: false, wasmBinary: simdBytes.buffer.slice(simdBytes.byteOffset, simdBytes.byteOffset + simdBytes.byteLength) },
      untagged: { simd: false, wasmBinary: new Uint8Array(header) },
      cannotInstantiate: { simd: false, wasmBinary: foreign },
      locatedOther: { simd: true, locateFile: (file, dir) => dir + 'activations-baseline.wasm' },
    };
    const out = {};
    for (const [name, options] of Object.entries(cases)) {
      try { await loadActivations(options); out[name] = 'loaded'; } catch (e) { out[name] = e.constructor.name + ': ' + e.message; }
    }
    // The right bytes still load, and say which build they are.
    out.right = (await loadActivations({ simd: false, wasmBinary: baseBytes })).simd;
    process.stdout.write(JSON.stringify(out));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.stderr, '', 'nothing on stderr');
  assert.equal(child.status, 0);
  const out = JSON.parse(child.stdout); // and nothing else on stdout
  const invalid = /^Error: loadActivations: wasmBinary is not a valid WebAssembly module \(\d+ bytes; corrupt or truncated\)$/;
  assert.match(out.corrupt, invalid);
  assert.match(out.truncated, invalid);
  assert.match(out.notWasm, invalid);
  assert.match(out.empty, /not a valid WebAssembly module \(0 bytes/);
  assert.equal(out.baselineAsSimd, 'Error: loadActivations: wasmBinary holds the baseline build but the simd build was asked for (simd: true); pass activations-simd.wasm, or { simd: false } with these bytes');
  assert.equal(out.simdAsBaseline, 'Error: loadActivations: wasmBinary holds the simd build but the baseline build was asked for (simd: false); pass activations-baseline.wasm, or { simd: true } with these bytes');
  assert.match(out.untagged, /^Error: loadActivations: wasmBinary is WebAssembly but not an activations-wasm build \(no "activations-wasm" section\); pass the bytes of activations-baseline.wasm$/);
  assert.match(out.cannotInstantiate, /^Error: loadActivations: could not instantiate the baseline build: .*Import #0 module="env"/);
  assert.doesNotMatch(out.cannotInstantiate, /ASSERTIONS|Aborted/);
  assert.equal(out.locatedOther, 'Error: loadActivations: the file locateFile gave for activations-simd.wasm holds the baseline build but the simd build was asked for (simd: true); pass activations-simd.wasm, or { simd: false } with these bytes');
  assert.equal(out.right, false);
});

test('each build says which it is after instantiation (the check for a .wasm the glue fetched itself)', async () => {
  for (const [variant, simd] of [['simd', true], ['baseline', false]]) {
    const { default: createModule } = await import(new URL(`activations-${variant}.mjs`, dist).href);
    const module = await createModule({ wasmBinary: await readFile(new URL(`activations-${variant}.wasm`, dist)) });
    assert.equal(module.simdBuild(), simd, variant);
  }
});

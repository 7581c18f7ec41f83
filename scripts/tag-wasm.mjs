// Appends a custom section "activations-wasm" naming the build ("simd" or
// "baseline") to a .wasm file, so the loader can tell a wasmBinary of the other
// build (or of another program) from the right one before instantiating it.
// Custom sections are ignored by engines; appending one keeps the module valid.
// Run by scripts/build.sh: node scripts/tag-wasm.mjs FILE.wasm simd|baseline
import { readFile, writeFile } from 'node:fs/promises';
import { BUILD_SECTION, readBuildTag } from '../src/js/wasm-tag.js';

const [file, build] = process.argv.slice(2);
if (!file || !['simd', 'baseline'].includes(build)) {
  console.error('usage: node scripts/tag-wasm.mjs FILE.wasm simd|baseline');
  process.exit(2);
}
const bytes = await readFile(file);
const existing = readBuildTag(bytes);
if (existing !== undefined) {
  if (existing !== build) throw new Error(`${file} is already tagged "${existing}", not "${build}"`);
  process.exit(0); // idempotent: build.sh may run on an already tagged file
}
const leb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const name = Buffer.from(BUILD_SECTION);
const payload = Buffer.concat([Buffer.from(leb(name.length)), name, Buffer.from(build)]);
const section = Buffer.concat([Buffer.from([0, ...leb(payload.length)]), payload]);
await writeFile(file, Buffer.concat([bytes, section]));

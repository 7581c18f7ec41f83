// Reads the custom section scripts/tag-wasm.mjs appends to each build, without
// compiling the module: a walk over the section headers, a few dozen steps.

export const BUILD_SECTION = 'activations-wasm';

/**
 * The build named in the bytes' "activations-wasm" section ("simd" or
 * "baseline"), or undefined when the bytes carry none (not one of our builds).
 * Assumes the caller has checked the bytes are a valid module; stops at the
 * first malformed header anyway rather than read past the end.
 */
export function readBuildTag(bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : ArrayBuffer.isView(bytes)
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : new Uint8Array(bytes);
  let at = 8; // magic and version
  const leb = () => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (at >= u8.length) return -1;
      const byte = u8[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
    return -1;
  };
  while (at < u8.length) {
    const id = u8[at++];
    const size = leb();
    if (size < 0 || at + size > u8.length) return undefined;
    const end = at + size;
    if (id === 0) {
      const nameLength = leb();
      if (nameLength >= 0 && at + nameLength <= end) {
        const name = new TextDecoder().decode(u8.subarray(at, at + nameLength));
        if (name === BUILD_SECTION) return new TextDecoder().decode(u8.subarray(at + nameLength, end));
      }
    }
    at = end;
  }
  return undefined;
}

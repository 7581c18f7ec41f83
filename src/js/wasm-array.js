// Float32 arrays that live in wasm memory: the zero-copy path.
import { checkInput } from './errors.js';

const owners = new WeakMap(); // WasmArray -> { address, length, module, release } while alive

export class WasmArray {
  constructor(address, length, module) {
    owners.set(this, { address, length, module });
  }

  /** A Float32Array view of the data, made fresh on every access: memory growth replaces the buffer. */
  get array() {
    const { address, length, module } = alive(this, 'array');
    return new Float32Array(module.HEAPF32.buffer, address, length);
  }

  /**
   * Copies values (Float32Array, Float64Array or numbers) into the array from
   * `offset`: the same as `array.set(values, offset)` without a view to keep.
   */
  set(values, offset = 0) {
    const { length } = alive(this, 'set');
    checkInput(values, 'values');
    if (!Number.isInteger(offset) || offset < 0 || offset + values.length > length) {
      throw new RangeError(`WasmArray.set: ${values.length} values at offset ${offset} do not fit in ${length}`);
    }
    this.array.set(values, offset);
  }

  /** A copy of the data in ordinary JS memory: unlike a view, it survives memory growth and free(). */
  get() {
    return this.array.slice();
  }

  get length() {
    return alive(this, 'length').length;
  }

  /** Returns the memory to the heap; any later use of this array throws. Freeing twice is a no-op. */
  free() {
    const state = owners.get(this);
    if (!state) return;
    owners.delete(this);
    state.release?.();
  }
}

function alive(array, what) {
  const state = owners.get(array);
  if (!state) throw new Error(`WasmArray.${what}: the array was freed (by free() or dispose())`);
  return state;
}

export const isWasmArray = (value) => value instanceof WasmArray;

/** Address and length of a live array, after checking it lives in `module`'s memory. */
export function locate(array, name, module) {
  const state = owners.get(array);
  if (!state) throw new Error(`${name} was freed (by free() or dispose())`);
  if (state.module !== module) throw new Error(`${name} was allocated by the other build (SIMD vs baseline) and cannot be used here`);
  return state;
}

/** Registers how to release an array's memory; called once by its allocator. */
export function setRelease(array, release) {
  owners.get(array).release = release;
}

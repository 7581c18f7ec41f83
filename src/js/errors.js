// Argument checks with messages that say what was wrong and what was received.

export function describeType(value) {
  if (value === undefined) return 'nothing (undefined)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return withArticle(value.constructor?.name ?? 'typed array');
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no prototype'})`;
  if (typeof value === 'string') return `a string ("${value.slice(0, 20)}")`;
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  if (typeof value === 'symbol') return `a symbol (${value.description ?? ''})`;
  return `${typeof value} ${String(value)}`; // number 3, boolean true, bigint 2
}

// "an Int32Array", "a Uint8Array" (a "you" sound), "a Float64Array".
const withArticle = (noun) => `${/^[aeio]/i.test(noun) ? 'an' : 'a'} ${noun}`;

const tag = (value) => Object.prototype.toString.call(value);
export const isFloat32Array = (value) => tag(value) === '[object Float32Array]';
const isFloat64Array = (value) => tag(value) === '[object Float64Array]';

// Float32Array (fast path), Float64Array (converted) or an array of numbers.
export function checkInput(value, name) {
  if (isFloat32Array(value) || isFloat64Array(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'number') {
        throw new TypeError(`${name}[${i}] must be a number, got ${describeType(value[i])}`);
      }
    }
    return value;
  }
  throw new TypeError(
    `${name} must be a Float32Array, Float64Array or array of numbers, got ${describeType(value)}`,
  );
}

export function checkOutput(out, length, name) {
  if (!isFloat32Array(out)) {
    throw new TypeError(`${name} must be a Float32Array, got ${describeType(out)}`);
  }
  if (out.length !== length) {
    throw new RangeError(`${name} has length ${out.length} but the input has length ${length}`);
  }
  return out;
}

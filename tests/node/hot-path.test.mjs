// The per-call fast paths of src/js/api.js, on both wasm builds: at(z) (one
// wasm call for all three orders), a Float32Array that fits in one scratch
// chunk (copied in once, out once), two wasm arrays; each must give the same
// bits as the general path, and the same errors.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadActivations } from '../../dist/node.js';

const builds = [
  ['SIMD', { simd: true }],
  ['baseline', { simd: false }],
];
const CHUNK = 1 << 16; // src/js/api.js: the largest array the fast path takes
// Inputs across every branch: tails, kinks, zeros, specials, subnormals.
const specials = [0, -0, 1e-40, -1e-40, 1e-30, 0.5, -0.5, 1, -1, 3, -3, 6, -6, 9.5, -9.5, 17, -17, 88.8, -88.8, 1e30, -1e30, Infinity, -Infinity, NaN];
const grid = Float32Array.from([...specials, ...Array.from({ length: 101 }, (_, i) => (i - 50) / 3.7)]);
// Every element of a and b the same float32 (Object.is: -0 is not 0, NaN is NaN).
function sameBits(a, b, what) {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `${what} [${i}]: ${a[i]} vs ${b[i]}`);
}

for (const [label, options] of builds) {
  describe(`${label} build`, async () => {
    const act = await loadActivations(options);
    // Every catalogue entry (defaults, and a non-default set where it has
    // parameters), and every preset expression.
    const activations = [
      ...act.names.map((id) => [id, act.get(id)]),
      ...act.names.filter((id) => act.info(id).params.length > 0).map((id) => {
        // Inside each range, distinct per parameter (hardtanh needs min < max).
        const specs = act.info(id).params;
        const params = Object.fromEntries(specs.map((p, i) => [p.name, p.min + ((p.max - p.min) * (i + 1)) / (specs.length + 1.5)]));
        return [`${id} ${JSON.stringify(params)}`, act.get(id, params)];
      }),
      ...act.presets.map((p) => [`compiled ${p.source}`, act.compile(p.source, { params: p.params })]),
    ];

    test('at(z) gives the three orders of the array calls, bit for bit', () => {
      for (const [name, f] of activations) {
        const orders = [f.forward(grid), f.derivative(grid), f.derivative(grid, { order: 2 })];
        grid.forEach((z, i) => {
          const one = f.at(z);
          assert.deepEqual(Object.keys(one), ['value', 'derivative', 'second']);
          sameBits([one.value, one.derivative, one.second], orders.map((o) => o[i]), `${name} at(${z})`);
        });
      }
    });

    test('small calls (one chunk, one copy each way) equal the chunked general path, for every method', () => {
      // Longer than a chunk: the general path, in chunks. Its slices, passed on
      // their own, take the fast path: same bits, whatever the length and offset.
      const n = CHUNK + 37;
      const big = Float32Array.from({ length: n }, (_, i) => grid[i % grid.length] * (1 + (i % 7) / 8));
      const dy = Float32Array.from({ length: n }, (_, i) => (i % 5) - 2.5);
      for (const [name, f] of activations) {
        const whole = [f.forward(big), f.derivative(big), f.derivative(big, { order: 2 })];
        const wholeBackward = f.backward(big, dy);
        for (const [start, length] of [[0, 1], [1, 3], [5, 4], [9, 7], [17, 16], [100, 33], [3, CHUNK], [37, CHUNK]]) {
          const x = big.slice(start, start + length);
          const parts = [f.forward(x), f.derivative(x), f.derivative(x, { order: 2 })];
          parts.forEach((part, order) => sameBits(part, whole[order].subarray(start, start + length), `${name} order ${order} [${start}, +${length})`));
          // Into a given out, and in place.
          // evaluate and backward, whose fast paths take new arrays only.
          const both = f.evaluate(x);
          sameBits(both.value, parts[0], `${name} evaluate value`);
          sameBits(both.derivative, parts[1], `${name} evaluate derivative`);
          sameBits(f.backward(x, dy.subarray(start, start + length)), wholeBackward.subarray(start, start + length), `${name} backward`);
          const out = new Float32Array(length);
          assert.equal(f.derivative(x, out), out);
          sameBits(out, parts[1], `${name} g' into out`);
          assert.equal(f.forward(x, x), x);
          sameBits(x, parts[0], `${name} g in place`);
        }
      }
    });

    test('wasm arrays in and out equal the copying path', () => {
      const x = act.alloc(grid.length);
      const y = act.alloc(grid.length);
      x.set(grid);
      for (const [name, f] of activations) {
        assert.equal(f.forward(x, y), y);
        sameBits(y.get(), f.forward(grid), `${name} g`);
        assert.equal(f.derivative(x, { order: 2, out: y }), y);
        sameBits(y.get(), f.derivative(grid, { order: 2 }), `${name} g''`);
      }
      const want = act.get('gelu').forward(grid);
      act.get('gelu').forward(x, x);
      sameBits(x.get(), want, 'gelu in place on a wasm array');
      x.free();
      y.free();
    });

    test('the fast paths keep working across heap growth and dispose()', () => {
      const f = act.get('softplus');
      const x = Float32Array.from([-3, 0, 2.5]);
      const before = [f.forward(x), f.at(2.5)];
      const big = act.alloc(act.heapBytes / 4); // the heap must grow: every old view is detached
      sameBits(f.forward(x), before[0], 'forward after growth');
      assert.deepEqual(f.at(2.5), before[1], 'at after growth');
      big.free();
      const other = act.get('tanh');
      const y = act.alloc(3);
      y.set(x);
      const want = other.forward(x);
      act.dispose(); // frees the scratch buffers too; the next call takes new ones
      sameBits(f.forward(x), before[0], 'forward after dispose');
      assert.deepEqual(f.at(2.5), before[1], 'at after dispose');
      assert.throws(() => other.forward(y, act.alloc(3)), { message: /^x was freed/ });
      sameBits(other.forward(x), want, 'tanh after dispose');
    });

    test('bad input on the fast paths gets the errors of the general path', () => {
      const f = act.get('relu');
      const a = act.alloc(3);
      const b = act.alloc(4);
      const c = act.alloc(3);
      const cases = [
        [() => f.forward(a, b), RangeError, /^out has length 4 but the input has length 3$/],
        [() => f.forward(new Float32Array(3), new Float32Array(4)), RangeError, /^out has length 4 but the input has length 3$/],
        [() => f.forward(new Float32Array(3), new Float64Array(3)), TypeError, /^out must be a Float32Array, got a Float64Array$/],
        [() => f.forward(new Float32Array(3), [0, 0, 0]), TypeError, /^out must be a Float32Array, got an array$/],
        [() => f.derivative(new Float32Array(3), { order: 3 }), RangeError, /order must be 1 or 2/],
        [() => f.at(null), TypeError, /^z must be a number, got null$/],
        [() => f.at(1n), TypeError, /^z must be a number, got bigint 1$/],
      ];
      for (const [call, type, message] of cases) assert.throws(call, (e) => e instanceof type && message.test(e.message), String(call));
      c.free();
      assert.throws(() => f.forward(c, a), { message: /^x was freed/ });
      assert.throws(() => f.forward(a, c), { message: /^out was freed/ });
      a.free();
      b.free();
    });

    test('a detached input is an empty array, as before', () => {
      const x = new Float32Array([1, 2, 3]);
      structuredClone(x.buffer, { transfer: [x.buffer] });
      assert.equal(x.length, 0);
      const y = act.get('sigmoid').forward(x);
      assert.ok(y instanceof Float32Array);
      assert.equal(y.length, 0);
    });
  });
}

test('wasm arrays of the other build are refused on the fast path too', async () => {
  const [a, b] = await Promise.all([loadActivations({ simd: true }), loadActivations({ simd: false })]);
  const x = a.alloc(2);
  const y = a.alloc(2);
  assert.throws(() => b.get('relu').forward(x, y), { message: /^x was allocated by the other build \(SIMD vs baseline\)/ });
  a.dispose();
});

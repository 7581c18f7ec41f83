// The JS API as a user meets it, on both wasm builds.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadActivations, simdSupported } from '../../dist/node.js';

const builds = [
  ['SIMD', { simd: true }],
  ['baseline', { simd: false }],
];
const f32 = (v) => Math.fround(v);
// One float32 ULP at v (2^-149 at and below the subnormals).
const ulpOf = (v) => 2 ** Math.max(Math.floor(Math.log2(Math.abs(v) || 2 ** -149)) - 23, -149);
// |got − want| in float32 ULP of want (2^-149 below the normal range).
const ulp = (got, want) => Math.abs(got - want) / 2 ** Math.max(Math.floor(Math.log2(Math.abs(want))) - 23, -149);

for (const [label, options] of builds) {
  describe(`${label} build`, async () => {
    const act = await loadActivations(options);

    test('names the catalogue and reports its build', () => {
      // The names are the registry's ids, in its order, each with its entry.
      assert.ok(act.names.length > 0);
      assert.equal(new Set(act.names).size, act.names.length, 'ids are unique');
      for (const id of act.names) {
        assert.match(id, /^[a-z][a-z0-9_]*$/);
        assert.equal(act.info(id).id, id);
      }
      assert.ok(Object.isFrozen(act.names));
      assert.equal(act.simd, options.simd);
    });

    test('second derivatives, the fused pass and backward', () => {
      const x = new Float32Array([-3, -1, -0.25, 0, 0.5, 2, 40]);
      for (const id of act.names) {
        const f = act.get(id);
        const [g, dg, d2g] = [f.forward(x), f.derivative(x), f.derivative(x, { order: 2 })];
        assert.deepEqual(f.derivative(x, { order: 1 }), dg, id);
        const both = f.evaluate(x);
        // The fused pass runs the same formulas in the same lanes: bit-identical.
        x.forEach((z, i) => {
          assert.equal(both.value[i], g[i], `${id} fused g(${z})`);
          assert.equal(both.derivative[i], dg[i], `${id} fused g'(${z})`);
          const one = f.at(z);
          assert.deepEqual([one.value, one.derivative, one.second], [g[i], dg[i], d2g[i]], `${id} at(${z})`);
        });
        const dy = new Float32Array([2, -1, 0.5, 3, 1, -2, 1]);
        const dx = f.backward(x, dy);
        x.forEach((z, i) => {
          const want = Math.fround(dy[i] * dg[i]);
          assert.ok(Math.abs(dx[i] - want) <= 8 * ulpOf(want), `${id} backward at ${z}: ${dx[i]} vs ${want}`);
        });
      }
      // Values from the definitions: gelu''(0) = 2φ(0), silu'(0) = 1/2, hardswish'(-3) = -1/2 (PyTorch).
      assert.equal(act.get('gelu').at(0).second, Math.fround(2 / Math.sqrt(2 * Math.PI)));
      assert.equal(act.get('silu').at(0).derivative, 0.5);
      assert.equal(act.get('hardswish').at(-3).derivative, -0.5);
      assert.equal(act.get('softplus', { beta: 2, threshold: 10 }).at(6).value, 6); // beta*z > threshold: z
    });

    test('evaluate and backward write into given arrays, also in place', () => {
      const f = act.get('mish');
      const x = new Float32Array([-2, 0, 1.5]);
      const expected = f.evaluate(x);
      const value = new Float32Array(3), derivative = new Float32Array(3);
      const both = f.evaluate(x, { value, derivative });
      assert.equal(both.value, value);
      assert.equal(both.derivative, derivative);
      assert.deepEqual(value, expected.value);
      const dy = new Float32Array([1, 2, 3]);
      const dx = f.backward(x, dy);
      assert.equal(f.backward(x, dy, dy), dy);
      assert.deepEqual(dy, dx);
      assert.equal(f.derivative(x, { order: 2, out: x }), x);
    });

    test('values the seed derives, and the tails its formulas lose', () => {
      assert.equal(act.get('sigmoid').at(0).value, 0.5);
      assert.equal(act.get('sigmoid').at(0).derivative, 0.25);
      assert.ok(ulp(act.get('sigmoid').at(20).derivative, 2.0611536181902037e-9) <= 4);
      assert.ok(ulp(act.get('sigmoid').at(-100).derivative, 3.7200759760208361e-44) <= 4);
      assert.ok(ulp(act.get('tanh').at(10).derivative, 8.2446144e-9) <= 4);
      assert.equal(act.get('relu').at(0).derivative, 0); // convention: relu'(0) = 0
      assert.equal(act.get('leaky_relu', { alpha: 0.2 }).at(0).derivative, f32(0.2)); // leaky'(0) = alpha
      assert.deepEqual([...act.get('leaky_relu', { alpha: 0.1 }).forward([-2, 3])], [f32(-0.2), 3]);
      assert.deepEqual([...act.get('leaky_relu').forward([-100])], [f32(-1)]); // default alpha 0.01
    });

    test('activations with different parameters, used in turn, each keep their own', () => {
      // The parameters reach wasm through one block that is rewritten only when the caller changes.
      const a = act.get('leaky_relu', { alpha: 0.5 });
      const b = act.get('leaky_relu', { alpha: 0.25 });
      const x = [-4, 2];
      for (let round = 0; round < 3; round++) {
        assert.deepEqual([...a.forward(x)], [-2, 2]);
        assert.deepEqual([...b.forward(x)], [-1, 2]);
        assert.deepEqual([...a.backward(x, [1, 1])], [0.5, 1]);
        assert.deepEqual(b.at(-4), { value: -1, derivative: 0.25, second: 0 });
      }
      assert.throws(() => act.get('leaky_relu', { alpha: 2 }), RangeError); // a refused set is written, then never used
      assert.deepEqual([...a.forward(x)], [-2, 2]);
    });

    test('accepts Float32Array, Float64Array and number[] alike', () => {
      const f = act.get('tanh');
      const xs = [-3, -0.5, 0, 0.25, 2];
      const expected = f.forward(new Float32Array(xs));
      assert.deepEqual(f.forward(xs), expected);
      assert.deepEqual(f.forward(new Float64Array(xs)), expected);
      assert.ok(expected instanceof Float32Array);
    });

    test('writes into out, also in place, and returns it', () => {
      const f = act.get('sigmoid');
      const x = new Float32Array([-1, 0, 1, 2, 3]);
      const expected = f.derivative(x);
      const out = new Float32Array(5);
      assert.equal(f.derivative(x, out), out);
      assert.deepEqual(out, expected);
      assert.equal(f.derivative(x, x), x);
      assert.deepEqual(x, expected);
    });

    test('empty input gives empty output', () => {
      assert.equal(act.get('relu').forward([]).length, 0);
      assert.equal(act.get('relu').derivative(new Float32Array(0)).length, 0);
    });

    test('arrays longer than one heap chunk match element-wise results', () => {
      const n = 200_003; // several chunks plus a ragged end
      const x = new Float32Array(n).map((_, i) => (i % 1000) / 50 - 10);
      for (const id of act.names) {
        const f = act.get(id);
        const [value, derivative] = [f.forward(x), f.derivative(x)];
        for (const i of [0, 1, 65_535, 65_536, 65_537, 131_072, n - 1]) {
          const one = f.at(x[i]);
          assert.equal(value[i], one.value, `${id} g at ${i}`);
          assert.equal(derivative[i], one.derivative, `${id} g' at ${i}`);
        }
      }
    });

    test('NaN and infinities follow IEEE and the limits', () => {
      const s = act.get('sigmoid');
      assert.ok(Number.isNaN(s.at(NaN).value));
      assert.deepEqual([...s.forward([Infinity, -Infinity])], [1, 0]);
      assert.deepEqual([...act.get('tanh').derivative([Infinity, -Infinity])], [0, 0]);
    });

    test('info returns the registry entry, as a copy', () => {
      const info = act.info('leaky_relu');
      assert.equal(info.id, 'leaky_relu');
      assert.deepEqual(info.params.map((p) => [p.name, p.default, p.min, p.max]), [['alpha', 0.01, 0, 1]]);
      assert.match(info.latex.value, /\\alpha/);
      assert.match(info.kinks, /alpha/);
      assert.equal(typeof info.accuracy.derivative, 'number');
      info.params.length = 0;
      assert.equal(act.info('leaky_relu').params.length, 1);
    });

    test('bad input throws an Error that says what was wrong', () => {
      const f = act.get('sigmoid');
      const cases = [
        [() => act.get('swish'), Error, new RegExp(`unknown activation "swish"; known: ${act.names.join(', ')}$`)],
        [() => act.get(42), TypeError, /id must be a string, got number 42/],
        [() => act.get('leaky_relu', { alpha: NaN }), RangeError, /'alpha' must be a finite number in \[0, 1\]/],
        [() => act.get('leaky_relu', { alpha: 2 }), RangeError, /'alpha'.*\[0, 1\], got 2/],
        [() => act.get('leaky_relu', { alpha: -0.5 }), RangeError, /'alpha'/],
        [() => act.get('leaky_relu', { alpha: Infinity }), RangeError, /'alpha'/],
        [() => act.get('leaky_relu', { alpha: '0.1' }), TypeError, /'alpha' must be a number, got a string/],
        [() => act.get('leaky_relu', { slope: 0.1 }), Error, /unknown parameter "slope"; parameters: alpha/],
        [() => act.get('relu', { alpha: 0.1 }), Error, /relu: unknown parameter "alpha"; it takes no parameters/],
        [() => act.get('relu', 0.1), TypeError, /parameters must be an object, got number/],
        [() => f.forward('1,2,3'), TypeError, /x must be a Float32Array, Float64Array or array of numbers, got a string/],
        [() => f.forward({ length: 2 }), TypeError, /x must be .* got an object/],
        [() => f.forward(new Int32Array(2)), TypeError, /got an Int32Array$/],
        [() => f.forward(new Uint8Array(2)), TypeError, /got a Uint8Array$/],
        [() => f.forward(null), TypeError, /got null/],
        [() => f.forward(), TypeError, /^x must be a Float32Array, Float64Array or array of numbers, got nothing \(undefined\)$/],
        [() => f.backward([1, 2]), TypeError, /^dy must be .* got nothing \(undefined\)$/],
        [() => act.get(), TypeError, /^activation id must be a string, got nothing \(undefined\)$/],
        [() => f.forward([1, undefined]), TypeError, /^x\[1\] must be a number, got nothing \(undefined\)$/],
        [() => f.at(), TypeError, /^z must be a number, got nothing \(undefined\)$/],
        [() => f.forward(() => 1), TypeError, /got a function/],
        [() => f.forward([1, '2']), TypeError, /x\[1\] must be a number, got a string/],
        [() => f.derivative([1, 2], new Float32Array(3)), RangeError, /out has length 3 but the input has length 2/],
        [() => f.forward([1, 2], [0, 0]), TypeError, /out must be a Float32Array, got an array/],
        [() => f.forward([1, 2], new Float64Array(2)), TypeError, /out must be a Float32Array, got a Float64Array/],
        [() => f.at('0.5'), TypeError, /z must be a number, got a string/],
        [() => f.derivative([1], { order: 3 }), RangeError, /order must be 1 or 2, got number 3/],
        [() => f.derivative([1], { order: '2' }), RangeError, /order must be 1 or 2, got a string/],
        [() => f.derivative([1], { degree: 2 }), Error, /unknown option "degree"; options: order, out/],
        [() => f.derivative([1], new Float32Array(1), 2), TypeError, /options must be an object/],
        [() => f.backward([1, 2], [1]), RangeError, /dy has length 1 but x has length 2/],
        [() => f.backward([1, 2], 'ab'), TypeError, /dy must be a Float32Array, Float64Array or array of numbers, got a string/],
        [() => f.backward([1, 2], [1, 2], new Float32Array(1)), RangeError, /out has length 1 but the input has length 2/],
        [() => f.evaluate([1, 2], { value: new Float32Array(1) }), RangeError, /value has length 1/],
        [() => f.evaluate([1], { grad: new Float32Array(1) }), Error, /unknown option "grad"; options: value, derivative/],
        [() => act.get('hardtanh', { min: 2, max: 1 }), RangeError, /^hardtanh: parameters must satisfy min < max, got min = 2, max = 1$/],
        [() => act.get('silu', { beta: 0 }), RangeError, /'beta' must be a finite number in \[0.01, 100\], got 0/],
      ];
      for (const [call, type, message] of cases) assert.throws(call, (e) => e instanceof type && message.test(e.message));
    });
  });
}

test('loading twice gives separate instances over one module; options are checked', async () => {
  const a = await loadActivations();
  const b = await loadActivations();
  assert.notEqual(a, b);
  assert.equal(a.simd, simdSupported());
  // One module: an array of one instance is usable by the other.
  const shared = a.alloc(3);
  shared.array.set([-1, 0, 1]);
  b.get('relu').forward(shared, shared);
  assert.deepEqual([...shared.array], [0, 0, 1]);
  a.dispose();
  await assert.rejects(loadActivations({ simd: 'yes' }), /simd must be a boolean/);
  await assert.rejects(loadActivations({ wasm: 1 }), /unknown option "wasm"/);
  await assert.rejects(loadActivations(5), /options must be an object/);
  await assert.rejects(loadActivations({ locateFile: 'x' }), /locateFile must be a function/);
  await assert.rejects(loadActivations({ wasmBinary: 'bytes' }), /wasmBinary must be an ArrayBuffer or a typed array/);
});

describe('zero-copy arrays', async () => {
  const act = await loadActivations();

  test('alloc, in-place and out-of-place calls on wasm memory, free and dispose', () => {
    const x = act.alloc(1000);
    assert.equal(x.length, 1000);
    x.array.set(Float32Array.from({ length: 1000 }, (_, i) => i / 100 - 5));
    const expected = act.get('silu').forward(x.array);
    const y = act.alloc(1000);
    assert.equal(act.get('silu').forward(x, y), y);
    assert.deepEqual(y.array, expected);
    act.get('silu').forward(x, x); // in place
    assert.deepEqual(x.array, expected);
    // Mixed: a wasm input with a JS output, and the reverse.
    assert.deepEqual(act.get('tanh').derivative(y), act.get('tanh').derivative(y.array));
    act.get('tanh').derivative(expected, y);
    assert.deepEqual(y.array, act.get('tanh').derivative(expected));
    // Every method takes them.
    const g = act.alloc(1000), dg = act.alloc(1000), dx = act.alloc(1000);
    act.get('gelu').evaluate(x, { value: g, derivative: dg });
    assert.deepEqual(g.array, act.get('gelu').forward(x.array));
    act.get('gelu').backward(x, g, dx);
    assert.deepEqual(dx.array, act.get('gelu').backward(x.array, g.array));
    act.get('gelu').derivative(x, { order: 2, out: dx });
    assert.deepEqual(dx.array, act.get('gelu').derivative(x.array, { order: 2 }));
    x.free();
    x.free(); // twice is a no-op
    assert.throws(() => x.array, /the array was freed/);
    assert.throws(() => act.get('relu').forward(x), /x was freed/);
    act.dispose();
    assert.throws(() => y.length, /the array was freed/);
    assert.throws(() => act.get('relu').forward([1], dg), /out was freed/);
    assert.equal(act.get('relu').forward([2])[0], 2); // still usable after dispose
  });

  test('views stay fresh after the heap grows', () => {
    const small = act.alloc(4);
    small.array.set([1, 2, 3, 4]);
    const before = act.heapBytes;
    const big = act.alloc(16 << 20); // 64 MiB: the heap must grow
    assert.ok(act.heapBytes > before);
    assert.deepEqual([...small.array], [1, 2, 3, 4]);
    assert.equal(small.array.buffer.byteLength, act.heapBytes);
    big.free();
    small.free();
  });

  test('a view kept in a variable goes stale on growth; set() and get() never do', () => {
    const buf = act.alloc(4);
    buf.set([1, 2, 3, 4]);
    const kept = buf.array; // what the README warns against
    const before = act.heapBytes;
    const big = act.alloc(before / 4); // as many bytes as the whole heap: it must grow (it never shrinks)
    assert.ok(act.heapBytes > before);
    // The trap, as the README describes it: the old view is empty and drops writes.
    assert.equal(kept.length, 0);
    kept[0] = 99;
    assert.deepEqual([...buf.array], [1, 2, 3, 4]);
    // The helpers take a fresh view every time.
    buf.set([5, 6], 2);
    const copy = buf.get();
    assert.deepEqual([...copy], [1, 2, 5, 6]);
    assert.ok(copy instanceof Float32Array && copy.buffer !== buf.array.buffer, 'get() returns a copy, not a view');
    big.free();
    buf.free();
    assert.deepEqual([...copy], [1, 2, 5, 6], 'the copy outlives free()');
    assert.throws(() => buf.get(), /WasmArray.array: the array was freed/);
    assert.throws(() => buf.set([1]), /WasmArray.set: the array was freed/);
  });

  test('WasmArray.set refuses what does not fit or is not numbers', () => {
    const buf = act.alloc(3);
    assert.throws(() => buf.set([1, 2, 3, 4]), { name: 'RangeError', message: /^WasmArray.set: 4 values at offset 0 do not fit in 3$/ });
    assert.throws(() => buf.set([1], 3), { name: 'RangeError', message: /1 values at offset 3 do not fit in 3/ });
    assert.throws(() => buf.set([1], -1), RangeError);
    assert.throws(() => buf.set([1], 0.5), RangeError);
    assert.throws(() => buf.set('abc'), { name: 'TypeError', message: /values must be a Float32Array, Float64Array or array of numbers, got a string/ });
    assert.throws(() => buf.set(), { name: 'TypeError', message: /got nothing \(undefined\)/ });
    buf.set(new Float64Array([0.1, 0.2, 0.3]));
    assert.deepEqual([...buf.get()], [...new Float32Array([0.1, 0.2, 0.3])]);
    buf.free();
  });

  test('bad sizes and foreign arrays are refused with clear errors', async () => {
    // As new Float32Array(length): RangeError for a bad number, TypeError for a non-number.
    assert.throws(() => new Float32Array(-1), RangeError);
    assert.throws(() => act.alloc(-1), { name: 'RangeError', message: /length must be a non-negative integer, got -1/ });
    assert.throws(() => act.alloc(1.5), { name: 'RangeError', message: /non-negative integer, got 1.5/ });
    assert.throws(() => act.alloc(NaN), { name: 'RangeError', message: /non-negative integer, got NaN/ });
    assert.throws(() => act.alloc('8'), { name: 'TypeError', message: /length must be a number, got a string/ });
    assert.throws(() => act.alloc(2 ** 30), /at most 536870912 floats fit in the 2 GiB wasm heap/);
    assert.equal(act.alloc(0).length, 0);
    const a = act.alloc(3), b = act.alloc(4);
    assert.throws(() => act.get('relu').forward(a, b), /out has length 4 but the input has length 3/);
    assert.throws(() => act.get('relu').backward(a, b), /dy has length 4 but x has length 3/);
    const other = await loadActivations({ simd: !act.simd });
    assert.throws(() => other.get('relu').forward(a), /allocated by the other build/);
    act.dispose();
  });

  test('the heap does not grow across 100 000 calls of one size', () => {
    const f = act.get('sigmoid');
    const x = new Float32Array(256).fill(0.5);
    f.forward(x);
    const settled = act.heapBytes;
    for (let i = 0; i < 100_000; i++) f.forward(x);
    assert.equal(act.heapBytes, settled);
  });

  test('arrays longer than the scratch go through in chunks, never an abort', () => {
    const n = 3_000_001;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = (i % 2000) / 100 - 10;
    const before = act.heapBytes;
    const y = act.get('relu').forward(x);
    assert.equal(y.length, n);
    assert.equal(y[n - 1], Math.max(0, x[n - 1]));
    assert.equal(act.heapBytes, before);
  });
});

test('wasmBinary and locateFile load the given build', async () => {
  const bytes = await readFile(new URL('../../dist/activations-baseline.wasm', import.meta.url));
  const viaBytes = await loadActivations({ simd: false, wasmBinary: bytes });
  assert.equal(viaBytes.get('sigmoid').at(0).value, 0.5);
  const seen = [];
  const viaLocate = await loadActivations({
    simd: false,
    locateFile: (file, dir) => (seen.push(file), new URL(file, `file://${dir}`)),
  });
  assert.deepEqual(seen, ['activations-baseline.wasm']);
  assert.equal(viaLocate.get('tanh').at(0).derivative, 1);
});

for (const precision of ['fast', 'faithful']) test(`the SIMD and baseline builds give identical results (${precision} tier)`, async () => {
  const [simd, base] = await Promise.all([loadActivations({ simd: true, precision }), loadActivations({ simd: false, precision })]);
  const x = new Float32Array(50_000).map((_, i) => Math.sinh((i - 25_000) / 2_000));
  for (const id of simd.names) {
    for (const [method, run] of [
      ['forward', (f) => f.forward(x)],
      ['derivative', (f) => f.derivative(x)],
      ['second', (f) => f.derivative(x, { order: 2 })],
      ['fused derivative', (f) => f.evaluate(x).derivative],
      ['backward', (f) => f.backward(x, x)],
    ]) {
      const a = run(simd.get(id));
      const b = run(base.get(id));
      for (let i = 0; i < x.length; i++) {
        if (!Object.is(a[i], b[i])) assert.fail(`${id}.${method}(${x[i]}): ${a[i]} vs ${b[i]}`);
      }
    }
  }
});

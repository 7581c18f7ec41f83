// act.compile as a user meets it, on both wasm builds: the language, the
// API shape, rewrites visible and right where the literal form is wrong,
// conventions at kinks, specials, parameters without re-parsing, and errors
// that say what and where. (Accuracy against an independent oracle over whole
// sweeps: tests/cpp/test_expr_accuracy.cpp.)
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadActivations } from '../../dist/node.js';

const builds = [
  ['SIMD', { simd: true }],
  ['baseline', { simd: false }],
];
// |got − want| in float32 ULP of want (2^-149 below the normal range).
const ulp = (got, want) => (got === want ? 0 : Math.abs(got - want) / 2 ** Math.max(Math.floor(Math.log2(Math.abs(want))) - 23, -149));
const sigma = (u) => (u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u)));
const points = [-30, -7.5, -2, -0.75, -1e-3, 0, 1e-3, 0.5, 1, 2.25, 6, 30];

for (const [label, options] of builds) {
  describe(`${label} build`, async () => {
    const act = await loadActivations(options);

    test('an expression is an activation: same methods as get(), plus source, LaTeX and parameters', () => {
      const f = act.compile('z * sigmoid(b*z)', { params: { b: 1.702 } });
      assert.equal(f.id, 'custom');
      assert.equal(f.source, 'z * sigmoid(b*z)');
      assert.deepEqual(f.parameters, ['b']);
      assert.deepEqual(f.params, { b: 1.702 });
      assert.equal(f.latex, 'z \\cdot \\sigma\\left(b \\cdot z\\right)');
      assert.deepEqual(f.rewrites, []);
      for (const name of ['forward', 'derivative', 'evaluate', 'backward', 'at', 'withParams']) assert.equal(typeof f[name], 'function', name);
      const x = Float32Array.from(points);
      const g = f.forward(x);
      const dg = f.derivative(x);
      const d2g = f.derivative(x, { order: 2 });
      points.forEach((z, i) => {
        const u = 1.702 * z;
        const s = sigma(u);
        const sp = s * (1 - s);
        assert.ok(ulp(g[i], Math.fround(z * s)) <= 2, `g(${z}) = ${g[i]}`);
        assert.ok(ulp(dg[i], Math.fround(s + u * sp)) <= 4, `g'(${z}) = ${dg[i]}`);
        assert.ok(ulp(d2g[i], Math.fround(1.702 * sp * (2 + u * (1 - 2 * s)))) <= 8 || Math.abs(d2g[i]) < 1e-6, `g''(${z}) = ${d2g[i]}`);
      });
      // The fused pass, backward and at() agree with the separate passes bit for bit.
      const both = f.evaluate(x);
      assert.deepEqual(both.value, g);
      assert.deepEqual(both.derivative, dg);
      const dy = Float32Array.from(points, (_, i) => i - 3.5);
      const dx = f.backward(x, dy);
      // dy·g' is rounded once from float64, so within an ULP of the product of the rounded g'.
      dx.forEach((v, i) => assert.ok(ulp(v, Math.fround(dy[i] * dg[i])) <= 1, `backward at ${points[i]}`));
      assert.deepEqual(f.at(1), { value: g[8], derivative: dg[8], second: d2g[8] });
    });

    test('z*sigmoid(z) equals the catalogue silu, and catalogue ids are functions of the language', () => {
      const x = Float32Array.from({ length: 401 }, (_, i) => (i - 200) / 10);
      const mine = act.compile('z*sigmoid(z)');
      const silu = act.get('silu');
      for (const order of [1, 2]) {
        const a = mine.derivative(x, { order });
        const b = silu.derivative(x, { order });
        a.forEach((v, i) => assert.ok(ulp(v, b[i]) <= (order === 1 ? 4 : 8) || Math.abs(b[i]) < 1e-5, `order ${order} at ${x[i]}: ${v} vs ${b[i]}`));
      }
      for (const id of act.names) {
        const f = act.compile(`${id}(z)`);
        const g = act.get(id);
        const x2 = Float32Array.from([-3, -1, -0.5, 0.5, 1, 3]);
        const want = g.forward(x2);
        f.forward(x2).forEach((v, i) => assert.ok(ulp(v, want[i]) <= 2, `${id}(${x2[i]}): ${v} vs ${want[i]}`));
      }
    });

    test('rewrites are reported and right where the literal form is wrong', () => {
      const cases = [
        // source, rewritten to, a z where the textbook form fails in float64, the true g there
        ['log(1+exp(z))', 'softplus(z)', [-100, 3.720075976020836e-44], [1e4, 1e4]],
        ['1/(1+exp(-z))', 'sigmoid(z)', [-800, 0], [-100, 3.720075976020836e-44]],
        ['exp(z)/(1+exp(z))', 'sigmoid(z)', [1000, 1], [-100, 3.720075976020836e-44]],
        ['exp(z) - 1', 'expm1(z)', [1e-10, 1e-10], [-1e-20, -1e-20]],
        ['log(1 + z)', 'log1p(z)', [1e-20, 1e-20], [3e-12, 3e-12]],
        ['1 - sigmoid(z)', 'sigmoid(-z)', [40, 4.248354255291589e-18], [-5, 0.9933071490757153]],
        ['1 - erf(z)', 'erfc(z)', [10, 2.088487583762545e-45], [0.5, 0.4795001221869535]],
        ['log(sigmoid(z))', '-softplus(-z)', [-800, -800], [30, -9.357622968840175e-14]],
        ['(exp(z) - exp(-z))/(exp(z) + exp(-z))', 'tanh(z)', [800, 1], [1e-12, 1e-12]],
        ['1 + tanh(z)', '2*sigmoid(2*z)', [-30, 1.751302152539304e-26], [0.5, 1.4621171572600098]],
        ['1 - tanh(z)', '2*sigmoid(-2*z)', [30, 1.751302152539304e-26], [0.5, 0.5378828427399902]],
      ];
      for (const [source, to, ...checks] of cases) {
        const f = act.compile(source);
        assert.equal(f.rewrites.length, 1, source);
        const [r] = f.rewrites;
        assert.equal(r.to, to, source);
        assert.equal(r.column, 1);
        assert.equal(r.from, source);
        assert.ok(r.why.length > 20, 'the reason is given');
        for (const [z, want] of checks) {
          const got = f.forward([z])[0];
          assert.ok(ulp(got, Math.fround(want)) <= 2, `${source} at ${z}: ${got}, want ${want}`);
        }
      }
      // A rewrite inside a larger expression names its column.
      const g = act.compile('z * log(1 + exp(z))');
      assert.deepEqual(g.rewrites.map((r) => [r.column, r.from, r.to]), [[5, 'log(1 + exp(z))', 'softplus(z)']]);
      assert.equal(g.evaluated, 'z*softplus(z)');
      // The derivatives of a rewritten form are the stable form's: softplus'(z) = σ(z), no NaN at 1e4.
      const sp = act.compile('log(1+exp(z))');
      assert.deepEqual(Array.from(sp.derivative([-100, 0, 1e4])), [Math.fround(3.720075976020836e-44), 0.5, 1]);
    });

    test('language: precedence, numbers, constants, where, max/min/abs conventions at kinks', () => {
      const at = (source, z, params) => act.compile(source, { params }).at(z);
      assert.equal(at('-z^2', 3).value, -9);
      assert.equal(at('2^-z', 1).value, 0.5);
      assert.equal(at('2^3^2', 0).value, 512);
      assert.equal(at('z^-1', 4).value, 0.25);
      assert.equal(at('.5 + 1e-3 + 2.5E+2 + 0.5', 0).value, Math.fround(251.001));
      assert.equal(at('pi', 0).value, Math.fround(Math.PI));
      assert.equal(at('e', 0).value, Math.fround(Math.E));
      assert.equal(at('+z', 2).value, 2);
      assert.deepEqual(at('where(z > 0, z, 0.1*z)', -2), { value: Math.fround(-0.2), derivative: Math.fround(0.1), second: 0 });
      assert.deepEqual(at('where(z >= 0, z^2, -z)', 0), { value: 0, derivative: 0, second: 2 });
      // max/min at a tie: the slope of least magnitude, 0 for opposite signs (relu'(0) = 0 as the catalogue).
      assert.equal(at('max(z, 0)', 0).derivative, 0);
      assert.equal(at('max(0, z)', 0).derivative, 0);
      assert.equal(at('max(a*z, z)', 0, { a: 0.25 }).derivative, 0.25);
      assert.equal(at('min(relu(z), 6)', 6).derivative, 0);
      assert.deepEqual(at('abs(z)', 0), { value: 0, derivative: 0, second: 0 });
      assert.equal(at('abs(z)', -2).derivative, -1);
      assert.equal(at('relu(z)', 0).derivative, 0);
      assert.equal(at('leaky_relu(z)', 0).derivative, Math.fround(0.01));
    });

    test('specials: NaN in gives NaN out, ±0, infinities, no NaN where the value is finite', () => {
      const f = act.compile('z*sigmoid(z) + where(z < 0, 1, 2)');
      for (const order of [0, 1, 2]) {
        const y = order ? f.derivative([NaN], { order }) : f.forward([NaN]);
        assert.ok(Number.isNaN(y[0]), `order ${order}`);
      }
      const c = act.compile('3');
      assert.deepEqual(Array.from(c.forward([1, NaN])).map(String), ['3', 'NaN']);
      assert.deepEqual(Array.from(c.derivative([1])), [0]);
      const big = Float32Array.from([-3.4e38, -1e30, -1000, -745, 745, 1000, 1e30, 3.4e38]);
      for (const source of ['z*sigmoid(z)', 'log(1+exp(z))', 'z*tanh(softplus(z))', 'gelu(z)', 'exp(-z^2)', 'sigmoid(z)*(1-sigmoid(z))']) {
        const f2 = act.compile(source);
        for (const order of [0, 1, 2]) {
          const y = order ? f2.derivative(big, { order }) : f2.forward(big);
          y.forEach((v, i) => assert.ok(!Number.isNaN(v), `${source} order ${order} at ${big[i]} gave NaN`));
        }
      }
      assert.ok(Object.is(act.compile('z').forward([-0])[0], -0));
    });

    test('parameters: values at call time, withParams without re-parsing, clear errors', () => {
      const f = act.compile('sin(w*z)', { params: { w: 1 } });
      const g = f.withParams({ w: 30 });
      assert.equal(g.source, f.source);
      assert.deepEqual(g.params, { w: 30 });
      assert.equal(g.at(0).derivative, 30);
      assert.equal(f.at(0).derivative, 1, 'the first set of values is untouched');
      assert.throws(() => act.compile('z*b'), { name: 'TypeError', message: /parameter "b" of "z\*b" needs a value/ });
      assert.throws(() => act.compile('z*b', { params: { b: '2' } }), { name: 'TypeError', message: /must be a number, got a string/ });
      assert.throws(() => act.compile('z*b', { params: { b: Infinity } }), { name: 'RangeError', message: /finite/ });
      assert.throws(() => act.compile('z*b', { params: { b: 1, c: 2 } }), { message: /unknown parameter "c".*parameters: b/ });
      assert.throws(() => act.compile('z', { param: {} }), { message: /unknown option "param"/ });
      assert.throws(() => f.withParams({ v: 1 }), { message: /unknown parameter "v" for "sin\(w\*z\)"; its parameters: w/ });
      assert.throws(() => f.withParams(2), { name: 'TypeError', message: /values must be an object of numbers, got number 2/ });
      assert.throws(() => f.withParams({ w: NaN }), { name: 'RangeError', message: /finite/ });
    });

    test('parse() names the parameters before they have values', () => {
      const info = act.parse('z * sigmoid(b*z) + log(1 + exp(a))');
      assert.deepEqual(info.parameters, ['b', 'a']);
      assert.equal(info.source, 'z * sigmoid(b*z) + log(1 + exp(a))');
      assert.deepEqual(info.rewrites.map((r) => r.to), ['softplus(a)']);
      assert.ok(Object.isFrozen(info));
      assert.throws(() => act.parse('z +'), { name: 'ExpressionError', column: 4 });
      assert.throws(() => act.parse(null), { name: 'TypeError', message: /parse\(source\): source must be a string/ });
    });

    test('bad sources: what is wrong, where, with a caret; the module stays usable', () => {
      const cases = [
        ['', 0, /empty expression/],
        ['   ', 0, /empty expression/],
        ['z +', 4, /ends where/],
        ['(z', 1, /unbalanced parenthesis: this '\(' is never closed/],
        ['z)', 2, /this '\)' closes nothing/],
        ['sigmod(z)', 1, /unknown function 'sigmod'; did you mean sigmoid\?/],
        ['max(z)', 1, /max\(…\) takes 2 arguments, got 1/],
        ['exp(z, 1)', 1, /takes 1 argument, got 2/],
        ['z < 0', 3, /comparison can only be the condition of where/],
        ['where(z, 1, 2)', 7, /first argument must be a comparison/],
        ['2z', 2, /write a '\*'/],
        ['1e', 1, /exponent has no digits/],
        ['1e999', 1, /too large/],
        ['z ** 2', 3, /write z\^2/],
        ['z = 1', 3, /not an operator/],
        ['π*z', 1, /unexpected character 'π'/],
        ['sigmoid', 1, /is a function: write sigmoid\(z\)/],
        ['z(2)', 1, /not a function/],
        ['1 2', 3, /unexpected number 2 after a complete expression/],
      ];
      for (const [source, column, message] of cases) {
        assert.throws(() => act.compile(source), (err) => {
          assert.equal(err.name, 'ExpressionError', source);
          assert.ok(err instanceof SyntaxError);
          assert.equal(err.column, column, `${JSON.stringify(source)}: column`);
          assert.match(err.reason, message, source);
          if (column > 0) {
            // The source on the second line, the caret under the column on the third.
            const lines = err.message.split('\n');
            assert.equal(lines[1], `  ${source}`);
            assert.equal(lines[2], `  ${' '.repeat(column - 1)}^`, `${source}: caret under column ${column}`);
          }
          return true;
        });
      }
      assert.throws(() => act.compile(42), { name: 'TypeError', message: /source must be a string, got number 42/ });
      assert.throws(() => act.compile(undefined), { name: 'TypeError', message: /got nothing/ });
      assert.throws(() => act.compile('z+'.repeat(6000) + 'z'), { name: 'RangeError', message: /at most 10000/ });
      assert.throws(() => act.compile('('.repeat(500) + 'z' + ')'.repeat(500)), { name: 'ExpressionError', message: /nested too deeply/ });
      assert.throws(() => act.compile('-'.repeat(5000) + 'z'), { name: 'ExpressionError', message: /nested too deeply/ });
      // A long chain is parsed by a loop but walked recursively after: refused before the wasm stack runs out.
      assert.throws(() => act.compile('z' + '+1'.repeat(4900)), { name: 'ExpressionError', message: /more than 400 operations in a chain/ });
      assert.equal(act.compile('z' + '+1'.repeat(399)).at(1).value, 400);
      // Every limit reached at once but not passed still compiles and runs.
      assert.equal(act.compile('tanh('.repeat(100) + 'z' + ')'.repeat(100)).at(0).derivative, 1);
      assert.equal(act.compile('2^'.repeat(100) + 'z').at(-Infinity).value, Infinity); // 2^0 = 1, 2^1, 2^2, 2^4, … overflows
      // Still usable after every error.
      assert.equal(act.compile('z + 1').at(1).value, 2);
    });

    test('presets compile, with their parameters, and each says why', () => {
      assert.ok(act.presets.length >= 9);
      for (const p of act.presets) {
        const f = act.compile(p.source, { params: p.params });
        assert.ok(p.reason.length > 30, p.id);
        const y = f.derivative(Float32Array.from([-3, -1, 0, 1, 3]));
        y.forEach((v) => assert.ok(Number.isFinite(v), p.id));
      }
      assert.ok(Object.isFrozen(act.presets));
    });

    test('zero-copy arrays and disposal', () => {
      const f = act.compile('z*z');
      const buf = act.alloc(4);
      buf.set([1, 2, 3, 4]);
      f.forward(buf, buf);
      assert.deepEqual(Array.from(buf.get()), [1, 4, 9, 16]);
      act.dispose();
      assert.throws(() => f.forward([1]), { message: /was disposed/ });
      assert.equal(act.compile('z*z').at(3).value, 9, 'compile works after dispose()');
    });
  });
}

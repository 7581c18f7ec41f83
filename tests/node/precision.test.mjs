// The precision option of loadActivations (issue 14): 'fast' by default,
// 'faithful' on request, each tier's kernels within the bounds info() gives
// for that tier, checked against double-precision references here (the long
// sweeps are the C++ harness's: tests/cpp/test_accuracy.cpp, scripts/accuracy.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadActivations } from '../../dist/node.js';

// |got − want| in float32 ULP of want (2^-149 at and below the subnormals).
const ulp = (got, want) => Math.abs(got - want) / 2 ** Math.max(Math.floor(Math.log2(Math.abs(want))) - 23, -149);

// g, g', g'' in double precision, accurate far below a float32 ULP at these
// inputs (no cancellation: 1 − 2σ(x) = −tanh(x/2), 1 − tanh² = 1/cosh²).
const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const sigmoidSlope = (x) => Math.exp(-Math.abs(x)) / (1 + Math.exp(-Math.abs(x))) ** 2;
// erfc(t) for t ≥ 0 within about 1e-15 relative: the series of e^(t²)·erf(t)
// (positive terms) below 2, the continued fraction above (40 levels, evaluated
// from the bottom). Φ(x) = erfc(−x/√2)/2 keeps the left tail relative-accurate.
const erfc = (t) => {
  if (t < 0) return 2 - erfc(-t);
  if (t < 2) {
    let term = t;
    let sum = t;
    for (let n = 1; term > 1e-17 * sum; n++) sum += term *= (2 * t * t) / (2 * n + 1);
    return 1 - ((2 / Math.sqrt(Math.PI)) * Math.exp(-t * t) * sum);
  }
  let fraction = t;
  for (let n = 40; n >= 1; n--) fraction = t + n / 2 / fraction;
  return Math.exp(-t * t) / Math.sqrt(Math.PI) / fraction;
};
const normalCdf = (x) => erfc(-x / Math.SQRT2) / 2;
const normalPdf = (x) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
const SELU_LAMBDA = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;
const REFERENCES = {
  sigmoid: [sigmoid, sigmoidSlope, (x) => -sigmoidSlope(x) * Math.tanh(x / 2)],
  tanh: [Math.tanh, (x) => 1 / Math.cosh(x) ** 2, (x) => (-2 * Math.tanh(x)) / Math.cosh(x) ** 2],
  elu: [(x) => (x > 0 ? x : Math.expm1(x)), (x) => (x > 0 ? 1 : Math.exp(x)), (x) => (x > 0 ? 0 : Math.exp(x))],
  selu: [
    (x) => SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
    (x) => SELU_LAMBDA * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)),
    (x) => (x > 0 ? 0 : SELU_LAMBDA * SELU_ALPHA * Math.exp(x)),
  ],
  // Softplus at its defaults (β = 1, threshold 20); log1p(e^−|x|) does not cancel.
  softplus: [
    (x) => (x > 20 ? x : Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))),
    (x) => (x > 20 ? 1 : sigmoid(x)),
    (x) => (x > 20 ? 0 : sigmoidSlope(x)),
  ],
  log_sigmoid: [
    (x) => Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x))),
    (x) => sigmoid(-x),
    (x) => -sigmoidSlope(x),
  ],
  // β = 1 (the default): g' = σ(1 + x(1 − σ)), g'' = σ'(2 − x tanh(x/2)); X
  // keeps clear of their zeros (−1.2785, ±2.3994), where these cancel.
  silu: [
    (x) => x * sigmoid(x),
    (x) => sigmoid(x) * (1 + x * sigmoid(-x)),
    (x) => sigmoidSlope(x) * (2 - x * Math.tanh(x / 2)),
  ],
  // α = 1 (the default): ELU.
  celu: [(x) => (x > 0 ? x : Math.expm1(x)), (x) => (x > 0 ? 1 : Math.exp(x)), (x) => (x > 0 ? 0 : Math.exp(x))],
  gelu: [(x) => x * normalCdf(x), (x) => normalCdf(x) + x * normalPdf(x), (x) => normalPdf(x) * (2 - x * x)],
};
// The middle, the tails (results down into the subnormals: σ(−100) ≈ 3.7e-44,
// tanh'(50) ≈ 1.5e-43) and tiny inputs.
const X = new Float32Array([
  -103, -100, -95, -88, -87.5, -60, -30, -17.3, -9.1, -4.2, -2.75, -1.17, -0.63, -0.55, -0.3, -0.1, -1e-3, -1e-20,
  -1e-40, 0, 1e-40, 1e-20, 1e-3, 0.1, 0.3, 0.5625, 0.7, 1.3, 2.83, 5, 9.01, 16.7, 30, 45, 50, 52, 88, 104,
]);

const ORDERS = [
  ['g', 'value', (f, x) => f.forward(x)],
  ["g'", 'derivative', (f, x) => f.derivative(x)],
  ["g''", 'second', (f, x) => f.derivative(x, { order: 2 })],
];

test('the fast tier is the default, and act.precision says which tier is loaded', async () => {
  const byDefault = await loadActivations();
  assert.equal(byDefault.precision, 'fast');
  assert.equal((await loadActivations({ precision: 'fast' })).precision, 'fast');
  assert.equal((await loadActivations({ precision: 'faithful' })).precision, 'faithful');
  assert.equal((await loadActivations({ precision: undefined })).precision, 'fast');
});

test('an unknown precision is refused with a message naming the tiers', async () => {
  for (const bad of ['medium', 'FAST', '', 1, null, true, {}]) {
    await assert.rejects(loadActivations({ precision: bad }), (err) => {
      assert.ok(err instanceof RangeError, `${String(bad)}: ${err}`);
      assert.match(err.message, /^loadActivations: precision must be "fast" .* or "faithful" .*, got /);
      return true;
    });
  }
});

test("info() gives both tiers' figures and the loaded tier's as accuracy and precision", async () => {
  for (const precision of ['fast', 'faithful']) {
    const act = await loadActivations({ precision });
    for (const id of act.names) {
      const info = act.info(id);
      assert.deepEqual(Object.keys(info.tiers), ['fast', 'faithful'], id);
      assert.deepEqual(info.accuracy, info.tiers[precision].accuracy, id);
      assert.deepEqual(info.precision, info.tiers[precision].precision, id);
      const { fast, faithful } = info.tiers;
      // Issue 14's bounds hold in both tiers; the faithful tier never has fast kernels.
      for (const tier of [fast, faithful]) {
        assert.ok(tier.accuracy.value <= 2 && tier.accuracy.derivative <= 4 && tier.accuracy.second <= 8, id);
      }
      assert.deepEqual(faithful.dedicated, { value: false, derivative: false, second: false }, id);
      for (const order of ['value', 'derivative', 'second']) {
        // Where the fast tier runs the faithful kernel, it documents its figures.
        if (!fast.dedicated[order]) assert.equal(fast.accuracy[order], faithful.accuracy[order], `${id} ${order}`);
        else assert.equal(fast.precision[order], 'float32', `${id} ${order}`);
      }
    }
  }
  const act = await loadActivations();
  for (const id of ['sigmoid', 'tanh', 'elu', 'selu', 'softplus', 'log_sigmoid', 'silu', 'celu', 'gelu']) {
    assert.deepEqual(act.info(id).tiers.fast.dedicated, { value: true, derivative: true, second: true }, id);
  }
});

test('both tiers are within their documented bounds of a double reference, tails included', async () => {
  for (const simd of [true, false]) {
    for (const precision of ['fast', 'faithful']) {
      const act = await loadActivations({ simd, precision });
      for (const [id, refs] of Object.entries(REFERENCES)) {
        const f = act.get(id);
        ORDERS.forEach(([label, key, run], order) => {
          const bound = act.info(id).accuracy[key];
          const y = run(f, X);
          for (let i = 0; i < X.length; i++) {
            const want = refs[order](X[i]);
            const err = ulp(y[i], want);
            if (!(err <= bound)) {
              assert.fail(`${precision} ${simd ? 'SIMD' : 'baseline'} ${id} ${label}(${X[i]}) = ${y[i]}, want ${want}: ${err} ULP > ${bound}`);
            }
          }
        });
      }
    }
  }
});

test('the tiers select different kernels exactly where the fast tier has its own', async () => {
  const [fast, faithful] = await Promise.all([loadActivations({ precision: 'fast' }), loadActivations({ precision: 'faithful' })]);
  const x = new Float32Array(20_000).map((_, i) => Math.sinh((i - 10_000) / 800));
  for (const id of fast.names) {
    const dedicated = fast.info(id).tiers.fast.dedicated;
    ORDERS.forEach(([label, key, run]) => {
      const a = run(fast.get(id), x);
      const b = run(faithful.get(id), x);
      const same = a.every((v, i) => Object.is(v, b[i]) || (Number.isNaN(v) && Number.isNaN(b[i])));
      // A dedicated fast kernel rounds differently somewhere over 20,000 inputs;
      // a shared one gives the same bits everywhere.
      assert.equal(same, !dedicated[key], `${id} ${label}: ${same ? 'identical' : 'different'} across tiers`);
    });
  }
});

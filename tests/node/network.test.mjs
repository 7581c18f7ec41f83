// act.network and act.dataset as a user meets them, on both wasm builds:
// gradients against finite differences of loss() for every catalogue
// activation and a compiled expression; the seed's claims measured (vanishing
// gradients through a deep sigmoid net, dead ReLUs, tanh learns XOR);
// bit-identical runs across the builds; bad input refused with clear errors.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadActivations } from '../../dist/node.js';

const builds = [
  ['SIMD', { simd: true }],
  ['baseline', { simd: false }],
];
const instances = Object.fromEntries(await Promise.all(builds.map(async ([label, o]) => [label, await loadActivations(o)])));

// ∂loss/∂p by central differences in float32 parameters, for a few indices.
function finiteDifferences(net, x, y, indices, h) {
  const p = net.parameters();
  return indices.map((i) => {
    const q = p.slice();
    q[i] = p[i] + h;
    net.setParameters(q);
    const up = net.loss(x, y);
    q[i] = p[i] - h;
    net.setParameters(q);
    const down = net.loss(x, y);
    net.setParameters(p);
    return (up - down) / (Math.fround(p[i] + h) - Math.fround(p[i] - h));
  });
}

for (const [label] of builds) {
  describe(`${label} build`, () => {
    const act = instances[label];

    test('gradients() agree with finite differences of loss() for every activation and a compiled expression', () => {
      const data = act.dataset('gauss', { n: 24, noise: 0.2, seed: 3 });
      const activations = [...act.names, act.compile('z * sigmoid(b*z)', { params: { b: 1.5 } })];
      for (const activation of activations) {
        const name = typeof activation === 'string' ? activation : activation.source;
        // Smooth functions everywhere; at kinks a difference straddles the corner, so the
        // piecewise-linear ones are checked on parameters whose units sit away from it (most).
        const net = act.network({ layers: [2, 5, 4, 1], activation, init: 'xavier', biasInit: 0.1, loss: 'bce', seed: 7 });
        const g = net.gradients(data.inputs, data.targets);
        const scale = Math.max(...g.map(Math.abs));
        assert.ok(scale > 0, `${name}: some gradient is not zero`);
        const indices = Array.from({ length: g.length }, (_, i) => i).filter((i) => i % 3 === 0);
        const fd = finiteDifferences(net, data.inputs, data.targets, indices, 1e-2);
        let agree = 0;
        indices.forEach((i, k) => {
          if (Math.abs(fd[k] - g[i]) <= 2e-3 * scale + 2e-2 * Math.abs(g[i])) agree++;
        });
        // Smooth activations: every one; piecewise-linear ones may meet a kink within h.
        const kinked = ['relu', 'leaky_relu', 'relu6', 'hardtanh', 'hardsigmoid', 'hardswish'].includes(name);
        assert.ok(agree >= (kinked ? 0.8 : 1) * indices.length, `${name}: ${agree} of ${indices.length} gradients agree with finite differences`);
        net.dispose();
      }
    });

    test('the seed: a deep sigmoid net starves its first layer; ReLU with He init does not', () => {
      const data = act.dataset('spiral', { n: 200, noise: 0.1, seed: 1 });
      const layers = [2, 16, 16, 16, 16, 16, 16, 1];
      const ratio = (activation, init) => {
        const net = act.network({ layers, activation, init, seed: 2 });
        const { layers: s } = net.stats(data.inputs, data.targets);
        net.dispose();
        return s[0].gradientNorm / s[s.length - 1].gradientNorm;
      };
      const sigmoid = ratio('sigmoid', 'xavier');
      const relu = ratio('relu', 'he');
      assert.ok(sigmoid < 1e-3, `sigmoid: first/last layer gradient ${sigmoid}`);
      assert.ok(relu > 0.05 && relu < 20, `relu with He init: first/last layer gradient ${relu}`);
    });

    test('the seed: ReLU pushed into the dead zone stops learning; Leaky ReLU from the same start keeps going', () => {
      // Biases of −6 against inputs in [−6, 6]²: most ReLU units never fire, and
      // a unit that never fires gets no gradient, so it never recovers.
      const data = act.dataset('circle', { n: 200, noise: 0.05, seed: 4 });
      const run = (activation) => {
        const net = act.network({ layers: [2, 16, 16, 1], activation, init: 'he', biasInit: -6, optimizer: 'adam', learningRate: 0.01, seed: 5 });
        const deadBefore = net.stats(data.inputs, data.targets).layers.map((l) => l.deadFraction);
        net.train(data.inputs, data.targets, { steps: 400, batchSize: 20 });
        const after = net.loss(data.inputs, data.targets);
        const deadAfter = net.stats(data.inputs, data.targets).layers.map((l) => l.deadFraction);
        net.dispose();
        return { after, deadBefore, deadAfter };
      };
      const relu = run('relu');
      const leaky = run(act.get('leaky_relu', { alpha: 0.1 }));
      assert.ok(relu.deadAfter[0] >= 0.5 && relu.deadAfter[1] === 1, `relu: dead fractions ${relu.deadAfter}`);
      assert.deepEqual(relu.deadAfter, relu.deadBefore, 'dead units stay dead');
      // Nothing reaches the output but its bias: no better than predicting the class share (log 2).
      assert.ok(relu.after >= Math.log(2) - 1e-3, `relu: loss ${relu.after}`);
      assert.deepEqual(leaky.deadAfter, [0, 0], 'leaky units are never dead');
      assert.ok(leaky.after < 0.1, `leaky: loss ${leaky.after}`);
    });

    test('the seed: a tanh network learns XOR', () => {
      const x = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]);
      const y = new Float32Array([0, 1, 1, 0]);
      const net = act.network({ layers: [2, 4, 1], activation: 'tanh', init: 'xavier', optimizer: 'adam', learningRate: 0.05, seed: 1 });
      const losses = net.train(x, y, { steps: 600, batchSize: 4 });
      assert.equal(losses.length, 600);
      const p = net.predict(x);
      assert.deepEqual(Array.from(p, (v) => (v > 0.5 ? 1 : 0)), [0, 1, 1, 0], `predictions ${p}`);
      assert.ok(losses[599] < 0.1 && losses[599] < losses[0], `loss ${losses[0]} → ${losses[599]}`);
    });

    test('stats: one entry per hidden layer with every field', () => {
      const data = act.dataset('moons', { n: 50, seed: 2 });
      const net = act.network({ layers: [2, 6, 3, 1], activation: 'gelu' });
      const s = net.stats(data.inputs, data.targets);
      assert.equal(s.layers.length, 2);
      assert.ok(Math.abs(s.loss - net.loss(data.inputs, data.targets)) < 1e-12);
      for (const l of s.layers) {
        assert.deepEqual(Object.keys(l).sort(), ['activationMean', 'activationStd', 'deadFraction', 'gradientNorm', 'saturatedFraction']);
        for (const v of Object.values(l)) assert.ok(Number.isFinite(v));
      }
    });
  });
}

test('reproducible: the same options and seed give bit-identical losses, in both builds', () => {
  const run = (act) => {
    const data = act.dataset('spiral', { n: 300, noise: 0.2, seed: 9 });
    const net = act.network({ layers: [2, 8, 8, 1], activation: 'tanh', init: 'xavier', optimizer: 'adam', learningRate: 0.01, l2: 1e-4, seed: 3 });
    const losses = net.train(data.inputs, data.targets, { steps: 300, batchSize: 10 });
    return { data, losses, params: net.parameters() };
  };
  const [simd, baseline] = [run(instances.SIMD), run(instances.baseline)];
  assert.deepEqual(simd.data.inputs, baseline.data.inputs, 'the data set');
  assert.deepEqual(simd.losses, baseline.losses, 'the losses');
  assert.deepEqual(simd.params, baseline.params, 'the trained weights');
  assert.deepEqual(run(instances.SIMD).losses, simd.losses, 'a second run');
  const other = instances.SIMD.network({ layers: [2, 8, 8, 1], activation: 'tanh', seed: 4 }).parameters();
  assert.notDeepEqual(other, simd.params, 'another seed');
});

test('bad input: clear errors, no crash; a diverging run is reported and the network can be reset', () => {
  const act = instances.SIMD;
  const data = act.dataset('xor', { n: 40, seed: 1 });
  assert.throws(() => act.network({ layers: [2] }), { name: 'RangeError', message: /2 to 10 widths/ });
  assert.throws(() => act.network({ layers: [2, 0, 1] }), { message: /layers\[1\] must be a width from 1 to 256, got number 0/ });
  assert.throws(() => act.network({ layers: [2, 300, 1] }), { message: /layers\[1\]/ });
  assert.throws(() => act.network({ layers: '2,8,1' }), { name: 'TypeError', message: /layers must be an array/ });
  assert.throws(() => act.network({ layers: [2, 4, 1], optimizer: 'rmsprop' }), { message: /optimizer must be one of sgd, momentum, adam/ });
  assert.throws(() => act.network({ layers: [2, 4, 1], init: 'glorot' }), { message: /init must be one of he, xavier, lecun/ });
  assert.throws(() => act.network({ layers: [2, 4, 1], activation: 'swish' }), { message: /unknown activation "swish"/ });
  assert.throws(() => act.network({ layers: [2, 4, 1], learningRate: -1 }), { name: 'RangeError' });
  assert.throws(() => act.network({ layers: [2, 4, 1], lr: 0.1 }), { message: /unknown option "lr"/ });
  assert.throws(() => act.dataset('spirals'), { message: /dataset must be one of circle, xor, gauss, spiral, moons, plane/ });
  assert.throws(() => act.dataset('spiral', { n: 0 }), { name: 'RangeError' });
  const net = act.network({ layers: [2, 4, 1], activation: 'relu', seed: 1 });
  assert.throws(() => net.train(data.inputs.subarray(1), data.targets), { message: /not a whole number of rows of 2/ });
  assert.throws(() => net.train(data.inputs, data.targets.subarray(1)), { message: /targets has 39 rows but inputs has 40/ });
  const withNaN = data.inputs.slice();
  withNaN[5] = NaN;
  assert.throws(() => net.train(withNaN, data.targets), { message: /inputs\[5\] is number NaN/ });
  assert.throws(() => net.train(data.inputs, data.targets, { steps: 1.5 }), { message: /steps must be an integer/ });
  assert.throws(() => net.train(data.inputs, data.targets, { batchSize: 41 }), { message: /batchSize 41 is larger than the 40 rows/ });
  assert.throws(() => net.setParameters(new Float32Array(3)), { message: /has length 3, the network has 17 parameters/ });
  // A learning rate that diverges: reported with the step and the losses so far.
  const wild = act.network({ layers: [2, 8, 1], activation: 'relu', loss: 'mse', optimizer: 'sgd', learningRate: 1e6, seed: 1 });
  assert.throws(() => wild.train(data.inputs, data.targets, { steps: 200, batchSize: 10 }), (err) => {
    assert.equal(err.name, 'RangeError');
    assert.match(err.message, /training diverged at step \d+ of 200: the loss became (NaN|Infinity).*reset\(\)/);
    assert.equal(err.losses.length, err.step);
    return true;
  });
  wild.reset();
  assert.ok(Number.isFinite(wild.loss(data.inputs, data.targets)), 'reset() restores the initial weights');
  wild.dispose();
  assert.throws(() => wild.loss(data.inputs, data.targets), { message: /disposed/ });
  net.dispose();
});

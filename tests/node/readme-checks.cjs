'use strict';
// The checks that tests/node/readme.test.mjs puts into the README's code blocks.
// CommonJS, so both the ES module and the CommonJS blocks can load it.
const assert = require('node:assert/strict');

let count = 0;
process.on('exit', (code) => {
  if (code === 0) process.stdout.write(`\n@@readme-checks ${count}\n`);
});

// The numeric literals of a claim, in order, with the half-unit of their last
// printed digit: "0.731" may stand for 0.7310586.
function printedNumbers(claim) {
  // Strings and names (keys) hold no claims; an exponent's "e" follows a digit.
  const bare = claim.replace(/'[^']*'|"[^"]*"/g, ' ').replace(/(?<![\d.])[A-Za-z_$][\w$]*/g, ' ');
  return [...bare.matchAll(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi)].map(([text]) => {
    const [mantissa, exponent = '0'] = text.toLowerCase().split('e');
    const decimals = (mantissa.split('.')[1] ?? '').length;
    return { text, half: 0.5 * 10 ** (Number(exponent) - decimals) };
  });
}

function compare(actual, expected, numbers, path) {
  if (typeof expected === 'number') {
    const printed = numbers.shift();
    assert.equal(typeof actual, 'number', `${path}: expected a number, got ${typeof actual}`);
    if (expected === 0) {
      assert.ok(Object.is(actual, expected), `${path}: expected ${printed.text}, got ${Object.is(actual, -0) ? '-0' : actual}`);
      return;
    }
    const tolerance = printed.half + Math.abs(expected) * 2 ** -23; // the digits shown, and float32 rounding
    assert.ok(Math.abs(actual - expected) <= tolerance, `${path}: expected ${printed.text}, got ${actual}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) || ArrayBuffer.isView(actual), `${path}: expected an array, got ${actual}`);
    assert.equal(actual.length, expected.length, `${path}: length`);
    expected.forEach((e, i) => compare(actual[i], e, numbers, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
    for (const key of Object.keys(expected)) compare(actual[key], expected[key], numbers, `${path}.${key}`);
  } else {
    assert.equal(actual, expected, path);
  }
}

exports.expect = (actual, expected, claim, line) => {
  const numbers = printedNumbers(claim);
  try {
    compare(actual, expected, numbers, 'value');
  } catch (error) {
    error.message = `README line ${line}: ${error.message}`;
    throw error;
  }
  count++;
};

exports.throws = (fn, claim, line) => {
  const [, name, message] = claim.match(/^(\w+): (.*)$/) ?? [];
  const check = (error) => {
    assert.equal(error?.name, name, `README line ${line}: expected ${name}, got ${error}`);
    assert.ok(error.message.startsWith(message), `README line ${line}: message "${error.message}" does not start with "${message}"`);
    count++;
  };
  let result;
  try {
    result = fn();
  } catch (error) {
    check(error);
    return undefined;
  }
  if (result instanceof Promise) {
    return result.then(
      () => assert.fail(`README line ${line}: expected ${claim}, nothing was thrown`),
      check,
    );
  }
  assert.fail(`README line ${line}: expected ${claim}, nothing was thrown`);
};

// Every ```js block of the README runs, against dist/, and shows what it
// claims. A line ending in `// → VALUE` must evaluate to VALUE (numbers to
// the digits printed, zeros with their sign); a line ending in
// `// throws Name: message` must throw that error with a message that starts so.
// A block marked ```js no-run is shown, not run (say why beside it); ```js cjs
// runs as CommonJS. `from 'activations-wasm'`, `require('activations-wasm')` and
// subpaths such as 'activations-wasm/activations-simd.wasm' are pointed at dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url);
const readme = await readFile(new URL('README.md', root), 'utf8');

/** The fenced blocks: language, the rest of the info string, code, the README line of the code's first line. */
export function fencedBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // Fences may be indented (inside a list item); the code loses that indent.
    const open = lines[i].match(/^( *)```(\S*)\s*(.*)$/);
    if (!open) continue;
    const [, indent, lang, info] = open;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== '```') end++;
    const code = lines.slice(start, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
    blocks.push({ lang, info: info.trim(), code: code.join('\n'), line: start + 1 });
    i = end;
  }
  return blocks;
}

const CHECK = /^(\s*)(.*?);?\s*\/\/\s*(→|throws)\s*(.+?)\s*$/;

/** The block with each checked line turned into a call of the checks below; and how many there are. */
export function instrument({ code, line, info }, target) {
  let checks = 0;
  const out = code.split('\n').map((text, i) => {
    const m = text.match(CHECK);
    const at = line + i;
    if (!m) return text;
    const [, indent, statement, kind, claim] = m;
    checks++;
    if (kind === 'throws') {
      const fn = /\bawait\b/.test(statement) ? `async () => { ${statement}; }` : `() => { ${statement}; }`;
      const call = `__readme.throws(${fn}, ${JSON.stringify(claim)}, ${at})`;
      return `${indent}${/\bawait\b/.test(statement) ? 'await ' : ''}${call};`;
    }
    const declared = statement.match(/^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/);
    const value = declared ? declared[1] : `(${statement})`;
    const check = `__readme.expect(${value}, (${claim}), ${JSON.stringify(claim)}, ${at});`;
    return declared ? `${indent}${statement}; ${check}` : `${indent}${check}`;
  });
  const dist = new URL('dist/', root);
  const body = out
    .join('\n')
    .replace(/from 'activations-wasm'/g, `from ${JSON.stringify(new URL('node.js', dist).href)}`)
    .replace(/'activations-wasm\/([\w.-]+)'/g, (_, file) => JSON.stringify(new URL(file, dist).href))
    .replace(/require\('activations-wasm'\)/g, `require(${JSON.stringify(new URL('node.cjs', dist).pathname)})`);
  const helpers = info === 'cjs'
    ? `const __readme = require(${JSON.stringify(new URL('tests/node/readme-checks.cjs', root).pathname)});\n`
    : `import __readme from ${JSON.stringify(new URL('tests/node/readme-checks.cjs', root).href)};\n`;
  return { source: helpers + body + '\n', checks, file: target };
}

test('every js block of the README runs and shows what it claims', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'activations-wasm-readme-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const js = fencedBlocks(readme).filter((b) => b.lang === 'js');
  const skipped = js.filter((b) => b.info === 'no-run');
  for (const b of js) assert.ok(['', 'cjs', 'no-run'].includes(b.info), `README line ${b.line}: unknown block marker "${b.info}"`);
  const runnable = js.filter((b) => b.info !== 'no-run');
  assert.ok(runnable.length > 0, 'the README has runnable js blocks');
  let ran = 0;
  let checked = 0;
  for (const block of runnable) {
    const file = join(dir, `block-${block.line}.${block.info === 'cjs' ? 'cjs' : 'mjs'}`);
    const { source, checks } = instrument(block, file);
    await writeFile(file, source);
    const child = spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: dir });
    const where = `README block at line ${block.line}`;
    assert.equal(child.status, 0, `${where} failed:\n${child.stderr}`);
    assert.equal(child.stderr, '', `${where} wrote to stderr`);
    const done = child.stdout.match(/\n?@@readme-checks (\d+)\n?$/);
    assert.ok(done, `${where} did not finish its checks`);
    assert.equal(Number(done[1]), checks, `${where}: ${checks} checked lines, ${done[1]} ran (a check inside code that never ran?)`);
    ran++;
    checked += checks;
  }
  assert.equal(ran + skipped.length, js.length, 'every js block ran or is marked no-run');
  assert.ok(checked >= 10, `only ${checked} claims checked`);
});

test('the checks themselves fail on a wrong claim', async (t) => {
  // A README whose claim is wrong must not pass: the harness is run on made-up blocks.
  const dir = await mkdtemp(join(tmpdir(), 'activations-wasm-readme-self-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const cases = [
    ['[1, 2].map((v) => v * 0.5); // → [0.5, 1]', true],
    ['[1, 2].map((v) => v * 0.5); // → [0.5, 1.1]', false],
    ['Math.fround(0.7310586); // → 0.731', true],
    ['0.7320; // → 0.731', false],
    ['-0; // → 0', false],
    ['({ a: 1, b: 2 }); // → { a: 1 }', false],
    ['JSON.parse("x"); // throws SyntaxError: Unexpected token', true],
    ['JSON.parse("1"); // throws SyntaxError: Unexpected token', false],
    ['JSON.parse("x"); // throws TypeError: Unexpected token', false],
  ];
  for (const [code, passes] of cases) {
    const file = join(dir, 'case.mjs');
    const { source } = instrument({ code, line: 1, info: '' }, file);
    await writeFile(file, source);
    const child = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    assert.equal(child.status === 0, passes, `${code}: ${child.stderr}`);
  }
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';
import { silentHost, type SilentHost } from '../../../test/silent-server.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = (name: string, test: () => void) => it(name, test, 60_000);

// A server's sign-in adapters share one CommonJS module of promised https helpers (`get(options)` wrapping
// `https.get(options, collect(resolve, reject)).on('error', reject)`); some adapters hand it options, others a URL
// (met on parse-server, tuned on). The 'error' listener is the promise's `reject`: the failure goes to the callers.
// A caller handing a URL can pass no bound, so the layer owns it: one finding, in the layer.
const root = mkdtempSync(join(tmpdir(), 'resilint-url-or-options-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'auth'));
writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'auth-server', main: 'index.js', dependencies: { express: '^4' } }));
const layer = (request: string) => `const https = require('https');

function collect(resolve, reject) {
  return function (res) {
    let body = '';
    res.on('data', (chunk) => { body += chunk; });
    res.on('end', () => { try { resolve(JSON.parse(body)); } catch (e) { reject(e); } });
  };
}

function get(options) {
  return new Promise((resolve, reject) => {
    ${request}.on('error', reject);
  });
}

module.exports = { get };
`;
const unbounded = layer('https.get(options, collect(resolve, reject))');
writeFileSync(join(root, 'auth/https-request.js'), unbounded);
writeFileSync(join(root, 'auth/github.js'), `const httpsRequest = require('./https-request');
module.exports = { profile: (token) => httpsRequest.get({ host: 'api.github.com', path: '/user', headers: { Authorization: 'bearer ' + token } }) };
`);
writeFileSync(join(root, 'auth/games.js'), `const { get } = require('./https-request');
module.exports = { player: (id, token) => get(\`https://games.example.com/players/\${id}?access_token=\${token}\`) };
`);

const ruleTester = new RuleTester({ languageOptions: { sourceType: 'commonjs' } });

ruleTester.run('require-timeout: a layer some of whose callers hand it a URL where its request takes options', requireTimeout, {
  valid: [
    // its callers are not judged: the bound is the layer's
    { filename: join(root, 'auth/github.js'), code: `const httpsRequest = require('./https-request');
module.exports = { profile: (token) => httpsRequest.get({ host: 'api.github.com', path: '/user' }) };` },
    { filename: join(root, 'auth/games.js'), code: `const { get } = require('./https-request');
module.exports = { player: (id) => get('https://games.example.com/players/' + id) };` },
  ],
  invalid: [
    {
      filename: join(root, 'auth/https-request.js'),
      code: unbounded,
      errors: [{
        messageId: 'missingTimeout', line: 13,
        suggestions: [{
          messageId: 'fixClientTimeout',
          output: layer('https.get(options, collect(resolve, reject)).setTimeout(5_000, function () { this.destroy(new Error(\'Request timed out\')); })'),
        }],
      }],
    },
  ],
});

// The same layer whose callers all hand it options (no URL): each caller is judged by what it passes.
const optionsOnly = mkdtempSync(join(tmpdir(), 'resilint-options-layer-'));
afterAll(() => rmSync(optionsOnly, { recursive: true, force: true }));
writeFileSync(join(optionsOnly, 'package.json'), JSON.stringify({ name: 'auth-server', main: 'index.js' }));
writeFileSync(join(optionsOnly, 'https-request.js'), unbounded);
writeFileSync(join(optionsOnly, 'github.js'), 'module.exports = { profile: () => require(\'./https-request\').get({ host: \'api.github.com\' }) };\n');

ruleTester.run('require-timeout: a promised https layer whose callers hand it options', requireTimeout, {
  valid: [{ filename: join(optionsOnly, 'https-request.js'), code: unbounded }],
  invalid: [
    {
      filename: join(optionsOnly, 'github.js'),
      code: `const httpsRequest = require('./https-request');
module.exports = { profile: (token) => httpsRequest.get({ host: 'api.github.com', path: '/user', headers: { Authorization: 'bearer ' + token } }) };`,
      errors: [{ messageId: 'missingTimeout', line: 2, suggestions: 4 }],
    },
  ],
});

describe('the layer\'s fix', () => {
  let silent: SilentHost;
  beforeAll(async () => {
    silent = await silentHost();
  });
  afterAll(() => silent.close());

  it('ends a request the other side never answers, given a URL or options', { timeout: 30_000 }, async () => {
    const file = join(root, 'auth/https-request.js');
    const [finding] = lint(unbounded, file).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(unbounded, finding!.suggestions[0]!);
    expect(lint(fixed, file).findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
    // the fixed layer, run (its five seconds scaled down)
    const fixedFile = join(root, 'auth/fixed-request.js');
    writeFileSync(fixedFile, fixed.replace('5_000', '300'));
    const { get } = createRequire(import.meta.url)(fixedFile) as { get(options: unknown): Promise<unknown> };
    await expect(get({ host: '127.0.0.1', port: silent.port })).rejects.toThrow('Request timed out');
    await expect(get(`https://127.0.0.1:${silent.port}/players/1`)).rejects.toThrow('Request timed out');
  });
});

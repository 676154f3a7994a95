import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A social dashboard reading pages through fb's shared instance: fb sends with `request` and no timeout unless the
// instance is given one, and a call takes no signal, so the fix gives the shared instance its timeout once.
const ruleTester = new RuleTester();

const feed = (setUp = '') => `import FB from 'fb';${setUp}
export function pageFeed(pageId: string, token: string) {
  return FB.api(\`/\${pageId}/feed\`, 'get', { access_token: token, limit: 25 });
}`;

const callbackFeed = `const facebook = require('fb');
function pageFeed(pageId, token) {
  return new Promise((resolve, reject) => {
    facebook.api('/' + pageId + '/feed', 'get', { access_token: token }, (res) => (!res || res.error ? reject(res) : resolve(res.data)));
  });
}
module.exports = { pageFeed };`;

const remedy = 'give it a `timeout` (milliseconds, for each request) with `FB.options({ timeout })` where the app sets it up, or in the options of an instance of its own: fb sends with `request` and sets none, and its calls take no signal';

const own = (options: string) => `import { Facebook } from 'fb';
const fb = new Facebook(${options});
export const me = (token: string) => fb.api('/me', { access_token: token });`;

ruleTester.run('require-timeout (fb)', requireTimeout, {
  valid: [
    // the shared instance given a timeout in this file
    feed("\nFB.options({ version: 'v19.0', timeout: 10_000 });"),
    // an instance of its own made with one
    own("{ version: 'v19.0', timeout: 8_000 }"),
    // options read elsewhere may hold one
    feed('\nimport { settings } from "./settings";\nFB.options(settings);'),
    own('config'),
    // an instance made from the shared one with a timeout of its own
    `import FB from 'fb';
export const me = (token: string) => FB.extend({ accessToken: token, timeout: 5_000 }).api('/me');`,
    // building a login URL sends nothing
    `import FB from 'fb';
export const loginUrl = () => FB.getLoginUrl({ scope: 'pages_read_engagement' });`,
  ],
  invalid: [
    {
      code: feed(),
      errors: [{
        messageId: 'missingTimeout',
        line: 3,
        data: { call: 'FB.api', remedy },
        suggestions: [
          { messageId: 'fixClientTimeout', output: feed('\nFB.options({ timeout: 10_000 });') },
        ],
      }],
    },
    {
      // the CommonJS shared instance called with a callback, settling a promise
      code: callbackFeed,
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        suggestions: [
          { messageId: 'fixClientTimeout', output: callbackFeed.replace("require('fb');", "require('fb');\nfacebook.options({ timeout: 10_000 });") },
        ],
      }],
    },
    {
      // setting the access token gives no timeout
      code: feed('\nFB.options({ accessToken: process.env.FB_TOKEN });'),
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        suggestions: [
          { messageId: 'fixClientTimeout', output: feed('\nFB.options({ timeout: 10_000 });\nFB.options({ accessToken: process.env.FB_TOKEN });') },
        ],
      }],
    },
    {
      // an instance of its own, made without one: the fix belongs in its options
      code: own("{ appId: '1', version: 'v19.0' }"),
      errors: [{
        messageId: 'missingTimeout',
        line: 3,
        suggestions: [
          { messageId: 'fixInstanceTimeout', output: own("{ appId: '1', version: 'v19.0', timeout: 10_000 }") },
        ],
      }],
    },
  ],
});

/** A package whose entry sets up fb's shared instance as given, and the file of it the calls are linted as. */
function packageFile(setUp: string): string {
  const project = mkdtempSync(join(tmpdir(), 'resilint-fb-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pages', type: 'module', dependencies: { fb: '^2.0.0' } }));
  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'src', 'main.js'), `import FB from 'fb';\n${setUp}\nexport default FB;\n`);
  return join(project, 'src', 'feed.js');
}

const timeoutFindings = (code: string, filename: string) => lint(code, filename).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
const calls = `import facebook from 'fb';
export const feed = (pageId, token) => facebook.api('/' + pageId + '/feed', 'get', { access_token: token });
export const post = (pageId, token, message) => facebook.api('/' + pageId + '/feed', 'post', { access_token: token, message });`;

describe('require-timeout (fb\'s shared instance set up in another file)', () => {
  it('is quiet where the package gives the shared instance a timeout', () => {
    expect(timeoutFindings(calls, packageFile("FB.options({ version: 'v19.0', timeout: 15_000 });"))).toEqual([]);
  });

  it('reports each call where the package sets it up without one, and the fix, once applied, quiets them all', () => {
    const filename = packageFile("FB.options({ version: 'v19.0' });");
    const findings = timeoutFindings(calls, filename);
    expect(findings).toHaveLength(2);
    const fixed = applyFix(calls, findings[0]!.suggestions[0]!);
    expect(fixed).toContain("import facebook from 'fb';\nfacebook.options({ timeout: 10_000 });");
    expect(timeoutFindings(fixed, filename)).toEqual([]);
  });
});

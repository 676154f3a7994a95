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

// A bakery chain's back office reading and posting on its shop pages through fbgraph: the module is one client for the
// whole process, its requests go out with `request` and the options `setOptions` gave it (none at first), and a call
// takes no options of its own, so the fix gives the module its timeout once, where the file loads it.
const ruleTester = new RuleTester();
const remedy = 'give its requests a `timeout` (milliseconds) with `graph.setOptions({ timeout })` where the app sets the module up, merged into the options it gives there (each `setOptions` replaces the last): fbgraph sends with `request`, its options start empty, and its calls take none of their own or a signal';

const shopPage = (setUp = '') => `import * as graph from 'fbgraph';${setUp}
export function shopPage(pageId: string, token: string) {
  graph.setAccessToken(token);
  return new Promise((resolve, reject) => {
    graph.get(\`/\${pageId}?fields=name,fan_count\`, (err: unknown, page: unknown) => (err ? reject(err) : resolve(page)));
  });
}`;

const announce = `const graph = require('fbgraph');
function announce(pageId, token, text, done) {
  graph.setAccessToken(token);
  graph.post(pageId + '/feed', { message: text }, (err, res) => done(err, res && res.id));
}
module.exports = { announce };`;

const pooled = (options: string) => `import graph from 'fbgraph';
graph.setVersion('19.0');
graph.setOptions(${options});
export const search = (q: string, done: (err: unknown, res: unknown) => void) => graph.search({ q, type: 'place' }, done);`;

// the shape of a helper several modules share: one function sends whatever verb its caller names
const helper = (verbType: string, call: string, more = '') => `import * as graph from 'fbgraph';
type Reply = { id?: string };
export const pages = {
  send(verb: ${verbType}, path: string, token: string, params: object) {
    graph.setAccessToken(token);
    return new Promise<Reply>((resolve, reject) => {
      ${call};
    });
  },
  read(path: string, token: string) {
    return this.send('get', path, token, {});
  },
  remove(path: string, token: string) {
    return this.send('del', path, token, {});
  },${more}
};`;

const restHelper = `import * as graph from 'fbgraph';
export const graphCall = {
  base(verb: string, path: string, token: string, ...rest: unknown[]) {
    graph.setAccessToken(token);
    return new Promise((resolve, reject) => {
      (graph as any)[verb](path, ...rest, (err: unknown, res: unknown) => (err ? reject(err) : resolve(res)));
    });
  },
  get: (path: string, token: string) => graphCall.base('get', path, token),
  post: (path: string, token: string, body: object) => graphCall.base('post', path, token, body),
};`;

const unpublish = (setUp = '') => `import * as graph from 'fbgraph';${setUp}
export function unpublish(postId: string, token: string, done: (err: unknown) => void) {
  graph.setAccessToken(token).del(postId, (err: unknown) => done(err));
}
export function counts(ids: string[], done: (err: unknown, res: unknown) => void) {
  graph.batch(ids.map((id) => ({ method: 'GET', relative_url: \`\${id}?fields=likes.summary(true)\` })), done);
}`;

ruleTester.run('require-timeout (fbgraph)', requireTimeout, {
  valid: [
    // the module given a timeout where this file loads it
    shopPage('\ngraph.setOptions({ timeout: 5000 });'),
    // given one among other request options, after a chained setter
    pooled('{ pool: { maxSockets: 8 }, timeout: 4_000 }'),
    `const graph = require('fbgraph');
graph.setVersion('19.0').setOptions({ timeout: 6_000, headers: { 'User-Agent': 'bakery/2' } });
module.exports = (token, done) => graph.setAccessToken(token).get('/me/accounts', done);`,
    // options read elsewhere may hold one
    `import * as graph from 'fbgraph';
import { requestOptions } from './config';
graph.setOptions(requestOptions);
export const me = (done: (err: unknown, me: unknown) => void) => graph.get('/me', done);`,
    // building the login dialog's URL and setting the token send nothing
    `import * as graph from 'fbgraph';
export const loginUrl = (redirect: string) => graph.getOauthUrl({ client_id: process.env.FB_APP_ID, redirect_uri: redirect, scope: 'pages_manage_posts' });
export const useToken = (token: string) => graph.setAccessToken(token).setAppSecret(process.env.FB_APP_SECRET!);`,
    // a verb only known when the helper is called, one caller handing on its own: nothing says which member it is
    helper('string', '(graph as any)[verb](path, params, (err: any, res: Reply) => (err ? reject(err) : resolve(res)))',
      '\n  any(verb: string, path: string, token: string) {\n    return this.send(verb, path, token, {});\n  },'),
  ],
  invalid: [
    {
      code: shopPage(),
      errors: [{
        messageId: 'missingTimeout',
        line: 5,
        data: { call: 'graph.get', remedy },
        suggestions: [{ messageId: 'fixClientTimeout', output: shopPage('\ngraph.setOptions({ timeout: 10_000 });') }],
      }],
    },
    {
      // CommonJS, a post whose result goes to the caller's callback
      code: announce,
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        data: { call: 'graph.post', remedy },
        suggestions: [{ messageId: 'fixClientTimeout', output: announce.replace("require('fbgraph');", "require('fbgraph');\ngraph.setOptions({ timeout: 10_000 });") }],
      }],
    },
    {
      // options without a timeout: another `setOptions` would replace them, so the timeout joins them
      code: pooled('{ pool: { maxSockets: 8 } }'),
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        data: { call: 'graph.search', remedy },
        suggestions: [{ messageId: 'fixClientTimeout', output: pooled('{ pool: { maxSockets: 8 }, timeout: 10_000 }') }],
      }],
    },
    {
      // the helper's verb is one of the module's calls, by its declared type
      code: helper("'get' | 'post' | 'del'", 'graph[verb](path, params, (err: any, res: Reply) => (err ? reject(err) : resolve(res)))'),
      errors: [{
        messageId: 'missingTimeout',
        line: 7,
        data: { call: 'graph.get', remedy },
        suggestions: [{
          messageId: 'fixClientTimeout',
          output: helper("'get' | 'post' | 'del'", 'graph[verb](path, params, (err: any, res: Reply) => (err ? reject(err) : resolve(res)))')
            .replace("from 'fbgraph';", "from 'fbgraph';\ngraph.setOptions({ timeout: 10_000 });"),
        }],
      }],
    },
    {
      // the verb typed only as a string, the rest of the arguments handed on, every caller in view naming a call of
      // the module: whichever it is, it goes out with the module's options (a spread carries no bound to a module
      // whose calls take none)
      code: restHelper,
      errors: [{
        messageId: 'missingTimeout',
        line: 6,
        data: { call: 'graph.get', remedy },
        suggestions: [{ messageId: 'fixClientTimeout', output: restHelper.replace("from 'fbgraph';", "from 'fbgraph';\ngraph.setOptions({ timeout: 10_000 });") }],
      }],
    },
    {
      // a delete through the chain the token setter hands back, and a batch of reads: one fix serves both
      code: unpublish(),
      errors: [
        { messageId: 'missingTimeout', line: 3, data: { call: 'graph.del', remedy }, suggestions: [{ messageId: 'fixClientTimeout', output: unpublish('\ngraph.setOptions({ timeout: 10_000 });') }] },
        { messageId: 'missingTimeout', line: 6, data: { call: 'graph.batch', remedy }, suggestions: [{ messageId: 'fixClientTimeout', output: unpublish('\ngraph.setOptions({ timeout: 10_000 });') }] },
      ],
    },
    {
      // a function imported by name: no name of the module in the file to set it up with
      code: `import { extendAccessToken } from 'fbgraph';
export const longLived = (token: string, done: (err: unknown, res: unknown) => void) =>
  extendAccessToken({ access_token: token, client_id: process.env.FB_APP_ID, client_secret: process.env.FB_APP_SECRET }, done);`,
      errors: [{ messageId: 'missingTimeout', line: 3, data: { call: 'graph.extendAccessToken', remedy }, suggestions: [] }],
    },
  ],
});

/** A package whose `boot.ts` sets the module up as given, and the file of it the calls are linted as. */
function packageFile(setUp: string): string {
  const project = mkdtempSync(join(tmpdir(), 'resilint-fbgraph-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bakery-pages', dependencies: { fbgraph: '1.4.4' } }));
  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'src', 'boot.ts'), `import * as graph from 'fbgraph';\n${setUp}\n`);
  return join(project, 'src', 'pages.ts');
}

const timeoutFindings = (code: string, filename: string) => lint(code, filename).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
const calls = `import * as graph from 'fbgraph';
export const insights = (pageId: string, done: (err: unknown, res: unknown) => void) => graph.get(\`/\${pageId}/insights\`, { metric: 'page_impressions' }, done);
export const reply = (commentId: string, message: string, done: (err: unknown) => void) => graph.post(\`/\${commentId}/comments\`, { message }, done);`;

describe('require-timeout (fbgraph set up in another file of the package)', () => {
  it('is quiet where the package gives the module a timeout', () => {
    expect(timeoutFindings(calls, packageFile("graph.setVersion('19.0');\ngraph.setOptions({ timeout: 7_000, pool: { maxSockets: 16 } });"))).toEqual([]);
  });

  it('reports each call where no file of the package gives it options, and the fix, once applied, quiets them all', () => {
    const filename = packageFile("graph.setVersion('19.0');");
    const findings = timeoutFindings(calls, filename);
    expect(findings).toHaveLength(2);
    const fixed = applyFix(calls, findings[0]!.suggestions[0]!);
    expect(fixed).toContain("import * as graph from 'fbgraph';\ngraph.setOptions({ timeout: 10_000 });");
    expect(timeoutFindings(fixed, filename)).toEqual([]);
  });

  it('takes no comment for a set-up', () => {
    const filename = packageFile("/* graph.setOptions({ timeout: 5_000 }) once the settings are read */\n// then graph.setOptions({ timeout })\ngraph.setGraphUrl('https://graph.example.test');");
    expect(timeoutFindings(calls, filename)).toHaveLength(2);
  });

  it('offers no second `setOptions` where another file gives the module options without a timeout: one would replace the other', () => {
    const findings = timeoutFindings(calls, packageFile('graph.setOptions({ pool: { maxSockets: 16 } });'));
    expect(findings).toHaveLength(2);
    expect(findings.flatMap((found) => found.suggestions.map((suggestion) => suggestion.title)).filter((title) => title.includes('setOptions'))).toEqual([]);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import plugin from '../index.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A request layer merging its module's defaults with its caller's init, `{ ...DEFAULTS, ...init }` or
// `Object.assign({}, DEFAULTS, init ?? {})`: the defaults are in view, and when they set no bound the layer is judged
// by its callers as a layer spreading only its caller's init is. A default object only read by another merge of the
// module (a source of `Object.assign`) is still in view there.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

const DEFAULTS = "const DEFAULTS = { headers: { 'user-agent': 'preview-bot/1.0' }, redirect: 'follow' as const };";

ruleTester.run('require-timeout: a layer merging its defaults with its caller\'s init', requireTimeout, {
  valid: [
    // a merge whose defaults carry the signal
    `import merge from 'lodash/merge';
async function load(url: string, init?: RequestInit) { return fetch(url, merge({}, { signal: AbortSignal.timeout(5_000) }, init ?? {})); }
export const page = (url: string) => load(url);`,
    // the file's defaults carry the client's timeout
    `import axios from 'axios';
const HTTP_DEFAULTS = { headers: { accept: 'application/json' }, timeout: 8_000 };
const api = axios.create({ baseURL: 'https://api.example.com', ...HTTP_DEFAULTS });
export const user = (id: string) => api.get(\`/users/\${id}\`);`,
    // defaults whose members are written elsewhere may gain one
    `import axios from 'axios';
const HTTP_DEFAULTS: Record<string, unknown> = { headers: { accept: 'application/json' } };
HTTP_DEFAULTS.timeout = Number(process.env.TIMEOUT);
const api = axios.create({ baseURL: 'https://api.example.com', ...HTTP_DEFAULTS });
export const user = (id: string) => api.get(\`/users/\${id}\`);`,
    // a caller in view bounds its own request: the layer's callers are judged one by one
    `${DEFAULTS}
async function load(url: string, init?: RequestInit) { return fetch(url, { ...DEFAULTS, ...init }); }
export const page = (url: string) => load(url, { signal: AbortSignal.timeout(5_000) });`,
    // defaults handed to code that may set anything on them are not in view
    `${DEFAULTS}
applyProxy(DEFAULTS);
async function load(url: string, init?: RequestInit) { return fetch(url, Object.assign({}, DEFAULTS, init ?? {})); }
export const page = (url: string) => load(url);`,
  ],
  invalid: [
    {
      // a deep-merge helper of another module merging a helper's defaults with the caller's init (met on spacebar)
      code: `import { ObjectTools } from './object-tools';
function baseOptions(): RequestInit { return { redirect: 'follow', headers: { 'user-agent': 'preview-bot/1.0' } }; }
async function load(url: URL, opts?: RequestInit) {
  try { return await fetch(url, ObjectTools.mergeDeep({ ...baseOptions() }, opts ?? {})); } catch { return null; }
}
export const preview = (url: string) => load(new URL(url));`,
      errors: [{ ...missing, line: 4, suggestions: 4 }],
    },
    {
      // a client made with the file's defaults spread in, which name no timeout
      code: `import axios from 'axios';
const HTTP_DEFAULTS = { headers: { accept: 'application/json' } };
const api = axios.create({ baseURL: 'https://api.example.com', ...HTTP_DEFAULTS });
export const user = (id: string) => api.get(\`/users/\${id}\`);`,
      errors: [{ ...missing, line: 4, suggestions: 5 }],
    },
    {
      code: `${DEFAULTS}
async function load(url: string, init?: RequestInit) { return fetch(url, { ...DEFAULTS, ...init }); }
export const page = (url: string) => load(url);`,
      errors: [{ ...missing, line: 2, suggestions: 4 }],
    },
    {
      code: `${DEFAULTS}
async function load(url: string, init?: RequestInit) { return fetch(url, Object.assign({}, DEFAULTS, init ?? {})); }
export const page = (url: string) => load(url);`,
      errors: [{ ...missing, line: 2, suggestions: 4 }],
    },
    {
      // the defaults only read by the layer's merge: a second request merging them is judged by what it shows
      code: `${DEFAULTS}
export const icon = (url: string) => fetch(url, Object.assign({}, DEFAULTS, { method: 'HEAD' }));
async function load(url: string, init?: RequestInit) { return fetch(url, Object.assign({}, DEFAULTS, init ?? {})); }
export const page = (url: string) => load(url, { method: 'GET' });`,
      errors: [{ ...missing, line: 2, suggestions: 4 }, { ...missing, line: 3, suggestions: 4 }],
    },
  ],
});

describe('the timeout fix of a client made with the file\'s defaults', () => {
  it('sets the timeout in the creation, beside the spread', () => {
    const source = `import axios from 'axios';
const HTTP_DEFAULTS = { headers: { accept: 'application/json' } };
const api = axios.create({ baseURL: 'https://api.example.com', ...HTTP_DEFAULTS });
export const user = (id: string) => api.get(\`/users/\${id}\`);
`;
    const [finding] = lint(source, 'src/users.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(fixed).toContain("axios.create({ baseURL: 'https://api.example.com', timeout: 5_000, ...HTTP_DEFAULTS })");
    expect(typeErrors([fixed])).toEqual([[]]);
    expect(lint(fixed, 'src/users.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
  });
});

// The same layers exported, called from another module: the callers are judged by what they pass.
const project = mkdtempSync(join(tmpdir(), 'resilint-defaults-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));
mkdirSync(join(project, 'src'));
writeFileSync(join(project, 'package.json'), '{ "name": "previews", "private": true }');
writeFileSync(join(project, 'src/http.ts'), `${DEFAULTS}
export async function load(url: string, init?: RequestInit) { return fetch(url, { ...DEFAULTS, ...init }); }
export async function loadMerged(url: string, init?: RequestInit) { return fetch(url, Object.assign({}, DEFAULTS, init ?? {})); }
`);

describe('an exported layer merging its defaults with its caller\'s init', () => {
  it('reports the callers in other modules that pass no bound, whichever way the layer merges', () => {
    const caller = join(project, 'src/previews.ts');
    const code = `import { load, loadMerged } from './http';
export const page = () => load('https://a.example.com/');
export const icon = () => loadMerged('https://b.example.com/favicon.ico');
export const bounded = () => loadMerged('https://c.example.com/', { signal: AbortSignal.timeout(3_000) });
`;
    const lines = new Linter({ configType: 'flat', cwd: '/' }).verify(code, plugin.configs.recommended as unknown as Linter.Config[], { filename: caller })
      .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
      .map((message) => message.line);
    expect(lines).toEqual([2, 3]);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import rule from '../rules/require-timeout.js';
import { applyFix, lint } from '../../../test/fix-correctness.js';

// A layer between the callers and the request forwards the callers' optional signal: when every caller passes one,
// the bound is theirs and the layer is no gap; when one caller passes none, the layer's request is reported.
const ruleTester = new RuleTester();
const optional = { messageId: 'optionalSignal' as const };

ruleTester.run('require-timeout: a forwarding layer whose callers all pass a signal', rule, {
  valid: [
    `function get(url: string, signal?: AbortSignal) { return fetch(url, { signal }); }
export const orders = () => get('/orders', AbortSignal.timeout(2_000));
export const users = () => get('/users', AbortSignal.timeout(2_000));`,
    // the options object handed on whole through a second function of the file
    `type Init = { method?: string; signal?: AbortSignal };
function once(url: string, init: Init) { return fetch(url, { method: init.method, signal: init.signal }); }
function send(url: string, init: Init = {}) { return once(url, init); }
export const ping = () => send('https://status.example.com', { signal: AbortSignal.timeout(1_000) });`,
  ],
  invalid: [
    {
      // the signal an argument of the layer's own (met on web-check): the fix passes one there
      code: `const getJson = async (url, signal) => (await fetch(url, { mode: 'no-cors', signal })).json();
export const country = (code) => getJson(\`https://restcountries.example.com/alpha/\${code}\`);`,
      errors: [{ messageId: 'missingTimeout', line: 2, suggestions: 4 }],
    },
    {
      // one caller passes none: the layer, once, with a default for its signal; not that caller a second time
      code: `function get(url: string, signal?: AbortSignal) { return fetch(url, { signal }); }
export const orders = () => get('/orders', AbortSignal.timeout(2_000));
export const users = () => get('/users');`,
      errors: [{ ...optional, line: 1, suggestions: 5 }],
    },
    {
      // a caller handing on a signal that may itself be missing
      code: `function get(url: string, signal?: AbortSignal) { return fetch(url, { signal }); }
export const orders = (signal?: AbortSignal) => get('/orders', signal);`,
      errors: [{ ...optional, suggestions: 5 }],
    },
    {
      // nobody in view calls it: a library's API, whose users may pass nothing
      code: 'export function get(url: string, signal?: AbortSignal) { return fetch(url, { signal }); }',
      errors: [{ ...optional, suggestions: 5 }],
    },
  ],
});

// Real files (fixtures/workspaces/alerts-service): the callers are other modules of the project.
const alerts = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/alerts-service/src/alerts/${path}`, import.meta.url));

function timeoutFindings(file: string): string[] {
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => `${message.line}:${message.messageId ?? message.message}`);
}

describe('callers in other modules', () => {
  it('leaves the layer alone when every importing module passes a signal, also under another name', () => {
    expect(timeoutFindings(alerts('safe-webhook-fetch.ts'))).toEqual([]);
  });

  it('reports the layer when one caller passes none, naming the signal that may be missing', () => {
    expect(timeoutFindings(alerts('relay-fetch.ts'))).toEqual(['6:optionalSignal']);
  });
});

describe('a signal passed as an argument of a layer of its own', () => {
  it('is what the fix passes, and what the timeout policy threads in', () => {
    const source = `const getJson = async (url, signal) => (await fetch(url, { mode: 'no-cors', signal })).json();
export const country = (code) => getJson(\`https://restcountries.example.com/alpha/\${code}\`);
`;
    const [finding] = lint(source, 'api/location.js').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const [native, wrapped] = finding!.suggestions.map((suggestion) => applyFix(source, suggestion));
    expect(native).toContain('getJson(`https://restcountries.example.com/alpha/${code}`, AbortSignal.timeout(5_000))');
    expect(wrapped).toContain('timeout(5_000).execute(({ signal }) => getJson(`https://restcountries.example.com/alpha/${code}`, signal))');
    expect(lint(native!, 'api/location.js').findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A chat SDK's one request helper takes its timeout as a positional parameter with a default of 60 s, written into
// the options it builds in a constant (the forty-first round's bot SDK). A caller leaving it out, or passing
// `undefined`, gets the default; one passing `null` replaces it, and `request` then sets no timer. Only that caller
// is reported, and its fix passes `undefined`. Without a default, a caller leaving it out is unbounded too.
const { write } = scratchProject('defaulted-timeouts');

const helper = (parameter: string) => `import request from 'request';
export function send(base: string, path: string, query: object | null = null, ${parameter}, raw = false): Promise<unknown> {
  const params = { uri: base + path, qs: query, timeout: timeoutMs, forever: true };
  return new Promise((resolve, reject) => {
    request(params, (err, res, body) => (err ? reject(err) : resolve(raw ? res : body)));
  });
}
`;
const CALLERS = `import { send } from './http';
export const whoAmI = (base: string) => send(base, '/account/whoami');
export const sync = (base: string, since: string) => send(base, '/sync', { since }, 40_000);
export const state = (base: string) => send(base, '/state', null, undefined, true);
export const media = (base: string, id: string) => send(base, \`/media/\${id}\`, null, null, true);
`;
const manifest = JSON.stringify({ name: 'chat-sdk', main: 'lib/index.js', dependencies: { request: '^2.88.2' } });

write('defaulted/package.json', manifest);
write('defaulted/src/http.ts', helper('timeoutMs: number | null = 60_000'));
const defaulted = write('defaulted/src/client.ts', CALLERS);

write('required/package.json', manifest);
write('required/src/http.ts', helper('timeoutMs?: number | null'));
const required = write('required/src/client.ts', CALLERS);

function timeouts(file: string): string[] {
  return lintWithPreset(file, 'all').filter((message) => message.fatal || message.ruleId === 'resilint/require-timeout')
    .map((message) => `${message.line}:${message.message.slice(0, 40)}`);
}

describe("a helper's timeout parameter with a default", () => {
  it('bounds the callers leaving it out or passing undefined; a caller passing null is reported', () => {
    expect(timeouts(defaulted)).toEqual(['5:send is passed `null` for its timeout, w']);
  });

  it('is fixed by passing undefined, which the rule then reads as the default', () => {
    const [finding] = lintWithPreset(defaulted, 'all').filter((message) => message.ruleId === 'resilint/require-timeout');
    const fix = finding!.suggestions![0]!.fix;
    const source = CALLERS;
    const fixed = source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1]);
    expect(fixed).toContain('send(base, `/media/${id}`, null, undefined, true)');
    expect(lintWithPreset(defaulted, 'all', fixed).filter((message) => message.ruleId === 'resilint/require-timeout')).toEqual([]);
  });
});

describe('the same parameter without a default', () => {
  it('leaves every caller not passing a timeout unbounded', () => {
    expect(timeouts(required)).toEqual(['2:send has no timeout and no abort signal:', '4:send has no timeout and no abort signal:', '5:send has no timeout and no abort signal:']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from './fix-correctness.js';
import { loadModule, outcomeWithin, silentServer, type SilentServer } from './silent-server.js';

/**
 * An SDK's request layer whose timer cancels a promise wrapping the fetch (met on datocms' clients, the thirty-fourth
 * round): the caller hears of the timeout, the request runs on. The fix gives the fetch a controller's signal and
 * aborts it beside the cancel: run against a server that never answers, the fixed call rejects on time and the server
 * sees its connection closed (undici closes it within a few seconds); the unfixed one rejects too but leaves it open.
 */
const LAYER = `class Cancelled extends Error {}
function cancelable<T>(work: Promise<T>): Promise<T> & { cancel(): void } {
  let cancel = () => {};
  const promise = new Promise<T>((resolve, reject) => {
    cancel = () => reject(new Cancelled('cancelled'));
    work.then(resolve, reject);
  }) as Promise<T> & { cancel(): void };
  promise.cancel = cancel;
  return promise;
}
export async function call(url: string): Promise<unknown> {
  const pending = cancelable(fetch(url + '/records', { method: 'GET', headers: { accept: 'application/json' } }));
  const timer = setTimeout(() => pending.cancel(), 300);
  try {
    return await (await pending).json();
  } finally {
    clearTimeout(timer);
  }
}
`;

let server: SilentServer;
beforeAll(async () => {
  server = await silentServer();
});
afterAll(async () => {
  await server.close();
});

describe('a timer cancelling a wrapper of the request', () => {
  const findings = lint(LAYER, 'src/layer.ts').findings;

  it('is reported as a timeout that cancels no work, not as a request with no timeout', () => {
    expect(findings.map((finding) => `${finding.ruleId}:${LAYER.slice(finding.offset).split('\n')[0]}`)).toEqual(['resilint/timeout-requires-cancellation:setTimeout(() => pending.cancel(), 300);']);
    expect(findings[0]!.message).toMatch(/cancels `pending`, a promise wrapping fetch/);
  });

  it('aborts the request when the timer fires, once fixed', { timeout: 60_000 }, async () => {
    const fix = findings[0]!.suggestions[0]!;
    expect(fix.title).toMatch(/^Abort fetch when the timer fires/);
    const fixed = applyFix(LAYER, fix);
    expect(fixed).toContain('const timer = setTimeout(() => { requestAbort.abort(); pending.cancel(); }, 300);');
    expect(typeErrors([fixed])).toEqual([[]]);
    expect(lint(fixed, 'src/layer.ts').findings).toEqual([]);

    const unfixed = loadModule<{ call(url: string): Promise<unknown> }>(LAYER);
    expect(await outcomeWithin(unfixed.call(server.url), 2_000)).toBe('rejected');
    expect(await server.allClosedWithin(500)).toBe(false);
    await server.close();
    server = await silentServer();

    const module = loadModule<{ call(url: string): Promise<unknown> }>(fixed);
    expect(await outcomeWithin(module.call(server.url), 2_000)).toBe('rejected');
    expect(server.received()).toBe(1);
    expect(await server.allClosedWithin(6_000)).toBe(true);
  });
});

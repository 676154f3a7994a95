import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import rule from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const untimed = { messageId: 'untimedSignal' as const, suggestions: 4 };

// An SDK's request layer (the thirty-sixth round's matrix-js-sdk miss): each request's signal combines the client's
// stop switch, a timeout only when one is configured, and the caller's optional signal. With no timeout configured
// nothing in the list ends a request that stops answering.
const layer = (timeoutLine: string, stop = 'this.stopSwitch.abort();\n    this.stopSwitch = new AbortController();') => `
interface ClientOptions { baseUrl: string; requestTimeoutMs?: number }
interface CallOptions { timeoutMs?: number; signal?: AbortSignal }

function timeoutSignal(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

function anySignal(signals: AbortSignal[]): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  for (const signal of signals) signal.addEventListener('abort', onAbort);
  return { signal: controller.signal, dispose: () => signals.forEach((signal) => signal.removeEventListener('abort', onAbort)) };
}

export class ApiClient<O extends ClientOptions> {
  private stopSwitch = new AbortController();
  constructor(public readonly options: O) {}

  stop(): void {
    ${stop}
  }

  async get(path: string, call: CallOptions = {}): Promise<unknown> {
    ${timeoutLine}
    const signals = [this.stopSwitch.signal];
    if (timeout !== undefined) signals.push(timeoutSignal(timeout));
    if (call.signal) signals.push(call.signal);
    const { signal, dispose } = anySignal(signals);
    try {
      const response = await fetch(this.options.baseUrl + path, { signal });
      return await response.json();
    } finally {
      dispose();
    }
  }
}
`;

ruleTester.run('require-timeout: a signal combined from a list with no timeout on every path', rule, {
  valid: [
    // a default timeout: the list always holds one
    layer('const timeout = call.timeoutMs ?? this.options.requestTimeoutMs ?? 30_000;'),
    // the client's controller is also aborted on a timer: it may be a deadline
    layer('const timeout = call.timeoutMs ?? this.options.requestTimeoutMs;', 'this.stopSwitch.abort();\n  }\n\n  armDeadline(ms: number): void {\n    setTimeout(() => this.stopSwitch.abort(), ms);'),
    // the standard combinator with a timeout always in the list
    `export class Poller {
      private stopSwitch = new AbortController();
      stop(): void { this.stopSwitch.abort(); }
      read(url: string) { return fetch(url, { signal: AbortSignal.any([this.stopSwitch.signal, AbortSignal.timeout(10_000)]) }); }
    }`,
  ],
  invalid: [
    {
      // the list's only timeout is the one set when a caller or the client gives one: that value takes a default
      code: layer('const timeout = call.timeoutMs ?? this.options.requestTimeoutMs;'),
      errors: [{ messageId: 'optionalTimeout', line: 34, data: { call: 'fetch', timeout: 'timeout', remedy: 'pass `signal: AbortSignal.timeout(ms)`' }, suggestions: 5 }],
    },
    {
      code: `export class Poller {
        private stopSwitch = new AbortController();
        close(): void { this.stopSwitch.abort(); }
        read(url: string, signal?: AbortSignal) {
          return fetch(url, { signal: AbortSignal.any(signal ? [this.stopSwitch.signal, signal] : [this.stopSwitch.signal]) });
        }
        readAll(url: string, signal?: AbortSignal) {
          const signals = [this.stopSwitch.signal];
          if (signal) signals.push(signal);
          return fetch(url, { signal: AbortSignal.any(signals) });
        }
      }`,
      errors: [{ ...untimed, line: 10 }],
    },
  ],
});

// A generated SDK's raw request (the forty-fourth round's cohere passthrough, M2): the caller's timeout joins the list
// only when set, through a helper returning a timer's signal, and the list is combined by a helper that returns the
// signal itself, or by `AbortSignal.any` only when the list is not empty. By default nothing bounds the wait; giving
// the timeout a default bounds every call, and a timeout a caller sets still wins.
const rawRequest = (timeoutParameter: string, combine: string) => `
function getTimeoutSignal(ms: number): { signal: AbortSignal; abortId: ReturnType<typeof setTimeout> } {
  const controller = new AbortController();
  return { signal: controller.signal, abortId: setTimeout(() => controller.abort('timeout'), ms) };
}
function anySignal(list: AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const one of list) one.addEventListener('abort', () => controller.abort(one.reason), { signal: controller.signal });
  return controller.signal;
}
export async function rawRequest(fetchFn: typeof fetch, url: string, ${timeoutParameter}, abortSignal?: AbortSignal): Promise<Response> {
  const signals: AbortSignal[] = [];
  let abortId: ReturnType<typeof setTimeout> | undefined;
  if (timeoutMs != null) {
    const { signal, abortId: id } = getTimeoutSignal(timeoutMs);
    abortId = id;
    signals.push(signal);
  }
  if (abortSignal != null) {
    signals.push(abortSignal);
  }
  const response = await fetchFn(url, { method: 'GET', signal: ${combine} });
  if (abortId != null) clearTimeout(abortId);
  return response;
}
export const passthrough = (path: string, timeoutMs?: number) => rawRequest(fetch, \`https://api.example.com\${path}\`, timeoutMs);
`;
const optionalTimeout = { messageId: 'optionalTimeout' as const, line: 22, data: { call: 'fetch', timeout: 'timeoutMs', remedy: 'pass `signal: AbortSignal.timeout(ms)`' } };

ruleTester.run('require-timeout: a list whose only timeout is set when the caller gives one', rule, {
  valid: [
    rawRequest('timeoutMs: number = 60_000', 'anySignal(signals)'),
    rawRequest('timeoutMs: number = 60_000', 'signals.length ? AbortSignal.any(signals) : undefined'),
  ],
  invalid: [
    {
      code: rawRequest('timeoutMs?: number', 'anySignal(signals)'),
      errors: [{ ...optionalTimeout, suggestions: 5 }],
    },
    {
      code: rawRequest('timeoutMs?: number', 'signals.length ? AbortSignal.any(signals) : undefined'),
      errors: [{ ...optionalTimeout, suggestions: 5 }],
    },
  ],
});

describe('the fixes of a list whose only timeout is optional', () => {
  it('give the timeout a default first, and join a deadline to the list rather than to a signal that may be undefined', { timeout: 60_000 }, () => {
    const code = rawRequest('timeoutMs?: number', 'signals.length ? AbortSignal.any(signals) : undefined');
    const [finding] = lint(code, 'raw-request.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const [first, second] = finding!.suggestions;
    expect(applyFix(code, first!)).toBe(rawRequest('timeoutMs: number = 30_000', 'signals.length ? AbortSignal.any(signals) : undefined'));
    expect(applyFix(code, second!)).toBe(rawRequest('timeoutMs?: number', 'AbortSignal.any([...signals, AbortSignal.timeout(5_000)])'));
    expect(typeErrors([applyFix(code, first!), applyFix(code, second!)])).toEqual([[], []]);
  });
});

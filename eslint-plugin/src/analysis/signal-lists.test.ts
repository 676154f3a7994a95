import { RuleTester } from '@typescript-eslint/rule-tester';
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
    { code: layer('const timeout = call.timeoutMs ?? this.options.requestTimeoutMs;'), errors: [{ ...untimed, line: 34 }] },
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

import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from './require-timeout.js';
import timeoutRequiresCancellation from './timeout-requires-cancellation.js';

const ruleTester = new RuleTester();

// A timer cancelling a promise that wraps a request (an SDK's cancelable promise; datocms' clients, the thirty-fourth
// round): the wait is bounded, the request is not. Reported once, at the timer, by timeout-requires-cancellation.
const layer = (init: string, onTimer = 'pending.cancel()') => `declare function cancelable<T>(work: Promise<T>): Promise<T> & { cancel(): void };
export async function send(url: string, limitMs?: number) {
  const pending = cancelable(fetch(url, ${init}));
  const timer = setTimeout(() => ${onTimer}, limitMs || 30_000);
  const response = await pending;
  clearTimeout(timer);
  return response.json();
}
`;

ruleTester.run('timeout-requires-cancellation: a timer cancelling a wrapper of the request', timeoutRequiresCancellation, {
  valid: [
    // the request is aborted by a signal of its own
    layer('{ method: \'POST\', signal: controller.signal }').replace('export async function', 'const controller = new AbortController();\nexport async function'),
    // options spread in may carry a signal
    layer('{ ...defaults }'),
    // the timer does something else
    layer('{ method: \'POST\' }', 'console.warn(url + " is slow")'),
  ],
  invalid: [
    {
      code: layer('{ method: \'POST\' }'),
      errors: [{ messageId: 'wrapperCancelledNotAborted', line: 4, suggestions: [{ messageId: 'fixAbortOnTimer', output: `declare function cancelable<T>(work: Promise<T>): Promise<T> & { cancel(): void };
export async function send(url: string, limitMs?: number) {
  const requestAbort = new AbortController();
  const pending = cancelable(fetch(url, { method: 'POST', signal: requestAbort.signal }));
  const timer = setTimeout(() => { requestAbort.abort(); pending.cancel(); }, limitMs || 30_000);
  const response = await pending;
  clearTimeout(timer);
  return response.json();
}
` }] }],
    },
  ],
});

ruleTester.run('require-timeout: a request whose wrapper a timer cancels', requireTimeout, {
  valid: [layer('{ method: \'POST\' }')],
  invalid: [
    // no timer at all: the request has no timeout
    { code: layer('{ method: \'POST\' }').replace(/ {2}const timer = .*\n/, '').replace('  clearTimeout(timer);\n', ''), errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 3 }] },
  ],
});

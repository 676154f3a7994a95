import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';
import rule from './timeout-requires-cancellation.js';

// A time-limit helper of the project, `withTimeout(promise, ms)`, that stops waiting when its timer fires and cancels
// nothing: the request handed to it keeps running (met as hexabot's step timeout, the thirty-second round, and in many
// a `utils/` folder). It is reported where the request is handed over, where a signal can reach it; the fix runs the
// request under the runtime's timeout, which aborts it.
const ruleTester = new RuleTester();

// the executor form: a promise settled by the work or by a timer that rejects
const deadlineHelper = `function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  if (!ms) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('step timed out')), ms);
    work.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}
`;

ruleTester.run('timeout-requires-cancellation: a request handed to a time-limit helper that cancels nothing', rule, {
  valid: [
    // the work already carries a signal
    `${deadlineHelper}export const load = (url: string, signal: AbortSignal) => withDeadline(fetch(url, { signal }), 5_000);`,
    // work that takes no signal: the helper is all a timeout can do
    `${deadlineHelper}declare const cache: { get(key: string): Promise<string> };
export const read = (key: string) => withDeadline(cache.get(key), 200);`,
    // a helper that aborts what it was handed a controller for
    `function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    setTimeout(() => { controller.abort(); reject(new Error('timed out')); }, ms);
    work(controller.signal).then(resolve, reject);
  });
}
export const load = (url: string) => withDeadline((signal) => fetch(url, { signal }), 5_000);`,
  ],
  invalid: [
    {
      code: `${deadlineHelper}export const load = (url: string) => withDeadline(fetch(url), 5_000);`,
      errors: [{
        messageId: 'helperRaceNotCancelled',
        data: { helper: 'withDeadline' },
        line: 8,
        suggestions: [{ messageId: 'fixRaceToTimeout', output: `import { timeout } from '@resilint/runtime';

${deadlineHelper}export const load = (url: string) => timeout(5_000).execute(({ signal }) => fetch(url, { signal }));` }],
      }],
    },
    {
      // a function of the file taking the signal as an argument: the caller's signal is kept beside the timeout's
      code: `import axios from 'axios';
${deadlineHelper}async function callHook(url: string, signal: AbortSignal) {
  return (await axios.get(url, { signal })).data;
}
export const run = (url: string, runSignal: AbortSignal, ms: number) => withDeadline(callHook(url, runSignal), ms);`,
      errors: [{ messageId: 'helperRaceNotCancelled', line: 12, suggestions: [{ messageId: 'fixRaceToTimeout', output: `import axios from 'axios';
import { timeout } from '@resilint/runtime';
${deadlineHelper}async function callHook(url: string, signal: AbortSignal) {
  return (await axios.get(url, { signal })).data;
}
export const run = (url: string, runSignal: AbortSignal, ms: number) => timeout(ms).execute(({ signal }) => callHook(url, AbortSignal.any([runSignal, signal])));` }] }],
    },
  ],
});

describe('a time-limit helper another module exports', () => {
  const root = mkdtempSync(join(tmpdir(), 'resilint-race-helper-'));
  mkdirSync(join(root, 'src/utils'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'service', private: true }));
  writeFileSync(join(root, 'src/utils/timeout.ts'), `export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(\`timed out after \${ms} ms\`)), ms));
  return Promise.race([promise, timer]);
}
`);
  const service = `import { withTimeout } from './utils/timeout';
export async function quote(symbol: string) {
  const response = await withTimeout(fetch(\`https://quotes.example.com/\${symbol}\`), 3_000);
  return response.json();
}
`;
  const findings = (code: string) => lint(code, join(root, 'src/quotes.ts')).findings.filter((found) => found.ruleId === 'resilint/timeout-requires-cancellation');

  it('is reported where the request is handed to it, and the fix aborts the request instead', () => {
    const [finding, ...others] = findings(service);
    expect(others).toEqual([]);
    expect(finding?.offset).toBe(service.indexOf('withTimeout(fetch'));
    expect(finding?.message).toContain('`withTimeout` stops waiting for this work when its timer fires, and cancels nothing');
    const fixed = applyFix(service, finding!.suggestions[0]!);
    expect(fixed).toContain('await timeout(3_000).execute(({ signal }) => fetch(`https://quotes.example.com/${symbol}`, { signal }));');
    expect(findings(fixed)).toEqual([]);
    // nor does require-timeout report the request: the helper bounds the wait
    expect(lint(service, join(root, 'src/quotes.ts')).findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
  });

  it('is not reported where the helper is given work that takes no signal', () => {
    expect(findings(`import { withTimeout } from './utils/timeout';
declare const cache: { get(key: string): Promise<string> };
export const read = (key: string) => withTimeout(cache.get(key), 200);
`)).toEqual([]);
  });
});

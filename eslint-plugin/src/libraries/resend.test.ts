import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';
import { waitedInPlace } from '../fixes/stop-waiting.cases.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// Resend sends with fetch and no timeout. From 6.34 on a call's request options take a signal; before, nothing can
// bound the request, and the only fix is to stop waiting for it. Which one applies is read from the package.json
// that declares the dependency.
const current = fileURLToPath(new URL('../../../fixtures/workspaces/mailers/current/src/mail.ts', import.meta.url));
const legacy = fileURLToPath(new URL('../../../fixtures/workspaces/mailers/legacy/src/mail.ts', import.meta.url));
const missing = { messageId: 'missingTimeout' as const };

const ruleTester = new RuleTester();

const legacyWelcome = `import { Resend } from 'resend';
const resend = new Resend(process.env.RESEND_KEY);
export async function welcome(to: string) {
  await resend.emails.send({ from: 'a@b.test', to, subject: 'Hi', html: '<p>Hi</p>' });
}`;

ruleTester.run('require-timeout (Resend)', requireTimeout, {
  valid: [
    { filename: current, code: `import { Resend } from 'resend'; const resend = new Resend(process.env.RESEND_KEY); export const welcome = (to: string) => resend.emails.send({ from: 'a@b.test', to, subject: 'Hi', html: '<p>Hi</p>' }, { signal: AbortSignal.timeout(5_000) });` },
    { filename: current, code: `import { Resend } from 'resend'; export class Mailer { constructor(private readonly resend: Resend) {} drop(id: string, signal: AbortSignal) { return this.resend.emails.update({ id, scheduledAt: 'now' }, { signal }); } }` },
    // a method whose request options come third
    { filename: current, code: `import { Resend } from 'resend'; const resend = new Resend(key); export const rename = (id: string) => resend.segments.update(id, { name: 'vip' }, { signal: AbortSignal.timeout(5_000) });` },
  ],
  invalid: [
    {
      filename: current,
      code: `import { Resend } from 'resend';
const resend = new Resend(process.env.RESEND_KEY);
export const welcome = (to: string) => resend.emails.send({ from: 'a@b.test', to, subject: 'Hi', html: '<p>Hi</p>' });`,
      errors: [{
        ...missing,
        data: { call: 'resend.emails.send', remedy: 'pass `signal: AbortSignal.timeout(ms)` in its request options (Resend 6.34 and later; earlier versions take none, so only waiting for it can be bounded)' },
        suggestions: [
          { messageId: 'fixNativeTimeout', output: `import { Resend } from 'resend';
const resend = new Resend(process.env.RESEND_KEY);
export const welcome = (to: string) => resend.emails.send({ from: 'a@b.test', to, subject: 'Hi', html: '<p>Hi</p>' }, { signal: AbortSignal.timeout(5_000) });` },
          { messageId: 'fixWrapInTimeout', output: `import { Resend } from 'resend';
import { timeout } from '@resilint/runtime';
const resend = new Resend(process.env.RESEND_KEY);
export const welcome = (to: string) => timeout(5_000).execute(({ signal }) => resend.emails.send({ from: 'a@b.test', to, subject: 'Hi', html: '<p>Hi</p>' }, { signal }));` },
          { messageId: 'fixWrapInPipeline', output: `import { Resend } from 'resend';
import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';
const emailsBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
const resend = new Resend(process.env.RESEND_KEY);
export const welcome = (to: string) => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when resend.emails.send fails'); }),
  emailsBreaker,
  timeout(5_000),
).execute(({ signal }) => resend.emails.send({ from: 'a@b.test', to, subject: 'Hi', html: '<p>Hi</p>' }, { signal }));` },
        ],
      }],
    },
    {
      // a version that takes no signal: only the wait is bounded, and the fix says the request goes on
      filename: legacy,
      code: legacyWelcome,
      errors: [{
        ...missing,
        suggestions: [{ messageId: 'fixStopWaiting', output: `import { Resend } from 'resend';
import { timeout } from '@resilint/runtime';
const resend = new Resend(process.env.RESEND_KEY);
export async function welcome(to: string) {
  await timeout(5_000).execute(() => resend.emails.send({ from: 'a@b.test', to, subject: 'Hi', html: '<p>Hi</p>' }));
}` }, { messageId: 'fixStopWaitingInPlace', output: waitedInPlace(legacyWelcome, "resend.emails.send({ from: 'a@b.test', to, subject: 'Hi', html: '<p>Hi</p>' })") }],
      }],
    },
  ],
});

import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noUnprotectedCall from '../rules/no-unprotected-call.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// Resend answers every failure with `{ data: null, error }`; from 3.4 on a lost connection too is caught and returned
// that way. A send nobody awaits then lets nothing escape: a background welcome mail is not an unhandled rejection.
// Before 3.4 a network failure still rejects. The version is read from the package.json declaring the dependency.
const current = fileURLToPath(new URL('../../../fixtures/workspaces/mailers/current/src/keys.ts', import.meta.url));
const legacy = fileURLToPath(new URL('../../../fixtures/workspaces/mailers/legacy/src/keys.ts', import.meta.url));

const backgroundSend = `import { Resend } from 'resend';
const mailer = new Resend(process.env.RESEND_KEY);
export async function createKey(owner: string, name: string) {
  mailer.emails.send({ from: 'keys@shop.test', to: owner, subject: 'New key', text: name }, { signal: AbortSignal.timeout(5_000) });
  return { ok: true };
}`;
const backgroundRelay = `export async function createKey(owner: string, name: string) {
  fetch('https://relay.shop.test/send', { method: 'POST', body: JSON.stringify({ owner, name }), signal: AbortSignal.timeout(5_000) });
  return { ok: true };
}`;

new RuleTester().run('no-unprotected-call (Resend resolves with its error)', noUnprotectedCall, {
  valid: [{ filename: current, code: backgroundSend }],
  invalid: [
    // before 3.4 a network failure rejects the send's promise, and nothing here catches it
    {
      filename: legacy,
      code: backgroundSend.replace(', { signal: AbortSignal.timeout(5_000) }', ''),
      errors: [{ messageId: 'floating', suggestions: 4 }],
    },
    // fetch rejects on a network failure, in the same place
    { filename: current, code: backgroundRelay, errors: [{ messageId: 'floating', suggestions: 4 }] },
  ],
});

import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A server pushing a notification to a browser's push service: web-push sends it with node:https and waits as long as
// the vendor takes, unless the call's options give a `timeout`.
const notify = (options: string) => `import webpush from 'web-push';
export async function notify(subscription: webpush.PushSubscription, title: string) {
  await webpush.sendNotification(subscription, JSON.stringify({ title })${options});
}
`;

ruleTester.run('require-timeout (web-push)', requireTimeout, {
  valid: [
    notify(', { timeout: 8_000, TTL: 60 }'),
    `const { sendNotification } = require('web-push');
     exports.ping = (subscription) => sendNotification(subscription, null, { timeout: 5_000 });`,
    // building the request sends nothing
    `import webpush from 'web-push';
     export const details = (subscription: webpush.PushSubscription) => webpush.generateRequestDetails(subscription, 'hi');`,
  ],
  invalid: [
    {
      code: notify(''),
      errors: [{ messageId: 'missingTimeout', line: 3, data: { call: 'webpush.sendNotification', remedy: 'pass `timeout` (ms) in its options, the third argument' }, suggestions: 1 }],
    },
    {
      code: `const webpush = require('web-push');
exports.ping = (subscription) => webpush.sendNotification(subscription);`,
      filename: 'ping.js',
      errors: [{ messageId: 'missingTimeout', line: 2, suggestions: 1 }],
    },
  ],
});

describe('the web-push fix', () => {
  it('gives the call a timeout, padding a missing payload, and compiles against @types/web-push', { timeout: 60_000 }, () => {
    const sources = [notify(''), notify('').replace(', JSON.stringify({ title })', '')];
    const fixed = sources.map((source) => {
      const [finding] = lint(source, 'notify.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      const native = finding!.suggestions.find((suggestion) => suggestion.text.includes('timeout:'));
      return applyFix(source, native!);
    });
    expect(fixed[0]).toContain('JSON.stringify({ title }), { timeout: 5_000 })');
    expect(fixed[1]).toContain('sendNotification(subscription, undefined, { timeout: 5_000 })');
    expect(typeErrors(fixed)).toEqual([[], []]);
  });
});

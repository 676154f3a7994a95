import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const workspace = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/git-sync/packages/${path}`, import.meta.url));
// a package whose entry sets the shared mail service up with its key only; another whose entry gives it a timeout
const unbounded = workspace('digest-worker/src/activities/reminder.ts');
const bounded = workspace('alerts-worker/src/escalate.ts');

const send = `import sgMail from '@sendgrid/mail';
export const remind = (to: string) => sgMail.send({ to, from: 'team@example.test', subject: 'Reminder', text: 'Review pending' });`;

// `@sendgrid/mail`'s shared service set up in another file of the package: its sends are judged by that set-up.
ruleTester.run('require-timeout (SendGrid set up in another file)', requireTimeout, {
  valid: [
    { filename: bounded, code: send },
    // the REST client's request takes its timeout through setDefaultRequest: not judged by the mail service's set-up
    { filename: unbounded, code: `import client from '@sendgrid/client';\nexport const stats = () => client.request({ method: 'GET', url: '/v3/stats' });` },
  ],
  invalid: [
    {
      filename: unbounded,
      code: send,
      errors: [{
        messageId: 'missingTimeout',
        line: 2,
        suggestions: [{ messageId: 'fixClientTimeout', output: `import sgMail from '@sendgrid/mail';
sgMail.setTimeout(10_000);
export const remind = (to: string) => sgMail.send({ to, from: 'team@example.test', subject: 'Reminder', text: 'Review pending' });` }],
      }],
    },
  ],
});

import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// mailgun-js (the older library, still in back ends) aborts a request after the client's `timeout` and never without
// one. Met on a texting server whose mail module makes its client from the API key and domain alone.
const mail = (options: string) => `import mailgun from 'mailgun-js';
const client = mailgun(${options});
export const send = (data: object) => client.messages().send(data);
`;

ruleTester.run('require-timeout: mailgun-js clients', requireTimeout, {
  valid: [
    mail('{ apiKey: process.env.MAILGUN_KEY!, domain: process.env.MAILGUN_DOMAIN!, timeout: 10_000 }'),
    `const client = require('mailgun-js')({ apiKey: 'key', domain: 'mg.example.com', timeout: 5_000 });`,
  ],
  invalid: [
    {
      code: mail('{ apiKey: process.env.MAILGUN_KEY!, domain: process.env.MAILGUN_DOMAIN! }'),
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: mail('{ apiKey: process.env.MAILGUN_KEY!, domain: process.env.MAILGUN_DOMAIN!, timeout: 10_000 }') }] }],
    },
    {
      code: `const client = require('mailgun-js')({ apiKey: 'key', domain: 'mg.example.com' });`,
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: `const client = require('mailgun-js')({ apiKey: 'key', domain: 'mg.example.com', timeout: 10_000 });` }] }],
    },
  ],
});

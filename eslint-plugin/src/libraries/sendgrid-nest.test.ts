import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const workspace = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/nest-mail/packages/${path}`, import.meta.url));
// Two Nest apps with `@ntegral/nestjs-sendgrid`'s module: one never bounds `@sendgrid/mail`'s shared service, the
// other gives it a timeout in its entry. The injected `SendGridService` sends through that shared service.
const unbounded = workspace('invites-api/src/mail/mail.service.ts');
const bounded = workspace('digest-api/src/mail/mail.service.ts');
const service = readFileSync(unbounded, 'utf8');

ruleTester.run('require-timeout (SendGrid through a Nest module)', requireTimeout, {
  valid: [
    { filename: bounded, code: service },
    // a service the file sets a timeout on
    { filename: unbounded, code: `${service}\nimport sgMail from '@sendgrid/mail';\nsgMail.setTimeout(10_000);\n` },
  ],
  invalid: [
    {
      filename: unbounded,
      code: service,
      // no option to set on the call: the shared service is given its timeout when this module loads
      errors: [{
        messageId: 'missingTimeout',
        line: 9,
        suggestions: [{
          messageId: 'fixClientTimeout',
          output: service.replace("from '@ntegral/nestjs-sendgrid';\n", "from '@ntegral/nestjs-sendgrid';\nimport sgMail = require('@sendgrid/mail');\nsgMail.setTimeout(10_000);\n"),
        }],
      }],
    },
  ],
});

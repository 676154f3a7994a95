import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };

// mailgun.js sends each request with no timeout unless the client `client()` makes is given one, and its calls take no
// signal: a mail provider that stops answering holds every message the service sends. The client is reported where
// `client()` makes it, whether on a `new Mailgun(...)` kept in a const or chained on it.
ruleTester.run('require-timeout (Mailgun)', requireTimeout, {
  valid: [
    `import Mailgun from 'mailgun.js';
import FormData from 'form-data';
const mg = new Mailgun(FormData).client({ username: 'api', key: process.env.MAILGUN_KEY!, timeout: 10_000 });
export const notify = (to: string) => mg.messages.create('mail.example.org', { from: 'ops@mail.example.org', to, text: 'hi' });`,
    // options read elsewhere may set one
    `import Mailgun from 'mailgun.js';
import FormData from 'form-data';
import { mailgunOptions } from './settings';
const mailer = new Mailgun(FormData);
export const mg = mailer.client(mailgunOptions);`,
  ],
  invalid: [
    {
      code: `import Mailgun from 'mailgun.js';
import FormData from 'form-data';
export async function invite(key: string, domain: string, to: string) {
  const mailer = new Mailgun(FormData);
  const mg = mailer.client({ username: 'api', key });
  return mg.messages.create(domain, { from: \`team@\${domain}\`, to, text: 'join us' });
}`,
      errors: [{
        ...atCreation,
        line: 5,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import Mailgun from 'mailgun.js';
import FormData from 'form-data';
export async function invite(key: string, domain: string, to: string) {
  const mailer = new Mailgun(FormData);
  const mg = mailer.client({ username: 'api', key, timeout: 10_000 });
  return mg.messages.create(domain, { from: \`team@\${domain}\`, to, text: 'join us' });
}` }],
      }],
    },
    {
      code: `import Mailgun from 'mailgun.js';
import FormData from 'form-data';
export const domains = (key: string) => new Mailgun(FormData).client({ username: 'api', key }).domains.list();`,
      errors: [{ ...atCreation, line: 3, suggestions: 1 }],
    },
  ],
});

describe('the Mailgun fix', () => {
  it('sets the option the client declares', { timeout: 60_000 }, () => {
    const source = `import Mailgun from 'mailgun.js';
import FormData from 'form-data';
export const mg = new Mailgun(FormData).client({ username: 'api', key: 'key-1' });
`;
    const [finding] = lint(source, 'mail.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    const [errors, misspelt] = typeErrors([fixed, fixed.replace('timeout:', 'requestTimeout:')]);
    expect(fixed).toContain('timeout: 10_000');
    expect(errors).toEqual([]);
    expect(misspelt).not.toEqual([]);
  });
});

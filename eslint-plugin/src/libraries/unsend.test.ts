import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// Unsend sends each operation with the global fetch; neither its client nor an operation takes a timeout or a signal,
// so a newsletter sign-up waits as long as the mail service does. Only waiting for it can be bounded.
const signup = (call: string) => `import { Unsend } from 'unsend';
const unsend = new Unsend(process.env.UNSEND_API_KEY);
export async function subscribe(book: string, email: string) {
  ${call}
}
`;

ruleTester.run('require-timeout (unsend)', requireTimeout, {
  valid: [
    // waiting bounded by the runtime's timeout
    signup("await timeout(5_000).execute(() => unsend.contacts.create(book, { email }));").replace("import { Unsend } from 'unsend';", "import { Unsend } from 'unsend';\nimport { timeout } from '@resilint/runtime';"),
    // its client's own state is no request
    signup('return unsend.url;'),
  ],
  invalid: [
    {
      code: signup('await unsend.contacts.create(book, { email });'),
      errors: [{
        messageId: 'missingTimeout', line: 4,
        data: { call: 'unsend.contacts.create', remedy: 'wrap it in a timeout (the SDK takes no timeout or signal, so only waiting for it can be bounded)' },
        suggestions: 2,
      }],
    },
    {
      code: signup("await unsend.emails.send({ to: email, from: 'news@example.test', subject: 'Welcome', html: '<p>Hi</p>' });"),
      errors: [{ messageId: 'missingTimeout', line: 4, suggestions: 2 }],
    },
  ],
});

import { RuleTester } from '@typescript-eslint/rule-tester';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { expect, it } from 'vitest';
import rule from './no-unprotected-call.js';

// A billing sync written with `new Promise(async (resolve, reject) => ...)` (the forty-fourth held-out round's
// Socioboard, in our own words). A failure inside the async executor rejects the executor's own promise, which the
// Promise constructor drops: an unhandled rejection, while the promise handed back never settles. The one made
// rejects only when `reject` is called, so dropping a promise whose executor only resolves loses nothing.
const ruleTester = new RuleTester();

const accessOf = (body: string, params = 'resolve') => `import axios from 'axios';
export function currentPlans(base: string, userId: string) {
  return new Promise(async (${params}) => {
${body}
  });
}`;
const awaited = "    const res = await axios.get(base + '/access?user=' + userId, { timeout: 10_000 });\n    resolve(res.data);";
const handedToReject = `    try {
      const res = await axios.get(base + '/access?user=' + userId, { timeout: 10_000 });
      resolve(res.data);
    } catch (error) {
      reject(error);
    }`;

ruleTester.run('no-unprotected-call: an async Promise executor', rule, {
  valid: [
    // the fix: the failure goes to the promise made, and the caller of currentPlans receives it
    accessOf(handedToReject, 'resolve, reject'),
    // a plain executor's failure rejects the promise it makes (handed to the caller with it)
    `import axios from 'axios';
export function ping(base: string) {
  return new Promise((resolve, reject) => {
    axios.get(base + '/ping', { timeout: 5_000 }).then(resolve, reject);
  });
}`,
  ],
  invalid: [
    {
      // a sync whose executor resolves whatever happens to its PUT: dropping its promise loses no failure. The lookup
      // awaited before it is another matter: its failure rejects the executor's own promise (reported there)
      code: `import axios from 'axios';
class Billing {
  constructor(private readonly base: string) {}
  pushEmail(login: string, email: string) {
    return new Promise(async (resolve) => {
      const { data } = await axios.get(this.base + '/lookup?login=' + login, { timeout: 10_000 });
      axios.put(this.base + '/users/' + data.id, { email }, { timeout: 10_000 })
        .then(() => resolve('updated'))
        .catch((error) => {
          console.error('billing sync failed', error);
          resolve(true);
        });
    });
  }
}
export async function updateEmail(login: string, email: string, save: (email: string) => Promise<void>) {
  await save(email);
  new Billing(process.env.BILLING_URL!).pushEmail(login, email);
}`,
      errors: [{ messageId: 'callback', line: 6, suggestions: 4 }],
    },
    {
      code: accessOf(awaited),
      errors: [{
        messageId: 'callback',
        line: 4,
        data: { call: 'axios.get', callback: 'async `new Promise` executor' },
        // handing the failure to the promise made first, then the runtime's policies
        suggestions: 4,
      }],
    },
  ],
});

it("first offers to hand the failure to the promise made, naming the executor's `reject` when it has none", () => {
  const linter = new Linter({ configType: 'flat' });
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { resilint: { rules: { 'no-unprotected-call': rule } } }, rules: { 'resilint/no-unprotected-call': 'error' } }];
  const code = accessOf(awaited);
  const [finding] = linter.verify(code, config as never, { filename: 'plans.ts' });
  const first = finding?.suggestions?.[0];
  expect(first?.desc).toBe('Reject the promise when axios.get fails: wrap the body of its async executor in try/catch that calls `reject`.');
  const fixed = code.slice(0, first!.fix.range[0]) + first!.fix.text + code.slice(first!.fix.range[1]);
  expect(fixed).toBe(accessOf(handedToReject, 'resolve, reject'));
  expect(linter.verify(fixed, config as never, { filename: 'plans.ts' })).toEqual([]);
});

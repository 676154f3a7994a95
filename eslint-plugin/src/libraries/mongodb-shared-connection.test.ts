import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A data package that connects once, on start-up, into a module variable, and hands its collections out through
// accessors (`Collections.jobs().updateOne(...)` in every service of the monorepo). The driver's socketTimeoutMS
// defaults to 0 and the services cannot see how the client was made, so the bound belongs at the connect, once.
const ruleTester = new RuleTester();

const store = (connect: string, before = '') => `import { MongoClient, type Db } from 'mongodb';
let client: MongoClient;
let db: Db;
export async function openStore(uri: string) {
  const settings = { appName: 'dispatcher' };${before}
  client = ${connect};
  db = client.db('dispatch');
}
export const Collections = { jobs: () => db.collection('jobs') };`;

/** A later write to the spread options of a key that bounds nothing. */
const AUTH_NAME = "\n  if (process.env.MONGO_USER) settings.appName = 'dispatcher-auth';";

ruleTester.run('require-timeout: a MongoDB client connected into a module variable and shared', requireTimeout, {
  valid: [
    store("await MongoClient.connect(uri, { ...settings, socketTimeoutMS: 30_000 })"),
    // set on the local the options spread, after it is made
    store('await MongoClient.connect(uri, { ...settings })', '\n  Object.assign(settings, { socketTimeoutMS: 30_000 });'),
    // options made elsewhere
    store('await MongoClient.connect(uri, loadOptions())').replace('let client', 'declare function loadOptions(): object;\nlet client'),
    // a client made and used in one module is judged at its operations
    `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://db:27017');
export const user = (id: string) => client.db('app').collection('users').findOne({ id }, { maxTimeMS: 2_000 });`,
  ],
  invalid: [
    {
      code: store("await MongoClient.connect(uri, { ...settings, tls: process.env.MONGO_TLS === 'true' })", AUTH_NAME),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 7,
        suggestions: [{ messageId: 'fixInstanceTimeout', data: { options: 'socketTimeoutMS: 30_000' }, output: store("await MongoClient.connect(uri, { ...settings, tls: process.env.MONGO_TLS === 'true', socketTimeoutMS: 30_000 })", AUTH_NAME) }],
      }],
    },
    {
      // made with `new`, no options at all
      code: store("new MongoClient(uri)"),
      errors: [{ messageId: 'missingClientTimeout', line: 6, suggestions: [{ messageId: 'fixInstanceTimeout', output: store("new MongoClient(uri, { socketTimeoutMS: 30_000 })") }] }],
    },
  ],
});

describe('the fix, against the driver\'s own types', () => {
  it('compiles and sets the socket timeout every operation of the client runs under', () => {
    const source = store("await MongoClient.connect(uri, { ...settings, tls: process.env.MONGO_TLS === 'true' })", AUTH_NAME);
    const [finding] = lint(source, 'store.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(fixed).toContain('socketTimeoutMS: 30_000 })');
    expect(typeErrors([fixed])[0]).toEqual([]);
  }, 120_000);
});

import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A key-value store class over MongoDB (an SSO server's session store): the client is made in `init()` with the URL
// alone, and a dozen methods query the collection it hands out. The driver's socketTimeoutMS defaults to 0, so every
// query can wait forever; the one edit that bounds them all is at `new MongoClient`, so that is where it is reported,
// once, rather than at each query with a server-side `maxTimeMS` apiece.
const ruleTester = new RuleTester();

const store = (made: string, collection = "this.db.collection('records')") => `import { MongoClient, type Collection, type Db } from 'mongodb';
export class Store {
  private client!: MongoClient;
  private db!: Db;
  private records!: Collection;
  constructor(private readonly url: string) {}
  async init() {
    this.client = ${made};
    await this.client.connect();
    this.db = this.client.db();
    this.records = ${collection};
    await this.records.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 1 });
  }
  get(key: string) {
    return this.records.findOne({ key });
  }
  async put(key: string, value: unknown) {
    await this.records.updateOne({ key }, { $set: { value } }, { upsert: true });
  }
}`;

ruleTester.run('require-timeout: a store class whose queries share one MongoDB client made in the class', requireTimeout, {
  valid: [
    store('new MongoClient(this.url, { socketTimeoutMS: 30_000 })'),
    store('new MongoClient(this.url, { appName: "sso", socketTimeoutMS: 30_000 })'),
  ],
  invalid: [
    {
      code: store('new MongoClient(this.url)'),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 8,
        suggestions: [{ messageId: 'fixInstanceTimeout', data: { options: 'socketTimeoutMS: 30_000' }, output: store('new MongoClient(this.url, { socketTimeoutMS: 30_000 })') }],
      }],
    },
    {
      // options given, none that bounds a socket: set it among them
      code: store("new MongoClient(this.url, { appName: 'sso' })"),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 8,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: store("new MongoClient(this.url, { appName: 'sso', socketTimeoutMS: 30_000 })") }],
      }],
    },
    {
      // a collection given options of its own is a client of its own: its queries are judged one by one
      code: store('new MongoClient(this.url)', "this.db.collection('records', { readPreference: 'primary' })"),
      errors: [
        { messageId: 'missingTimeout', line: 12, suggestions: 1 },
        { messageId: 'missingTimeout', line: 15, suggestions: 1 },
        { messageId: 'missingTimeout', line: 18, suggestions: 1 },
      ],
    },
  ],
});

describe('the fix at the client, against the driver\'s own types', () => {
  it('compiles, and leaves none of the queries unbounded', () => {
    const source = store('new MongoClient(this.url)');
    const findings = lint(source, 'store.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    expect(findings.map((found) => source.slice(0, found.offset).split('\n').length)).toEqual([8]);
    const fixed = applyFix(source, findings[0]!.suggestions[0]!);
    expect(typeErrors([fixed])[0]).toEqual([]);
    expect(lint(fixed, 'store.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
  }, 120_000);
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = (name: string, test: () => void) => it(name, test, 60_000);

// A package's own database wrapper whose method takes the SQL as a string and hands it to mysql2's pool (met on
// shopify-app-js's session storage, the nineteenth held-out round: eleven migration queries were reported at their
// callers with a `{ sql, timeout }` fix the wrapper's `sql: string` cannot take). A string carries no options, so the
// bound belongs in the wrapper: it is reported once there, and its callers are left alone. A method whose parameter
// has no type may be handed the query's options object, so its callers stay judged by what they pass.
const root = mkdtempSync(join(tmpdir(), 'resilint-string-sql-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = (name: string): string => join(root, name);

const storeConnection = `import mysql from 'mysql2/promise';
export class SessionStoreConnection {
  private readonly pool = mysql.createPool({ uri: process.env.SESSIONS_DB_URL });
  async run(sql: string, values: unknown[] = []) {
    return this.pool.query(sql, values);
  }
  // no type: the caller may pass the query's options, so the caller is judged
  async runAny(query, values = []) {
    return this.pool.query(query, values);
  }
}
`;
writeFileSync(file('store-connection.ts'), storeConnection);

const ruleTester = new RuleTester();

ruleTester.run('require-timeout: a wrapper taking its SQL as a string', requireTimeout, {
  valid: [
    {
      filename: file('migrate.ts'),
      code: `import { SessionStoreConnection } from './store-connection';
export async function addScopeColumn(connection: SessionStoreConnection) {
  await connection.run('ALTER TABLE sessions ADD COLUMN scope VARCHAR(1024)');
}`,
    },
  ],
  invalid: [
    // the wrapper itself, where the bound belongs (the untyped method is its callers' to bound)
    {
      filename: file('store-connection.ts'),
      code: storeConnection,
      errors: [{ messageId: 'missingTimeout', line: 5, suggestions: [{ messageId: 'fixClientTimeout', output: storeConnection.replace('this.pool.query(sql, values)', 'this.pool.query({ sql: sql, timeout: 5_000 }, values)') }] }],
    },
    // control: a caller of the untyped method
    {
      filename: file('migrate-untyped.ts'),
      code: `import { SessionStoreConnection } from './store-connection';
export async function addScopeColumn(connection: SessionStoreConnection) {
  await connection.runAny('ALTER TABLE sessions ADD COLUMN scope VARCHAR(1024)');
}`,
      errors: [{ messageId: 'missingTimeout', suggestions: 1 }],
    },
  ],
});

import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-try-outside-loop.js';

const ruleTester = new RuleTester();

/**
 * Loops that must stop at their first failure, where one try around the loop is right: each page is asked for at an
 * offset moved on by the previous answer, or each answer is appended in order to one stream a reader consumes. Set
 * against batches whose items do not depend on each other, where a failure should not abandon the rest. From a paged
 * CSV export (false report) and a loop deleting several tables that gave up at the first one (true report).
 */
ruleTester.run('no-try-outside-loop: loops that must stop', rule, {
  valid: [
    // rows read page after page at an offset moved on by how many the last page held, each written after the last
    `
import { Pool } from 'pg';
const pool = new Pool({ statement_timeout: 10_000 });
export async function exportOrders(customer: string, out: { push(chunk: string | null): void }): Promise<void> {
  let offset = 0;
  try {
    for (;;) {
      const { rows } = await pool.query('SELECT * FROM orders WHERE customer = $1 ORDER BY id LIMIT 500 OFFSET $2', [customer, offset]);
      if (rows.length === 0) break;
      out.push(rows.map((row) => JSON.stringify(row)).join('\\n'));
      offset += rows.length;
    }
    out.push(null);
  } catch (error) {
    out.push(\`export stopped: \${String(error)}\`);
    out.push(null);
  }
}`,
    // one report, a section a month, written in order to a stream made for it: a month left out would leave a hole
    `
import { PassThrough } from 'node:stream';
export function monthlyReport(months: string[]): PassThrough {
  const report = new PassThrough();
  void (async () => {
    try {
      for (const month of months) {
        const answer = await fetch(\`https://ledger.example.com/totals/\${month}\`, { signal: AbortSignal.timeout(10_000) });
        report.write(await answer.text());
      }
      report.end();
    } catch (error) {
      report.destroy(error as Error);
    }
  })();
  return report;
}`,
  ],
  invalid: [
    // tables removed one by one: each stands alone, and the first that fails leaves every later one in place
    {
      code: `
export async function removeTables(tableIds: string[]): Promise<void> {
  try {
    for (const tableId of tableIds) {
      await fetch(\`https://grid.example.com/tables/\${tableId}\`, { method: 'DELETE', signal: AbortSignal.timeout(5_000) });
    }
  } catch (error) {
    console.warn('removing tables failed', error);
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', suggestions: 2 }],
    },
    // answers collected into an array are no stream: the profiles already fetched could be kept
    {
      code: `
export async function loadProfiles(ids: string[]): Promise<unknown[]> {
  const profiles: unknown[] = [];
  try {
    for (const id of ids) {
      const answer = await fetch(\`https://people.example.com/profiles/\${id}\`, { signal: AbortSignal.timeout(5_000) });
      profiles.push(await answer.json());
    }
  } catch (error) {
    console.warn('some profiles could not be loaded', error);
  }
  return profiles;
}`,
      errors: [{ messageId: 'tryOutsideLoop', suggestions: 2 }],
    },
  ],
});

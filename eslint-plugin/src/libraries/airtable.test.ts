import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import noRetryNonIdempotent from '../rules/no-retry-non-idempotent.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// An export job copying scraped rows into an Airtable table in batches, each batch's create tried again by the
// function calling itself after any failure. airtable.js bounds every request itself (300 s by default), so nothing
// waits for ever; but its requests take no idempotency key, and a create that landed before a timeout or a lost
// connection is sent again, making the rows twice. Only the error can say a create did not land.
const ruleTester = new RuleTester();

const exporter = (guard: string, importLine = `import Airtable from 'airtable';`) => `${importLine}
const PAUSE_MS = 1_500;
export async function pushRows(base: Airtable.Base, table: string, rows: { fields: Airtable.FieldSet }[], left = 2): Promise<void> {
  try {
    await base(table).create(rows);
  } catch (failure) {
    if (${guard}) {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      return pushRows(base, table, rows, left - 1);
    }
    throw failure;
  }
}`;
const notApplied = 'failure instanceof Airtable.Error && failure.statusCode >= 500';

ruleTester.run('no-retry-non-idempotent (airtable)', noRetryNonIdempotent, {
  valid: [
    // retried only when Airtable answered with a server error: the create was not applied
    exporter(`left > 0 && ${notApplied}`),
    // an update by record id sets the same fields again: not reported (PUT)
    `import Airtable from 'airtable';
export async function rename(base: Airtable.Base, id: string, name: string, left = 2): Promise<void> {
  try {
    await base.table('Projects').replace(id, { Name: name });
  } catch (failure) {
    if (left > 0) return rename(base, id, name, left - 1);
    throw failure;
  }
}`,
  ],
  invalid: [
    {
      code: exporter('left > 0'),
      errors: [{
        messageId: 'retriedWithoutKey',
        line: 5,
        data: { call: '`Airtable table.create`', method: 'POST', retry: '`pushRows` (retrying by calling itself)', library: 'Airtable (`airtable`)' },
        suggestions: [{ messageId: 'fixRetryOnlyNotApplied', output: exporter(`left > 0 && ${notApplied}`) }],
      }],
    },
    {
      // the error class imported as a type only cannot be tested at run time: reported with no fix
      code: exporter('left > 0', `import type Airtable from 'airtable';`),
      errors: [{ messageId: 'retriedWithoutKey', line: 5, suggestions: [] }],
    },
  ],
});

ruleTester.run('require-timeout (airtable)', requireTimeout, {
  valid: [
    // bounded by airtable.js's own 300 s request timeout
    exporter('left > 0'),
    `import Airtable from 'airtable';
const base = new Airtable({ apiKey: process.env.AIRTABLE_TOKEN }).base('appExample');
export const firstRows = () => base('Leads').select({ pageSize: 10 }).firstPage();`,
  ],
  invalid: [],
});

describe('the airtable retry fix', () => {
  it('compiles against the real airtable.js types', { timeout: 60_000 }, () => {
    const source = exporter('left > 0');
    const [finding] = lint(source, 'push-rows.ts').findings.filter((found) => found.ruleId === 'resilint/no-retry-non-idempotent');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    expect(typeErrors([source, fixed])).toEqual([[], []]);
  });
});

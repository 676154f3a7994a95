import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * A second attempt that asks for something else after one specific refusal is a fallback, not a retry: the warehouse
 * refuses an optional setting for this user, the catch turns the setting off, and the loop runs the query once more
 * without it. Every other error is thrown. Nothing is sent again unchanged, so there is nothing to wait for.
 */

/** The switch read by the attempt itself. */
const inAttempt = (test: string, write: string) => `
import { createClient } from '@clickhouse/client';
const warehouse = createClient({ url: 'http://olap:8123', request_timeout: 20_000 });
export class Reports {
  private sampleRows = true;
  async run(sql: string) {
    let passes = 0;
    while (passes < 2) {
      try {
        return await warehouse.query({ query: sql, clickhouse_settings: this.sampleRows ? { max_rows_to_read: '500000' } : {} });
      } catch (error: any) {
        if (${test}) {
          ${write}
        } else {
          throw error;
        }
      }
      passes++;
    }
    throw new Error('not reached');
  }
}`;

/** The switch read by another method of the class, the one that builds what the attempt sends. */
const inSettings = `
import { createClient } from '@clickhouse/client';
const warehouse = createClient({ url: 'http://olap:8123', request_timeout: 20_000 });
export class Reports {
  protected capRefused = false;
  protected settings(): Record<string, string> {
    return this.capRefused ? {} : { max_rows_to_read: '500000' };
  }
  protected send(sql: string) {
    return warehouse.query({ query: sql, clickhouse_settings: this.settings() });
  }
  async run(sql: string) {
    for (let tries = 0; tries < 2; tries++) {
      try {
        return await this.send(sql);
      } catch (error: any) {
        if (!this.capRefused && error.type === 'READONLY' && String(error.message).includes('max_rows_to_read')) {
          this.capRefused = true;
          continue;
        }
        throw error;
      }
    }
    throw new Error('not reached');
  }
}`;

/** Control: a flag that only says "tried twice", read by nothing the request sends: the same query again, at once. */
const sameAgain = `
import { createClient } from '@clickhouse/client';
const warehouse = createClient({ url: 'http://olap:8123', request_timeout: 20_000 });
export async function run(sql: string) {
  let again = false;
  for (let tries = 0; tries < 2; tries++) {
    try {
      return await warehouse.query({ query: sql });
    } catch (error: any) {
      if (!again && error.type === 'READONLY') {
        again = true;
        continue;
      }
      throw error;
    }
  }
  throw new Error('not reached');
}`;

/** No count at all: the fallback alone ends the loop, since the switch, once off, lets the refusal be thrown. */
const uncounted = (test: string) => `
import { createClient } from '@clickhouse/client';
const warehouse = createClient({ url: 'http://olap:8123', request_timeout: 20_000 });
let compact = true;
export async function rows(sql: string) {
  while (true) {
    try {
      return await warehouse.query({ query: sql, format: compact ? 'JSONCompactEachRow' : 'JSONEachRow' });
    } catch (error: any) {
      if (${test}) {
        compact = false;
        continue;
      }
      throw error;
    }
  }
}`;

const fallbackCases = {
  valid: [
    inAttempt("this.sampleRows && error.type === 'READONLY'", 'this.sampleRows = false;'),
    inSettings,
  ],
};

ruleTester.run('retry-requires-backoff: a fallback to another form of the request', backoff, {
  ...fallbackCases,
  invalid: [
    {
      code: sameAgain,
      errors: [{ messageId: 'noDelay', suggestions: [{ messageId: 'fixAddBackoff', output: sameAgain.replace(
        '        again = true;\n',
        '        again = true;\n        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** tries)));\n',
      ) }] }],
    },
    // the switch is turned off whatever the error was (a timeout, a server down): the changed query is sent at once
    // to a server that has just failed, a retry of whatever failed
    {
      code: inAttempt('this.sampleRows', 'this.sampleRows = false;'),
      errors: [{ messageId: 'noDelay', suggestions: [{ messageId: 'fixAddBackoff', output: inAttempt('this.sampleRows', 'this.sampleRows = false;')
        .replace('    let passes = 0;\n', '    let passes = 0;\n    let retryDelayMs = 100;\n')
        .replace(
          '          throw error;\n        }\n',
          '          throw error;\n        }\n        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, retryDelayMs)));\n        retryDelayMs *= 2;\n',
        ) }] }],
    },
  ],
});

ruleTester.run('no-unbounded-retry: a fallback to another form of the request', unbounded, {
  valid: [
    ...fallbackCases.valid,
    uncounted("compact && error.code === 'UNKNOWN_FORMAT'"),
  ],
  invalid: [
    // control: the way round does not test the switch, so every refusal sends the query again, for ever
    {
      code: uncounted("error.code === 'UNKNOWN_FORMAT'"),
      errors: [{ messageId: 'unbounded', suggestions: [{ messageId: 'fixAddBound', output: uncounted("error.code === 'UNKNOWN_FORMAT'")
        .replace('  while (true) {\n', '  let attempts = 0;\n  while (true) {\n')
        .replace('    } catch (error: any) {\n', '    } catch (error: any) {\n      if (++attempts >= 3) throw error;\n') }] }],
    },
  ],
});
